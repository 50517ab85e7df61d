"""SMS: through the local sink (read back by the developer page) and through an HTTP provider."""
from __future__ import annotations

import pytest
from sqlalchemy import select


def sms_rows(app):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "sms")
                                  .order_by(OutboxMessage.id)).all()
        db.session.expunge_all()
        return rows


def tell(app, user_id, key, event="card_ready"):
    from anef.accounts.models import User
    from anef.extensions import db
    from anef.notifications.services import notify

    with app.test_request_context():
        notify(db.session.get(User, user_id), event, key=key, commit=True, link="https://anef.test/r/ANEF-1")


def test_the_local_sink_keeps_the_sms_and_the_developer_reads_it(app, client, applicant, contact, sms_sink):
    contact(applicant, mobile_phone="+33612345678", email=False)
    tell(app, applicant, "card:1")
    [received] = sms_sink.messages()
    assert received["to"] == "+33612345678"
    assert received["text"] == ("ANEF : votre titre de séjour est prêt. Prenez rendez-vous pour le retirer : "
                                "https://anef.test/r/ANEF-1")
    [stored] = sms_rows(app)
    assert stored.status == "envoye" and stored.provider_id == received["id"] and stored.body == received["text"]
    page = client.get("/dev/sms").get_data(as_text=True)
    assert "+33612345678" in page and "votre titre de séjour est prêt" in page
    # The outbox page lists it among the other notifications, with its channel.
    outbox = client.get("/dev/outbox").get_data(as_text=True)
    assert "SMS" in outbox and "+33612345678" in outbox
    tell(app, applicant, "card:1")  # the same key: no second SMS
    assert len(sms_sink.messages()) == 1


def test_sms_language_follows_the_person(app, make_user, contact, sms_sink):
    from anef.notifications.sms import render_sms

    with app.test_request_context():
        long_link = "https://anef.test/" + "x" * 300
        text = render_sms("card_ready", "fr", subject="s", link=long_link)
        assert text.endswith(long_link[-20:]) and len(text) <= 320
        # An event without an SMS template is told by its subject and link.
        assert render_sms("no_such_event", "fr", subject="Objet\u00a0: test", link="https://l") == "Objet : test https://l"


def test_the_http_provider_receives_json_with_the_key_and_answers_an_id(app, applicant, contact, sms_api):
    contact(applicant, mobile_phone="+33612345678")
    tell(app, applicant, "card:2")
    [request] = sms_api.requests
    assert request["path"] == "/v1/sms" and request["headers"]["Authorization"] == "Bearer test-key"
    assert request["headers"]["Content-Type"] == "application/json"
    payload = request["json"]
    assert payload["to"] == "+33612345678" and payload["sender"] == "PREFECTURE"
    assert payload["text"].startswith("ANEF") and payload["reference"]
    [stored] = sms_rows(app)
    assert stored.status == "envoye" and stored.provider_id == "prov-1"


@pytest.mark.parametrize(("status", "delay", "expected"), [
    (400, 0, "echec"),       # refused for good (a bad number): not tried again
    (503, 0, "en_attente"),  # provider down: the sweeper tries again
    (200, 2, "en_attente"),  # no answer within SMS_API_TIMEOUT (1 s)
])
def test_a_provider_failure_is_recorded(app, applicant, contact, sms_api, status, delay, expected):
    from anef.notifications.services import sweep_outbox

    sms_api.status, sms_api.delay = status, delay
    contact(applicant, mobile_phone="+33612345678", email=False)
    tell(app, applicant, "card:3")
    [stored] = sms_rows(app)
    assert stored.status == expected and stored.error and stored.attempts == 1
    if expected == "en_attente":
        sms_api.status, sms_api.delay = 200, 0
        with app.app_context():
            assert sweep_outbox(older_than_seconds=0) == 1
        [stored] = sms_rows(app)
        assert stored.status == "envoye" and stored.attempts == 2


def test_without_a_provider_sms_wait_in_the_outbox(app, applicant, contact):
    saved = app.config["SMS_PROVIDER"]
    app.config["SMS_PROVIDER"] = "none"
    try:
        contact(applicant, mobile_phone="+33612345678")
        tell(app, applicant, "card:4")
        [stored] = sms_rows(app)
        assert stored.status == "en_attente" and stored.attempts == 0
    finally:
        app.config["SMS_PROVIDER"] = saved
