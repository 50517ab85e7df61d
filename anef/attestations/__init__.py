"""Attestations module."""
