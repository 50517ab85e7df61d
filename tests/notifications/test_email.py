"""E-mail over real SMTP (aiosmtpd on loopback): delivered once, with a Message-ID derived from the key."""
from __future__ import annotations

from sqlalchemy import select


def outbox(app, **where):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        for name, value in where.items():
            query = query.where(getattr(OutboxMessage, name) == value)
        messages = db.session.scalars(query).all()
        db.session.expunge_all()
        return messages


def tell(app, user_id, key, event="card_ready", **context):
    from anef.accounts.models import User
    from anef.extensions import db
    from anef.notifications.services import notify

    with app.test_request_context():
        notify(db.session.get(User, user_id), event, key=key, commit=True, link="https://anef.test/rdv", **context)


def test_a_notification_reaches_the_smtp_server_once(app, applicant, smtp_server):
    from anef.notifications.services import deliver, message_id_header

    tell(app, applicant, "card:ANEF-1")
    [received] = smtp_server.wait_for(1)
    message = received["message"]
    assert received["to"] == ["usager@example.fr"] and received["from"] == "ne-pas-repondre@anef.localhost"
    assert message["Subject"] == "Votre titre est prêt\u00a0: prenez rendez-vous"
    assert "Bonjour Mei," in message.get_content() and "https://anef.test/rdv" in message.get_content()
    [stored] = outbox(app, idempotency_key="card:ANEF-1")
    assert stored.status == "envoye" and stored.sent_at is not None and stored.attempts == 1
    assert message["Message-ID"] == stored.provider_id
    with app.app_context():
        assert message["Message-ID"] == message_id_header(stored)
        # The job again (at-least-once delivery), and the same key again: nothing more is sent.
        deliver(message_id=stored.id)
    tell(app, applicant, "card:ANEF-1")
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1


def test_account_e_mails_go_by_smtp_too(app, smtp_server):
    from anef.notifications.services import send_email

    with app.test_request_context():
        send_email(recipient="someone@example.fr", template="account_exists", locale="en",
                   login_url="https://anef.test/login", reset_url="https://anef.test/reset")
    [received] = smtp_server.wait_for(1)
    assert received["message"]["Subject"] == "You already have an account"
    [stored] = outbox(app)
    assert stored.status == "envoye" and stored.event == "account_exists"


def test_two_runs_cannot_both_claim_a_message(app, applicant, smtp_server):
    from anef.notifications.services import claim

    saved = app.config["MAIL_SERVER"]
    app.config["MAIL_SERVER"] = None  # nothing is sent at commit: the test runs the steps itself
    tell(app, applicant, "claim-1")
    app.config["MAIL_SERVER"] = saved
    [stored] = outbox(app, idempotency_key="claim-1")
    with app.app_context():
        assert claim(stored.id) is not None
        assert claim(stored.id) is None  # held by the first run, whose lease has not run out
    app.config["NOTIFY_CLAIM_LEASE_SECONDS"] = 0
    try:
        with app.app_context():
            assert claim(stored.id) is not None  # the first run's lease is over: it is presumed dead
    finally:
        app.config["NOTIFY_CLAIM_LEASE_SECONDS"] = 300
    assert outbox(app, idempotency_key="claim-1")[0].attempts == 2


def test_a_refused_address_fails_for_good_and_is_not_retried(app, applicant, smtp_server):
    smtp_server.refuse.add("usager@example.fr")
    tell(app, applicant, "refused")
    [stored] = outbox(app, idempotency_key="refused")
    assert stored.status == "echec" and "550" in stored.error and stored.claimed_at is None
    assert smtp_server.messages == []


def test_a_server_down_leaves_the_message_to_the_sweeper(app, applicant, smtp_server):
    from anef.notifications.services import sweep_outbox

    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 1  # nothing listens there
    try:
        tell(app, applicant, "later")
    finally:
        app.config["MAIL_PORT"] = port
    [stored] = outbox(app, idempotency_key="later")
    assert stored.status == "en_attente" and stored.attempts == 1 and stored.error and stored.claimed_at is None
    assert smtp_server.messages == []
    with app.app_context():
        assert sweep_outbox(older_than_seconds=0) == 1
    [received] = smtp_server.wait_for(1)
    [stored] = outbox(app, idempotency_key="later")
    assert stored.status == "envoye" and stored.attempts == 2 and stored.error is None
    with app.app_context():
        assert sweep_outbox(older_than_seconds=0) == 0


def test_a_message_still_failing_is_given_up_after_five_attempts(app, applicant, smtp_server):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage
    from anef.notifications.services import deliver

    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 1
    try:
        tell(app, applicant, "doomed")
        [stored] = outbox(app, idempotency_key="doomed")
        for _attempt in range(4):
            with app.app_context():
                try:
                    deliver(message_id=stored.id)
                except OSError:
                    pass
    finally:
        app.config["MAIL_PORT"] = port
    with app.app_context():
        stored = db.session.get(OutboxMessage, stored.id)
        assert stored.status == "echec" and stored.attempts == 5
