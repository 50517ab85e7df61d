"""Dev module."""
