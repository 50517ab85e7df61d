"""Declarations of impossibility to file online (the substitute channel)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

ONLINE = "en_ligne"
KIOSK = "borne"
MEDIATOR = "mediateur"


class SubstituteDeclaration(db.Model):
    """A person says they cannot file online: who, for which procedure, why, how to reach them. ``received_at``
    is the timestamp that protects their deadlines; the préfecture of their postcode's département handles it."""

    __tablename__ = "substitute_declarations"
    __table_args__ = (Index("ix_substitute_declarations_service_received", "service_id", "received_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)
    given_names: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    procedure: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    details: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    address_lines: Mapped[str] = mapped_column(Text)
    postcode: Mapped[str] = mapped_column(String(5))
    town: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(254))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    # Where it was made: online, at a kiosk, or by a mediator for the person.
    channel: Mapped[str] = mapped_column(String(16), default=ONLINE)
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk_devices.id"))
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    service = relationship("Service", lazy="joined")
