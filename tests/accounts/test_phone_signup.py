"""Accounts without e-mail: sign-up with a mobile number and an SMS code, log-in by number, and accounts opened
at a kiosk with a printed identifier and one-time access code."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from conftest import login

SIGNUP = {"given_names": "Awa", "family_name": "Traoré", "mobile_phone": "06 12 34 56 78",
          "password": "une phrase assez longue", "password_confirm": "une phrase assez longue"}
PHONE = "+33612345678"


@pytest.fixture
def sms(app, tmp_path):
    """The local SMS provider writing to this test's file; returns the texts sent, oldest first."""
    from anef.notifications.sms import LocalSink

    saved = {k: app.config.get(k) for k in ("SMS_PROVIDER", "SMS_SINK_PATH")}
    app.config.update(SMS_PROVIDER="local", SMS_SINK_PATH=str(tmp_path / "sms.jsonl"))
    sink = LocalSink(str(tmp_path / "sms.jsonl"))
    yield lambda: list(reversed(sink.messages()))
    app.config.update(saved)


def code_in(message) -> str:
    return re.search(r"\b(\d{6})\b", message["text"]).group(1)


def users(app):
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        found = db.session.scalars(select(User).order_by(User.id)).all()
        db.session.expunge_all()
        return found


def test_a_mobile_number_and_the_sms_code_open_an_account_without_e_mail(app, client, sms):
    response = client.post("/compte/inscription/mobile", data=SIGNUP)
    assert response.status_code == 302 and response.location.endswith("/compte/inscription/mobile/code")
    assert users(app) == []  # nothing before the code comes back
    [message] = sms()
    assert message["to"] == PHONE and "ANEF" in message["text"]
    page = client.get("/compte/inscription/mobile/code").get_data(as_text=True)
    assert "06 12 34 56 78" in page
    response = client.post("/compte/inscription/mobile/code", data={"code": code_in(message)})
    assert response.status_code == 302 and response.location.endswith("/dossiers/")
    [user] = users(app)
    assert (user.email, user.login_phone, user.mobile_phone, user.notify_email, user.notify_sms) == (
        None, PHONE, PHONE, False, True)
    assert client.get("/dossiers/").status_code == 200  # logged in
    # Notices then go by SMS.
    from anef.notifications.services import channels_for

    assert channels_for(user) == ["sms"]


def test_log_in_with_the_mobile_number_as_people_write_it(app, client, sms):
    client.post("/compte/inscription/mobile", data=SIGNUP)
    client.post("/compte/inscription/mobile/code", data={"code": code_in(sms()[0])})
    client.post("/compte/deconnexion")
    for typed in ("06 12 34 56 78", "+33 6 12 34 56 78", "0612345678"):
        other = app.test_client()
        response = login(other, typed, SIGNUP["password"])
        assert response.status_code == 302 and response.location.endswith("/dossiers/"), typed
    assert login(app.test_client(), "06 12 34 56 78", "pas le bon mot de passe").status_code == 401


def test_a_wrong_code_counts_and_five_lock_the_sign_up(app, client, sms):
    client.post("/compte/inscription/mobile", data=SIGNUP)
    right = code_in(sms()[0])
    wrong = "000000" if right != "000000" else "111111"
    response = client.post("/compte/inscription/mobile/code", data={"code": wrong})
    assert response.status_code == 422
    assert "Code incorrect. Il vous reste 4 essais." in response.get_data(as_text=True)
    for _ in range(4):
        client.post("/compte/inscription/mobile/code", data={"code": wrong})
    response = client.post("/compte/inscription/mobile/code", data={"code": right})
    assert response.status_code == 422 and "Demandez un nouveau code" in response.get_data(as_text=True)
    assert users(app) == []


def test_an_expired_code_fails_and_a_new_one_replaces_it(app, client, sms):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
    with freeze_time(start):
        client.post("/compte/inscription/mobile", data=SIGNUP)
    first = code_in(sms()[0])
    with freeze_time(start + dt.timedelta(minutes=11)):
        response = client.post("/compte/inscription/mobile/code", data={"code": first})
        assert response.status_code == 422 and "Ce code ne fonctionne plus" in response.get_data(as_text=True)
        assert client.post("/compte/inscription/mobile/renvoyer").status_code == 302
        second = code_in(sms()[1])
        if second != first:  # the old code, even within its ten minutes, stops working
            assert client.post("/compte/inscription/mobile/code", data={"code": first}).status_code == 422
        response = client.post("/compte/inscription/mobile/code", data={"code": second})
    assert response.status_code == 302
    assert [u.login_phone for u in users(app)] == [PHONE]


def test_at_most_five_codes_an_hour_go_to_one_number(app, client, sms):
    for _ in range(5):
        assert app.test_client().post("/compte/inscription/mobile", data=SIGNUP).status_code == 302
    response = app.test_client().post("/compte/inscription/mobile", data=SIGNUP)
    assert response.status_code == 422
    assert "Trop de codes ont été envoyés à ce numéro" in response.get_data(as_text=True)
    assert 'value="Awa"' in response.get_data(as_text=True)  # what was typed is kept
    assert len(sms()) == 5


