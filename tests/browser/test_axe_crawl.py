"""The axe crawl: every page a GET route of the application serves, as each kind of person sees it, in each
language they may read it in, goes through axe-core (zero violations) and the no-horizontal-scroll check.

The list of pages is the application's own ``url_map``: every GET rule is tried for every role, its URL
parameters filled from the demo data (and a few objects added here: a mandate, an avis, a reply template,
a declaration, a message, a booking…). A new route is therefore crawled without touching this file, or makes
it fail with « no way to fill parameter X of route Y » (add its values to ``_fillers``), or « route Y was
reached by nobody » (a role that can open it, or an entry in ``NOT_PAGES`` with its reason).

A route answering 200 with HTML is a page and goes through axe; 200 with anything else (PDF, PNG, JSON…) is
reached but has nothing to check; 3xx and 4xx are not pages for that role. Routes taking parameters are
crawled with the first value that answers 200, except those in ``EVERY_VALUE`` (a dossier looks different in
each state; each step of a draft is a different form), crawled with every value that answers 200.

One browser page per role, reused from page to page; applicant-facing roles are crawled in the four
languages, agents' screens in French only (they are only in French). Every problem is collected, and the
test fails once at the end with all of them; the summary line gives the pages × languages and the time.
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, make_app
from tests.browser.conftest import AXE_PATH, PHONE_HEIGHT, PHONE_WIDTH, _describe, serve
from tests.browser.test_student_journey import log_in

# Markup does not depend on the database engine: the crawl go through axe in the SQLite pass of ``make test`` only
# (the PostgreSQL pass runs every journey that writes and reads, and keeps CI within its time).
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")), reason="axe runs in the SQLite pass")]

LANGUAGES = ("fr", "en", "ar", "zh")

# Routes that are never pages of their own, with the reason; everything else must be reached by some role.
NOT_PAGES = {
    "static": "static files (their caching is tested in tests/core)",
    "health.healthz": "the load balancer's probe, plain text",
    "accounts.verify_email": "redirects to the log-in page (its message is crawled there); a bad link is "
                             "crawled as an error page below",
    "oversight.open_dossier": "the auditor's « open a dossier by reference » form posts here; it redirects",
    "kiosk.resume": "a one-time link that redirects to the home page and re-arms a kiosk",
    "accounts.second_factor": "reached only half-way through an agent's log-in: crawled during each "
                              "agent's log-in (see _log_in)",
    "accounts.first_password": "reached only half-way through a first log-in with a kiosk's printed code "
                               "(tests/kiosk)",
    "accounts.reset_password_phone": "needs an SMS code sent in the same session (tests/accounts)",
    "accounts.signup_phone_code": "needs an SMS code sent in the same session (tests/browser/test_sms_signup.py)",
    "dossiers.document_status": "a document's row, polled by htmx; a plain GET redirects to the page that "
                                "holds it (tests/documents/test_pipeline.py)",
    "messages.applicant_attachment": "a file attached to a message, a download (tests/messages)",
    "messages.agent_attachment": "a file attached to a message, a download (tests/messages)",
}
# Routes crawled with every parameter value that answers 200, not only the first.
EVERY_VALUE = {"dossiers.show", "dossiers.step", "agents.dossier", "oversight.dossier",
               "contact_centre.dossier"}
# Error pages, crawled once per language by the anonymous visitor (they are not routes).
ERROR_PAGES = ["/cette-page-n-existe-pas", "/compte/confirmation/lien-invalide"]


# Public routes are crawled by the visitors who are not logged in (their content is the same for everyone; the
# logged-in header is crawled on each role's own pages), except these, which show a logged-in person's things.
PERSONAL_PUBLIC = {"declarations.receipt", "declarations.receipt_pdf"}


@dataclass
class Role:
    name: str
    login: str | None  # None: not logged in
    role: str | None  # the account's role (anef.accounts.models), None when not logged in
    languages: tuple[str, ...]
    kiosk: bool = False


ROLES = [
    Role("anonymous", None, None, LANGUAGES),
    # The kiosk's large type and bar, in French (the languages of those pages are crawled just above).
    Role("kiosk visitor", None, None, ("fr",), kiosk=True),
    # Draft, filed, in instruction.
    Role("applicant", "usager@demo.anef.fr", "applicant", LANGUAGES),
    # Complement requested; accepted, the card ready and its visit booked.
    Role("applicant 2", "usager2@demo.anef.fr", "applicant", LANGUAGES),
    Role("employer", "employeur@demo.anef.fr", "applicant", LANGUAGES),
    Role("mediator", "mediateur.75@demo.anef.fr", "mediateur", ("fr",)),
    Role("instructeur", "instructeur.69@demo.anef.fr", "instructeur", ("fr",)),
    Role("valideur", "valideur.75@demo.anef.fr", "valideur", ("fr",)),
    Role("local admin", "admin.75@demo.anef.fr", "admin", ("fr",)),
    Role("national admin", "national@demo.anef.fr", "national_admin", ("fr",)),
    Role("auditor", "auditeur@demo.anef.fr", "auditeur", ("fr",)),
    Role("contact centre", "ccc@demo.anef.fr", "ccc", ("fr",)),
]


def _may_open(app, endpoint: str, role: Role) -> bool:
    """Whether ``role`` is worth asking for this route, from the access rule its view declares (anef.security)."""
    from anef.security import PUBLIC, SIGNED_IN

    access = getattr(app.view_functions[endpoint], "access", None)
    if access is None:
        return True  # no rule: it must answer 404 to everyone, and fail below as reached by nobody
    if access == PUBLIC:
        return role.login is None or endpoint in PERSONAL_PUBLIC
    if role.login is None:
        return False
    return access == SIGNED_IN or role.role in access


@pytest.fixture(scope="module")
def crawl_server(app, instance_dir, _database):
    """A live server (CSRF on) that lets browsers keep static files a year, as production does (their URLs
    carry the file's hash): the development default makes every page ask again for each stylesheet, which
    doubles the crawl's time and tests nothing."""
    live_app = make_app(instance_dir, _database, SEND_FILE_MAX_AGE_DEFAULT=365 * 24 * 3600)
    with serve(live_app, "anef-crawl-server") as url:
        yield url


def _demo_data(app) -> dict:
    """Load the demo, add one of each object a route shows, and return the values of every URL parameter."""
    from sqlalchemy import select

    from anef.accounts import services as accounts
    from anef.accounts.models import User
    from anef.appointments import services as appointments
    from anef.attestations.models import Attestation
    from anef.attestations.services import verification_url
    from anef.attestations.signing import keyring
    from anef.avis import services as avis
    from anef.avis.models import AvisRequest
    from anef.declarations import services as declarations
    from anef.declarations.models import SubstituteDeclaration
    from anef.demo import load_demo
    from anef.documents.models import Document, DocumentPage
    from anef.dossiers import corrections
    from anef.dossiers import services as dossiers
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.kiosk import services as kiosks
    from anef.mediation import services as mediation
    from anef.mediation.models import Mandate
    from anef.messages import services as messages
    from anef.messages.models import ReplyTemplate
    from anef.notifications.models import OutboxMessage
    from anef.plugins import procedures

    with app.test_request_context():
        load_demo(PASSWORD)

        def user(email):
            return db.session.scalar(select(User).where(User.email == email))

        main, second = user("usager@demo.anef.fr"), user("usager2@demo.anef.fr")
        instructeur_69, admin_75 = user("instructeur.69@demo.anef.fr"), user("admin.75@demo.anef.fr")
        by_state = {}
        for dossier in db.session.scalars(select(Dossier).where(Dossier.applicant_id.in_([main.id, second.id]))
                                          .order_by(Dossier.id)):
            by_state.setdefault(dossier.state, dossier)
        accepted = by_state["accepte"]
        # An amendment in progress on the dossier in instruction: its page and each step it lets the person edit.
        corrections.start_amendment(by_state["en_instruction"], main)
        # The card is ready and the person has booked the visit: the booking and convocation pages exist.
        appointments.mark_card_ready(accepted, instructeur_69)
        motif = appointments.collection_motif(accepted)
        slot = appointments.free_slots(motif.id, dt.datetime.now(dt.UTC) + dt.timedelta(days=2),
                                       dt.datetime.now(dt.UTC) + dt.timedelta(days=40), limit=1)[0]
        appointments.book(user_id=second.id, slot_id=slot.id, dossier_id=accepted.id, motif_id=motif.id)
        # A conversation on a dossier in instruction, a reply template, an avis asked of another service.
        complement = by_state["complement_demande"]
        second.notify_post, second.address_lines, second.postcode, second.town = True, "3 rue Garibaldi", "69007", "Lyon"
        messages.send(complement, instructeur_69, "Bonjour, votre dossier est en cours d'examen.")
        messages.send(complement, second, "Merci, j'attends votre retour.")
        messages.save_template(admin_75, None, title="Accusé de réception",
                               body="Bonjour, nous avons bien reçu votre message.")
        pref_75 = admin_75.service_id
        avis.request_avis(complement, instructeur_69, to_service_id=pref_75,
                          question="Cette personne a-t-elle déjà eu un titre chez vous ?")
        # A mandate waiting for consent, a declaration of the person who cannot file online.
        mediator = user("mediateur.75@demo.anef.fr")
        mediation.ask_consent(mediator, main, procedure=None, duration_hours=24,
                              by_code=False)
        declarations.declare(given_names="Mei", family_name="Zhang", birth_date=dt.date(2002, 3, 14),
                             procedure="etudiant", reason=next(iter(declarations.REASONS)),
                             details="Je n'ai pas d'ordinateur.", deadline=None,
                             address_lines="12 rue des Écoles", postcode="75005", town="Paris", phone=None,
                             email=None, channel="web", user_id=main.id, locale="fr")
        # A kiosk device of Paris, with its enrolment code.
        _device, kiosk_code = kiosks.create_device(service_id=pref_75, name="Borne du hall", created_by_id=admin_75.id)

        draft = by_state["brouillon"]
        everyone = list(db.session.scalars(select(Dossier).order_by(Dossier.id)))
        # Each person's own dossiers (or their service's) first: fewer answers of 404 to ask for.
        references = {}
        for person in db.session.scalars(select(User)):
            mine = [d.reference for d in everyone if d.applicant_id == person.id
                    or (person.service_id and d.service_id == person.service_id)]
            references[person.email] = mine or [d.reference for d in everyone]
        attestations = list(db.session.scalars(select(Attestation).order_by(Attestation.id.desc())))
        ids = lambda model: [row for row in db.session.scalars(select(model.id).order_by(model.id))]  # noqa: E731
        letters = [m.id for m in db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "courrier"))]
        values = {
            "slug": [step.slug for step in dossiers.steps_for(draft)],  # the same for the amendment
            "kind": [requirement.kind for requirement in dossiers.required_documents(by_state["depose"])],
            "procedure": ["etudiant"] + [code for code in procedures() if code != "etudiant"],
            "code": ["etudiant"] + [a.code for a in attestations],
            "token": [accounts.make_token(main, "reset-password")]
                     + [verification_url(a).rsplit("/", 1)[1] for a in attestations[:1]],
            "kid": list(keyring().public)[:1],
            "number": [1],
            "document_id": ids(Document),
            "page_id": ids(DocumentPage),
            "mandate_id": ids(Mandate),
            "avis_id": ids(AvisRequest),
            "template_id": ids(ReplyTemplate),
            "declaration_id": ids(SubstituteDeclaration),
            "message_id": ids(OutboxMessage)[:1],
            "letter_id": letters[:1],
        }
    return {"values": values, "references": references, "kiosk_code": kiosk_code}


