"""The counter: the day's appointments, check-in by the convocation's code, hand-over, absences, the agenda."""
import datetime as dt
import html
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlalchemy import event, func, select

from conftest import login

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u00a0"


def _next_weekday(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


# The counter works on "today": the tests run on the next weekday, in the morning before the counters open.
DAY = _next_weekday(dt.date.today())


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), PARIS)


def bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return at(day, 0), at(day + dt.timedelta(days=1), 0)


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def clock():
    """DAY, 8:50 in Paris; tests move it on."""
    with freeze_time(at(DAY, 8, 50)) as frozen:
        yield frozen


def _service_id(code):
    from anef.agents.models import Service
    from anef.extensions import db

    return db.session.scalar(select(Service.id).where(Service.code == code))


@pytest.fixture
def counter(app, client, clock, applicant, agent_75, filed_dossier):
    """pref-75 with the default agenda; the dossier accepted, its card ready (through the agent's button), and the
    applicant booked on DAY's first slot. Leaves agent_75 logged in on ``client``."""
    from anef.accounts.models import User
    from anef.appointments import services
    from anef.dossiers import services as dossier_services
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.test_request_context():
        service_id = _service_id("pref-75")
        services.seed_agenda(service_id, DAY)
        agent = db.session.get(User, agent_75)
        dossier = dossier_services.agent_dossier(filed_dossier, agent)
        dossier_services.take(dossier, agent)
        assert dossier_services.decide(dossier, agent, decision="accepte", motivation="") == "accept"

    login(client, "instructeur75@example.fr")
    assert f"Titre prêt{NBSP}: inviter le demandeur" in text(client.get(f"/agent/dossiers/{filed_dossier}"))
    response = client.post(f"/agent/rendez-vous/titre-pret/{filed_dossier}")
    assert response.status_code == 302 and response.location.endswith(f"/agent/dossiers/{filed_dossier}")
    page = text(client.get(f"/agent/dossiers/{filed_dossier}"))
    assert "Titre prêt depuis le" in page and "inviter le demandeur" not in page
    # Only once.
    client.post(f"/agent/rendez-vous/titre-pret/{filed_dossier}")
    assert "une seule fois" in text(client.get(f"/agent/dossiers/{filed_dossier}"))

    with app.test_request_context():
        subjects = db.session.scalars(select(OutboxMessage.subject).where(
            OutboxMessage.recipient == "usager@example.fr")).all()
        assert sum(s.startswith("Votre titre est prêt") for s in subjects) == 1
        dossier = dossier_services.agent_dossier(filed_dossier, db.session.get(User, agent_75))
        motif = services.collection_motif(dossier)
        slot = services.free_slots(motif.id, *bounds(DAY))[0]
        assert slot.starts_at == at(DAY, 9)
        booking = services.book(user_id=applicant, slot_id=slot.id, dossier_id=dossier.id)
        return {"service": service_id, "motif": motif.id, "booking": booking.id, "token": booking.token,
                "reference": filed_dossier, "dossier": dossier.id}


def _other_booking(app, user_id, service_code, day):
    """Book the first free slot of ``day`` at a service (seeding its agenda) for someone; returns the token."""
    from anef.appointments import services
    from anef.appointments.models import Motif
    from anef.extensions import db

    with app.app_context():
        service_id = _service_id(service_code)
        services.seed_agenda(service_id, DAY)
        motif_id = db.session.scalar(select(Motif.id).where(Motif.service_id == service_id,
                                                            Motif.code == services.COLLECTION))
        slot = services.free_slots(motif_id, *bounds(day))[0]
        return services.book(user_id=user_id, slot_id=slot.id).token


