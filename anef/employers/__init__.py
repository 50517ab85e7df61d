"""Employer accounts: sign-up from « Espace employeur » with a SIRET checked against API Entreprise."""
