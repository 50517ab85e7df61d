"""Moving from Paris to Lyon, declared on a 360 px phone: the person's open request follows them to Lyon.

The applicant has a student card request filed in Paris. They declare their new address in Lyon (a Paris postcode
typed first by mistake is refused beside the field, a made-up one too), see before filing that their requests will go
to the préfecture of Lyon, file, and find the student request now in Lyon with the transfer in its history; a Lyon
instructeur finds it in the queue and reads the same history. Every distinct page type goes through axe-core and the
no-horizontal-scroll check.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, PDF_BYTES
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import (choose, expect_step, log_in, log_out, save_and_continue, state_badge,
                                                upload)

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
PROCEDURE = "Déclaration de changement d'adresse"
PARIS = "Préfecture Paris (Paris)"
LYON = "Préfecture Rhône (Lyon)"


def test_a_move_to_lyon_takes_the_open_request_along(page: Page, applicant, agent_69, filed_dossier, tmp_path):
    today = dt.date.today()
    page.goto("/")
    log_in(page, "usager@example.fr", PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()
    page.get_by_role("link", name=PROCEDURE, exact=True).click()

    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    assert_accessible(page)
    choose(page, f"Quelle est votre situation{NBSP}?", "J'ai une carte de séjour valable encore plus de 3 mois")
    choose(page, f"Votre nouvelle adresse est-elle en France{NBSP}?", "Oui")
    choose(page, f"Si vous avez une carte{NBSP}: expire-t-elle dans moins de 3 mois{NBSP}?", "Non")
    page.get_by_role("button", name="Vérifier et commencer").click()

    expect_step(page, "Votre situation")
    save_and_continue(page)

    expect_step(page, "Identité", check=False)
    page.get_by_label("Nom de naissance").fill("ZHANG")
    page.get_by_label("Prénom(s)").fill("Mei")
    choose(page, "Sexe (tel qu'indiqué sur le passeport)", "Féminin")
    page.get_by_label("Date de naissance").fill("1999-05-17")
    page.get_by_label("Ville de naissance").fill("Chengdu")
    page.get_by_label("Pays de naissance").fill("Chine")
    page.get_by_label("Nationalité").fill("chinoise")
    page.get_by_label("Téléphone portable").fill("06 12 34 56 78")
    save_and_continue(page)

    # The new address: a postcode that exists nowhere is refused beside the field, and nothing typed is lost.
    expect_step(page, "Nouvelle adresse")
    page.get_by_label("Numéro et voie").fill("14 rue Paul Bert")
    page.get_by_label("Code postal").fill("99999")
    page.get_by_label("Commune").fill("Lyon")
    choose(page, "Votre logement", "Logement à mon nom (location, propriété)")
    page.get_by_label("Date d'emménagement").fill((today - dt.timedelta(days=12)).isoformat())
    save_and_continue(page)
    expect(page.locator("#code_postal-messages")).to_contain_text("aucun département")
    expect(page.get_by_label("Numéro et voie")).to_have_value("14 rue Paul Bert")
    assert_accessible(page)
    page.get_by_label("Code postal").fill("69003")
    save_and_continue(page)

    expect_step(page, "Ancienne adresse", check=False)
    page.get_by_label("Code postal").fill("75011")
    page.get_by_label("Commune").fill("Paris")
    save_and_continue(page)

    expect_step(page, "Votre carte")
    page.get_by_label("Numéro étranger").fill("7501234567")
    page.get_by_label("Numéro de la carte").fill("FR1234567")
    choose(page, "Votre carte", "Carte de séjour temporaire ou pluriannuelle, carte de résident")
    page.get_by_label("Date d'expiration de la carte").fill((today + dt.timedelta(days=600)).isoformat())
    save_and_continue(page)

    expect_step(page, "Photo de la nouvelle carte")
    page.get_by_label("Code e-photo").fill("AB12 CD34 EF56 GH78 IJ90 KL")
    save_and_continue(page)

    expect_step(page, "Timbre fiscal", check=False)
    page.get_by_label("Numéro du timbre fiscal électronique").fill("1234 5678 1234 5678")
    save_and_continue(page)

    expect_step(page, "Documents", check=False)
    for index, label in enumerate(["Justificatif de domicile de moins de 3 mois", "Passeport",
                                   "Titre de séjour actuel"]):
        scan = tmp_path / f"page-{index + 1}.pdf"
        scan.write_bytes(PDF_BYTES + f"% {label}\n".encode())
        upload(page, label, scan)
    assert_accessible(page)
    page.get_by_role("link", name="Continuer vers la vérification").click()

    # Before filing, the person is told where their requests will go.
    expect_step(page, "Vérification et dépôt")
    expect(page.get_by_role("main")).to_contain_text("Nouveau département")
    expect(page.get_by_role("main")).to_contain_text("transmises à la préfecture de Lyon (Rhône)")
    page.get_by_role("button", name="Déposer ma demande").click()
    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    expect(state_badge(page, "Déposé")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(LYON)
    assert_accessible(page)

    # The student request is now Lyon's, and its history says so.
    page.goto(f"/dossiers/{filed_dossier}")
    expect(page.get_by_role("main")).to_contain_text(LYON)
    history = page.get_by_role("main").locator(".anef-timeline")
    expect(history).to_contain_text("Votre demande a été transmise au service désormais compétent.")
    expect(history).to_contain_text(f"de «{NBSP}{PARIS}{NBSP}» à «{NBSP}{LYON}{NBSP}»")
    assert_accessible(page)
    log_out(page)

    # A Lyon instructeur finds it among the dossiers to take and reads the transfer in its history.
    log_in(page, "instructeur69@example.fr", PASSWORD)
    expect(page.get_by_role("link", name=filed_dossier)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=filed_dossier).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Carte de séjour")
    expect(page.get_by_role("main")).to_contain_text(re.compile(rf"Dossier transféré de «{NBSP}{re.escape(PARIS)}"))
    assert_accessible(page)
