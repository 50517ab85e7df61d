import datetime as dt

from sqlalchemy import select


def test_reminders_go_once_to_appointments_within_48_hours(app, applicant, other_applicant):
    from anef.agents.models import Service
    from anef.appointments.models import Booking, Counter, Motif, Slot
    from anef.appointments.reminders import send_reminders
    from anef.appointments.services import book
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.test_request_context():
        service = db.session.scalar(select(Service).where(Service.code == "pref-75"))
        motif = Motif(service_id=service.id, code="remise", label="Remise", duration_minutes=15)
        db.session.add(motif)
        db.session.flush()
        counter = Counter(service_id=service.id, name="Guichet 1", motif_id=motif.id)
        db.session.add(counter)
        db.session.flush()
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        soon, later = (Slot(counter_id=counter.id, motif_id=motif.id, starts_at=now + delta,
                            ends_at=now + delta + dt.timedelta(minutes=15))
                       for delta in (dt.timedelta(hours=30), dt.timedelta(days=4)))
        db.session.add_all([soon, later])
        db.session.commit()
        book(user_id=applicant, slot_id=soon.id)
        book(user_id=other_applicant, slot_id=later.id)
        assert send_reminders() == 1
        assert send_reminders() == 0  # never twice
        [message] = db.session.scalars(select(OutboxMessage)).all()
        assert message.recipient == "usager@example.fr" and message.subject.startswith("Rappel")
        assert db.session.scalar(select(Booking).where(Booking.user_id == other_applicant)).reminded_at is None
