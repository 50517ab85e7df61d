"""The applicant books the visit to collect the card: slots, booking, moving, cancelling, convocation."""
import datetime as dt
import re

import pypdfium2
import pytest
from sqlalchemy import select

from conftest import login


@pytest.fixture
def ready(app, filed_dossier, agent_75):
    """The filed dossier taken, accepted and its card ready; four weeks of agenda at the préfecture of Paris."""
    from anef.accounts.models import User
    from anef.agents.models import Service
    from anef.appointments.services import PARIS, collection_motif, mark_card_ready, seed_agenda
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        service = db.session.scalar(select(Service).where(Service.code == "pref-75"))
        seed_agenda(service.id, dt.datetime.now(PARIS).date(), 28)
        agent = db.session.get(User, agent_75)
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        services.take(dossier, agent)
        assert services.decide(dossier, agent, decision="accepte", motivation="") == "accept"
        mark_card_ready(dossier, agent)
        return {"reference": filed_dossier, "motif": collection_motif(dossier).id}


def page_url(ready):
    return f"/rendez-vous/{ready['reference']}"


def slot_ids(html):
    return [int(i) for i in re.findall(r'name="slot" value="(\d+)"', html)]


def free_slot(app, ready, after_hours):
    """A free slot of the dossier's reason starting at least ``after_hours`` from now."""
    from anef.appointments.services import free_slots
    from anef.models import utcnow

    with app.app_context():
        after = utcnow() + dt.timedelta(hours=after_hours)
        return [s.id for s in free_slots(ready["motif"], after, after + dt.timedelta(days=20))]


def soon_slot(app, ready, hours):
    """A slot of the dossier's reason starting in ``hours`` hours (outside the opening hours: made by hand)."""
    from anef.appointments.models import Counter, Slot
    from anef.extensions import db
    from anef.models import utcnow

    with app.app_context():
        counter = db.session.scalar(select(Counter).where(Counter.motif_id == ready["motif"]))
        starts = utcnow().replace(microsecond=0) + dt.timedelta(hours=hours, seconds=7)
        slot = Slot(counter_id=counter.id, motif_id=ready["motif"], starts_at=starts,
                    ends_at=starts + dt.timedelta(minutes=15))
        db.session.add(slot)
        db.session.commit()
        return slot.id


def active_bookings(app, user_id):
    from anef.appointments.models import ACTIVE, Booking
    from anef.extensions import db

    with app.app_context():
        return [(b.slot_id, b.token) for b in db.session.scalars(select(Booking).where(
            Booking.user_id == user_id, Booking.status == ACTIVE))]


def test_the_invitation_links_to_the_booking_page_and_the_dossier_page_says_the_card_is_ready(
        app, client, applicant, ready):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert message.recipient == "usager@example.fr"
    assert f"/rendez-vous/{ready['reference']}" in message.body
    login(client, "usager@example.fr")
    html = client.get(f"/dossiers/{ready['reference']}").get_data(as_text=True)
    assert "Votre titre est prêt" in html and f'href="/rendez-vous/{ready["reference"]}"' in html


def test_the_booking_page_lists_free_slots_in_paris_time_and_booking_shows_the_appointment(
        app, client, applicant, ready):
    login(client, "usager@example.fr")
    response = client.get(page_url(ready))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Réserver ce créneau" in html and "<fieldset" in html and "<legend" in html
    assert "empreintes" in html and "passeport" in html and "timbre fiscal" in html
    assert "09:00" in html  # opening hours are Paris time, whatever the server's clock
    ids = slot_ids(html)
    assert len(ids) > 20
    response = client.post(page_url(ready), data={"slot": ids[0]})
    assert response.status_code == 302
    html = client.get(page_url(ready)).get_data(as_text=True)
    assert "Votre rendez-vous" in html and "Guichet" in html and "est réservé" in html
    assert f"/rendez-vous/{ready['reference']}/convocation.pdf" in html
    assert f"/rendez-vous/{ready['reference']}/convocation.ics" in html
    assert "Déplacer mon rendez-vous" in html and "Annuler mon rendez-vous" in html
    assert ids[0] not in slot_ids(html)  # the move list offers only other slots
    assert [slot for slot, _ in active_bookings(app, applicant)] == [ids[0]]
    dossier_page = client.get(f"/dossiers/{ready['reference']}").get_data(as_text=True)
    assert "Votre rendez-vous pour retirer votre titre" in dossier_page