def _urls(app, rule, values) -> tuple[list[str], str | None]:
    """Every URL of ``rule`` from the parameter values (the product, in order); or the missing parameter."""
    names = sorted(rule.arguments)
    for name in names:
        if not values.get(name):
            return [], name
    urls = []
    with app.test_request_context():
        from flask import url_for

        for combination in itertools.product(*(values[name] for name in names)):
            urls.append(url_for(rule.endpoint, **dict(zip(names, combination, strict=True))))
    return urls, None


def _check(page: Page, url: str, problems: list[str], where: str) -> None:
    """Open ``url`` in the role's page and record its axe violations and horizontal scroll, if any.

    axe-core is already in every document (an init script of the context, cheaper than adding it each time).
    """
    page.goto(url)
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    if violations:
        problems.append(f"{where} {url}: {len(violations)} violation(s)\n"
                        + "\n".join(_describe(v) for v in violations))
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > PHONE_WIDTH:
        problems.append(f"{where} {url}: scrolls horizontally ({width}px wide at {PHONE_WIDTH}px)")


def _log_in(page: Page, role: Role, data: dict) -> None:
    page.goto("/")
    if role.kiosk:
        page.goto(f"/borne/enrolement?code={data['kiosk_code']}")
        page.get_by_role("button", name="Enrôler ce poste").click()
        expect(page.locator("html")).to_have_class(re.compile(r"\bkiosk\b"))
    if role.login:
        log_in(page, role.login, PASSWORD)


