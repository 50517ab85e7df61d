"""Logs never hold a password, a one-time link's token or an identity document number.

Every log record is captured at DEBUG (root, ``werkzeug``, ``anef``, ``sqlalchemy``) while people sign up,
confirm their address, log in with a wrong then the right password, reset their password, file a dossier
(the passport number EA1234567 is among the answers) and while an agent reads that dossier.
"""
from __future__ import annotations

import http.cookiejar
import logging
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from urllib.parse import quote, urlsplit

import pyotp
import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from conftest import PASSWORD, PDF_BYTES, make_app, student_answers

EMAIL = "journal@example.fr"
FIRST_PASSWORD = "premier mot de passe assez long"
WRONG_PASSWORD = "mauvais mot de passe tape"
NEW_PASSWORD = "nouveau mot de passe bien long"
PASSPORT = "EA1234567"
AGENT_EMAIL = "instructeur75@example.fr"
LOGGERS = ("", "werkzeug", "anef", "sqlalchemy")


# ---------------------------------------------------------------- helpers

def agent_login(app, client, email, password=PASSWORD):
    """The one place where agents log in: password, then the TOTP second factor (enrolling when needed)."""
    response = client.post("/compte/connexion", data={"email": email, "password": password})
    if response.status_code == 302 and response.location.endswith("/compte/second-facteur"):
        client.get("/compte/second-facteur")  # an agent without a second factor yet gets a secret here
        with client.session_transaction() as session:
            enrolling_secret = (session.get("mfa") or {}).get("secret")
        if enrolling_secret:
            code = pyotp.TOTP(enrolling_secret).now()
        else:
            from anef.accounts.mfa import next_code
            from anef.accounts.models import User
            from anef.extensions import db

            with app.app_context():
                code = next_code(db.session.scalar(select(User).where(User.email == email)))
        response = client.post("/compte/second-facteur", data={"code": code})
    assert response.status_code == 302 and "/compte/" not in response.location, (
        f"agent log-in of {email} failed: {response.status_code} {response.location}")
    return response


def capture_everything(caplog):
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name or None)


def last_link(app, email, path):
    """The newest link to ``path`` e-mailed to ``email``, and its token."""
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        bodies = db.session.scalars(select(OutboxMessage.body).where(OutboxMessage.recipient == email)
                                    .order_by(OutboxMessage.id.desc())).all()
    for body in bodies:
        found = re.search(rf"https?://\S+?{re.escape(path)}(\S+)", body)
        if found:
            return urlsplit(found.group(0)).path, found.group(1)
    raise AssertionError(f"no link to {path} e-mailed to {email}")


STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def record_text(record: logging.LogRecord) -> str:
    """All a handler could write of a record: the message, its raw arguments, the exception."""
    parts = [str(record.msg)]
    try:
        parts.append(record.getMessage())
    except Exception:  # a malformed record still shows its arguments below
        pass
    parts.append(repr(record.args))
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    if record.exc_text:
        parts.append(record.exc_text)
    parts.extend(str(value) for key, value in vars(record).items() if key not in STANDARD_ATTRIBUTES)  # extra=…
    return "\n".join(parts)


def leaks(records, secrets: dict[str, str]) -> list[str]:
    found = []
    for record in records:
        content = record_text(record)
        for label, secret in secrets.items():
            if secret and secret in content:
                found.append(f"[{record.name} {record.levelname}] {label}: {content[:400]!r}")
    return found


def upload_body(kind, filename):
    boundary = "----anef-logs-test"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{quote(filename)}\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + PDF_BYTES + f"%{kind}\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def required_kinds(app, reference):
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        return [r.kind for r in services.required_documents(dossier)], [s.slug for s in services.steps_for(dossier)]


def document_id(app, reference, kind):
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        return services.current_documents(dossier)[kind].id


# ---------------------------------------------------------------- the journey, through the test client

