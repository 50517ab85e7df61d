"""Calendar module."""
