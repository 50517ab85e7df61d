"""The préfecture kiosk, in Chromium: the local admin enrols a device; a person logs in on it and walks away; the
inactivity warning counts down and the visit ends; Back and reload show nothing of that person, and the device
is still a kiosk (its cookie survives the Clear-Site-Data through the one-time re-arm link).

A live server of its own, with a kiosk time-out of a few seconds (the suite's live server keeps the defaults).
"""
from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from conftest import PASSWORD, make_app
from tests.browser.conftest import AXE_PATH, _describe, assert_accessible, serve

pytestmark = pytest.mark.browser

IDLE_SECONDS = 4
WARNING_SECONDS = 3
KIOSK_VIEWPORT = {"width": 1080, "height": 1920}  # a portrait kiosk screen

expect.set_options(timeout=15_000)


@pytest.fixture(scope="module")
def kiosk_server(app, instance_dir, _database):
    """A live server (CSRF on) whose kiosks ask after IDLE_SECONDS and end the visit WARNING_SECONDS later."""
    live_app = make_app(instance_dir, _database, KIOSK_IDLE_SECONDS=IDLE_SECONDS,
                        KIOSK_WARNING_SECONDS=WARNING_SECONDS)
    with serve(live_app, "anef-kiosk-server") as url:
        yield url


@pytest.fixture
def kiosk_page(new_context):
    """A kiosk-sized browser, in French (``bypass_csp`` only lets axe-core be injected)."""
    context = new_context(viewport=KIOSK_VIEWPORT, bypass_csp=True, locale="fr-FR")
    context.set_default_timeout(15_000)
    return context.new_page()


