"""Appointment rules: slots from opening hours, free slots, booking, moving and cancelling."""
from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from anef.appointments.models import ACTIVE, CANCELLED, DONE, NO_SHOW, Booking, Closure, Counter, OpeningRule, Slot
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
    # A closure decided after the slots were made hides them too (opening hours never cross midnight).
    closed = (select(Closure.id).join(Counter, Counter.service_id == Closure.service_id)
              .where(Counter.id == Slot.counter_id, func.date(Slot.starts_at) >= Closure.first_day,
                     func.date(Slot.starts_at) <= Closure.last_day).exists())
    return db.session.scalars(select(Slot).where(
        Slot.motif_id == motif_id, Slot.starts_at > after, Slot.starts_at < before, ~taken, ~closed)
        .order_by(Slot.starts_at, Slot.id).limit(limit)).all()


def _bookable(slot_id: int, motif_id: int | None) -> Slot:
    """The slot if it is still to come and, when ``motif_id`` is given, of that reason."""
    slot = db.session.get(Slot, slot_id)
    if slot is None or slot.starts_at <= utcnow() or (motif_id is not None and slot.motif_id != motif_id):
        raise BookingError(str(_l("Ce créneau n'est plus disponible. Choisissez-en un autre.")))
    return slot


def book(*, user_id: int, slot_id: int, dossier_id: int | None = None, motif_id: int | None = None) -> Booking:
    """Book a slot; the database refuses a slot already taken or a second booking for the same reason."""
    slot = _bookable(slot_id, motif_id)
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
    # A slot is free again: whoever waits for an earlier one hears of it.
    offer_freed_slot(booking.motif_id, now)


def move(booking: Booking, new_slot_id: int, *, now: dt.datetime | None = None) -> Booking:
    """Move an appointment to another slot of the same reason, until 48 hours before it."""
    now = now or utcnow()
    if booking.status != ACTIVE:
        raise BookingError(str(_l("Ce rendez-vous n'est plus actif.")))
    if booking.slot.starts_at - now < MOVE_UNTIL:
        raise BookingError(str(_l("Un rendez-vous ne peut plus être déplacé moins de 48 heures avant.")))
    new_slot = _bookable(new_slot_id, booking.motif_id)
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
    offer_freed_slot(booking.motif_id, now, except_user_id=booking.user_id)
    return replacement


def active_booking(user_id: int, motif_id: int) -> Booking | None:
    """The person's current appointment for a reason."""
    return db.session.scalar(select(Booking).where(and_(
        Booking.user_id == user_id, Booking.motif_id == motif_id, Booking.status == ACTIVE)))


COLLECTION = "remise"
FINGERPRINTS_AND_COLLECTION = "empreintes_remise"


def collection_motif(dossier):
    """The reason of the visit to collect the card: with fingerprints only if they were never taken.

    Fingerprints are taken at the consulate with every long-stay visa (VISABIO), and at the préfecture for
    every earlier card: only a first card without a French visa needs them.
    """
    from anef.appointments.models import Motif

    answers = dossier.answers or {}
    first_card = (answers.get("situation") or {}).get("demande") != "renouvellement"
    had_visa = bool((answers.get("entree") or {}).get("visa_numero"))
    code = FINGERPRINTS_AND_COLLECTION if first_card and not had_visa else COLLECTION
    return db.session.scalar(select(Motif).where(Motif.service_id == dossier.service_id, Motif.code == code))


def mark_card_ready(dossier, agent) -> None:
    """The card has arrived at the préfecture: record it and invite the applicant to book the visit."""
    from anef.dossiers import lifecycle
    from anef.notifications.services import notify
    from anef.urls import absolute_url

    if dossier.state != lifecycle.ACCEPTE or dossier.card_ready_at is not None:
        raise BookingError(str(_l("Le titre ne peut être signalé prêt que pour une demande acceptée, une seule fois.")))
    from anef.plugins import procedures

    info = procedures().get(dossier.procedure)
    if info is not None and not info.issues_card:
        raise BookingError(str(_l("Cette démarche ne délivre pas de titre à retirer.")))
    dossier.card_ready_at = utcnow()
    notify(dossier.applicant, "card_ready", key=f"card_ready:{dossier.reference}", dossier=dossier,
           link=absolute_url("appointments.book", reference=dossier.reference))
    db.session.commit()


