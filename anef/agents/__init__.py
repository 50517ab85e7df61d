"""Agents module."""
