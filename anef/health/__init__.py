"""Health module."""
