"""Which service instructs a dossier."""
from __future__ import annotations

from anef.territories import departement_from_postcode, prefecture_service_code


def prefecture_of_address(answers: dict, step: str = "adresse", field: str = "code_postal") -> str | None:
    """The préfecture of the département of the address given in ``answers[step][field]``, or None."""
    departement = departement_from_postcode(str((answers.get(step) or {}).get(field) or ""))
    return prefecture_service_code(departement) if departement else None


def platform_of_address(answers: dict, kind: str, step: str = "adresse", field: str = "code_postal") -> str | None:
    """The service of ``kind`` (a platform covering several départements) for the address's département, or
    the département's préfecture when no such platform covers it; None without a valid postcode."""
    from sqlalchemy import select

    from anef.agents.models import Service
    from anef.extensions import db

    departement = departement_from_postcode(str((answers.get(step) or {}).get(field) or ""))
    if not departement:
        return None
    # A few dozen platforms at most: read them all rather than search inside a JSON column.
    for code, departements in db.session.execute(select(Service.code, Service.departements)
                                                 .where(Service.kind == kind).order_by(Service.code)):
        if departement in (departements or ()):
            return code
    return prefecture_service_code(departement)
