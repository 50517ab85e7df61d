"""Assisted filing: a mediator acts in a person's space under a mandate the person consented to."""