def assert_accessible_at_kiosk(page: Page) -> None:
    """axe-core finds no violation, and nothing scrolls sideways at the kiosk's width."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_PATH))
    violations = page.evaluate("async () => await axe.run(document)")["violations"]
    if violations:
        pytest.fail(f"axe found {len(violations)} violation(s) on {page.url}:\n"
                    + "\n".join(_describe(v) for v in violations), pytrace=False)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= KIOSK_VIEWPORT["width"]


def log_in_at(page: Page, base: str, login: str, password: str) -> None:
    page.get_by_role("navigation", name="Menu du compte").get_by_role("link", name="Se connecter").click()
    page.get_by_label(re.compile("^Adresse électronique, numéro de portable ou identifiant")).fill(login)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    expect(page).not_to_have_url(re.compile(r"/compte/connexion"))
    for _attempt in range(2):
        # The development page stands in for the phone app; its code is the oldest one still accepted, so a
        # 30-second step may pass between reading and sending it: then the next code is read again.
        if not page.url.endswith("/compte/second-facteur"):
            break
        listing = page.context.request.get(f"{base}/dev/totp").text()
        code = re.search(re.escape(login) + r"</td><td><code>(\d{6})</code>", listing).group(1)
        page.get_by_label(re.compile("^Code à 6 chiffres")).fill(code)
        page.get_by_role("button", name="Valider").click()
        page.wait_for_load_state("load")
    expect(page).not_to_have_url(re.compile(r"/compte/(second-facteur|connexion)"))


def test_chromium_drops_a_cookie_set_in_the_response_that_clears_site_data(new_context):
    """Why a visit ends with a redirect: Chromium applies Clear-Site-Data after the response's own Set-Cookie, so
    a device cookie set beside it is lost; set by the next response of a redirect, it survives."""
    from flask import Flask, make_response, redirect

    probe = Flask("probe")

    @probe.route("/set")
    def set_cookie():
        response = make_response("ok")
        response.set_cookie("device", "1", max_age=3600, secure=True, httponly=True, samesite="Strict")
        return response

    @probe.route("/same")
    def same():
        response = make_response("cleared")
        response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        response.set_cookie("device", "2", max_age=3600, secure=True, httponly=True, samesite="Strict")
        return response

    @probe.route("/redirect")
    def through_redirect():
        response = redirect("/rearm", 303)
        response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response

    @probe.route("/rearm")
    def rearm():
        response = make_response("rearmed")
        response.set_cookie("device", "3", max_age=3600, secure=True, httponly=True, samesite="Strict")
        return response

    server = make_server("127.0.0.1", 0, probe, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        page = new_context().new_page()
        page.goto(f"{base}/set")
        page.goto(f"{base}/same")
        assert [c["value"] for c in page.context.cookies() if c["name"] == "device"] == []
        page.goto(f"{base}/set")
        page.goto(f"{base}/redirect")
        assert [c["value"] for c in page.context.cookies() if c["name"] == "device"] == ["3"]
    finally:
        server.shutdown()
        server.server_close()


def enrol_a_kiosk(page: Page, kiosk_page: Page, base: str) -> None:
    """The local admin creates a device (on a phone) and opens its link on the kiosk."""
    page.goto(f"{base}/")
    log_in_at(page, base, "admin75@example.fr", PASSWORD)
    page.get_by_role("navigation", name="Menu du compte").get_by_role("link", name="Bornes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bornes d'accueil")
    assert_accessible(page)
    page.get_by_label(re.compile("^Nom de la borne")).fill("Hall d'accueil, borne 1")
    page.get_by_role("button", name="Créer la borne et son code d'enrôlement").click()
    link = page.get_by_role("main").locator("a[href*=\"/borne/enrolement?code=\"]")
    expect(link).to_be_visible()
    assert_accessible(page)
    kiosk_page.goto(link.get_attribute("href"))
    assert_accessible_at_kiosk(kiosk_page)  # before enrolment: an ordinary page
    kiosk_page.get_by_role("button", name="Enrôler ce poste").click()
    expect(kiosk_page.get_by_role("status")).to_contain_text("Ce poste est maintenant la borne")
    expect(kiosk_page.locator("html")).to_have_class(re.compile(r"\bkiosk\b"))


def device_cookie(context):
    return next((c for c in context.cookies() if c["name"] == "anef_borne"), None)


def test_after_the_time_out_back_and_reload_show_nothing_and_the_kiosk_stays_enrolled(
        page: Page, kiosk_page: Page, kiosk_server, make_user, filed_dossier):
    base = kiosk_server
    make_user("admin75@example.fr", role="admin", service="pref-75", given_names="Alice", family_name="Durand")
    enrol_a_kiosk(page, kiosk_page, base)
    cookie = device_cookie(kiosk_page.context)
    assert cookie and cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
    assert cookie["expires"] > 0  # persistent, not a session cookie
    assert_accessible_at_kiosk(kiosk_page)

    # A person logs in at the kiosk and opens their dossier.
    log_in_at(kiosk_page, base, "usager@example.fr", PASSWORD)
    kiosk_page.goto(f"{base}/dossiers/{filed_dossier}")
    main = kiosk_page.get_by_role("main")
    expect(main).to_contain_text(filed_dossier)
    assert_accessible_at_kiosk(kiosk_page)
    # Something of the person's visit kept by a script in the browser's storage.
    kiosk_page.evaluate("() => { localStorage.setItem('brouillon', 'Mei'); sessionStorage.setItem('etape', '2'); }")
    response = kiosk_page.request.get(f"{base}/dossiers/{filed_dossier}")
    assert response.headers["cache-control"] == "no-store"
    # Personal fields are never remembered by the browser here.
    assert kiosk_page.evaluate("() => Array.from(document.querySelectorAll('form')).every("
                               "f => f.getAttribute('autocomplete') === 'off')")

    # …and walks away. The warning appears, counts down, then the visit ends.
    dialog = kiosk_page.get_by_role("dialog", name="Êtes-vous toujours là\u00a0?")
    expect(dialog).to_be_visible(timeout=(IDLE_SECONDS + 5) * 1000)
    expect(dialog).to_contain_text("secondes")
    assert_accessible_at_kiosk(kiosk_page)
    expect(kiosk_page).to_have_url(f"{base}/", timeout=(WARNING_SECONDS + 10) * 1000)
    expect(kiosk_page.get_by_role("status")).to_contain_text("tout a été effacé")

    def nothing_of_the_person():
        body = kiosk_page.locator("body")
        expect(body).not_to_contain_text(filed_dossier)
        expect(body).not_to_contain_text("Mei")
        expect(body).not_to_contain_text("Zhang")
        expect(kiosk_page.get_by_role("navigation", name="Menu du compte")).to_contain_text("Se connecter")

    nothing_of_the_person()
    # Back: the dossier page is asked again (never stored) and the server knows nobody.
    kiosk_page.go_back()
    kiosk_page.wait_for_load_state("load")
    nothing_of_the_person()
    kiosk_page.reload()
    nothing_of_the_person()
    # Nothing survived in the browser's storage either, and the device is still a kiosk, with a new token.
    assert kiosk_page.evaluate("() => [localStorage.getItem('brouillon'), sessionStorage.getItem('etape')]") == [
        None, None]
    new_cookie = device_cookie(kiosk_page.context)
    assert new_cookie and new_cookie["value"] != cookie["value"] and new_cookie["httpOnly"]
    assert [c["name"] for c in kiosk_page.context.cookies()].count("session") <= 1
    expect(kiosk_page.locator("html")).to_have_class(re.compile(r"\bkiosk\b"))
    expect(kiosk_page.get_by_role("button", name="Terminer et effacer")).to_be_visible()


def test_terminer_et_effacer_ends_the_visit_at_once_and_the_next_person_starts_clean(
        page: Page, kiosk_page: Page, kiosk_server, make_user, applicant):
    base = kiosk_server
    make_user("admin75@example.fr", role="admin", service="pref-75")
    enrol_a_kiosk(page, kiosk_page, base)
    log_in_at(kiosk_page, base, "usager@example.fr", PASSWORD)
    expect(kiosk_page.get_by_role("main")).to_contain_text("Bonjour Mei")
    kiosk_page.evaluate("() => { localStorage.setItem('brouillon', 'Mei'); sessionStorage.setItem('x', '1'); }")
    kiosk_page.get_by_role("button", name="Terminer et effacer").first.click()
    expect(kiosk_page).to_have_url(f"{base}/")
    assert kiosk_page.evaluate("() => localStorage.getItem('brouillon')") is None
    kiosk_page.go_back()
    kiosk_page.wait_for_load_state("load")
    expect(kiosk_page.locator("body")).not_to_contain_text("Bonjour Mei")
    expect(kiosk_page.locator("html")).to_have_class(re.compile(r"\bkiosk\b"))


def test_the_kiosk_opens_an_account_and_prints_the_slip_cleanly(page: Page, kiosk_page: Page, kiosk_server,
                                                                 make_user):
    base = kiosk_server
    make_user("admin75@example.fr", role="admin", service="pref-75")
    enrol_a_kiosk(page, kiosk_page, base)
    kiosk_page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    kiosk_page.get_by_role("link", name="Créer un compte sans adresse électronique").click()
    assert_accessible_at_kiosk(kiosk_page)
    kiosk_page.get_by_label("Prénom(s)").fill("Moussa")
    kiosk_page.get_by_label("Nom de famille").fill("Keïta")
    kiosk_page.get_by_label(re.compile("^Adresse postale")).fill("3 rue Oberkampf")
    kiosk_page.get_by_label("Code postal").fill("75011")
    kiosk_page.get_by_label("Commune").fill("Paris")
    kiosk_page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    kiosk_page.get_by_role("button", name="Créer mon compte et imprimer mon ticket").click()
    expect(kiosk_page.get_by_role("heading", level=1)).to_have_text("Votre ticket de connexion")
    kiosk_page.wait_for_function("() => window.printed >= 1")  # printed on arrival
    assert_accessible_at_kiosk(kiosk_page)
    # As printed: only the slip, no header, menus or buttons.
    kiosk_page.emulate_media(media="print")
    for hidden in (".fr-header", ".anef-topnav", ".anef-kiosk-bar", ".fr-footer", ".fr-btns-group"):
        expect(kiosk_page.locator(hidden).first).to_be_hidden()
    expect(kiosk_page.locator(".anef-slip")).to_be_visible()
    pdf = kiosk_page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # one sheet


def test_an_attestation_prints_cleanly_on_the_kiosk_printer(page: Page, kiosk_page: Page, kiosk_server, make_user,
                                                           filed_dossier):
    base = kiosk_server
    make_user("admin75@example.fr", role="admin", service="pref-75")
    enrol_a_kiosk(page, kiosk_page, base)
    log_in_at(kiosk_page, base, "usager@example.fr", PASSWORD)
    kiosk_page.goto(f"{base}/dossiers/{filed_dossier}")
    kiosk_page.get_by_role("link", name="Attestation de dépôt").first.click()
    expect(kiosk_page.get_by_role("heading", level=1)).to_contain_text("Attestation de dépôt")
    expect(kiosk_page.get_by_role("button", name="Imprimer cette page")).to_be_visible()
    assert_accessible_at_kiosk(kiosk_page)
    kiosk_page.emulate_media(media="print")
    for hidden in (".fr-header", ".anef-topnav", ".anef-kiosk-bar", ".fr-footer"):
        expect(kiosk_page.locator(hidden).first).to_be_hidden()
    expect(kiosk_page.get_by_role("heading", level=1)).to_be_visible()
    expect(kiosk_page.get_by_role("main")).to_contain_text(filed_dossier)
    pdf = kiosk_page.pdf(format="A4")
    assert 1 <= len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) <= 2
