"""Issued attestations (filled in by the attestations work)."""
