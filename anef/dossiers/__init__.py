"""Dossiers module."""