def test_a_slot_taken_meanwhile_is_refused_clearly_and_the_list_shown_again(
        app, client, applicant, other_applicant, ready):
    from anef.appointments import services

    login(client, "usager@example.fr")
    ids = slot_ids(client.get(page_url(ready)).get_data(as_text=True))
    with app.app_context():
        services.book(user_id=other_applicant, slot_id=ids[0])
    response = client.post(page_url(ready), data={"slot": ids[0]})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "vient d&#39;être réservé par quelqu&#39;un d&#39;autre" in html
    assert "Réserver ce créneau" in html and ids[0] not in slot_ids(html)
    assert active_bookings(app, applicant) == []


def test_posting_no_slot_asks_to_choose_one(client, applicant, ready):
    login(client, "usager@example.fr")
    response = client.post(page_url(ready), data={})
    assert response.status_code == 422
    assert "Choisissez un créneau" in response.get_data(as_text=True)


def test_moving_then_cancelling_an_appointment(app, client, applicant, ready):
    first, second = free_slot(app, ready, after_hours=72)[:2]
    login(client, "usager@example.fr")
    assert client.post(page_url(ready), data={"slot": first}).status_code == 302
    response = client.post(f"{page_url(ready)}/deplacer", data={"slot": second})
    assert response.status_code == 302
    assert [slot for slot, _ in active_bookings(app, applicant)] == [second]
    assert "est déplacé" in client.get(page_url(ready)).get_data(as_text=True)
    response = client.post(f"{page_url(ready)}/annuler")
    assert response.status_code == 302
    assert active_bookings(app, applicant) == []
    html = client.get(page_url(ready)).get_data(as_text=True)
    assert "est annulé" in html and "Réserver ce créneau" in html and first in slot_ids(html)


def test_too_late_to_move_or_cancel_is_said_beside_the_forms(app, client, applicant, ready):
    soon = soon_slot(app, ready, hours=3)
    later = free_slot(app, ready, after_hours=72)[0]
    login(client, "usager@example.fr")
    assert client.post(page_url(ready), data={"slot": soon}).status_code == 302
    response = client.post(f"{page_url(ready)}/deplacer", data={"slot": later})
    assert response.status_code == 409
    assert "moins de 48 heures avant" in response.get_data(as_text=True)
    response = client.post(f"{page_url(ready)}/annuler")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "moins de 4 heures avant" in html and "Votre rendez-vous" in html
    assert [slot for slot, _ in active_bookings(app, applicant)] == [soon]


def test_a_second_booking_for_the_same_reason_is_refused(app, client, applicant, ready):
    first, second = free_slot(app, ready, after_hours=0)[:2]
    login(client, "usager@example.fr")
    assert client.post(page_url(ready), data={"slot": first}).status_code == 302
    response = client.post(page_url(ready), data={"slot": second})
    assert response.status_code == 409
    assert "déjà un rendez-vous" in response.get_data(as_text=True)


