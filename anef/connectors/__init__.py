"""Connectors: the answers of other State systems (AGDREF, FPR, CJN, SIS, VISABIO, API Entreprise, OFPRA, ANTS)
about the person of a dossier, asked in background jobs and cached per dossier."""