def test_the_day_view_lists_the_service_bookings_in_a_constant_number_of_queries(app, client, counter,
                                                                                 make_user):
    from anef.appointments import services
    from anef.extensions import db

    page = text(client.get("/agent/rendez-vous/"))
    assert counter["reference"] in page and "ZHANG Mei" in page and "09:00" in page and "À venir" in page
    assert "Code de la convocation" in page and "Rendez-vous du jour" in page
    assert counter["reference"] not in text(client.get(f"/agent/rendez-vous/?jour={DAY + dt.timedelta(days=1)}"))
    assert counter["reference"] in text(client.get(f"/agent/rendez-vous/?jour={DAY.isoformat()}"))
    assert client.get("/agent/rendez-vous/?jour=demain").status_code == 400
    # Not before the appointment's time: no "Absent" button yet.
    assert f"/agent/rendez-vous/{counter['booking']}/absent" not in page

    def queries_for_the_day():
        statements = []

        def count(*args):
            statements.append(args)

        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", count)
            try:
                rows = services.day_bookings(counter["service"], DAY)
                seen = [(b.slot.counter.name, person.family_name, motif.label, ref) for b, person, motif, ref in rows]
            finally:
                event.remove(db.engine, "before_cursor_execute", count)
        return len(seen), len(statements)

    one = queries_for_the_day()
    for number in range(3):
        _other_booking(app, make_user(f"p{number}@example.fr"), "pref-75", DAY)
    four = queries_for_the_day()
    assert one[0] == 1 and four[0] == 4 and one[1] == four[1] == 1


def test_check_in_by_the_convocation_code(app, client, clock, counter):
    from anef.appointments.models import Booking
    from anef.extensions import db

    clock.move_to(at(DAY, 8, 55))
    response = client.post("/agent/rendez-vous/arrivee", data={"code": f"  {counter['token']} "})
    assert response.status_code == 302 and response.location.endswith("/agent/rendez-vous/")
    page = text(client.get("/agent/rendez-vous/"))
    assert f"Arrivée enregistrée{NBSP}: Mei Zhang, rendez-vous de 09:00" in page
    assert "Arrivée à 08:55" in page and "Remettre le titre" in page
    with app.app_context():
        checked_in = db.session.get(Booking, counter["booking"]).checked_in_at
        assert checked_in == at(DAY, 8, 55)
    # Scanning twice changes nothing.
    clock.move_to(at(DAY, 8, 58))
    assert client.post("/agent/rendez-vous/arrivee", data={"code": counter["token"]}).status_code == 302
    with app.app_context():
        assert db.session.get(Booking, counter["booking"]).checked_in_at == checked_in


def test_check_in_explains_wrong_cancelled_other_day_and_other_service_codes(app, client, counter,
                                                                            other_applicant, make_user):
    from anef.appointments import services
    from anef.appointments.models import Booking
    from anef.extensions import db

    def refused(code):
        response = client.post("/agent/rendez-vous/arrivee", data={"code": code})
        assert response.status_code == 422
        return text(response)

    assert "Scannez le QR code de la convocation" in refused("")
    assert f"Code de convocation inconnu{NBSP}: vérifiez-le" in refused("pas-un-code")
    tomorrow = _other_booking(app, other_applicant, "pref-75", _next_weekday(DAY))
    page = refused(tomorrow)
    assert "Ce rendez-vous est prévu le" in page and "pas aujourd'hui" in page
    lyon = _other_booking(app, make_user("lyon@example.fr"), "pref-69", DAY)
    assert f"celle d'un autre service{NBSP}: la personne" in refused(lyon)
    with app.app_context():
        services.cancel(db.session.scalar(select(Booking).where(Booking.token == tomorrow)))
    assert "annulée ou remplacée" in refused(tomorrow)
    with app.app_context():
        assert db.session.get(Booking, counter["booking"]).checked_in_at is None


def test_hand_over_ends_the_dossier_and_the_applicant_sees_it(app, client, counter):
    from anef.appointments.models import Booking
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    handover = f"/agent/rendez-vous/{counter['booking']}/remise"
    response = client.post(handover)
    assert response.status_code == 409 and "Enregistrez d'abord l'arrivée" in text(response)
    client.post("/agent/rendez-vous/arrivee", data={"code": counter["token"]})
    response = client.post(handover)
    assert response.status_code == 302 and response.location.endswith(f"/agent/rendez-vous/?jour={DAY.isoformat()}")
    page = text(client.get(response.location))
    assert f"Titre remis{NBSP}: la demande est terminée." in page and "Remettre le titre" not in page
    with app.app_context():
        assert db.session.get(Booking, counter["booking"]).status == "done"
        dossier = db.session.get(Dossier, counter["dossier"])
        assert dossier.state == "titre_remis" and dossier.transitions[-1].action == "hand_over"
    assert "plus actif" in text(client.post(handover))
    applicant_client = app.test_client()
    login(applicant_client, "usager@example.fr")
    assert "Titre remis" in text(applicant_client.get(f"/dossiers/{counter['reference']}"))


