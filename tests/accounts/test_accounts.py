import re

from sqlalchemy import select

from conftest import PASSWORD, login


def outbox(app):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def link_in(message):
    return re.search(r"http://\S+", message.body).group(0)


SIGNUP = {"given_names": "Amina", "family_name": "Diallo", "email": "Amina.Diallo@Example.fr",
          "password": "une phrase assez longue", "password_confirm": "une phrase assez longue"}


def test_sign_up_sends_a_verification_link_that_enables_log_in(app, client):
    response = client.post("/compte/inscription", data=SIGNUP)
    assert response.status_code == 200
    assert "amina.diallo@example.fr" in response.get_data(as_text=True)
    assert login(client, "amina.diallo@example.fr", SIGNUP["password"]).status_code == 401  # not verified yet
    [message] = outbox(app)
    assert message.recipient == "amina.diallo@example.fr"
    path = link_in(message).replace("http://localhost", "")
    assert client.get(path).status_code == 302
    response = login(client, "AMINA.DIALLO@example.fr", SIGNUP["password"])
    assert response.status_code == 302 and response.location.endswith("/dossiers/")


def test_sign_up_answers_the_same_whether_the_address_is_known(app, client, applicant):
    known = client.post("/compte/inscription", data={**SIGNUP, "email": "usager@example.fr"})
    unknown = client.post("/compte/inscription", data={**SIGNUP, "email": "nouveau@example.fr"})
    assert known.status_code == unknown.status_code == 200
    strip = lambda r, email: re.sub(r'(X-CSRFToken": "|csrf_token" value="|nonce=")[^"]+', "", r.get_data(as_text=True)).replace(email, "EMAIL")  # noqa: E731
    assert strip(known, "usager@example.fr") == strip(unknown, "nouveau@example.fr")
    subjects = [m.subject for m in outbox(app)]
    assert subjects == ["Vous avez déjà un compte", "Confirmez votre adresse électronique"]


def test_weak_passwords_are_refused_beside_the_field(client):
    for password, message in [("court", "au moins 12 caractères"), ("prefecture", "au moins 12"),
                              ("motdepasse12", "trop courant"), ("amina.diallo2026", "adresse électronique")]:
        data = {**SIGNUP, "password": password, "password_confirm": password}
        response = client.post("/compte/inscription", data=data)
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and message in body, password
        assert 'value="Amina"' in body  # what was typed is kept


def test_wrong_password_and_unknown_email_get_the_same_answer(client, applicant):
    wrong = login(client, "usager@example.fr", "not the password at all")
    unknown = login(client, "personne@example.fr", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_data(as_text=True).count("incorrect") == unknown.get_data(as_text=True).count("incorrect") == 1


def test_password_reset_changes_the_password_once_and_ends_other_sessions(app, client, applicant):
    other_device = app.test_client()
    login(other_device, "usager@example.fr")
    assert other_device.get("/dossiers/").status_code == 200
    client.post("/compte/mot-de-passe-oublie", data={"email": "usager@example.fr"})
    client.post("/compte/mot-de-passe-oublie", data={"email": "personne@example.fr"})
    [message] = outbox(app)
    path = link_in(message).replace("http://localhost", "")
    new = "un tout nouveau mot de passe"
    assert client.post(path, data={"password": new, "password_confirm": new}).status_code == 302
    assert client.post(path, data={"password": new, "password_confirm": new}).status_code == 400  # used link
    assert login(client, "usager@example.fr", PASSWORD).status_code == 401
    assert login(client, "usager@example.fr", new).status_code == 302
    assert other_device.get("/dossiers/").status_code == 302  # the old session is over


def test_log_out_ends_the_session_even_if_the_cookie_is_replayed(app, client, applicant):
    login(client, "usager@example.fr")
    cookie = client.get_cookie("session").value
    client.post("/compte/deconnexion")
    replay = app.test_client()
    replay.set_cookie("session", cookie)
    assert replay.get("/dossiers/").status_code == 302


def test_passwords_are_hashed_with_argon2id(app, applicant):
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        assert db.session.get(User, applicant).password_hash.startswith("$argon2id$")


def test_next_parameter_cannot_send_people_to_another_site(client, applicant):
    response = client.post("/compte/connexion?next=https://evil.example/", data={"email": "usager@example.fr",
                                                                                "password": PASSWORD})
    assert response.location.endswith("/dossiers/")
    response = app_login_next(client, "/dossiers/")
    assert response.location.endswith("/dossiers/")


def app_login_next(client, target):
    client.post("/compte/deconnexion")
    return client.post(f"/compte/connexion?next={target}", data={"email": "usager@example.fr", "password": PASSWORD})


def test_csrf_token_is_required_on_posts(app, applicant):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = app.test_client().post("/compte/connexion", data={"email": "usager@example.fr", "password": PASSWORD})
        assert response.status_code == 400
        assert "Formulaire expiré" in response.get_data(as_text=True)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_english_speakers_get_english_pages_and_e_mails(app, client):
    client.get("/?lang=en")
    response = client.post("/compte/inscription", data={**SIGNUP, "email": "en@example.fr"})
    assert "Check your e-mails" in response.get_data(as_text=True)
    [message] = outbox(app)
    assert message.subject == "Confirm your e-mail address"
