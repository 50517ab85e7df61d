"""Fraud signals: on a dossier (numbers, files or identity shared with other people's dossiers) and on agents
(volume alerts computed from the audit log)."""
