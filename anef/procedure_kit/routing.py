"""Which service instructs a dossier."""
from __future__ import annotations

from anef.territories import departement_from_postcode, prefecture_service_code


def prefecture_of_address(answers: dict, step: str = "adresse", field: str = "code_postal") -> str | None:
    """The préfecture of the département of the address given in ``answers[step][field]``, or None."""
    departement = departement_from_postcode(str((answers.get(step) or {}).get(field) or ""))
    return prefecture_service_code(departement) if departement else None
