"""The agenda and booking rules; double bookings are refused by the database itself."""
import datetime as dt
import os
import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

MONDAY = dt.date(2030, 1, 7)


@pytest.fixture
def agenda(app):
    """Préfecture de Paris: card collection, 15 min, one counter, Monday 9:00-10:00 (4 slots a Monday)."""
    from anef.agents.models import Service
    from anef.appointments.models import Counter, Motif, OpeningRule
    from anef.extensions import db

    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.code == "pref-75"))
        motif = Motif(service_id=service.id, code="remise", label="Remise du titre", duration_minutes=15)
        db.session.add(motif)
        db.session.flush()
        counter = Counter(service_id=service.id, name="Guichet 1", motif_id=motif.id)
        db.session.add(counter)
        db.session.flush()
        db.session.add(OpeningRule(counter_id=counter.id, weekday=0, starts=dt.time(9), ends=dt.time(10)))
        db.session.commit()
        return {"service": service.id, "motif": motif.id, "counter": counter.id}


def slots(app, agenda, first_day=MONDAY, days=14):
    from anef.appointments import services

    with app.app_context():
        services.generate_slots(agenda["service"], first_day, days)
        after = dt.datetime.combine(first_day, dt.time(), dt.timezone.utc)
        return [s.id for s in services.free_slots(agenda["motif"], after, after + dt.timedelta(days=days))]


def test_slots_follow_opening_hours_and_closures_and_generation_is_idempotent(app, agenda):
    from anef.appointments.models import Closure, Slot
    from anef.appointments.services import generate_slots
    from anef.extensions import db

    with app.app_context():
        db.session.add(Closure(service_id=agenda["service"], first_day=MONDAY + dt.timedelta(days=7),
                               last_day=MONDAY + dt.timedelta(days=7), reason="Jour férié"))
        db.session.commit()
    ids = slots(app, agenda)
    assert len(ids) == 4  # two Mondays, the second closed
    with app.app_context():
        assert generate_slots(agenda["service"], MONDAY, 14) == 0
        first = db.session.get(Slot, ids[0])
        assert first.starts_at.astimezone(dt.timezone.utc) == dt.datetime(2030, 1, 7, 8, 0, tzinfo=dt.timezone.utc)


def test_a_booked_slot_is_no_longer_free_and_cannot_be_taken_twice(app, agenda, applicant, other_applicant):
    from anef.appointments import services

    ids = slots(app, agenda)
    with app.app_context():
        services.book(user_id=applicant, slot_id=ids[0])
        assert ids[0] not in [s.id for s in services.free_slots(
            agenda["motif"], dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc),
            dt.datetime(2030, 2, 1, tzinfo=dt.timezone.utc))]
        with pytest.raises(services.BookingError, match="quelqu'un d'autre"):
            services.book(user_id=other_applicant, slot_id=ids[0])
        with pytest.raises(services.BookingError, match="déjà un rendez-vous"):
            services.book(user_id=applicant, slot_id=ids[1])


def test_the_database_itself_refuses_double_bookings(app, agenda, applicant, other_applicant):
    from anef.extensions import db

    ids = slots(app, agenda)
    insert = text("INSERT INTO appointment_bookings (slot_id, motif_id, user_id, status, token, created_at) "
                  "VALUES (:slot, :motif, :user, 'active', :token, CURRENT_TIMESTAMP)")
    with app.app_context():
        db.session.execute(insert, {"slot": ids[0], "motif": agenda["motif"], "user": applicant, "token": "a"})
        db.session.commit()
        with pytest.raises(IntegrityError):  # same slot, someone else
            db.session.execute(insert, {"slot": ids[0], "motif": agenda["motif"], "user": other_applicant,
                                        "token": "b"})
        db.session.rollback()
        with pytest.raises(IntegrityError):  # same person, same reason, another slot
            db.session.execute(insert, {"slot": ids[1], "motif": agenda["motif"], "user": applicant, "token": "c"})
        db.session.rollback()


def test_move_until_48_hours_and_cancel_until_4_hours(app, agenda, applicant):
    from anef.appointments import services
    from anef.appointments.models import Booking, Slot
    from anef.extensions import db

    ids = slots(app, agenda)
    with app.app_context():
        booking = services.book(user_id=applicant, slot_id=ids[0])
        start = db.session.get(Slot, ids[0]).starts_at
        with pytest.raises(services.BookingError, match="48 heures"):
            services.move(booking, ids[1], now=start - dt.timedelta(hours=47))
        moved = services.move(booking, ids[1], now=start - dt.timedelta(days=3))
        assert db.session.get(Booking, booking.id).status == "cancelled" and moved.slot_id == ids[1]
        new_start = db.session.get(Slot, ids[1]).starts_at
        with pytest.raises(services.BookingError, match="4 heures"):
            services.cancel(moved, now=new_start - dt.timedelta(hours=3))
        services.cancel(moved, now=new_start - dt.timedelta(hours=5))
        assert services.active_booking(applicant, agenda["motif"]) is None
        # Cancelled: the person may book again.
        assert services.book(user_id=applicant, slot_id=ids[0]).status == "active"


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="a real concurrency test needs PostgreSQL")
def test_many_people_booking_the_last_slot_at_once_one_wins(app, agenda, make_user):
    from anef.appointments import services
    from anef.extensions import db

    ids = slots(app, agenda, days=1)
    last = ids[-1]
    people = [make_user(f"p{i}@example.fr") for i in range(12)]
    barrier = threading.Barrier(len(people))
    outcomes = []

    def attempt(user_id):
        with app.app_context():
            barrier.wait()
            try:
                services.book(user_id=user_id, slot_id=last)
                outcomes.append("booked")
            except services.BookingError as exc:
                outcomes.append(str(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("booked") == 1
    assert all("quelqu'un d'autre" in o for o in outcomes if o != "booked")


def test_a_closure_decided_later_hides_slots_even_ones_freed_by_a_cancellation(app, agenda, applicant):
    from anef.appointments import services
    from anef.appointments.models import Closure
    from anef.extensions import db

    ids = slots(app, agenda)
    with app.app_context():
        booking = services.book(user_id=applicant, slot_id=ids[0])
        services.cancel(booking, now=dt.datetime(2029, 12, 1, tzinfo=dt.timezone.utc))
        db.session.add(Closure(service_id=agenda["service"], first_day=MONDAY, last_day=MONDAY, reason="Grève"))
        db.session.commit()
        after = dt.datetime.combine(MONDAY, dt.time(), dt.timezone.utc)
        free = [s.id for s in services.free_slots(agenda["motif"], after, after + dt.timedelta(days=14))]
        assert ids[0] not in free and len(free) == len(ids) - 4  # the whole closed Monday is gone
