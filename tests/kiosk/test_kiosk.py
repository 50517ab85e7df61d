"""Kiosk mode: enrolment by the local admin, what an enrolled device changes, revocation, and the end of a visit
that leaves nothing of the person while the device stays enrolled."""
from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from conftest import login

COOKIE = "anef_borne"


@pytest.fixture
def admin_75(make_user):
    return make_user("admin75@example.fr", role="admin", service="pref-75", given_names="Alice", family_name="Durand")


def devices(app):
    from anef.extensions import db
    from anef.kiosk.models import KioskDevice

    with app.app_context():
        found = db.session.scalars(select(KioskDevice).order_by(KioskDevice.id)).all()
        db.session.expunge_all()
        return found


def audit_actions(app):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return [(e.action, e.target) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def create_device(app, admin_client, name="Hall, borne 1") -> str:
    """Create a device through the admin page; return its enrolment code as shown."""
    response = admin_client.post("/agent/service/bornes", data={"name": name})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return re.search(r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</strong>", page).group(1)


def enrol(app, code):
    """A fresh browser enrolled with ``code``; returns its client."""
    kiosk = app.test_client()
    response = kiosk.post("/borne/enrolement", data={"code": code})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return kiosk


@pytest.fixture
def kiosk(app, client, admin_75):
    login(client, "admin75@example.fr")
    return enrol(app, create_device(app, client))


def test_the_local_admin_creates_a_device_and_its_one_time_code_enrols_one_browser(app, client, admin_75):
    login(client, "admin75@example.fr")
    assert client.get("/agent/service/bornes").status_code == 200
    code = create_device(app, client)
    [device] = devices(app)
    # Only digests are kept.
    assert device.enrol_code_hash and code not in device.enrol_code_hash and device.token_hash is None
    page = app.test_client().get(f"/borne/enrolement?code={code}").get_data(as_text=True)
    assert f'value="{code}"' in page  # the link fills the code in; only the POST uses it
    assert devices(app)[0].token_hash is None
    browser = app.test_client()
    response = browser.post("/borne/enrolement", data={"code": code.lower().replace("-", " ")})
    assert response.status_code == 303
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(COOKIE + "="))
    assert {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"} <= {p.strip() for p in header.split(";")}
    assert int(re.search(r"Max-Age=(\d+)", header).group(1)) >= 365 * 24 * 3600
    token = header.split(";")[0].split("=", 1)[1]
    [device] = devices(app)
    assert device.enrolled_at and device.enrol_code_hash is None and token not in device.token_hash
    # Used once: a second browser gets nothing.
    again = app.test_client().post("/borne/enrolement", data={"code": code})
    assert again.status_code == 422 and "Ce code ne fonctionne pas" in again.get_data(as_text=True)
    assert ("kiosk_created", f"kiosk:{device.id}") in audit_actions(app)
    assert ("kiosk_enrolled", f"kiosk:{device.id}") in audit_actions(app)


def test_an_enrolment_code_expires_after_a_day(app, client, admin_75):
    login(client, "admin75@example.fr")
    code = create_device(app, client)
    with freeze_time(dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=25)):
        assert app.test_client().post("/borne/enrolement", data={"code": code}).status_code == 422


def test_only_the_local_admin_of_the_service_manages_its_devices(app, client, make_user, admin_75, agent_75):
    login(client, "admin75@example.fr")
    create_device(app, client)
    [device] = devices(app)
    make_user("admin69@example.fr", role="admin", service="pref-69")
    other = app.test_client()
    login(other, "admin69@example.fr")
    assert "Hall, borne 1" not in other.get("/agent/service/bornes").get_data(as_text=True)
    assert other.post(f"/agent/service/bornes/{device.id}/revoquer").status_code == 404
    assert other.post(f"/agent/service/bornes/{device.id}/code").status_code == 404
    instructeur = app.test_client()
    login(instructeur, "instructeur75@example.fr")
    assert instructeur.get("/agent/service/bornes").status_code == 404
    assert devices(app)[0].revoked_at is None


def test_pages_on_a_kiosk_are_large_never_stored_and_never_autocompleted(app, kiosk):
    response = kiosk.get("/compte/connexion")
    page = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert re.search(r'<html[^>]* class="kiosk"', page) and "css/kiosk.css" in page and "js/kiosk.js" in page
    assert "Terminer et effacer" in page and "Se déconnecter" not in page
    for tag in re.findall(r"<(?:input|textarea|select|form)\b[^>]*>", page):
        if 'type="hidden"' not in tag:
            assert 'autocomplete="off"' in tag and tag.count("autocomplete=") == 1, tag
    assert "fr-footer__bottom" not in page  # no links out of the simplified navigation
    # Elsewhere, nothing of it.
    plain = app.test_client().get("/compte/connexion").get_data(as_text=True)
    assert 'class="kiosk"' not in plain and 'autocomplete="username"' in plain and "Terminer et effacer" not in plain


def test_the_autocomplete_rewrite_keeps_hidden_fields_and_every_other_attribute():
    from anef.kiosk.visit import without_autocomplete

    html = ('<form method="post"><input type="hidden" name="csrf_token" value="x">'
            '<input class="fr-input" autocomplete="given-name" name="a"><textarea autocomplete=\'street-address\'>'
            '</textarea><select name="s"></select></form>')
    assert without_autocomplete(html) == (
        '<form autocomplete="off" method="post"><input type="hidden" name="csrf_token" value="x">'
        '<input autocomplete="off" class="fr-input" name="a"><textarea autocomplete="off"></textarea>'
        '<select autocomplete="off" name="s"></select></form>')


def test_a_revoked_device_is_an_ordinary_browser_again_and_forgets_its_token(app, client, kiosk):
    assert kiosk.get("/borne/compte").status_code == 200
    [device] = devices(app)
    assert client.post(f"/agent/service/bornes/{device.id}/revoquer").status_code == 302
    response = kiosk.get("/")
    assert 'class="kiosk"' not in response.get_data(as_text=True)
    assert any(h.startswith(COOKIE + "=;") for h in response.headers.getlist("Set-Cookie"))
    assert kiosk.get("/borne/compte").status_code == 404
    assert ("kiosk_revoked", f"kiosk:{device.id}") in audit_actions(app)


def test_kiosk_only_pages_answer_404_elsewhere(client):
    assert client.get("/borne/compte").status_code == 404
    assert client.post("/borne/presence").status_code == 404


def test_ending_a_visit_clears_everything_and_the_device_stays_enrolled(app, kiosk, applicant):
    login(kiosk, "usager@example.fr")
    assert kiosk.get("/dossiers/").status_code == 200
    old_token = kiosk.get_cookie(COOKIE).value
    response = kiosk.post("/borne/terminer")
    assert response.status_code == 303
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "/borne/reprise?jeton=" in response.location
    # The browser clears its cookies (as Chromium does), then follows the redirect.
    kiosk._cookies.clear()
    rearm = kiosk.get(response.location)
    assert rearm.status_code == 303 and rearm.location.endswith("/")
    new_token = kiosk.get_cookie(COOKIE).value
    assert new_token != old_token
    assert 'class="kiosk"' in kiosk.get("/").get_data(as_text=True)
    assert kiosk.get("/dossiers/").status_code == 302  # the person is logged out
    # The re-arm link works once; the old token no longer does.
    assert kiosk.get(response.location).status_code == 303 and kiosk.get_cookie(COOKIE).value == new_token
    stale = app.test_client()
    stale.set_cookie(COOKIE, old_token)
    assert 'class="kiosk"' not in stale.get("/").get_data(as_text=True)
    # Every session of the person ended (not only this cookie).
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        assert db.session.get(User, applicant).session_version == 2


def test_a_re_arm_link_expires_quickly(app, kiosk):
    response = kiosk.post("/borne/terminer")
    kiosk._cookies.clear()
    with freeze_time(dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=3)):
        rearm = kiosk.get(response.location)
    assert kiosk.get_cookie(COOKIE) is None and rearm.status_code == 303


