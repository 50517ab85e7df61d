"""Audit module: the tamper-evident log of who looked at what."""
