"""notify(): one notification per idempotency key, on the channels the person chose, in their language."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

PARIS = ("12 rue de la Roquette\nBâtiment B, 3e étage", "75011", "Paris")
LYON = ("5 place Bellecour", "69002", "Lyon")


def rows(app, key):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        return [(m.channel, m.status, m.recipient) for m in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.idempotency_key == key).order_by(OutboxMessage.id))]


def tell(app, user_id, event="card_ready", key="k1", reference=None, commit=True, **context):
    from anef.accounts.models import User
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.notifications.services import notify

    with app.test_request_context():
        user = db.session.get(User, user_id)
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference)) if reference else None
        return [m.id for m in notify(user, event, key=key, dossier=dossier, commit=commit, **context)]


def test_the_same_key_twice_tells_once_in_one_transaction_and_across_two(app, applicant, filed_dossier):
    from anef.extensions import db
    from anef.notifications.services import notify
    from anef.accounts.models import User

    with app.test_request_context():
        user = db.session.get(User, applicant)
        first = notify(user, "dossier_take", key="dossier:take:1", dossier=None, link="https://x.test/d")
        again = notify(user, "dossier_take", key="dossier:take:1", link="https://x.test/d")
        first = [m.id for m in first]
        assert first == [m.id for m in again]
        db.session.commit()
    # A second transaction, later (a job run twice): nothing new.
    assert tell(app, applicant, "dossier_take", key="dossier:take:1", link="https://x.test/d") == first
    assert rows(app, "dossier:take:1") == [("email", "en_attente", "usager@example.fr")]
    # A rolled-back transaction leaves nothing, so the key is still free for the real notification.
    with app.test_request_context():
        notify(db.session.get(User, applicant), "card_ready", key="rolled-back", dossier=None, link="x")
        db.session.rollback()
    assert rows(app, "rolled-back") == []


def test_the_database_refuses_a_second_row_for_a_key_and_channel(app, applicant):
    from sqlalchemy.exc import IntegrityError

    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    tell(app, applicant, "card_ready", key="unique-key", link="x")
    with app.app_context():
        db.session.add(OutboxMessage(user_id=applicant, channel="email", idempotency_key="unique-key",
                                     recipient="a@example.fr", subject="s", body="b"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        # Another channel under the same key is a different row.
        db.session.add(OutboxMessage(user_id=applicant, channel="sms", idempotency_key="unique-key",
                                     recipient="+33612345678", subject="", body="b"))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.idempotency_key == "unique-key")) == 2


@pytest.mark.parametrize(("details", "expected"), [
    ({}, ["email"]),
    ({"mobile_phone": "+33612345678"}, ["email", "sms"]),
    ({"mobile_phone": "+33612345678", "email": False}, ["sms"]),
    ({"mobile_phone": "+33612345678", "sms": False}, ["email"]),
    # Neither e-mail nor mobile wanted: a letter, when there is an address.
    ({"email": False, "address": PARIS}, ["courrier"]),
    ({"address": PARIS, "post": True}, ["email", "courrier"]),
    # Nothing usable at all: the account's address stands in, nobody is left uninformed.
    ({"email": False}, ["email"]),
    ({"email": False, "post": True}, ["email"]),
])
def test_channels_follow_the_persons_choices(app, applicant, filed_dossier, contact, details, expected):
    contact(applicant, **details)
    tell(app, applicant, "dossier_accept", key="choice", reference=filed_dossier)
    assert [channel for channel, _status, _to in rows(app, "choice")] == expected


def test_a_letter_is_never_sent_for_what_it_would_bring_too_late(app, applicant, contact):
    contact(applicant, email=False, address=PARIS)
    tell(app, applicant, "earlier_slot", key="slot", link="https://x.test/rdv")
    assert [c for c, _s, _t in rows(app, "slot")] == ["email"]


def test_sms_and_letter_carry_what_each_channel_needs(app, applicant, filed_dossier, contact, sms_sink):
    from anef.agents.models import Service
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    contact(applicant, mobile_phone="+33612345678", address=PARIS, post=True)
    tell(app, applicant, "dossier_accept", key="all", reference=filed_dossier)
    with app.app_context():
        by_channel = {m.channel: m for m in db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.idempotency_key == "all"))}
        letter, sms = by_channel["courrier"], by_channel["sms"]
        assert letter.status == "a_imprimer" and letter.recipient == "Mei Zhang"
        assert letter.postal_address == "Mei Zhang\n12 rue de la Roquette\nBâtiment B, 3e étage\n75011 PARIS"
        assert db.session.get(Service, letter.service_id).code == "pref-75"  # the dossier's service
        assert letter.subject == f"Décision sur votre demande {filed_dossier}"
        assert sms.recipient == "+33612345678" and sms.status == "envoye"  # the local sink took it at once
        assert "\n" not in sms.body and len(sms.body) <= 320 and f"/dossiers/{filed_dossier}" in sms.body
    [received] = sms_sink.messages()
    assert received["to"] == "+33612345678" and received["text"] == sms.body


def test_a_letter_without_dossier_goes_to_the_prefecture_of_the_address(app, applicant, contact):
    from anef.agents.models import Service
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    contact(applicant, email=False, address=LYON)
    tell(app, applicant, "card_ready", key="lyon", link="https://x.test/rdv")
    with app.app_context():
        letter = db.session.scalar(select(OutboxMessage).where(OutboxMessage.idempotency_key == "lyon"))
        assert db.session.get(Service, letter.service_id).code == "pref-69"


def test_the_notification_speaks_the_persons_language(app, make_user, contact, sms_sink):
    english = make_user("english@example.fr", locale="en", given_names="John")
    french = make_user("french@example.fr", locale="fr", given_names="Jean")
    for user_id in (english, french):
        contact(user_id, mobile_phone="+447911123456")
        tell(app, user_id, "appointment_reminder", key=f"lang-{user_id}", link="https://x.test/rdv",
             booking=SimpleNamespace(slot=SimpleNamespace(
                 starts_at=dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.timezone.utc),
                 counter=SimpleNamespace(name="Guichet 2"))))
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        mails = {m.user_id: m for m in db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email"))}
    assert mails[english].subject.startswith("Reminder") and "Hello John," in mails[english].body
    assert mails[english].locale == "en"
    assert mails[french].subject.startswith("Rappel") and "Bonjour Jean," in mails[french].body
    # In English, dates are English too.
    assert "March 12, 2026" in mails[english].subject and "12 mars 2026" in mails[french].subject


class Item(SimpleNamespace):
    pass


COMPLEMENT = SimpleNamespace(deadline=dt.date(2026, 4, 30), items=[
    Item(label="Passeport", reason="Page illisible : reprenez la photo en pleine lumière"),
    Item(label="Justificatif de domicile", reason=None)])
EVENTS = ["dossier_submit", "dossier_take", "dossier_request_complement", "dossier_answer_complement",
          "dossier_accept", "dossier_refuse", "dossier_close", "dossier_withdraw", "dossier_amend",
          "complement_reminder", "card_ready"]


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_dossier_event_has_an_e_mail_and_a_short_sms(app, make_user, filed_dossier, contact, sms_sink,
                                                           event, locale):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    person = make_user("long@example.fr", locale=locale,
                       given_names="Marie-Élisabeth Anne-Charlotte Joséphine-Victoire de la Tour d'Auvergne")
    contact(person, mobile_phone="+33612345678")
    tell(app, person, event, key=f"ev-{event}", reference=filed_dossier, complement=COMPLEMENT, days_left=3,
         title="Carte de séjour temporaire « étudiant » (première demande ou renouvellement), un titre long")
    with app.app_context():
        mail, sms = db.session.scalars(select(OutboxMessage).where(OutboxMessage.idempotency_key == f"ev-{event}")
                                       .order_by(OutboxMessage.channel)).all()
    assert mail.subject and "\n" not in mail.subject and "{{" not in mail.body and "None" not in mail.body
    assert "/dossiers/" in mail.body or "/rendez-vous/" in mail.body
    assert len(sms.body) <= 320 and "\n" not in sms.body and "\u00a0" not in sms.body
    assert sms.body.startswith("ANEF") and sms.body.endswith(f"http://localhost/dossiers/{filed_dossier}")
    if event in ("dossier_request_complement", "complement_reminder"):
        assert "Passeport\u00a0: Page illisible" in mail.body and "Justificatif de domicile\n" in mail.body
    if event == "dossier_request_complement" and locale == "fr":
        assert "30 avril 2026" in mail.body and "30/04/2026" in sms.body
    if event == "complement_reminder" and locale == "fr":
        assert "3 jours" in mail.body and "3 jours" in sms.body


@pytest.mark.parametrize("complement", [None, {"deadline": dt.date(2026, 4, 30), "items": [
    {"label": "Passeport", "reason": "illisible"}]}, SimpleNamespace(deadline=None, items=[])])
def test_complement_templates_hold_whatever_they_are_given(app, applicant, filed_dossier, complement):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    extra = {} if complement is None else {"complement": complement}
    tell(app, applicant, "dossier_request_complement", key="c1", reference=filed_dossier, **extra)
    tell(app, applicant, "complement_reminder", key="c2", reference=filed_dossier, **extra)
    with app.app_context():
        bodies = db.session.scalars(select(OutboxMessage.body).where(OutboxMessage.idempotency_key.in_(["c1", "c2"])))
        for body in bodies:
            assert "Undefined" not in body and "None" not in body
            if isinstance(complement, dict):
                assert "Passeport\u00a0: illisible" in body


@pytest.mark.skipif(not __import__("os").environ.get("TEST_DATABASE_URL"), reason="PostgreSQL pass only")
def test_two_transactions_racing_with_one_key_tell_once(app, applicant, contact):
    """Both pass the "already told?" check before either commits: the database keeps one row per channel and
    neither transaction fails (the second insert waits for the first, then does nothing)."""
    import threading

    from anef.accounts.models import User
    from anef.extensions import db
    from anef.notifications.services import notify

    contact(applicant, mobile_phone="+33612345678")
    saved = app.config["SMS_PROVIDER"]
    app.config["SMS_PROVIDER"] = "none"
    both_checked = threading.Barrier(2, timeout=10)
    errors = []

    def run(delay):
        try:
            with app.test_request_context():
                user = db.session.get(User, applicant)
                both_checked.wait()
                notify(user, "card_ready", key="race", link="https://x.test/r")
                __import__("time").sleep(delay)
                db.session.commit()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(d,)) for d in (0.5, 0)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        app.config["SMS_PROVIDER"] = saved
    assert errors == []
    assert sorted(c for c, _s, _t in rows(app, "race")) == ["email", "sms"]
