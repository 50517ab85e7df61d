"""The substitute channel: a person who cannot file online declares it, gets a timestamped receipt, and the
préfecture of their département sees it in its list."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from conftest import login

FORM = {"given_names": "Fatou", "family_name": "Sow", "birth_date": "1990-04-12", "procedure": "etudiant",
        "reason": "equipement", "details": "", "deadline": "2026-05-31", "address_lines": "8 rue des Lilas",
        "postcode": "75020", "town": "Paris", "phone": "", "email": ""}


@pytest.fixture
def sms(app, tmp_path):
    from anef.notifications.sms import LocalSink

    saved = {k: app.config.get(k) for k in ("SMS_PROVIDER", "SMS_SINK_PATH")}
    app.config.update(SMS_PROVIDER="local", SMS_SINK_PATH=str(tmp_path / "sms.jsonl"))
    sink = LocalSink(str(tmp_path / "sms.jsonl"))
    yield lambda: list(reversed(sink.messages()))
    app.config.update(saved)


def declarations(app):
    from anef.declarations.models import SubstituteDeclaration
    from anef.extensions import db

    with app.app_context():
        found = db.session.scalars(select(SubstituteDeclaration).order_by(SubstituteDeclaration.id)).all()
        db.session.expunge_all()
        return found


def test_a_declaration_gets_a_timestamped_receipt_and_reaches_the_prefecture(app, client, agent_75, agent_69):
    moment = dt.datetime(2026, 3, 9, 14, 5, 30, tzinfo=dt.timezone.utc)
    with freeze_time(moment):
        response = client.post("/declaration", data=FORM)
        assert response.status_code == 303
        receipt = client.get(response.location).get_data(as_text=True)
        pdf = client.get(response.location + ".pdf")
    [declaration] = declarations(app)
    assert declaration.number == f"DEC-2026-{declaration.id:06d}" and declaration.received_at == moment
    assert declaration.service.code == "pref-75" and declaration.channel == "en_ligne"
    assert declaration.number in receipt and "9 mars 2026" in receipt and "15:05:30" in receipt  # Paris time
    assert "protège vos délais" in receipt
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    # Another browser (the next person at a kiosk, say) sees nothing.
    assert app.test_client().get(response.location).status_code == 404
    assert app.test_client().get(f"/declaration/{declaration.id}/recu.pdf").status_code == 404
    # The préfecture of Paris lists it; Rhône does not, and cannot open it.
    paris = app.test_client()
    login(paris, "instructeur75@example.fr")
    listing = paris.get("/agent/declarations").get_data(as_text=True)
    assert declaration.number in listing and "Fatou Sow" in listing and "31 mai 2026" in listing
    assert paris.get(f"/declaration/{declaration.id}/recu.pdf").status_code == 200
    lyon = app.test_client()
    login(lyon, "instructeur69@example.fr")
    assert declaration.number not in lyon.get("/agent/declarations").get_data(as_text=True)
    assert lyon.get(f"/declaration/{declaration.id}/recu").status_code == 404
    assert lyon.post(f"/agent/declarations/{declaration.id}/traitee").status_code == 404
    # Paris handles it: it leaves the list of those to handle.
    assert paris.post(f"/agent/declarations/{declaration.id}/traitee").status_code == 302
    assert declarations(app)[0].handled_at is not None
    listing = paris.get("/agent/declarations").get_data(as_text=True)
    assert "Aucune déclaration à traiter." in listing and "Traitées récemment" in listing
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert {"declaration_received", "declarations_list", "declaration_view", "declaration_handled"} <= set(actions)


def test_the_receipt_goes_by_sms_and_e_mail_when_given(app, client, sms):
    response = client.post("/declaration", data={**FORM, "phone": "06 12 34 56 78", "email": "Fatou@Example.fr"})
    assert response.status_code == 303
    [declaration] = declarations(app)
    [message] = sms()
    assert message["to"] == "+33612345678" and declaration.number in message["text"]
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        [email] = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email")).all()
        assert email.recipient == "fatou@example.fr" and declaration.number in email.subject


def test_bad_input_is_explained_beside_the_field_and_nothing_is_lost(app, client):
    response = client.post("/declaration", data={**FORM, "reason": "autre", "postcode": "99999"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Expliquez en quelques mots" in page and "Ce code postal ne correspond" in page
    assert 'value="Fatou"' in page and "8 rue des Lilas" in page
    assert declarations(app) == []


def test_declarations_made_at_a_kiosk_or_by_a_mediator_say_so(app, client, make_user):
    make_user("mediateur75@example.fr", role="mediateur", service="pref-75")
    login(client, "mediateur75@example.fr")
    assert client.post("/declaration", data=FORM).status_code == 303
    [declaration] = declarations(app)
    assert declaration.channel == "mediateur" and declaration.mediator_id is not None
    assert "Fatou Sow" in client.get("/agent/declarations").get_data(as_text=True)


def test_the_public_form_is_linked_from_every_page(client):
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'href="/declaration"', page)
    assert client.get("/declaration").status_code == 200
