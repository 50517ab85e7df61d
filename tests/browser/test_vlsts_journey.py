"""A VLS-TS validated on a 360 px phone: every check passes, so the validation is granted at once, with no agent.

The applicant answers the eligibility questions, fills each step (once with a visa of another country),
gives the visa and passport pages, files, and sees the acceptance and the attestation straight away.
Every distinct page type on the way goes through axe-core and the no-horizontal-scroll check.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, PDF_BYTES
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import choose, expect_step, log_in, save_and_continue, state_badge, upload

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
PROCEDURE = "Validation du visa long séjour valant titre de séjour (VLS-TS)"


def test_vlsts_granted_at_once_when_every_check_passes(page: Page, make_user, tmp_path):
    today = dt.date.today()
    entry, start = today - dt.timedelta(days=20), today - dt.timedelta(days=30)
    make_user("joao.silva@example.fr", given_names="João", family_name="Silva")
    page.goto("/")
    log_in(page, "joao.silva@example.fr", PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()
    page.get_by_role("link", name=PROCEDURE, exact=True).click()

    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    assert_accessible(page)
    choose(page, re.compile("^Votre visa porte-t-il la mention"), "Oui")
    choose(page, f"Êtes-vous de nationalité algérienne{NBSP}?", "Non")
    page.get_by_label("Motif indiqué sur le visa").select_option(label="Salarié")
    page.get_by_role("button", name="Vérifier et commencer").click()

    # The visa: a German visa number first, refused beside the field, then the French one.
    expect_step(page, "Visa et entrée en France")
    expect(page.get_by_label("Motif indiqué sur le visa")).to_have_value("salarie")
    page.get_by_label("Numéro du visa").fill("DEU123456789")
    page.get_by_label("Date de délivrance du visa").fill((start - dt.timedelta(days=15)).isoformat())
    page.get_by_label("Début de validité du visa").fill(start.isoformat())
    page.get_by_label("Fin de validité du visa").fill((start + dt.timedelta(days=364)).isoformat())
    page.get_by_label("Date d'entrée en France").fill(entry.isoformat())
    save_and_continue(page)
    expect(page.locator("#visa_numero-messages")).to_have_text("Un visa délivré par la France commence par FRA.")
    expect(page.get_by_label("Date d'entrée en France")).to_have_value(entry.isoformat())
    assert_accessible(page)
    page.get_by_label("Numéro du visa").fill("FRA123456789")
    save_and_continue(page)

    expect_step(page, "Identité")
    page.get_by_label("Nom de naissance").fill("SILVA")
    page.get_by_label("Prénom(s)").fill("João Pedro")
    choose(page, "Sexe (tel qu'indiqué sur le passeport)", "Masculin")
    page.get_by_label("Date de naissance").fill("1995-01-30")
    page.get_by_label("Ville de naissance").fill("Recife")
    page.get_by_label("Pays de naissance").fill("Brésil")
    page.get_by_label("Nationalité").fill("brésilienne")
    page.get_by_label("Téléphone portable").fill("06 98 76 54 32")
    save_and_continue(page)

    expect_step(page, "Situation familiale")
    page.get_by_label("Situation familiale").select_option(label="Célibataire")
    page.get_by_label("Nombre d'enfants à charge").fill("0")
    save_and_continue(page)

    expect_step(page, "Passeport", check=False)
    page.get_by_label("Numéro de passeport").fill("FX123456")
    page.get_by_label("Pays qui a délivré le passeport").fill("Brésil")
    page.get_by_label("Date de délivrance").fill("2023-05-10")
    page.get_by_label("Date d'expiration").fill((today + dt.timedelta(days=2500)).isoformat())
    save_and_continue(page)

    expect_step(page, "Adresse en France", check=False)
    page.get_by_label("Numéro et voie").fill("22 rue Oberkampf")
    page.get_by_label("Code postal").fill("75011")
    page.get_by_label("Commune").fill("Paris")
    choose(page, "Votre logement", "Logement à mon nom (location, propriété)")
    save_and_continue(page)

    expect_step(page, "Paiement de la taxe")
    page.get_by_label("Numéro du timbre fiscal électronique").fill("1234 5678 1234 5678")
    save_and_continue(page)

    expect_step(page, "Documents", check=False)
    for index, label in enumerate(["Visa et tampon d'entrée", "Passeport"]):
        scan = tmp_path / f"page-{index + 1}.pdf"
        scan.write_bytes(PDF_BYTES + f"% {label}\n".encode())
        upload(page, label, scan)
    page.get_by_role("link", name="Continuer vers la vérification").click()

    expect_step(page, "Vérification et dépôt")
    expect(page.get_by_role("main")).to_contain_text("Validation dans les 3 mois suivant l'entrée")
    page.get_by_role("button", name="Déposer ma demande").click()

    # Granted at once: accepted, the history says why, the attestation is there.
    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    expect(state_badge(page, "Accepté")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        "Toutes les vérifications automatiques de votre demande sont concluantes.")
    assert_accessible(page)
    page.get_by_role("link", name="Attestation de décision favorable").first.click()
    expect(page.get_by_role("heading", level=1, name="Attestation de décision favorable")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("SILVA")
    assert_accessible(page)
