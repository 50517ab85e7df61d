"""The one visit: card ready → booking on a 360 px phone → reminder → check-in → card handed over."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in, log_out

pytestmark = pytest.mark.browser


def test_card_ready_booking_reminder_check_in_and_hand_over(page: Page, app, make_user, filed_dossier):
    from anef.accounts.models import User
    from anef.appointments.models import Booking, Counter, Motif, Slot
    from anef.appointments.reminders import send_reminders
    from anef.appointments.services import seed_agenda
    from anef.dossiers import services
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    agent_id = make_user("instructeur75@example.fr", role="instructeur", service="pref-75", given_names="Inès",
                         family_name="Martin")
    with app.test_request_context():
        agent = db.session.get(User, agent_id)
        dossier = services.agent_dossier(filed_dossier, agent)
        services.take(dossier, agent)
        services.decide(dossier, agent, decision="accepte", motivation="")
        seed_agenda(dossier.service_id, dt.date.today() + dt.timedelta(days=1), days=14)
        # A slot a few minutes from now, so that the visit happens today within the test.
        motif = db.session.scalar(select(Motif).where(Motif.service_id == dossier.service_id, Motif.code == "remise"))
        counter = db.session.scalar(select(Counter).where(Counter.motif_id == motif.id))
        soon = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0) + dt.timedelta(minutes=10)
        db.session.add(Slot(counter_id=counter.id, motif_id=motif.id, starts_at=soon,
                            ends_at=soon + dt.timedelta(minutes=15)))
        db.session.commit()

    # The agent says the card has arrived.
    page.goto("/")
    log_in(page, "instructeur75@example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{filed_dossier}")
    page.get_by_role("button", name=re.compile("^Titre prêt")).click()
    expect(page.get_by_text(re.compile("Titre prêt depuis le"))).to_be_visible()
    log_out(page)

    # The applicant gets the invitation and books on a phone.
    page.goto("/dev/outbox")
    page.get_by_role("link", name=re.compile("Votre titre est prêt")).first.click()
    link = page.locator(".anef-outbox-body").locator("a[href*=\"/rendez-vous/\"]").first.get_attribute("href")
    page.goto("/")
    log_in(page, "usager@example.fr", PASSWORD)
    page.goto(link)
    expect(page.get_by_role("button", name="Réserver ce créneau")).to_be_visible()
    assert_accessible(page)
    page.locator("details[open] input[type=radio]").first.check(force=True)
    page.get_by_role("button", name="Réserver ce créneau").click()
    expect(page.get_by_role("link", name=re.compile("convocation", re.I)).first).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("PDF", re.I)).first.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The reminder, as the sweeper sends it 48 hours ahead (here: the appointment is in 10 minutes).
    with app.test_request_context():
        assert send_reminders() == 1
        subjects = db.session.scalars(select(OutboxMessage.subject)).all()
        assert any(s.startswith("Rappel") for s in subjects)
        token = db.session.scalar(select(Booking.token).where(Booking.status == "active"))
    log_out(page)

    # At the counter: check-in by the convocation's code, then the card handed over.
    log_in(page, "instructeur75@example.fr", PASSWORD)
    page.get_by_role("navigation", name="Menu du compte").get_by_role("link", name="Rendez-vous du jour").click()
    assert_accessible(page)
    page.get_by_label(re.compile("^Code de la convocation")).fill(token)
    page.get_by_role("button", name=re.compile("Enregistrer l'arrivée|Valider|Arrivée", re.I)).first.click()
    expect(page.get_by_text(re.compile("Arrivée à"))).to_be_visible()
    page.get_by_role("button", name=re.compile("^Remettre le titre")).click()
    expect(page.get_by_text("Titre remis").first).to_be_visible()
    log_out(page)

    log_in(page, "usager@example.fr", PASSWORD)
    page.goto(f"/dossiers/{filed_dossier}")
    expect(page.get_by_text("Titre remis").first).to_be_visible()


def test_the_agenda_screen_of_a_local_admin_is_accessible(page: Page, app, make_user):
    from anef.agents.models import Service
    from anef.appointments.services import seed_agenda
    from anef.extensions import db

    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.code == "pref-75"))
        seed_agenda(service.id, dt.date.today(), days=7)
    make_user("admin75@example.fr", role="admin", service="pref-75")
    page.goto("/")
    log_in(page, "admin75@example.fr", PASSWORD)
    page.goto("/agent/rendez-vous/agenda")
    expect(page.get_by_role("heading", level=1, name=re.compile("Agenda du service"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ajouter la plage").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
