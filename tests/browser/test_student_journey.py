"""One student's first card, from sign-up to acceptance, as people do it on a 360 px phone screen.

The applicant signs up, confirms the address, fills every step (once with a mistake), uploads each
document, files, downloads the attestation; an instructeur of Paris takes the dossier and asks for a
complement; the applicant answers; the instructeur accepts; the applicant sees the decision.
Every distinct page type on the way goes through axe-core and the no-horizontal-scroll check.
"""
from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, PDF_BYTES
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
PROCEDURE = f"Carte de séjour «{NBSP}étudiant{NBSP}»"
APPLICANT_PASSWORD = "une phrase de passe assez longue"
DOCUMENTS = [
    "Passeport",
    "Visa et tampon d'entrée",
    "Justificatif de domicile de moins de 3 mois",
    "Certificat d'inscription définitive",
    "Justificatif de ressources",
]
COMPLEMENT_DOCUMENT = "Justificatif de domicile de moins de 3 mois"

expect.set_options(timeout=10_000)


def account_menu(page: Page):
    return page.get_by_role("navigation", name="Menu du compte")


def log_in(page: Page, email: str, password: str) -> None:
    account_menu(page).get_by_role("link", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1, name="Se connecter")).to_be_visible()
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    # Wait for the navigation itself: the log-in page is already "loaded" when the click returns.
    expect(page).not_to_have_url(re.compile(r"/compte/connexion"))
    if page.url.endswith("/compte/second-facteur"):
        # An agent: the code comes from the development page that stands in for the phone app.
        listing = page.context.request.get("/dev/totp").text()
        code = re.search(re.escape(email) + r"</td><td><code>(\d{6})</code>", listing).group(1)
        expect(page.get_by_role("heading", level=1, name="Code de vérification")).to_be_visible()
        page.get_by_label(re.compile("^Code à 6 chiffres")).fill(code)
        page.get_by_role("button", name="Valider").click()
        expect(page).not_to_have_url(re.compile(r"/compte/second-facteur"))


def log_out(page: Page) -> None:
    account_menu(page).get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("status").filter(has_text="Vous êtes déconnecté.")).to_be_visible()


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Enregistrer et continuer").click()


def expect_step(page: Page, title: str, check: bool = True) -> None:
    """We are on the step ``title``; each step page (radios, dates, selects…) goes through axe once."""
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    if check:
        assert_accessible(page)


def tick(page: Page, question: str, answer: str, role: str = "radio") -> None:
    """Tick a radio button or a checkbox of a fieldset by clicking its label, as a person does: the DSFR
    draws the box on the label, over the (transparent) input."""
    group = page.get_by_role("group", name=question)
    group.get_by_text(answer, exact=True).click()
    expect(group.get_by_role(role, name=answer, exact=True)).to_be_checked()


def choose(page: Page, question: str, answer: str) -> None:
    tick(page, question, answer, "radio")


def state_badge(page: Page, label: str):
    return page.get_by_role("main").locator(".fr-badge").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def upload(page: Page, document: str, path) -> None:
    """Choose a file for one document and send it, as a person does it on the documents page."""
    section = page.get_by_role("region", name=document, exact=True)
    section.get_by_label(re.compile(r"^Ajouter (une ou plusieurs|des) pages")).set_input_files(path)
    section.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("status").filter(has_text=f"1 page ajoutée à «{NBSP}{document}{NBSP}».")).to_be_visible()
    expect(page.get_by_role("region", name=document, exact=True).get_by_role("link", name=path.name)).to_be_visible()