def test_an_absent_person_may_book_again(app, client, clock, counter, applicant):
    from anef.appointments import services
    from anef.appointments.models import Booking
    from anef.extensions import db

    absent = f"/agent/rendez-vous/{counter['booking']}/absent"
    response = client.post(absent)
    assert response.status_code == 409 and "à partir de l'heure de son rendez-vous" in text(response)
    clock.move_to(at(DAY, 9, 5))
    assert absent in text(client.get("/agent/rendez-vous/"))
    response = client.post(absent)
    assert response.status_code == 302
    page = text(client.get(response.location))
    assert "la personne peut reprendre rendez-vous" in page and "Absent" in page
    with app.app_context():
        assert db.session.get(Booking, counter["booking"]).status == "no_show"
        later = services.free_slots(counter["motif"], at(DAY, 10), at(DAY, 23))[0]
        assert services.book(user_id=applicant, slot_id=later.id, dossier_id=counter["dossier"]).status == "active"
    assert "noté absent" in text(client.post("/agent/rendez-vous/arrivee", data={"code": counter["token"]}))


def test_another_service_sees_nothing_of_paris(app, counter, agent_69):
    lyon = app.test_client()
    login(lyon, "instructeur69@example.fr")
    assert lyon.post(f"/agent/rendez-vous/titre-pret/{counter['reference']}").status_code == 404
    page = text(lyon.get(f"/agent/rendez-vous/?jour={DAY.isoformat()}"))
    assert counter["reference"] not in page and "Aucun rendez-vous ce jour-là." in page
    assert lyon.post(f"/agent/rendez-vous/{counter['booking']}/absent").status_code == 404
    assert lyon.post(f"/agent/rendez-vous/{counter['booking']}/remise").status_code == 404
    assert "autre service" in text(lyon.post("/agent/rendez-vous/arrivee", data={"code": counter["token"]}))


def test_the_agenda_page_is_for_the_service_admin(app, client, clock, agent_75, make_user):
    login(client, "instructeur75@example.fr")
    assert client.get("/agent/rendez-vous/agenda").status_code == 404
    assert client.post("/agent/rendez-vous/agenda", data={"action": "initialiser"}).status_code == 404
    make_user("admin75@example.fr", role="admin", service="pref-75")
    admin = app.test_client()
    login(admin, "admin75@example.fr")
    page = text(admin.get("/agent/rendez-vous/agenda"))
    assert "Ce service n'a pas encore d'agenda." in page
    response = admin.post("/agent/rendez-vous/agenda", data={"action": "initialiser"})
    assert response.status_code == 302
    page = text(admin.get(response.location))
    assert "L'agenda par défaut est créé" in page and "Remise du titre de séjour" in page
    assert "Guichet remise 1" in page and f"lundi{NBSP}: 09:00 à 12:00" in page and "14:00 à 16:30" in page
    assert "Générer les créneaux des 6 prochaines semaines" in page
    response = admin.post("/agent/rendez-vous/agenda", data={"action": "generer"})
    # Nothing new: the seeded agenda already holds these weeks ("0 créneau(x)", by the catalogue's plural rule).
    assert "0 créneau" in text(admin.get(response.location))
    assert admin.post("/agent/rendez-vous/agenda", data={"action": "autre"}).status_code == 400


def test_closures_remove_slots_from_newly_generated_days(app, clock, make_user, applicant):
    from anef.appointments import services
    from anef.appointments.models import Slot
    from anef.extensions import db

    with app.app_context():
        service_id = _service_id("pref-75")
        services.seed_agenda(service_id, DAY, days=1)  # only DAY's slots exist
    make_user("admin75@example.fr", role="admin", service="pref-75")
    admin = app.test_client()
    login(admin, "admin75@example.fr")
    closed = DAY + dt.timedelta(days=7)
    response = admin.post("/agent/rendez-vous/agenda", data={
        "action": "fermeture", "first_day": closed.isoformat(), "last_day": (closed - dt.timedelta(days=1)).isoformat(),
        "reason": "Travaux"})
    assert response.status_code == 422 and "Le dernier jour doit être le premier jour ou après." in text(response)
    response = admin.post("/agent/rendez-vous/agenda", data={
        "action": "fermeture", "first_day": closed.isoformat(), "last_day": closed.isoformat(), "reason": "Travaux"})
    assert response.status_code == 302
    page = text(admin.get(response.location))
    assert "Fermeture enregistrée" in page and "Travaux" in page
    response = admin.post("/agent/rendez-vous/agenda", data={"action": "generer"})
    assert "créneaux créés." in text(admin.get(response.location))

    def slots_on(day):
        start, end = bounds(day)
        with app.app_context():
            return db.session.scalar(select(func.count(Slot.id)).where(Slot.starts_at >= start, Slot.starts_at < end))

    assert slots_on(closed) == 0 and slots_on(DAY + dt.timedelta(days=14)) > 0
    # Closing days already generated removes their free slots, keeps the booked ones, and says who to warn.
    later = DAY + dt.timedelta(days=14)
    with app.app_context():
        slot = services.free_slots(_remise(service_id), *bounds(later))[0]
        services.book(user_id=applicant, slot_id=slot.id)
    response = admin.post("/agent/rendez-vous/agenda", data={
        "action": "fermeture", "first_day": later.isoformat(), "last_day": later.isoformat(), "reason": "Grève"})
    page = text(admin.get(response.location))
    assert f"1 rendez-vous déjà pris tombe pendant cette fermeture{NBSP}: prévenez la personne." in page
    assert slots_on(later) == 1