def test_the_server_ends_a_visit_left_idle_even_without_javascript(app, kiosk, applicant):
    login(kiosk, "usager@example.fr")
    with kiosk.session_transaction() as session:
        session["kiosk_seen"] = time.time() - (180 + 60 + 31)
    response = kiosk.get("/dossiers/")
    assert response.status_code == 303 and response.headers["Clear-Site-Data"]
    assert "/borne/reprise" in response.location


def test_the_log_out_button_on_a_kiosk_also_clears_everything(app, kiosk, applicant):
    login(kiosk, "usager@example.fr")
    response = kiosk.post("/compte/deconnexion")
    assert response.status_code == 303 and response.headers["Clear-Site-Data"]


def test_a_kiosk_opens_an_account_with_a_printed_identifier_and_code(app, kiosk):
    form = {"given_names": "Moussa", "family_name": "Keïta", "address_lines": "3 rue Oberkampf", "postcode": "75011",
            "town": "Paris", "mobile_phone": ""}
    response = kiosk.post("/borne/compte", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Votre ticket de connexion" in page and "data-kiosk-autoprint" in page
    access_id, code = re.findall(r'<strong class="anef-kiosk-code">([A-Z0-9-]+)</strong>', page)
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        user = db.session.scalar(select(User).where(User.access_id == access_id))
        assert user.email is None and user.notify_post and user.access_code_hash and code not in user.access_code_hash
    assert login(app.test_client(), access_id, code).location.endswith("/compte/premiere-connexion")
    missing = kiosk.post("/borne/compte", data={**form, "address_lines": ""})
    assert missing.status_code == 422 and "Indiquez votre adresse" in missing.get_data(as_text=True)


def test_polling_does_not_keep_an_idle_visit_alive_and_htmx_requests_leave_the_whole_page(app, kiosk, applicant):
    login(kiosk, "usager@example.fr")
    with kiosk.session_transaction() as session:
        session["kiosk_seen"] = time.time() - 200
    kiosk.get("/dossiers/", headers={"HX-Request": "true"})  # a poll: nobody touched the kiosk
    with kiosk.session_transaction() as session:
        assert time.time() - session["kiosk_seen"] >= 200
        session["kiosk_seen"] = time.time() - 400
    response = kiosk.post("/dossiers/", headers={"HX-Request": "true"})
    assert response.status_code == 204 and response.headers["Clear-Site-Data"]
    assert "/borne/reprise?jeton=" in response.headers["HX-Redirect"]
