"""Oversight: the audit log screens (auditor, local admin), read-only dossier pages, and what applicants see of
the consultations of their dossier."""
