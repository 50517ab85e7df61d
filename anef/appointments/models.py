"""The agenda of a service (reasons, counters, opening hours, closures, slots) and the bookings."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Time, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

ACTIVE = "active"
CANCELLED = "cancelled"
NO_SHOW = "no_show"
DONE = "done"


class Motif(db.Model):
    """A reason for an appointment at a service, with its duration."""

    __tablename__ = "appointment_motifs"
    __table_args__ = (UniqueConstraint("service_id", "code", name="uq_appointment_motifs_service_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    code: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200))
    duration_minutes: Mapped[int] = mapped_column(default=15)
    takes_fingerprints: Mapped[bool] = mapped_column(default=False)


class Counter(db.Model):
    """A counter (guichet) of a service, serving some reasons."""

    __tablename__ = "appointment_counters"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    motif_id: Mapped[int] = mapped_column(ForeignKey("appointment_motifs.id"))


class OpeningRule(db.Model):
    """A weekly opening period of a counter (weekday 0 = Monday)."""

    __tablename__ = "appointment_opening_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("appointment_counters.id"), index=True)
    weekday: Mapped[int]
    starts: Mapped[dt.time] = mapped_column(Time)
    ends: Mapped[dt.time] = mapped_column(Time)


class Closure(db.Model):
    """Days a service is closed (holidays, strikes, works)."""

    __tablename__ = "appointment_closures"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")


class Slot(db.Model):
    """One bookable time at one counter, for the counter's reason."""

    __tablename__ = "appointment_slots"
    __table_args__ = (
        UniqueConstraint("counter_id", "starts_at", name="uq_appointment_slots_counter_start"),
        Index("ix_appointment_slots_motif_start", "motif_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("appointment_counters.id"))
    motif_id: Mapped[int] = mapped_column(ForeignKey("appointment_motifs.id"))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    counter = relationship("Counter", lazy="joined")


class Booking(db.Model):
    """A person's appointment. The database, not only the code, forbids double bookings."""

    __tablename__ = "appointment_bookings"
    __table_args__ = (
        # One active booking per slot: two people can never hold the same slot.
        Index("uq_appointment_bookings_active_slot", "slot_id", unique=True,
              sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'")),
        # One active booking per person and reason.
        Index("uq_appointment_bookings_active_user_motif", "user_id", "motif_id", unique=True,
              sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("appointment_slots.id"), index=True)
    motif_id: Mapped[int] = mapped_column(ForeignKey("appointment_motifs.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"))
    status: Mapped[str] = mapped_column(String(16), default=ACTIVE)
    # Printed as a QR code on the convocation; the agent scans it at check-in.
    token: Mapped[str] = mapped_column(String(43), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    slot = relationship("Slot", lazy="joined")


class WaitlistEntry(db.Model):
    """A person who would take an earlier slot for a reason if one frees up."""

    __tablename__ = "appointment_waitlist"
    __table_args__ = (UniqueConstraint("user_id", "motif_id", name="uq_appointment_waitlist_user_motif"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    motif_id: Mapped[int] = mapped_column(ForeignKey("appointment_motifs.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    offered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
