"""The service's working notes on a dossier: the checklist ticked by agents, and private annotations (never shown
to the applicant)."""
