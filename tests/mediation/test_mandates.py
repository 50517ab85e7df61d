"""Assisted filing: a mediator acts for a person only inside a live mandate the person consented to, with its
scope and duration; everything is recorded as done on the person's behalf; the person sees and revokes it."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from conftest import login


@pytest.fixture
def mediator(make_user):
    return make_user("mediateur75@example.fr", role="mediateur", service="pref-75", given_names="Marc",
                     family_name="Mediateur")


@pytest.fixture
def sms(app, tmp_path):
    from anef.notifications.sms import LocalSink

    saved = {k: app.config.get(k) for k in ("SMS_PROVIDER", "SMS_SINK_PATH")}
    app.config.update(SMS_PROVIDER="local", SMS_SINK_PATH=str(tmp_path / "sms.jsonl"))
    sink = LocalSink(str(tmp_path / "sms.jsonl"))
    yield lambda: list(reversed(sink.messages()))
    app.config.update(saved)


def set_mobile(app, user_id, phone="+33612345678"):
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        db.session.get(User, user_id).mobile_phone = phone
        db.session.commit()


def ask(client, person="usager@example.fr", procedure="toutes", duration="24", consent="code"):
    return client.post("/agent/accompagnements", data={"person": person, "procedure": procedure,
                                                       "duration": duration, "consent": consent})


def mandate_id(response) -> int:
    return int(re.search(r"/agent/accompagnements/(\d+)/consentement", response.location).group(1))


def live_mandate(app, client, sms, procedure="toutes", duration="24"):
    """A mandate consented by SMS code, through the mediator's pages; returns its id."""
    response = ask(client, procedure=procedure, duration=duration)
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    ident = mandate_id(response)
    code = re.search(r"\b(\d{6})\b", sms()[-1]["text"]).group(1)
    assert client.post(f"/agent/accompagnements/{ident}/consentement", data={"code": code}).status_code == 302
    return ident


def audit(app, action=None):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        events = db.session.scalars(query).all()
        db.session.expunge_all()
        return events


@pytest.fixture
def mediator_client(app, client, mediator, applicant, sms):
    set_mobile(app, applicant)
    login(client, "mediateur75@example.fr")
    return client


