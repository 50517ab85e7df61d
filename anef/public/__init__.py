"""Public module."""
