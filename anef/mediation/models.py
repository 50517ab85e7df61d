"""Mandates (a person's consent to a mediator, with its scope and duration) and what was done under them."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

CONSENT_SMS = "sms"
CONSENT_EMAIL = "courriel"
CONSENT_SIGNATURE = "signature"
CONSENT_METHODS = (CONSENT_SMS, CONSENT_EMAIL, CONSENT_SIGNATURE)


class Mandate(db.Model):
    """A person allows a mediator of a service to act in their space, for one procedure or all their requests
    (``procedure`` None), for ``duration_hours`` from their consent. Like an Aidants Connect mandate, it says
    how consent was given: a code sent to the person's phone or e-mail and typed back, or a signature at the
    counter (``consent_reference``: the signed form's number)."""

    __tablename__ = "mandates"
    __table_args__ = (Index("ix_mandates_mediator_created", "mediator_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    procedure: Mapped[str | None] = mapped_column(String(64))
    duration_hours: Mapped[int] = mapped_column()
    consent_method: Mapped[str] = mapped_column(String(16))
    # Where the code went (masked), or the number of the form signed at the counter.
    consent_reference: Mapped[str | None] = mapped_column(String(100))
    consent_code_id: Mapped[int | None] = mapped_column(ForeignKey("one_time_codes.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    consented_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    person = relationship("User", foreign_keys=[person_id], lazy="joined")
    mediator = relationship("User", foreign_keys=[mediator_id], lazy="joined")
    service = relationship("Service", lazy="joined")

    def is_live(self, now: dt.datetime | None = None) -> bool:
        """Consented, not revoked, not expired."""
        now = now or utcnow()
        return (self.consented_at is not None and self.revoked_at is None and self.expires_at is not None
                and now < self.expires_at)

    @property
    def status(self) -> str:
        """``en_attente`` (no consent yet), ``actif``, ``revoque`` or ``expire``."""
        if self.revoked_at is not None:
            return "revoque"
        if self.consented_at is None:
            return "en_attente"
        return "actif" if self.is_live() else "expire"


class MediationAct(db.Model):
    """Something a mediator did in a person's space under a mandate: a change of a dossier's state
    (``transition_id``) or another action (``endpoint``), recorded as done on the person's behalf."""

    __tablename__ = "mediation_acts"

    id: Mapped[int] = mapped_column(primary_key=True)
    mandate_id: Mapped[int] = mapped_column(ForeignKey("mandates.id"), index=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    transition_id: Mapped[int | None] = mapped_column(ForeignKey("transitions.id"), unique=True)
    endpoint: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    transition = relationship("Transition")
