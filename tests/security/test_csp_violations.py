"""The pages work under their own Content Security Policy: not one violation on the way of an applicant and an agent.

The browser context here does NOT bypass the CSP (unlike the accessibility journeys, which need to inject
axe-core). Every ``securitypolicyviolation`` event of each page, and every console message about the
Content Security Policy, is recorded; the walk covers the public pages, the applicant's draft (with an htmx
autosave), the filing and the attestation, the agent's second factor, queue, dossier and document viewer.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import PHONE_HEIGHT, PHONE_WIDTH, base_url, live_server  # noqa: F401 (fixtures)
from tests.browser.test_student_journey import log_in, log_out

pytestmark = [
    pytest.mark.browser,
    # As in tests/browser: Werkzeug's dev server leaves a static file open when Chromium aborts its download.
    pytest.mark.filterwarnings(r"ignore:Exception ignored in. <_io.FileIO name='[^']*/anef/static/"
                               r":pytest.PytestUnraisableExceptionWarning"),
]

AGENT_EMAIL = "instructeur75@example.fr"
RECORDER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
}, true);
"""


@pytest.fixture
def csp_page(new_context):
    """A phone-sized page in French that obeys the CSP, with the violation recorder in every document."""
    context = new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.add_init_script(RECORDER)
    page.console_csp = []
    page.on("console", lambda message: "Content Security Policy" in message.text
            and page.console_csp.append(f"console {message.type}: {message.text} ({page.url})"))
    return page


class Walk:
    """The violations of each visited page, collected before leaving it."""

    def __init__(self, page: Page):
        self.page = page
        self.violations: list[str] = []
        self.visited: list[str] = []

    def check(self, name: str) -> None:
        self.page.wait_for_load_state("load")
        self.visited.append(name)
        for violation in self.page.evaluate("() => window.__csp || []"):
            self.violations.append(f"{name} ({self.page.url}): {violation}")

    def goto(self, path: str, name: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.ok, (path, response and response.status)
        policy = response.headers.get("content-security-policy", "")
        assert "script-src" in policy and "'unsafe-inline'" not in policy, f"{path}: no strict CSP ({policy!r})"
        self.check(name)


def agent_log_in(page: Page, email: str) -> None:
    """The one place where agents log in: the shared helper passes the TOTP second factor."""
    log_in(page, email, PASSWORD)
    expect(page.get_by_role("heading", level=1, name=re.compile("^File des dossiers"))).to_be_visible()


def test_no_csp_violation_on_the_applicant_and_agent_pages(csp_page: Page, make_user, applicant, draft_dossier):
    page = csp_page
    make_user(AGENT_EMAIL, role="instructeur", service="pref-75", given_names="Inès", family_name="Martin")
    walk = Walk(page)

    # The recorder works: a script injected inline is blocked and reported.
    walk.goto("/", "home")
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.__canary = 1"; document.body.appendChild(s); }""")
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("() => window.__canary") is None
    assert page.evaluate("() => window.__csp")[0].startswith("script-src"), page.evaluate("() => window.__csp")
    for _ in range(50):  # the console message comes through the protocol, shortly after
        if page.console_csp:
            break
        page.wait_for_timeout(100)
    assert page.console_csp, "the console listener did not see the blocked script"
    page.console_csp.clear()

    # Public pages.
    walk.goto("/", "home")
    walk.goto("/compte/inscription", "sign-up")
    walk.goto("/compte/connexion", "log-in")

    # The applicant: dashboard, a step saved by htmx, documents, review, filing, attestation.
    log_in(page, "usager@example.fr", PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()
    walk.check("dashboard")
    walk.goto(f"/dossiers/{draft_dossier}/etapes/identite", "step page")
    city = page.get_by_label("Ville de naissance")
    city.fill("Chengdu")
    city.blur()
    expect(page.get_by_role("status").filter(has_text="Brouillon enregistré")).to_be_visible()
    walk.check("step page after the autosave")
    walk.goto(f"/dossiers/{draft_dossier}/documents", "documents page")
    walk.goto(f"/dossiers/{draft_dossier}/recapitulatif", "review page")
    page.get_by_role("button", name="Déposer ma demande").click()
    expect(page.get_by_role("status").filter(has_text="Votre demande est déposée.")).to_be_visible()
    page.wait_for_timeout(1000)  # htmx sets up the live status part
    walk.check("dossier page after filing")
    page.get_by_role("link", name="Attestation de dépôt").click()
    expect(page.get_by_role("heading", level=1, name="Attestation de dépôt")).to_be_visible()
    walk.check("attestation page")
    log_out(page)

    # The agent: second factor, queue, dossier, document viewer with zoom.
    agent_log_in(page, AGENT_EMAIL)
    walk.check("queue")
    walk.goto(f"/agent/dossiers/{draft_dossier}", "agent dossier page")
    page.locator("#documents").get_by_role("link", name="passeport.pdf").click()
    expect(page.get_by_role("heading", level=1, name="Passeport")).to_be_visible()
    assert re.search(rf"/agent/dossiers/{draft_dossier}/documents/\d+$", page.url), page.url
    expect(page.locator("[data-anef-position]")).to_have_text("1 / 1")  # viewer.js ran
    page.get_by_role("button", name="Agrandir").click()
    expect(page.locator("[data-page='1'] img")).to_have_attribute("style", re.compile(r"scale\(1\.25\)"))
    # The page image (lazy-loaded) is there: img-src lets it in.
    page.wait_for_function("""() => { const img = document.querySelector('[data-page="1"] img');
                                      return img.complete && img.naturalWidth > 0; }""")
    walk.check("document viewer")

    problems = walk.violations + page.console_csp
    assert not problems, (f"{len(problems)} CSP violation(s) on {len(walk.visited)} pages:\n  "
                          + "\n  ".join(problems))
