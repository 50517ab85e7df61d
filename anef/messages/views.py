"""Message pages (filled in by the messages work)."""