def test_consent_by_sms_code_starts_a_mandate_for_its_duration(app, mediator_client, applicant, sms):
    client = mediator_client
    response = ask(client, duration="168")
    ident = mandate_id(response)
    [message] = sms()
    assert message["to"] == "+33612345678" and "Marc Mediateur" in message["text"]
    assert "toutes les demandes" in message["text"] and "1 semaine" in message["text"]
    page = client.get(f"/agent/accompagnements/{ident}/consentement").get_data(as_text=True)
    assert "+3361•••••78" in page  # where the code went, masked
    code = re.search(r"\b(\d{6})\b", message["text"]).group(1)
    wrong = client.post(f"/agent/accompagnements/{ident}/consentement",
                        data={"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 422 and "Code incorrect" in wrong.get_data(as_text=True)
    before = dt.datetime.now(dt.timezone.utc)
    assert client.post(f"/agent/accompagnements/{ident}/consentement", data={"code": code}).status_code == 302
    from anef.extensions import db
    from anef.mediation.models import Mandate

    with app.app_context():
        mandate = db.session.get(Mandate, ident)
        assert mandate.consent_method == "sms" and mandate.is_live()
        assert dt.timedelta(hours=168) <= mandate.expires_at - before < dt.timedelta(hours=168, minutes=1)
    assert [e.action for e in audit(app) if e.action.startswith("mandate_")] == ["mandate_asked", "mandate_consented"]


def test_consent_by_signature_at_the_counter_is_recorded_as_such(app, mediator_client, applicant, sms):
    client = mediator_client
    ident = mandate_id(ask(client, consent="signature"))
    assert sms() == []
    missing = client.post(f"/agent/accompagnements/{ident}/consentement", data={"form_reference": "F-12"})
    assert missing.status_code == 422 and "doit être signé" in missing.get_data(as_text=True)
    assert client.post(f"/agent/accompagnements/{ident}/consentement",
                       data={"signed": "y", "form_reference": "F-12"}).status_code == 302
    from anef.extensions import db
    from anef.mediation.models import Mandate

    with app.app_context():
        mandate = db.session.get(Mandate, ident)
        assert (mandate.consent_method, mandate.consent_reference) == ("signature", "F-12") and mandate.is_live()


def test_a_person_without_phone_or_e_mail_must_sign(app, client, mediator, sms):
    from anef.accounts.without_email import open_access_account

    with app.test_request_context():
        user, _code = open_access_account(given_names="Moussa", family_name="Keïta", address_lines="3 rue Oberkampf",
                                          postcode="75011", town="Paris", mobile_phone=None, locale="fr")
        access_id = user.access_id
    login(client, "mediateur75@example.fr")
    response = ask(client, person=access_id)
    assert response.status_code == 422 and "recueillez sa signature" in response.get_data(as_text=True)
    assert ask(client, person=access_id, consent="signature").status_code == 302


def test_an_unknown_person_or_an_agent_is_not_found(app, mediator_client, agent_75):
    for who in ("personne@example.fr", "instructeur75@example.fr"):
        response = ask(mediator_client, person=who)
        assert response.status_code == 422 and "Aucun compte de demandeur" in response.get_data(as_text=True)


def test_the_mediator_sees_nothing_of_the_person_outside_a_live_mandate(app, mediator_client, filed_dossier, sms):
    client = mediator_client
    assert client.get(f"/dossiers/{filed_dossier}").status_code == 404
    assert client.get("/dossiers/").status_code == 404
    assert client.get(f"/agent/dossiers/{filed_dossier}").status_code == 404  # not an instructing agent
    assert client.get("/agent/").status_code == 404
    pending = mandate_id(ask(client))
    # A mandate waiting for consent opens nothing.
    assert client.post(f"/agent/accompagnements/{pending}/agir").status_code == 404
    assert client.get(f"/dossiers/{filed_dossier}").status_code == 404


def test_acting_under_a_mandate_is_recorded_as_done_for_the_person(app, mediator_client, applicant, mediator,
                                                                    draft_dossier, sms):
    client = mediator_client
    ident = live_mandate(app, client, sms)
    response = client.post(f"/agent/accompagnements/{ident}/agir")
    assert response.status_code == 302 and response.location.endswith("/dossiers/")
    page = client.get("/dossiers/").get_data(as_text=True)
    assert draft_dossier in page and "Vous agissez pour Mei Zhang" in page
    # The mediator files the person's draft.
    response = client.post(f"/dossiers/{draft_dossier}/deposer")
    assert response.status_code == 302
    show = client.get(f"/dossiers/{draft_dossier}").get_data(as_text=True)
    assert "Fait par un médiateur pour vous." in show
    # The audit log names both: the mediator as actor, the person in the detail.
    [action] = [e for e in audit(app, "mediation_action") if e.detail["endpoint"] == "dossiers.submit"]
    assert action.actor_id == mediator and action.detail["person_id"] == applicant
    assert action.detail["mandate_id"] == ident and action.detail["dossier"] == draft_dossier
    assert any(e.detail.get("endpoint") == "dossiers.show" for e in audit(app, "mediation_view"))
    # The transition itself is the person's (as if they had filed), marked as the mediator's act.
    from anef.dossiers.models import Dossier, Transition
    from anef.extensions import db
    from anef.mediation.models import MediationAct

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == draft_dossier))
        [submit] = db.session.scalars(select(Transition).where(Transition.dossier_id == dossier.id)).all()
        assert submit.actor_id == applicant
        [act] = db.session.scalars(select(MediationAct).where(MediationAct.transition_id == submit.id)).all()
        assert (act.mediator_id, act.person_id, act.mandate_id) == (mediator, applicant, ident)
    # The person sees it in their account.
    person = app.test_client()
    login(person, "usager@example.fr")
    mine = person.get("/compte/mandats").get_data(as_text=True)
    assert "Marc Mediateur" in mine and "Demande déposée" in mine and draft_dossier in mine
    assert "code reçu par SMS et saisi par la personne" in mine
    assert "Fait par un médiateur pour vous." in person.get(f"/dossiers/{draft_dossier}").get_data(as_text=True)


def test_the_person_s_own_account_stays_out_of_reach(app, mediator_client, applicant, sms):
    client = mediator_client
    ident = live_mandate(app, client, sms)
    client.post(f"/agent/accompagnements/{ident}/agir")
    assert client.get("/compte/coordonnees").status_code == 404
    assert client.get("/compte/mandats").status_code == 404
    assert client.post(f"/compte/mandats/{ident}/revoquer").status_code == 404
    assert client.post("/compte/deconnexion").status_code == 404
    assert [e.detail["endpoint"] for e in audit(app, "mediation_refused")] == [
        "accounts.contact", "mediation.my_mandates", "mediation.revoke_mine", "accounts.logout"]
    # Leaving gives the mediator their own screens back.
    response = client.post("/accompagnement/terminer")
    assert response.status_code == 302 and response.location.endswith("/agent/accompagnements")
    assert client.get("/dossiers/").status_code == 404
    assert client.get("/agent/accompagnements").status_code == 200


