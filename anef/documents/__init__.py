"""Documents module."""
