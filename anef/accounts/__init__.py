"""Accounts module."""
