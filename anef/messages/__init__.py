"""Messages between an applicant and the service instructing their dossier."""