def test_asking_for_an_earlier_slot_is_recorded_once(app, client, applicant, ready):
    from anef.appointments.models import WaitlistEntry
    from anef.extensions import db

    login(client, "usager@example.fr")
    client.post(page_url(ready), data={"slot": free_slot(app, ready, after_hours=0)[0]})
    assert "plus tôt se libère" in client.get(page_url(ready)).get_data(as_text=True)
    response = client.post(f"{page_url(ready)}/liste-d-attente", follow_redirects=True)
    assert "C&#39;est noté" in response.get_data(as_text=True)
    response = client.post(f"{page_url(ready)}/liste-d-attente", follow_redirects=True)
    assert "déjà inscrit" in response.get_data(as_text=True)
    with app.app_context():
        entries = db.session.scalars(select(WaitlistEntry).where(WaitlistEntry.user_id == applicant)).all()
        assert [e.motif_id for e in entries] == [ready["motif"]]
        entries[0].offered_at = entries[0].created_at  # told once of a freed slot: may ask again
        db.session.commit()
    response = client.post(f"{page_url(ready)}/liste-d-attente", follow_redirects=True)
    assert "C&#39;est noté" in response.get_data(as_text=True)
    with app.app_context():
        [entry] = db.session.scalars(select(WaitlistEntry).where(WaitlistEntry.user_id == applicant)).all()
        assert entry.offered_at is None


def test_the_convocation_pdf_states_the_appointment_with_its_qr_code(app, client, applicant, ready, caplog):
    login(client, "usager@example.fr")
    client.post(page_url(ready), data={"slot": free_slot(app, ready, after_hours=0)[0]})
    response = client.get(f"{page_url(ready)}/convocation.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["Content-Type"] == "application/pdf"
    # The QR code (a data: URI) and the fonts load; a refused resource would be logged by WeasyPrint.
    assert not [r for r in caplog.records if r.name.startswith("weasyprint") and r.levelname in ("WARNING", "ERROR")]
    document = pypdfium2.PdfDocument(response.data)
    text = " ".join(document[0].get_textpage().get_text_range().split())
    document.close()
    assert ready["reference"] in text and "Convocation" in text and "Mei Zhang" in text and "Guichet" in text


def test_the_calendar_file_is_one_utc_event_with_crlf_lines(app, client, applicant, ready):
    login(client, "usager@example.fr")
    client.post(page_url(ready), data={"slot": free_slot(app, ready, after_hours=0)[0]})
    [(_, token)] = active_bookings(app, applicant)
    response = client.get(f"{page_url(ready)}/convocation.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    body = response.data.decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert "BEGIN:VEVENT\r\n" in unfolded and "END:VEVENT\r\n" in unfolded
    assert re.search(r"\r\nDTSTART:\d{8}T\d{6}Z\r\n", unfolded) and re.search(r"\r\nDTEND:\d{8}T\d{6}Z\r\n", unfolded)
    assert re.search(r"\r\nUID:\S+@anef\r\n", unfolded) and token not in unfolded
    assert "\r\nLOCATION:Préfecture" in unfolded and ready["reference"] in unfolded


def test_another_applicant_gets_404_on_every_appointment_route(app, client, applicant, other_applicant, ready):
    login(client, "usager@example.fr")
    slot = free_slot(app, ready, after_hours=0)[0]
    client.post(page_url(ready), data={"slot": slot})
    other = app.test_client()
    login(other, "autre@example.fr")
    base = page_url(ready)
    for method, url in [("GET", base), ("POST", base), ("POST", f"{base}/deplacer"), ("POST", f"{base}/annuler"),
                        ("POST", f"{base}/liste-d-attente"), ("GET", f"{base}/convocation.pdf"),
                        ("GET", f"{base}/convocation.ics")]:
        assert other.open(url, method=method, data={"slot": slot}).status_code == 404, url
    assert [s for s, _ in active_bookings(app, applicant)] == [slot]


def test_before_the_card_is_ready_the_pages_say_so(client, applicant, filed_dossier):
    login(client, "usager@example.fr")
    response = client.get(f"/rendez-vous/{filed_dossier}")
    assert response.status_code == 409
    assert "pas encore prêt" in response.get_data(as_text=True)
    for method, url in [("POST", ""), ("GET", "/convocation.pdf"), ("GET", "/convocation.ics"),
                        ("POST", "/liste-d-attente")]:
        assert client.open(f"/rendez-vous/{filed_dossier}{url}", method=method).status_code == 409, url
    assert "Votre titre est prêt" not in client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True)