def _pages(app, page: Page, role: Role, values: dict, rules, reached: set, unfillable: list) -> list[str]:
    """The URLs that are pages for ``role``: asked once each, without following redirects (the answer does not
    depend on the language)."""
    pages = []
    for rule in rules:
        if rule.endpoint in NOT_PAGES or not _may_open(app, rule.endpoint, role):
            continue
        urls, missing = _urls(app, rule, values)
        if missing:
            unfillable.append(f"no way to fill parameter {missing} of route {rule.rule} ({rule.endpoint})")
            continue
        for url in urls:
            response = page.request.get(url, max_redirects=0)
            if response.status != 200:
                continue
            reached.add(rule.endpoint)
            if not response.headers.get("content-type", "").startswith("text/html"):
                break  # a PDF, an image, JSON…: reached, nothing for axe
            pages.append(url)
            if rule.endpoint not in EVERY_VALUE:
                break
    return pages


# One test per language, so that the suite's workers (pytest-xdist) crawl the languages side by side; French, the
# only language every role has, also checks that every route was reached by someone.
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_every_role_and_language_has_no_axe_violation(browser, app, crawl_server, capsys, language):
    started = time.monotonic()
    data = _demo_data(app)
    rules = sorted((rule for rule in app.url_map.iter_rules() if "GET" in rule.methods), key=lambda r: r.rule)
    problems: list[str] = []
    unfillable: list[str] = []
    reached: set[str] = set()
    crawled = 0
    report = []
    for role in (r for r in ROLES if language in r.languages):
        role_started = time.monotonic()
        context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, bypass_csp=True,
                                      locale="fr-FR", base_url=crawl_server)
        context.set_default_timeout(15_000)
        context.add_init_script(path=str(AXE_PATH))
        page = context.new_page()
        _log_in(page, role, data)
        values = {**data["values"], "reference": data["references"].get(role.login) or []}
        pages = _pages(app, page, role, values, rules, reached, unfillable)
        if role.languages != ("fr",):
            page.request.get(f"/?lang={language}")
        for url in pages:
            _check(page, url, problems, f"[{role.name}, {language}]")
        crawled += len(pages)
        if role.login is None and not role.kiosk:
            for url in ERROR_PAGES:
                _check(page, url, problems, f"[{role.name}, {language}, error page]")
            crawled += len(ERROR_PAGES)
        context.close()
        report.append(f"{role.name}: {len(pages)} pages in {time.monotonic() - role_started:.1f} s")
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\naxe crawl ({language}): {crawled} pages, {len(reached)} routes reached, {len(report)} roles, "
              f"{elapsed:.0f} s; {len(problems)} page(s) with problems\n  " + "\n  ".join(report))
    assert not unfillable, "\n".join(sorted(set(unfillable)))
    nobody = sorted(r.endpoint for r in rules if r.endpoint not in NOT_PAGES and r.endpoint not in reached)
    assert language != "fr" or not nobody, "route(s) reached by nobody (give a role or a value that opens them, or list them in " \
                       "NOT_PAGES with the reason): " + ", ".join(nobody)
    assert not problems, f"{len(problems)} page(s) with problems:\n" + "\n\n".join(problems)