def seed_agenda(service_id: int, first_day: dt.date, days: int = 42) -> None:
    """A default agenda: card collection (15 min) and fingerprints with collection (30 min), weekdays
    9:00-12:00 and 14:00-16:30, then the slots of the coming weeks (idempotent; demo data and new services)."""
    from anef.appointments.models import Motif

    wanted = [(COLLECTION, "Remise du titre de séjour", 15, False, 2),
              (FINGERPRINTS_AND_COLLECTION, "Prise d'empreintes et remise du titre", 30, True, 1)]
    for code, label, minutes, fingerprints, counters in wanted:
        motif = db.session.scalar(select(Motif).where(Motif.service_id == service_id, Motif.code == code))
        if motif is not None:
            continue
        motif = Motif(service_id=service_id, code=code, label=label, duration_minutes=minutes,
                      takes_fingerprints=fingerprints)
        db.session.add(motif)
        db.session.flush()
        for number in range(1, counters + 1):
            counter = Counter(service_id=service_id, name=f"Guichet {label.split()[0].lower()} {number}",
                              motif_id=motif.id)
            db.session.add(counter)
            db.session.flush()
            for weekday in range(5):
                db.session.add(OpeningRule(counter_id=counter.id, weekday=weekday, starts=dt.time(9),
                                           ends=dt.time(12)))
                db.session.add(OpeningRule(counter_id=counter.id, weekday=weekday, starts=dt.time(14),
                                           ends=dt.time(16, 30)))
    db.session.commit()
    generate_slots(service_id, first_day, days)


# ---------------------------------------------------------------- the counter (agents)


COUNTER_STATUSES = (ACTIVE, NO_SHOW, DONE)


