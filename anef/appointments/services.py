"""Appointment rules: slots from opening hours, free slots, booking, moving and cancelling."""
from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError

from anef.appointments.models import ACTIVE, CANCELLED, Booking, Closure, Counter, OpeningRule, Slot
from anef.extensions import db
from anef.models import utcnow

PARIS = ZoneInfo("Europe/Paris")
MOVE_UNTIL = dt.timedelta(hours=48)
CANCEL_UNTIL = dt.timedelta(hours=4)


class BookingError(Exception):
    """A booking that cannot be made or changed; the message is for the person."""


def generate_slots(service_id: int, first_day: dt.date, days: int) -> int:
    """Create the slots of ``days`` days from the counters' opening hours, skipping closures (idempotent)."""
    closures = db.session.scalars(select(Closure).where(Closure.service_id == service_id)).all()
    counters = db.session.scalars(select(Counter).where(Counter.service_id == service_id)).all()
    rules = db.session.scalars(select(OpeningRule).where(
        OpeningRule.counter_id.in_([c.id for c in counters]))).all() if counters else []
    existing = {(s.counter_id, s.starts_at) for s in db.session.scalars(select(Slot).where(
        Slot.counter_id.in_([c.id for c in counters]),
        Slot.starts_at >= dt.datetime.combine(first_day, dt.time(), PARIS)))} if counters else set()
    motifs = {c.id: c.motif_id for c in counters}
    from anef.appointments.models import Motif

    durations = {m.id: m.duration_minutes for m in db.session.scalars(select(Motif).where(
        Motif.id.in_(set(motifs.values()))))} if motifs else {}
    created = 0
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        if any(c.first_day <= day <= c.last_day for c in closures):
            continue
        for rule in (r for r in rules if r.weekday == day.weekday()):
            length = dt.timedelta(minutes=durations[motifs[rule.counter_id]])
            start = dt.datetime.combine(day, rule.starts, PARIS)
            end_of_period = dt.datetime.combine(day, rule.ends, PARIS)
            while start + length <= end_of_period:
                key = (rule.counter_id, start.astimezone(dt.timezone.utc))
                if key not in existing:
                    db.session.add(Slot(counter_id=rule.counter_id, motif_id=motifs[rule.counter_id],
                                        starts_at=key[1], ends_at=(start + length).astimezone(dt.timezone.utc)))
                    existing.add(key)
                    created += 1
                start += length
    db.session.commit()
    return created


def free_slots(motif_id: int, after: dt.datetime, before: dt.datetime, limit: int = 200) -> list[Slot]:
    """Slots of a reason with no active booking, in time order, in one query."""
    taken = select(Booking.id).where(Booking.slot_id == Slot.id, Booking.status == ACTIVE).exists()
    return db.session.scalars(select(Slot).where(
        Slot.motif_id == motif_id, Slot.starts_at > after, Slot.starts_at < before, ~taken)
        .order_by(Slot.starts_at, Slot.id).limit(limit)).all()


def book(*, user_id: int, slot_id: int, dossier_id: int | None = None) -> Booking:
    """Book a slot; the database refuses a slot already taken or a second booking for the same reason."""
    slot = db.session.get(Slot, slot_id)
    if slot is None or slot.starts_at <= utcnow():
        raise BookingError(str(_l("Ce créneau n'est plus disponible. Choisissez-en un autre.")))
    booking = Booking(slot_id=slot.id, motif_id=slot.motif_id, user_id=user_id, dossier_id=dossier_id,
                      status=ACTIVE, token=secrets.token_urlsafe(32))
    db.session.add(booking)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        mine = db.session.scalar(select(Booking.id).where(
            Booking.user_id == user_id, Booking.motif_id == slot.motif_id, Booking.status == ACTIVE))
        if mine:
            raise BookingError(str(_l("Vous avez déjà un rendez-vous pour ce motif : déplacez-le plutôt que "
                                      "d'en prendre un second."))) from None
        raise BookingError(str(_l("Ce créneau vient d'être réservé par quelqu'un d'autre. "
                                  "Choisissez-en un autre."))) from None
    return booking


def cancel(booking: Booking, *, now: dt.datetime | None = None) -> None:
    """Cancel an appointment, until 4 hours before it."""
    now = now or utcnow()
    if booking.status != ACTIVE:
        raise BookingError(str(_l("Ce rendez-vous n'est plus actif.")))
    if booking.slot.starts_at - now < CANCEL_UNTIL:
        raise BookingError(str(_l("Un rendez-vous ne peut plus être annulé moins de 4 heures avant.")))
    booking.status = CANCELLED
    db.session.commit()


def move(booking: Booking, new_slot_id: int, *, now: dt.datetime | None = None) -> Booking:
    """Move an appointment to another slot of the same reason, until 48 hours before it."""
    now = now or utcnow()
    if booking.status != ACTIVE:
        raise BookingError(str(_l("Ce rendez-vous n'est plus actif.")))
    if booking.slot.starts_at - now < MOVE_UNTIL:
        raise BookingError(str(_l("Un rendez-vous ne peut plus être déplacé moins de 48 heures avant.")))
    new_slot = db.session.get(Slot, new_slot_id)
    if new_slot is None or new_slot.motif_id != booking.motif_id:
        raise BookingError(str(_l("Ce créneau ne correspond pas au motif du rendez-vous.")))
    # Free the old slot and take the new one in one transaction: if the new one is gone, nothing changes.
    booking.status = CANCELLED
    db.session.flush()
    replacement = Booking(slot_id=new_slot.id, motif_id=booking.motif_id, user_id=booking.user_id,
                          dossier_id=booking.dossier_id, status=ACTIVE, token=secrets.token_urlsafe(32))
    db.session.add(replacement)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise BookingError(str(_l("Ce créneau vient d'être réservé par quelqu'un d'autre. "
                                  "Votre rendez-vous actuel est conservé."))) from None
    return replacement


def active_booking(user_id: int, motif_id: int) -> Booking | None:
    """The person's current appointment for a reason."""
    return db.session.scalar(select(Booking).where(and_(
        Booking.user_id == user_id, Booking.motif_id == motif_id, Booking.status == ACTIVE)))