@pytest.fixture
def journey(app, make_user, caplog):
    """Run the whole journey with every logger at DEBUG; return the secrets it used and the records."""
    make_user(AGENT_EMAIL, role="instructeur", service="pref-75", given_names="Inès", family_name="Martin")
    capture_everything(caplog)
    client = app.test_client()

    # Sign-up and the confirmation link.
    response = client.post("/compte/inscription", data={
        "given_names": "Mei", "family_name": "Zhang", "email": EMAIL, "password": FIRST_PASSWORD,
        "password_confirm": FIRST_PASSWORD})
    assert response.status_code == 200
    verify_path, verify_token = last_link(app, EMAIL, "/compte/confirmation/")
    assert client.get(verify_path).status_code == 302

    # A wrong password, then the right one.
    assert client.post("/compte/connexion", data={"email": EMAIL, "password": WRONG_PASSWORD}).status_code == 401
    assert client.post("/compte/connexion", data={"email": EMAIL, "password": FIRST_PASSWORD}).status_code == 302
    assert client.post("/compte/deconnexion").status_code == 302

    # Password reset.
    assert client.post("/compte/mot-de-passe-oublie", data={"email": EMAIL}).status_code == 200
    reset_path, reset_token = last_link(app, EMAIL, "/compte/mot-de-passe/")
    assert client.get(reset_path).status_code == 200
    response = client.post(reset_path, data={"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.post("/compte/connexion", data={"email": EMAIL, "password": NEW_PASSWORD}).status_code == 302

    # Filing a dossier whose answers hold the passport number.
    response = client.post("/dossiers/nouveau/etudiant",
                           data={"inscrit": "oui", "demande": "premiere", "vls_ts_non_valide": "non"})
    reference = response.location.split("/dossiers/")[1].split("/")[0]
    answers = student_answers()
    assert answers["passeport"]["numero"] == PASSPORT
    kinds, slugs = required_kinds(app, reference)
    for slug in slugs:
        response = client.post(f"/dossiers/{reference}/etapes/{slug}", data={**answers[slug], "go": "next"})
        assert response.status_code == 302, slug
    # An autosave through htmx, as the browser sends it while typing.
    client.post(f"/dossiers/{reference}/etapes/passeport", data=answers["passeport"], headers={"HX-Request": "true"})
    for kind in kinds:
        body, content_type = upload_body(kind, f"{kind}-{PASSPORT}.pdf" if kind != "passeport" else "passeport.pdf")
        assert client.post(f"/dossiers/{reference}/documents", data=body, content_type=content_type).status_code == 302
    assert "EA1234567" in client.get(f"/dossiers/{reference}/recapitulatif").get_data(as_text=True)
    assert client.post(f"/dossiers/{reference}/deposer").status_code == 302
    assert client.get(f"/attestations/{reference}/depot.pdf").status_code == 200

    # An agent reads it: queue, dossier, passport viewer and download.
    agent = app.test_client()
    agent_login(app, agent, AGENT_EMAIL)
    assert agent.get("/agent/").status_code == 200
    page = agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
    assert PASSPORT in page
    passport = document_id(app, reference, "passeport")
    assert agent.get(f"/agent/dossiers/{reference}/documents/{passport}").status_code == 200
    with agent.get(f"/documents/{passport}/telecharger") as download:  # closes the file sent
        assert download.status_code == 200 and download.data.startswith(b"%PDF")

    secrets = {"first password": FIRST_PASSWORD, "wrong password": WRONG_PASSWORD, "new password": NEW_PASSWORD,
               "agent password": PASSWORD, "verification token": verify_token, "reset token": reset_token,
               "passport number": PASSPORT}
    return secrets, list(caplog.records)


def test_the_journey_was_logged_at_debug(journey):
    """The capture works: SQL statements at least are there to be searched."""
    _secrets, records = journey
    assert any(r.name.startswith("sqlalchemy") for r in records), "nothing was captured"


def test_application_logs_hold_no_password_token_or_passport_number(journey):
    secrets, records = journey
    found = leaks([r for r in records if not r.name.startswith("sqlalchemy")], secrets)
    assert not found, "secrets in the application's logs:\n" + "\n".join(found)


def test_sql_logs_hold_no_password_token_or_passport_number(journey):
    """With SQL logging on (SQLALCHEMY_ECHO, or sqlalchemy at INFO/DEBUG while investigating), the statements'
    parameters and the rows fetched must not spill personal data into the logs."""
    secrets, records = journey
    found = leaks([r for r in records if r.name.startswith("sqlalchemy")], secrets)
    assert not found, f"{len(found)} SQL log record(s) hold secrets, e.g.:\n" + "\n".join(found[:8])


# ---------------------------------------------------------------- the access log of a real HTTP server

class Browser:
    """A minimal cookie-keeping HTTP client that does not follow redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  self._NoRedirect())

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=20) as response:
                return response.status
        except urllib.error.HTTPError as error:
            error.close()
            return error.code


@pytest.fixture
def http_server(app, instance_dir, _database):
    """The application served by Werkzeug over HTTP (CSRF off, as for the test client)."""
    served = make_app(instance_dir, _database, WTF_CSRF_ENABLED=False)
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="anef-logs-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        from anef.extensions import db

        with served.app_context():
            db.session.remove()
            db.engine.dispose()


def test_the_access_log_holds_no_token_of_an_e_mailed_link(app, http_server, caplog):
    """An access log (Werkzeug here, gunicorn's in production) writes each request line: the one-time links
    of the e-mails must not leave their token there."""
    capture_everything(caplog)
    browser = Browser(http_server)
    assert browser.request("/compte/inscription", {
        "given_names": "Mei", "family_name": "Zhang", "email": EMAIL, "password": FIRST_PASSWORD,
        "password_confirm": FIRST_PASSWORD}) == 200
    verify_path, verify_token = last_link(app, EMAIL, "/compte/confirmation/")
    assert browser.request(verify_path) == 302
    assert browser.request("/compte/connexion", {"email": EMAIL, "password": WRONG_PASSWORD}) == 401
    assert browser.request("/compte/mot-de-passe-oublie", {"email": EMAIL}) == 200
    reset_path, reset_token = last_link(app, EMAIL, "/compte/mot-de-passe/")
    assert browser.request(reset_path) == 200
    assert browser.request(reset_path, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}) == 302
    assert browser.request("/compte/connexion", {"email": EMAIL, "password": NEW_PASSWORD}) == 302
    access = [r for r in caplog.records if r.name == "werkzeug"]
    assert any("/compte/connexion" in record_text(r) for r in access), "the access log was not captured"
    # SQL records are the concern of test_sql_logs_hold_no_password_token_or_passport_number.
    found = leaks([r for r in caplog.records if not r.name.startswith("sqlalchemy")], {"first password": FIRST_PASSWORD, "wrong password": WRONG_PASSWORD,
                                   "new password": NEW_PASSWORD, "verification token": verify_token,
                                   "reset token": reset_token})
    assert not found, "secrets in the logs of the HTTP server:\n" + "\n".join(found)


def test_gunicorn_style_access_records_keep_their_mapping_and_lose_the_token():
    import logging

    from anef.logs import RedactTokens

    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, '%(h)s "%(r)s"',
                               None, None)
    record.args = {"h": "127.0.0.1", "r": "GET /compte/mot-de-passe/abc.def-123 HTTP/1.1"}
    assert RedactTokens().filter(record)
    assert record.getMessage() == '127.0.0.1 "GET /compte/mot-de-passe/[token] HTTP/1.1"'
