"""The essential filing path with JavaScript turned off: an applicant logs in, answers every step of a student
request, uploads each document, files it, and the dossier page says it is filed. Every form is a plain form
post first (htmx only improves it)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, PDF_BYTES
from tests.browser.conftest import PHONE_HEIGHT, PHONE_WIDTH
from tests.browser.test_student_journey import (DOCUMENTS, NBSP, PROCEDURE, choose, expect_step, log_in,
                                                save_and_continue, state_badge, upload)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(new_context) -> Page:
    context = new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, locale="fr-FR",
                          java_script_enabled=False)
    context.set_default_timeout(10_000)
    return context.new_page()


def test_a_student_request_is_filed_without_javascript(page: Page, make_user, tmp_path):
    today = dt.date.today()
    make_user("sans.js@example.fr", given_names="Mei", family_name="Zhang")
    page.goto("/")
    assert page.evaluate("() => 1") == 1  # Playwright's own scripts still run; the page's do not
    expect(page.locator("html")).not_to_have_attribute("data-fr-js", "true")  # the DSFR's script did not run
    log_in(page, "sans.js@example.fr", PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()

    page.get_by_role("link", name=PROCEDURE, exact=True).click()
    choose(page, "Êtes-vous inscrit, ou admis, dans un établissement d'enseignement supérieur", "Oui")
    choose(page, f"Que demandez-vous{NBSP}?", f"Première demande de carte de séjour «{NBSP}étudiant{NBSP}»")
    choose(page, "Êtes-vous arrivé en France depuis moins de 3 mois", "Non")
    page.get_by_role("button", name="Vérifier et commencer").click()

    expect_step(page, "Votre demande", check=False)
    reference = re.search(r"/dossiers/([^/]+)/etapes/situation", page.url).group(1)
    save_and_continue(page)

    expect_step(page, "Identité", check=False)
    page.get_by_label("Nom de naissance").fill("ZHANG")
    page.get_by_label("Prénom(s)").fill("Mei")
    choose(page, "Sexe (tel qu'indiqué sur le passeport)", "Féminin")
    page.get_by_label("Date de naissance").fill("2002-03-14")
    page.get_by_label("Ville de naissance").fill("Shanghai")
    page.get_by_label("Pays de naissance").fill("Chine")
    page.get_by_label("Nationalité").fill("chinoise")
    page.get_by_label("Téléphone portable").fill("06 12 34 56 78")
    save_and_continue(page)

    expect_step(page, "Passeport", check=False)
    page.get_by_label("Numéro de passeport").fill("EA1234567")
    page.get_by_label("Pays qui a délivré le passeport").fill("Chine")
    page.get_by_label("Date de délivrance").fill("2021-06-01")
    page.get_by_label("Date d'expiration").fill((today + dt.timedelta(days=2000)).isoformat())
    save_and_continue(page)

    expect_step(page, "Visa et entrée en France", check=False)
    entry = today - dt.timedelta(days=20)
    page.get_by_label("Numéro du visa").fill("FRA123456789")
    page.get_by_label("Type de visa").select_option(label="Visa de long séjour temporaire (VLS-T)")
    page.get_by_label("Début de validité du visa").fill((entry - dt.timedelta(days=5)).isoformat())
    page.get_by_label("Fin de validité du visa").fill((entry + dt.timedelta(days=80)).isoformat())
    page.get_by_label("Date d'entrée en France").fill(entry.isoformat())
    save_and_continue(page)

    # A mistake first: the server answers with the page, the error beside the field and the typed values kept.
    expect_step(page, "Adresse en France", check=False)
    page.get_by_label("Numéro et voie").fill("12 rue des Écoles")
    page.get_by_label("Code postal").fill("7501")
    page.get_by_label("Commune").fill("Paris")
    choose(page, "Votre logement", "Résidence universitaire ou foyer")
    save_and_continue(page)
    expect(page.locator("#code_postal-messages")).to_have_text("Le code postal compte 5 chiffres, par exemple 75011.")
    expect(page.get_by_label("Numéro et voie")).to_have_value("12 rue des Écoles")
    page.get_by_label("Code postal").fill("75011")
    save_and_continue(page)

    expect_step(page, "Études", check=False)
    page.get_by_label("Établissement").fill("Sorbonne Université")
    page.get_by_label("Formation suivie").fill("Master Informatique")
    page.get_by_label("Niveau d'études cette année").select_option(label="Master 1re année")
    page.get_by_label("Début de l'année d'études").fill((today - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Fin de l'année d'études").fill((today + dt.timedelta(days=250)).isoformat())
    save_and_continue(page)

    expect_step(page, "Ressources", check=False)
    page.get_by_label("Source principale de vos ressources").select_option(label="Bourse")
    page.get_by_label("Montant mensuel (en euros)").fill("900")
    save_and_continue(page)

    expect_step(page, "Timbre fiscal", check=False)
    page.get_by_label("Numéro du timbre fiscal électronique").fill("1234567812345678")
    save_and_continue(page)

    expect_step(page, "Documents", check=False)
    for index, label in enumerate(DOCUMENTS):
        scan = tmp_path / f"scan-{index + 1}.pdf"
        scan.write_bytes(PDF_BYTES + f"% {label}\n".encode())
        upload(page, label, scan)
    page.get_by_role("link", name="Continuer vers la vérification").click()

    expect_step(page, "Vérification et dépôt", check=False)
    expect(page.get_by_text("Il manque encore des éléments")).to_have_count(0)
    page.get_by_role("button", name="Déposer ma demande").click()

    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Votre demande est déposée.")).to_be_visible()
    expect(state_badge(page, "Déposé")).to_be_visible()
    assert page.url.endswith(f"/dossiers/{reference}")