def test_a_mandate_for_one_procedure_shows_only_that_procedure(app, mediator_client, applicant, filed_dossier, sms):
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        other = services.create_draft(db.session.get(User, applicant), "naturalisation")
        other_reference = other.reference
    client = mediator_client
    ident = live_mandate(app, client, sms, procedure="etudiant")
    client.post(f"/agent/accompagnements/{ident}/agir")
    dashboard = client.get("/dossiers/").get_data(as_text=True)
    assert filed_dossier in dashboard and other_reference not in dashboard
    assert client.get(f"/dossiers/{filed_dossier}").status_code == 200
    assert client.get(f"/dossiers/{other_reference}").status_code == 404
    assert client.get("/dossiers/nouveau/naturalisation").status_code == 404
    assert client.get("/dossiers/nouveau/etudiant").status_code == 200


def test_when_the_mandate_expires_the_mediator_is_back_to_nothing(app, mediator_client, filed_dossier, sms):
    client = mediator_client
    ident = live_mandate(app, client, sms, duration="1")
    client.post(f"/agent/accompagnements/{ident}/agir")
    assert client.get(f"/dossiers/{filed_dossier}").status_code == 200
    with freeze_time(dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1, minutes=1)):
        with client.session_transaction() as session:  # keep the mediator's own session fresh
            session["seen_at"] = session["login_at"] = dt.datetime.now().timestamp()
        response = client.get(f"/dossiers/{filed_dossier}")
        assert response.status_code == 404
        assert client.get("/agent/accompagnements").status_code == 200  # back to their own screens
        assert client.post(f"/agent/accompagnements/{ident}/agir").status_code == 404
    assert [e.detail["reason"] for e in audit(app, "mediation_end")] == ["mandate_ended"]


def test_the_person_revokes_and_the_mediator_loses_access_at_once(app, mediator_client, applicant, filed_dossier,
                                                                  sms):
    client = mediator_client
    ident = live_mandate(app, client, sms, duration="8760")
    client.post(f"/agent/accompagnements/{ident}/agir")
    assert client.get(f"/dossiers/{filed_dossier}").status_code == 200
    person = app.test_client()
    login(person, "usager@example.fr")
    assert "Révoquer ce mandat" in person.get("/compte/mandats").get_data(as_text=True)
    assert person.post(f"/compte/mandats/{ident}/revoquer").status_code == 302
    assert client.get(f"/dossiers/{filed_dossier}").status_code == 404
    assert "Révoqué le" in person.get("/compte/mandats").get_data(as_text=True)


def test_another_person_cannot_see_or_revoke_a_mandate(app, mediator_client, applicant, other_applicant, sms):
    ident = live_mandate(app, mediator_client, sms)
    other = app.test_client()
    login(other, "autre@example.fr")
    assert "Marc Mediateur" not in other.get("/compte/mandats").get_data(as_text=True)
    assert other.post(f"/compte/mandats/{ident}/revoquer").status_code == 404


def test_a_mediator_cannot_use_another_mediator_s_mandate(app, mediator_client, make_user, sms):
    ident = live_mandate(app, mediator_client, sms)
    make_user("mediateur2@example.fr", role="mediateur", service="pref-75")
    other = app.test_client()
    login(other, "mediateur2@example.fr")
    assert other.post(f"/agent/accompagnements/{ident}/agir").status_code == 404
    assert other.get(f"/agent/accompagnements/{ident}/consentement").status_code == 404
    assert other.post(f"/agent/accompagnements/{ident}/fin").status_code == 404


def test_the_local_admin_creates_mediators_of_the_service(app, client, make_user):
    make_user("admin75@example.fr", role="admin", service="pref-75")
    login(client, "admin75@example.fr")
    response = client.post("/agent/service/agents", data={
        "given_names": "Nora", "family_name": "Aidante", "email": "nora@example.fr", "role": "mediateur",
        "password": "une phrase assez longue"})
    assert response.status_code == 302
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        nora = db.session.scalar(select(User).where(User.email == "nora@example.fr"))
        assert nora.role == "mediateur" and nora.service.code == "pref-75" and nora.needs_second_factor
