"""Requests for the opinion (avis) of another service on a dossier: the question, the other service's read-only
access while the request is open, and its answer."""