def _paris_day_bounds(first_day: dt.date, last_day: dt.date | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where a Paris day (or a range of days) starts and ends."""
    last_day = last_day or first_day
    start = dt.datetime.combine(first_day, dt.time(), PARIS)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), PARIS)
    return start.astimezone(dt.timezone.utc), end.astimezone(dt.timezone.utc)


def day_bookings(service_id: int, day: dt.date) -> list:
    """The day's bookings of a service (expected, absent or done) in time order, in one query.

    Each row is ``(Booking, User, Motif, reference)``: the booking with its slot and counter loaded, the
    person, the reason and the dossier's reference (``None`` for a booking without a dossier).
    """
    from sqlalchemy.orm import contains_eager

    from anef.accounts.models import User
    from anef.appointments.models import Motif
    from anef.dossiers.models import Dossier

    start, end = _paris_day_bounds(day)
    return db.session.execute(
        select(Booking, User, Motif, Dossier.reference)
        .join(Booking.slot).join(Slot.counter)
        .join(User, User.id == Booking.user_id)
        .join(Motif, Motif.id == Booking.motif_id)
        .outerjoin(Dossier, Dossier.id == Booking.dossier_id)
        .options(contains_eager(Booking.slot).contains_eager(Slot.counter))
        .where(Counter.service_id == service_id, Slot.starts_at >= start, Slot.starts_at < end,
               Booking.status.in_(COUNTER_STATUSES))
        .order_by(Slot.starts_at, Counter.name, Booking.id)).all()


def service_booking(service_id: int, booking_id: int) -> Booking | None:
    """A booking if it is at one of the service's counters, else ``None``."""
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.slot.counter.service_id != service_id:
        return None
    return booking


def check_in(service_id: int, token: str, *, now: dt.datetime | None = None) -> Booking:
    """Record that the person of a convocation has arrived, from the token its QR code holds.

    Only an active booking of this service, today, is accepted; checking in twice changes nothing.
    """
    from flask_babel import format_date, format_time

    now = now or utcnow()
    token = (token or "").strip()
    booking = db.session.scalar(select(Booking).where(Booking.token == token)) if token else None
    if booking is None:
        raise BookingError(str(_l("Code de convocation inconnu : vérifiez-le, ou cherchez la personne "
                                  "dans la liste du jour.")))
    # Checked before the state, so that nothing is said about another service's appointments.
    if booking.slot.counter.service_id != service_id:
        raise BookingError(str(_l("Cette convocation est celle d'un autre service : la personne doit se présenter "
                                  "à la préfecture indiquée sur sa convocation.")))
    if booking.status == CANCELLED:
        raise BookingError(str(_l("Cette convocation a été annulée ou remplacée par un rendez-vous déplacé : "
                                  "demandez à la personne sa convocation la plus récente.")))
    if booking.status == NO_SHOW:
        raise BookingError(str(_l("Ce rendez-vous a été noté absent : la personne doit en reprendre un.")))
    if booking.status == DONE:
        raise BookingError(str(_l("Le titre a déjà été remis pour ce rendez-vous.")))
    starts = booking.slot.starts_at
    if starts.astimezone(PARIS).date() != now.astimezone(PARIS).date():
        raise BookingError(str(_l("Ce rendez-vous est prévu le %(date)s à %(time)s, pas aujourd'hui.",
                                  date=format_date(starts, "full"), time=format_time(starts, "short"))))
    if booking.checked_in_at is None:
        booking.checked_in_at = now
        db.session.commit()
    return booking


def mark_no_show(booking: Booking, *, now: dt.datetime | None = None) -> None:
    """The person did not come: the booking is kept as absent, and they may book again."""
    now = now or utcnow()
    if booking.status != ACTIVE:
        raise BookingError(str(_l("Ce rendez-vous n'est plus actif.")))
    if booking.checked_in_at is not None:
        raise BookingError(str(_l("Cette personne est arrivée : elle ne peut pas être notée absente.")))
    if booking.slot.starts_at > now:
        raise BookingError(str(_l("Une personne ne peut être notée absente qu'à partir de l'heure de son "
                                  "rendez-vous.")))
    # The unique indexes only cover active bookings: the slot and the person's reason are free again.
    booking.status = NO_SHOW
    db.session.commit()


def hand_over(booking: Booking, agent) -> None:
    """The card is handed to the person who checked in: the booking is done and the dossier ends in
    ``titre_remis``, in one transaction."""
    from anef.dossiers import services as dossier_services
    from anef.dossiers.models import Dossier

    if booking.slot.counter.service_id != agent.service_id or booking.status != ACTIVE:
        raise BookingError(str(_l("Ce rendez-vous n'est plus actif.")))
    if booking.checked_in_at is None:
        raise BookingError(str(_l("Enregistrez d'abord l'arrivée de la personne avec le code de sa convocation.")))
    dossier = db.session.get(Dossier, booking.dossier_id) if booking.dossier_id else None
    if dossier is None:
        raise BookingError(str(_l("Ce rendez-vous n'est lié à aucune demande.")))
    booking.status = DONE
    try:
        dossier_services.hand_over_card(dossier, agent)  # commits the booking with the transition
    except dossier_services.TransitionError as exc:
        db.session.rollback()
        raise BookingError(str(exc)) from None


def offer_freed_slot(motif_id: int, now: dt.datetime, *, except_user_id: int | None = None) -> int:
    """Tell everyone waiting for an earlier slot of this reason that one has freed up, once each.

    The e-mail links to the booking page of the dossier of their current appointment (their list of
    demands if none). Returns how many people were told.
    """
    from sqlalchemy.orm import aliased

    from anef.accounts.models import User
    from anef.appointments.models import WaitlistEntry
    from anef.dossiers.models import Dossier
    from anef.notifications.services import notify
    from anef.urls import absolute_url

    current = aliased(Booking)
    rows = db.session.execute(
        select(WaitlistEntry, User, Dossier.reference)
        .join(User, User.id == WaitlistEntry.user_id)
        .outerjoin(current, and_(current.user_id == WaitlistEntry.user_id, current.motif_id == motif_id,
                                 current.status == ACTIVE))
        .outerjoin(Dossier, Dossier.id == current.dossier_id)
        .where(WaitlistEntry.motif_id == motif_id, WaitlistEntry.offered_at.is_(None),
               WaitlistEntry.user_id != (except_user_id or 0))
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)).all()
    for entry, person, reference in rows:
        link = (absolute_url("appointments.book", reference=reference) if reference
                else absolute_url("dossiers.dashboard"))
        # One offer per time on the waiting list: a new wait (new created_at) may be offered again.
        notify(person, "earlier_slot", key=f"earlier_slot:{entry.id}:{entry.created_at.isoformat()}", link=link)
        entry.offered_at = now
    db.session.commit()
    return len(rows)


def agenda_overview(service_id: int) -> dict:
    """The service's reasons, its counters with their weekly hours, and its closures still to come."""
    from anef.appointments.models import Motif
    from anef.calendar.services import today

    motifs = db.session.scalars(select(Motif).where(Motif.service_id == service_id).order_by(Motif.label)).all()
    counters = db.session.scalars(select(Counter).where(Counter.service_id == service_id)
                                  .order_by(Counter.name, Counter.id)).all()
    rules = db.session.scalars(select(OpeningRule).where(OpeningRule.counter_id.in_([c.id for c in counters]))
                               .order_by(OpeningRule.weekday, OpeningRule.starts)).all() if counters else []
    closures = db.session.scalars(select(Closure).where(Closure.service_id == service_id,
                                                        Closure.last_day >= today())
                                  .order_by(Closure.first_day)).all()
    labels = {m.id: m.label for m in motifs}
    hours = {c.id: [r for r in rules if r.counter_id == c.id] for c in counters}
    return {"motifs": motifs, "closures": closures,
            "counters": [(c, labels.get(c.motif_id, ""), hours[c.id]) for c in counters]}


