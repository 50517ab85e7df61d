"""Employer accounts for tests and demo data: opened and confirmed at once, the company asked of API Entreprise."""
from __future__ import annotations

from anef.employers.services import create_employer, look_up_company
from anef.extensions import db
from anef.models import utcnow


def make_employer(email: str, password: str, siret: str, *, agency_siret: str | None = None,
                  given_names: str = "Claire", family_name: str = "Durand") -> int:
    """A confirmed employer account for ``siret`` (a mandataire's when ``agency_siret`` is given); returns its id."""
    user = create_employer(email=email, password=password, given_names=given_names, family_name=family_name,
                           locale="fr", company=look_up_company(siret),
                           agency=look_up_company(agency_siret) if agency_siret else None, verified_at=utcnow())
    db.session.commit()
    return user.id