def test_student_first_card_from_sign_up_to_acceptance(page: Page, live_server, make_user, tmp_path):
    today = dt.date.today()
    email = f"mei.zhang.{uuid.uuid4().hex[:8]}@example.fr"
    agent_email = "ines.martin@paris.gouv.example.fr"
    make_user(agent_email, role="instructeur", service="pref-75", given_names="Inès", family_name="Martin")
    scans = {}
    for index, label in enumerate(DOCUMENTS):
        scan = tmp_path / f"scan-{index + 1}.pdf"
        # Same minimal PDF each time, made distinct so each is stored as a file of its own.
        scan.write_bytes(PDF_BYTES + f"% {label}\n".encode())
        scans[label] = scan

    # a. Home, sign-up, "check your e-mails".
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos démarches d'étranger en France, en ligne")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Créer un compte").click()
    expect(page.get_by_role("heading", level=1, name="Créer un compte")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Prénom(s)").fill("Mei")
    page.get_by_label("Nom de famille").fill("Zhang")
    page.get_by_label("Adresse électronique").fill(email)
    # The password's label carries the rule as its hint, so a screen reader reads both.
    page.get_by_label(re.compile(r"^Mot de passe\s*Au moins 12 caractères")).fill(APPLICANT_PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(APPLICANT_PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1, name="Consultez vos courriels")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(f"Un courriel vient d'être envoyé à {email}")
    assert_accessible(page)

    # b. The confirmation e-mail, its link, then logging in.
    page.goto("/dev/outbox")
    outbox = page.get_by_role("table", name="Les 100 derniers courriels")
    latest = outbox.get_by_role("row").nth(1)  # newest first, after the header row
    expect(latest).to_contain_text(email)
    latest.get_by_role("link").click()
    body = page.locator(".anef-outbox-body")
    expect(body).to_contain_text("Bonjour Mei")
    link = body.get_by_role("link", name=re.compile(r"\/compte\/confirmation\/"))
    assert link.get_attribute("href").startswith(live_server + "/compte/confirmation/")
    link.click()
    expect(page.get_by_role("heading", level=1, name="Se connecter")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Votre adresse électronique est confirmée")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(APPLICANT_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()

    # c. Dashboard, eligibility, every step.
    expect(page.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()
    expect(page.get_by_text("Bonjour Mei.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=PROCEDURE, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    assert_accessible(page)
    choose(page, "Êtes-vous inscrit, ou admis, dans un établissement d'enseignement supérieur", "Oui")
    choose(page, f"Que demandez-vous{NBSP}?", f"Première demande de carte de séjour «{NBSP}étudiant{NBSP}»")
    choose(page, "Êtes-vous arrivé en France depuis moins de 3 mois", "Non")
    page.get_by_role("button", name="Vérifier et commencer").click()

    expect_step(page, "Votre demande")
    reference = re.search(r"/dossiers/([^/]+)/etapes/situation", page.url).group(1)
    expect(page.get_by_role("group", name="Type de demande").get_by_label(
        f"Première demande de carte de séjour «{NBSP}étudiant{NBSP}»")).to_be_checked()
    save_and_continue(page)

    expect_step(page, "Identité")
    page.get_by_label("Nom de naissance").fill("ZHANG")
    page.get_by_label("Prénom(s)").fill("Mei")
    choose(page, "Sexe (tel qu'indiqué sur le passeport)", "Féminin")
    page.get_by_label("Date de naissance").fill("2002-03-14")
    page.get_by_label("Ville de naissance").fill("Shanghai")
    page.get_by_label("Pays de naissance").fill("Chine")
    page.get_by_label("Nationalité").fill("chinoise")
    page.get_by_label("Téléphone portable").fill("06 12 34 56 78")
    save_and_continue(page)

    expect_step(page, "Passeport")
    page.get_by_label("Numéro de passeport").fill("EA1234567")
    page.get_by_label("Pays qui a délivré le passeport").fill("Chine")
    page.get_by_label("Date de délivrance").fill("2021-06-01")
    page.get_by_label("Date d'expiration").fill((today + dt.timedelta(days=2000)).isoformat())
    save_and_continue(page)

    expect_step(page, "Visa et entrée en France")
    entry = today - dt.timedelta(days=20)
    page.get_by_label("Numéro du visa").fill("FRA123456789")
    page.get_by_label("Type de visa").select_option(label="Visa de long séjour temporaire (VLS-T)")
    page.get_by_label("Début de validité du visa").fill((entry - dt.timedelta(days=5)).isoformat())
    page.get_by_label("Fin de validité du visa").fill((entry + dt.timedelta(days=80)).isoformat())
    page.get_by_label("Date d'entrée en France").fill(entry.isoformat())
    save_and_continue(page)

    # The address step: a mistake first (a 4-digit postcode), then its correction.
    expect_step(page, "Adresse en France")
    page.get_by_label("Numéro et voie").fill("12 rue des Écoles")
    page.get_by_label("Complément d'adresse (facultatif)").fill("Bâtiment B, chambre 204")
    page.get_by_label("Code postal").fill("7501")
    page.get_by_label("Commune").fill("Paris")
    choose(page, "Votre logement", "Résidence universitaire ou foyer")
    save_and_continue(page)
    expect_step(page, "Adresse en France", check=False)
    postcode_error = "Le code postal compte 5 chiffres, par exemple 75011."
    summary = page.get_by_role("alert").filter(has_text="Certaines informations sont à corriger")
    expect(summary.get_by_role("link", name=f"Code postal{NBSP}: {postcode_error}")).to_be_visible()
    postcode = page.get_by_label("Code postal")
    # The DSFR appends hidden punctuation to each message (".fr-message::after"), hence a prefix match.
    expect(postcode).to_have_accessible_description(re.compile("^" + re.escape(postcode_error)))
    expect(page.locator("#code_postal-messages")).to_have_text(postcode_error)  # right under the field
    expect(postcode).to_have_value("7501")
    expect(page.get_by_label("Numéro et voie")).to_have_value("12 rue des Écoles")
    expect(page.get_by_label("Complément d'adresse (facultatif)")).to_have_value("Bâtiment B, chambre 204")
    expect(page.get_by_label("Commune")).to_have_value("Paris")
    expect(page.get_by_role("group", name="Votre logement").get_by_label(
        "Résidence universitaire ou foyer")).to_be_checked()
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("^Code postal")).click()
    postcode.fill("75011")
    save_and_continue(page)

    expect_step(page, "Études")
    page.get_by_label("Établissement").fill("Sorbonne Université")
    page.get_by_label("Formation suivie").fill("Master Informatique")
    page.get_by_label("Niveau d'études cette année").select_option(label="Master 1re année")
    page.get_by_label("Début de l'année d'études").fill((today - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Fin de l'année d'études").fill((today + dt.timedelta(days=250)).isoformat())
    save_and_continue(page)

    expect_step(page, "Ressources")
    page.get_by_label("Source principale de vos ressources").select_option(label="Bourse")
    page.get_by_label("Montant mensuel (en euros)").fill("900")
    save_and_continue(page)

    expect_step(page, "Timbre fiscal")
    page.get_by_label("Numéro du timbre fiscal électronique").fill("1234567812345678")
    save_and_continue(page)

    # d. Documents, review, filing, attestation.
    expect_step(page, "Documents")
    # Each document offers a file chooser and a camera capture.
    expect(page.locator("input[type=file]")).to_have_count(2 * len(DOCUMENTS))
    expect(page.locator("input[type=file][capture=environment]")).to_have_count(len(DOCUMENTS))
    for label in DOCUMENTS:
        upload(page, label, scans[label])
    page.get_by_role("link", name="Continuer vers la vérification").click()

    expect_step(page, "Vérification et dépôt")
    expect(page.get_by_text("Il manque encore des éléments")).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text("12 rue des Écoles")
    page.get_by_role("button", name="Déposer ma demande").click()

    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Votre demande est déposée.")).to_be_visible()
    expect(state_badge(page, "Déposé")).to_be_visible()
    assert page.url.endswith(f"/dossiers/{reference}")
    assert_accessible(page)
    page.get_by_role("link", name="Attestation de dépôt").click()
    expect(page.get_by_role("heading", level=1, name="Attestation de dépôt")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(reference)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger en PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"attestation-depot-{reference}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # e. The instructeur of Paris takes the dossier and asks for a complement.
    log_out(page)
    log_in(page, agent_email, PASSWORD)
    expect(page.get_by_role("heading", level=1, name="File des dossiers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("table").get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^ZHANG Mei"))).to_be_visible()
    expect(state_badge(page, "Déposé")).to_be_visible()
    page.get_by_role("button", name="Prendre en charge").click()
    expect(page.get_by_role("status").filter(has_text="Vous instruisez ce dossier.")).to_be_visible()
    expect(state_badge(page, "En cours d'instruction")).to_be_visible()
    page.get_by_text("Demander un complément", exact=True).click()
    tick(page, re.compile("^Ce que le demandeur doit corriger"), f"Document{NBSP}: {COMPLEMENT_DOCUMENT}", "checkbox")
    page.get_by_label(f"Motif — {COMPLEMENT_DOCUMENT}").fill(
        "Le justificatif de domicile est illisible : envoyez une attestation de la résidence datée de moins "
        "de 3 mois.")
    deadline = page.get_by_label("Date limite")
    expect(deadline).to_have_value((today + dt.timedelta(days=30)).isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer la demande de complément").click()
    expect(page.get_by_role("status").filter(has_text="La demande de complément est envoyée")).to_be_visible()
    expect(state_badge(page, "Complément demandé")).to_be_visible()

    # f. The applicant answers with the requested document.
    log_out(page)
    log_in(page, email, APPLICANT_PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()
    expect(state_badge(page, "Complément demandé")).to_be_visible()
    assert_accessible(page)  # the dashboard again, now with a dossier card
    page.get_by_role("link", name=PROCEDURE, exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    expect(state_badge(page, "Complément demandé")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Le justificatif de domicile est illisible")
    assert_accessible(page)  # the dossier page with its "complément demandé" alert
    page.get_by_role("link", name="Répondre à la demande").click()
    expect(page.get_by_role("heading", level=1, name="Répondre à la demande de complément")).to_be_visible()
    assert_accessible(page)
    better_scan = tmp_path / "attestation-residence.pdf"
    better_scan.write_bytes(PDF_BYTES + b"% attestation de residence\n")
    upload(page, COMPLEMENT_DOCUMENT, better_scan)
    expect(page.get_by_role("heading", level=1, name="Répondre à la demande de complément")).to_be_visible()
    page.get_by_label("Votre réponse (facultatif)").fill("Voici l'attestation de la résidence.")
    page.get_by_role("button", name="Envoyer mon complément").click()
    expect(page.get_by_role("status").filter(has_text="Votre complément est envoyé.")).to_be_visible()
    expect(state_badge(page, "En cours d'instruction")).to_be_visible()

    # g. The instructeur accepts; the applicant sees it.
    log_out(page)
    log_in(page, agent_email, PASSWORD)
    expect(page.get_by_role("heading", level=1, name="File des dossiers")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^En instruction \(")).click()
    page.get_by_role("table").get_by_role("link", name=reference).click()
    expect(state_badge(page, "En cours d'instruction")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(better_scan.name)
    page.get_by_text("Décider", exact=True).click()
    choose(page, "Décision", "Accepter")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("status").filter(has_text="La demande est acceptée.")).to_be_visible()
    expect(state_badge(page, "Accepté")).to_be_visible()

    log_out(page)
    log_in(page, email, APPLICANT_PASSWORD)
    page.get_by_role("link", name=PROCEDURE, exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    expect(state_badge(page, "Accepté")).to_be_visible()
