"""Steering: a service's and the country's indicators (flows, backlog, processing times, legal clock)."""