def _remise(service_id):
    from anef.appointments.models import Motif
    from anef.extensions import db

    return db.session.scalar(select(Motif.id).where(Motif.service_id == service_id, Motif.code == "remise"))


def test_people_waiting_are_told_once_when_a_slot_frees_up(app, clock, counter, applicant):
    from anef.appointments import services
    from anef.appointments.models import WaitlistEntry
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        db.session.add(WaitlistEntry(user_id=applicant, motif_id=counter["motif"]))
        db.session.commit()
        assert services.offer_freed_slot(counter["motif"], services.utcnow()) == 1
        assert services.offer_freed_slot(counter["motif"], services.utcnow()) == 0
        message = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.subject.startswith("Un rendez-vous plus tôt"))).one()
        assert message.recipient == "usager@example.fr" and counter["reference"] in message.body
        assert db.session.scalar(select(WaitlistEntry.offered_at)) is not None


def test_a_local_admin_manages_counters_and_weekly_hours(app, client, make_user):
    import datetime as dt

    from sqlalchemy import select

    from anef.agents.models import Service
    from anef.appointments.models import Counter, Motif, OpeningRule, Slot
    from anef.appointments.services import seed_agenda
    from anef.extensions import db
    from conftest import login

    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.code == "pref-75"))
        seed_agenda(service.id, dt.date(2030, 1, 7), days=0)
        motif = db.session.scalar(select(Motif).where(Motif.service_id == service.id, Motif.code == "remise"))
        motif_id = motif.id
    make_user("admin75@example.fr", role="admin", service="pref-75")
    login(client, "admin75@example.fr")
    assert client.post("/agent/rendez-vous/agenda", data={"action": "guichet", "name": "Guichet du samedi",
                                                          "motif": motif_id}).status_code == 302
    with app.app_context():
        counter_id = db.session.scalar(select(Counter.id).where(Counter.name == "Guichet du samedi"))
    # Saturday 9:00-10:00; an overlapping or reversed period is refused beside the field.
    assert client.post("/agent/rendez-vous/agenda", data={"action": "horaire", "counter": counter_id, "weekday": 5,
                                                          "starts": "09:00", "ends": "10:00"}).status_code == 302
    refused = client.post("/agent/rendez-vous/agenda", data={"action": "horaire", "counter": counter_id,
                                                             "weekday": 5, "starts": "09:30", "ends": "11:00"})
    assert refused.status_code == 422 and "chevauchent" in refused.get_data(as_text=True)
    refused = client.post("/agent/rendez-vous/agenda", data={"action": "horaire", "counter": counter_id,
                                                             "weekday": 5, "starts": "11:00", "ends": "10:00"})
    assert refused.status_code == 422
    with app.app_context():
        from anef.appointments.services import generate_slots

        generate_slots(service.id, dt.date(2030, 1, 12), 1)  # a Saturday
        saturday = db.session.scalars(select(Slot).where(Slot.counter_id == counter_id)).all()
        assert len(saturday) == 4  # 15-minute slots from 9:00 to 10:00
        rule_id = db.session.scalar(select(OpeningRule.id).where(OpeningRule.counter_id == counter_id))
    assert client.post("/agent/rendez-vous/agenda", data={"action": "retirer_horaire", "rule": rule_id}).status_code == 302
    with app.app_context():
        assert db.session.get(OpeningRule, rule_id) is None
