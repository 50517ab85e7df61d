"""The national contact centre (« centre de contact citoyen »): its agents answer callers from any filed dossier's
state and history, read-only, and forward a caller's question to the instructing service as a message."""
