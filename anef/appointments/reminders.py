"""Reminders 48 hours before an appointment, sent once, by the person's channels (e-mail, SMS)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from anef.appointments.models import ACTIVE, Booking, Slot
from anef.extensions import db
from anef.models import utcnow

REMIND_BEFORE = dt.timedelta(hours=48)


def send_reminders(now: dt.datetime | None = None) -> int:
    """Job: remind every active appointment starting within 48 hours that was not reminded yet; return how many."""
    from anef.notifications.services import notify
    from anef.urls import absolute_url

    now = now or utcnow()
    due = db.session.scalars(select(Booking).join(Slot, Booking.slot_id == Slot.id).where(
        Booking.status == ACTIVE, Booking.reminded_at.is_(None),
        Slot.starts_at > now, Slot.starts_at <= now + REMIND_BEFORE)).all()
    for booking in due:
        from anef.accounts.models import User
        from anef.dossiers.models import Dossier

        person = db.session.get(User, booking.user_id)
        dossier = db.session.get(Dossier, booking.dossier_id) if booking.dossier_id else None
        link = absolute_url("appointments.book", reference=dossier.reference) if dossier else absolute_url("public.home")
        notify(person, "appointment_reminder", key=f"appointment_reminder:{booking.id}", dossier=dossier,
               booking=booking, link=link)
        # Marked in the same transaction as the e-mail: a repeat run sends nothing twice.
        booking.reminded_at = now
    db.session.commit()
    return len(due)
