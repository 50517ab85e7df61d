"""Tests of the national contact centre."""
