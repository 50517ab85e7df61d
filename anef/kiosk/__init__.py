"""Kiosk mode (PAN, point d'accès numérique): préfecture devices enrolled by the service's local admin."""
