"""Sessions and the agents' second factor."""
import time

from conftest import PASSWORD, login, totp_code


def test_a_new_session_identifier_at_each_log_in(client, applicant):
    login(client, "usager@example.fr")
    with client.session_transaction() as s:
        first = s["sid"]
    client.post("/compte/deconnexion")
    login(client, "usager@example.fr")
    with client.session_transaction() as s:
        assert s["sid"] != first


def test_idle_sessions_end(client, applicant):
    login(client, "usager@example.fr")
    with client.session_transaction() as s:
        s["seen_at"] = time.time() - 31 * 60
    response = client.get("/dossiers/")
    assert response.status_code == 302 and "/compte/connexion" in response.location
    assert client.get("/dossiers/").status_code == 302  # and it stays ended


def test_sessions_end_after_the_absolute_limit_even_when_active(client, applicant):
    login(client, "usager@example.fr")
    with client.session_transaction() as s:
        s["login_at"] = time.time() - 13 * 3600
    assert client.get("/dossiers/").status_code == 302


def test_cookie_flags(client, applicant):
    response = client.post("/compte/connexion", data={"email": "usager@example.fr", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "remember_token" not in str(response.headers)


def test_agents_need_the_second_factor(app, client, agent_75):
    response = client.post("/compte/connexion", data={"email": "instructeur75@example.fr", "password": PASSWORD})
    assert response.location.endswith("/compte/second-facteur")
    assert client.get("/agent/").status_code == 302  # the password alone opens nothing
    assert client.post("/compte/second-facteur", data={"code": "123456"}).status_code == 401
    code = totp_code(app, "instructeur75@example.fr")
    assert client.post("/compte/second-facteur", data={"code": code}).status_code == 302
    assert client.get("/agent/").status_code == 200


def test_a_totp_code_cannot_be_replayed(app, agent_75):
    first = app.test_client()
    first.post("/compte/connexion", data={"email": "instructeur75@example.fr", "password": PASSWORD})
    code = totp_code(app, "instructeur75@example.fr")
    assert first.post("/compte/second-facteur", data={"code": code}).status_code == 302
    thief = app.test_client()
    thief.post("/compte/connexion", data={"email": "instructeur75@example.fr", "password": PASSWORD})
    assert thief.post("/compte/second-facteur", data={"code": code}).status_code == 401


def test_second_factor_attempts_are_throttled(client, agent_75):
    client.post("/compte/connexion", data={"email": "instructeur75@example.fr", "password": PASSWORD})
    codes = [client.post("/compte/second-facteur", data={"code": "000000"}).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]


def test_a_disabled_agent_is_out_at_the_next_request(app, client, agent_75):
    from anef.accounts.models import User
    from anef.extensions import db

    login(client, "instructeur75@example.fr")
    assert client.get("/agent/").status_code == 200
    with app.app_context():
        db.session.get(User, agent_75).active = False
        db.session.commit()
    assert client.get("/agent/").status_code == 302


def test_password_change_ends_other_sessions_of_an_agent(app, agent_75):
    from anef.accounts.models import User
    from anef.accounts.services import set_password
    from anef.extensions import db

    device = app.test_client()
    login(device, "instructeur75@example.fr")
    with app.app_context():
        set_password(db.session.get(User, agent_75), "un nouveau mot de passe solide")
    assert device.get("/agent/").status_code == 302
