"""Messages of a dossier (filled in by the messages work)."""