def test_a_number_that_has_an_account_gets_the_same_answer_and_no_code_works(app, client, sms):
    client.post("/compte/inscription/mobile", data=SIGNUP)
    client.post("/compte/inscription/mobile/code", data={"code": code_in(sms()[0])})
    again = app.test_client()
    response = again.post("/compte/inscription/mobile", data={**SIGNUP, "given_names": "Intrus"})
    assert response.status_code == 302 and response.location.endswith("/compte/inscription/mobile/code")
    told = sms()[1]
    assert told["to"] == PHONE and "déjà un" in told["text"] and not re.search(r"\b\d{6}\b", told["text"])
    for code in ("000000", "123456", code_in(sms()[0])):
        assert again.post("/compte/inscription/mobile/code", data={"code": code}).status_code == 422
    assert [u.given_names for u in users(app)] == ["Awa"]


def test_a_landline_is_refused_beside_the_field(client, sms):
    response = client.post("/compte/inscription/mobile", data={**SIGNUP, "mobile_phone": "01 42 76 40 40"})
    assert response.status_code == 422 and "téléphone fixe" in response.get_data(as_text=True)
    assert sms() == []


# ---------------------------------------------------------------- printed access codes (kiosk)

def open_account(app, **extra):
    from anef.accounts.without_email import open_access_account

    with app.test_request_context():
        user, code = open_access_account(given_names="Moussa", family_name="Keïta", address_lines="3 rue Oberkampf",
                                         postcode="75011", town="Paris", mobile_phone=extra.get("mobile"),
                                         locale="fr")
        return user.id, user.access_id, code


def test_the_printed_code_works_once_and_the_person_chooses_a_password(app, client):
    user_id, access_id, code = open_account(app)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", access_id)
    [user] = users(app)
    assert user.email is None and code.replace("-", "") not in (user.access_code_hash or "")
    # The identifier is understood however it is typed.
    response = login(client, access_id.lower().replace("-", " "), code)
    assert response.status_code == 302 and response.location.endswith("/compte/premiere-connexion")
    assert client.get("/dossiers/").status_code == 302  # not logged in yet
    weak = client.post("/compte/premiere-connexion", data={"password": "court", "password_confirm": "court"})
    assert weak.status_code == 422 and "au moins 12 caractères" in weak.get_data(as_text=True)
    response = client.post("/compte/premiere-connexion", data={"password": "ma nouvelle phrase secrète",
                                                               "password_confirm": "ma nouvelle phrase secrète"})
    assert response.status_code == 302 and response.location.endswith("/dossiers/")
    assert client.get("/dossiers/").status_code == 200
    # Single use: the code no longer opens anything; the password does.
    assert login(app.test_client(), access_id, code).status_code == 401
    assert login(app.test_client(), access_id, "ma nouvelle phrase secrète").status_code == 302
    from anef.notifications.services import channels_for

    assert channels_for(users(app)[0]) == ["courrier"]


def test_an_expired_or_wrong_printed_code_opens_nothing(app, client):
    _user_id, access_id, code = open_account(app)
    assert login(client, access_id, "AAAA-AAAA").status_code == 401
    with freeze_time(dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=31)):
        assert login(app.test_client(), access_id, code).status_code == 401


def test_the_first_log_in_step_dies_with_the_code(app, client):
    _user_id, access_id, code = open_account(app)
    login(client, access_id, code)
    # Someone else sets the password first (the person at home, say): this half-way session is over.
    other = app.test_client()
    login(other, access_id, code)
    other.post("/compte/premiere-connexion", data={"password": "une autre phrase longue",
                                                   "password_confirm": "une autre phrase longue"})
    response = client.post("/compte/premiere-connexion", data={"password": "ma nouvelle phrase secrète",
                                                               "password_confirm": "ma nouvelle phrase secrète"})
    assert response.status_code == 302 and response.location.endswith("/compte/connexion")
    assert login(app.test_client(), access_id, "une autre phrase longue").status_code == 302


def test_a_forgotten_password_is_reset_with_a_code_by_sms(app, client, sms):
    client.post("/compte/inscription/mobile", data=SIGNUP)
    client.post("/compte/inscription/mobile/code", data={"code": code_in(sms()[0])})
    browser = app.test_client()
    assert "Recevoir un code par SMS" in browser.get("/compte/mot-de-passe-oublie").get_data(as_text=True)
    response = browser.post("/compte/mot-de-passe-oublie/mobile", data={"mobile_phone": "06 12 34 56 78"})
    assert response.status_code == 302
    code = code_in(sms()[-1])
    new = {"password": "un tout nouveau mot de passe", "password_confirm": "un tout nouveau mot de passe"}
    wrong = browser.post("/compte/mot-de-passe-oublie/mobile/code",
                         data={**new, "code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 422 and "Code incorrect" in wrong.get_data(as_text=True)
    response = browser.post("/compte/mot-de-passe-oublie/mobile/code", data={**new, "code": code})
    assert response.status_code == 302 and response.location.endswith("/compte/connexion")
    assert login(app.test_client(), "06 12 34 56 78", SIGNUP["password"]).status_code == 401
    assert login(app.test_client(), "06 12 34 56 78", new["password"]).status_code == 302
    # Every older session ended, including the one opened at sign-up.
    assert client.get("/dossiers/").status_code == 302


def test_an_unknown_number_gets_the_same_answer_and_no_sms(app, client, sms):
    response = client.post("/compte/mot-de-passe-oublie/mobile", data={"mobile_phone": "06 11 22 33 44"})
    assert response.status_code == 302 and sms() == []
    page = client.get(response.location).get_data(as_text=True)
    assert "Si un compte s'ouvre avec le numéro 06 11 22 33 44" in page.replace("\u00a0", " ")
