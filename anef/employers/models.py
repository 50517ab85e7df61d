"""The company behind an employer account."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

EMPLOYEUR = "employeur"
MANDATAIRE = "mandataire"


class EmployerProfile(db.Model):
    """The establishment an employer account files for, as API Entreprise described it at sign-up.

    ``siret`` is always the employer's (the establishment that hires); a mandataire (an agency acting for the
    employer) also has its own ``agency_siret`` and ``agency_name``.
    """

    __tablename__ = "employer_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    capacity: Mapped[str] = mapped_column(String(16), default=EMPLOYEUR)
    siret: Mapped[str] = mapped_column(String(14), index=True)
    company_name: Mapped[str] = mapped_column(String(200))
    company_address: Mapped[str | None] = mapped_column(String(300))
    naf: Mapped[str | None] = mapped_column(String(8))
    agency_siret: Mapped[str | None] = mapped_column(String(14))
    agency_name: Mapped[str | None] = mapped_column(String(200))
    verified_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_mandataire(self) -> bool:
        return self.capacity == MANDATAIRE
