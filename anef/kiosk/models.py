"""Kiosk devices: a browser at a préfecture, enrolled by the service's local admin, known by a device token."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow


class KioskDevice(db.Model):
    """One kiosk of a service. Only SHA-256 digests of its secrets are kept: the one-time enrolment code, the
    device token its browser holds in a cookie, and the short-lived token that re-arms that cookie after the
    browser's data is cleared at the end of each visit."""

    __tablename__ = "kiosk_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    enrol_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrol_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    rearm_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    rearm_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    service = relationship("Service", lazy="joined")

    @property
    def status(self) -> str:
        """``revoquee``, ``enrolee`` or ``en_attente`` (created, not enrolled yet)."""
        if self.revoked_at is not None:
            return "revoquee"
        return "enrolee" if self.token_hash else "en_attente"
