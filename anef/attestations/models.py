"""Attestations issued for dossiers, and the log of their public verifications."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

DEPOT = "depot"
PROLONGATION = "prolongation"
DECISION_FAVORABLE = "decision_favorable"
REFUS = "refus"
KINDS = (DEPOT, PROLONGATION, DECISION_FAVORABLE, REFUS)

CURRENT = "current"
SUPERSEDED = "superseded"
REVOKED = "revoked"
STATUSES = (CURRENT, SUPERSEDED, REVOKED)


class Attestation(db.Model):
    """One attestation issued for a dossier, as printed and signed: who holds it, what it is, how long it lasts.

    The holder's data and the signed token are copied at issue, so that what was printed stays
    verifiable even if the dossier's answers change later.
    """

    __tablename__ = "attestations"
    __table_args__ = (
        # At most one current attestation of each kind per dossier: two job runs cannot both renew.
        Index("uq_attestations_current_kind", "dossier_id", "kind", unique=True,
              sqlite_where=text("status = 'current'"), postgresql_where=text("status = 'current'")),
        # The renewal job: current prolongations ending soon.
        Index("ix_attestations_kind_status_until", "kind", "status", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # 12 Crockford base32 characters, stored without separators (printed as XXXX-XXXX-XXXX).
    code: Mapped[str] = mapped_column(String(12), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=CURRENT)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    # None: no end (an attestation de dépôt, a refusal).
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("attestations.id"))
    superseded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(String(32))
    holder_name: Mapped[str] = mapped_column(String(400))
    holder_birth_date: Mapped[dt.date | None] = mapped_column(Date)
    authorises_work: Mapped[bool] = mapped_column(Boolean, default=False)
    # The signed token printed in the QR code (key rotation must not change what was printed).
    token: Mapped[str] = mapped_column(Text)

    dossier = relationship("Dossier", backref=backref("attestations", order_by="Attestation.id", lazy="select"))
    superseded_by = relationship("Attestation", remote_side=[id])

    @property
    def display_code(self) -> str:
        """The short code in groups of four, as printed."""
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))


class Verification(db.Model):
    """One public verification: when, what it concluded, and a keyed hash of the visitor's address (never the address)."""

    __tablename__ = "attestation_verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    attestation_id: Mapped[int | None] = mapped_column(ForeignKey("attestations.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    # How the visitor came: "token" (QR code or link) or "code" (typed short code).
    via: Mapped[str] = mapped_column(String(8))
    ip_hash: Mapped[str] = mapped_column(String(64))