def add_closure(service_id: int, first_day: dt.date, last_day: dt.date, reason: str) -> int:
    """Close the service for some days: no slot will be generated then, and free slots never booked are removed.

    Returns how many active appointments fall in those days (the people have to be told).
    """
    from sqlalchemy import delete, func

    if last_day < first_day:
        raise BookingError(str(_l("Le dernier jour doit être le premier jour ou après.")))
    db.session.add(Closure(service_id=service_id, first_day=first_day, last_day=last_day,
                           reason=(reason or "").strip()[:200]))
    start, end = _paris_day_bounds(first_day, last_day)
    counters = select(Counter.id).where(Counter.service_id == service_id)
    in_period = and_(Slot.counter_id.in_(counters), Slot.starts_at >= start, Slot.starts_at < end)
    # A slot someone once booked stays, for the history of that booking.
    never_booked = ~select(Booking.id).where(Booking.slot_id == Slot.id).exists()
    db.session.execute(delete(Slot).where(in_period, never_booked).execution_options(synchronize_session=False))
    active = db.session.scalar(select(func.count(Booking.id)).join(Slot, Slot.id == Booking.slot_id)
                               .where(in_period, Booking.status == ACTIVE))
    db.session.commit()
    return active


def add_counter(service_id: int, name: str, motif_id: int) -> Counter:
    """Open a new counter for one of the service's reasons."""
    from anef.appointments.models import Motif

    motif = db.session.get(Motif, motif_id)
    if motif is None or motif.service_id != service_id:
        raise BookingError(str(_l("Ce motif n'appartient pas à votre service.")))
    counter = Counter(service_id=service_id, name=name.strip(), motif_id=motif.id)
    db.session.add(counter)
    db.session.commit()
    return counter


def add_opening(service_id: int, counter_id: int, weekday: int, starts: dt.time, ends: dt.time) -> OpeningRule:
    """Open a counter on a weekday between two times (slots are made by the next generation)."""
    counter = db.session.get(Counter, counter_id)
    if counter is None or counter.service_id != service_id:
        raise BookingError(str(_l("Ce guichet n'appartient pas à votre service.")))
    if not 0 <= weekday <= 6 or ends <= starts:
        raise BookingError(str(_l("L'heure de fin doit être après l'heure de début.")))
    clash = db.session.scalar(select(OpeningRule).where(
        OpeningRule.counter_id == counter.id, OpeningRule.weekday == weekday,
        OpeningRule.starts < ends, OpeningRule.ends > starts))
    if clash is not None:
        raise BookingError(str(_l("Ces horaires chevauchent une autre plage de ce guichet.")))
    rule = OpeningRule(counter_id=counter.id, weekday=weekday, starts=starts, ends=ends)
    db.session.add(rule)
    db.session.commit()
    return rule


def remove_opening(service_id: int, rule_id: int) -> None:
    """Stop a weekly opening period; slots already generated and booked stay."""
    rule = db.session.get(OpeningRule, rule_id)
    counter = db.session.get(Counter, rule.counter_id) if rule else None
    if counter is None or counter.service_id != service_id:
        raise BookingError(str(_l("Cette plage n'appartient pas à votre service.")))
    db.session.delete(rule)
    db.session.commit()


def join_waitlist(user_id: int, motif_id: int) -> bool:
    """Put a person on the waiting list of a reason; False when they were already waiting."""
    from anef.appointments.models import WaitlistEntry

    entry = db.session.scalar(select(WaitlistEntry).where(WaitlistEntry.user_id == user_id,
                                                          WaitlistEntry.motif_id == motif_id))
    if entry is not None and entry.offered_at is None:
        return False
    if entry is None:
        db.session.add(WaitlistEntry(user_id=user_id, motif_id=motif_id))
    else:
        # Told once already: one row per person and reason, so the same row waits again, last in line.
        entry.offered_at, entry.created_at = None, utcnow()
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the same request twice at once: the first one recorded it
    return True
