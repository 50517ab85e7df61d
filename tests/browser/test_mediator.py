"""Assisted filing on a 360 px phone: a mediator asks a person's consent (a code the person receives by SMS and
types), files the person's draft for them, leaves; the person sees what was done for them and revokes the mandate.
Every page goes through axe-core and the no-horizontal-scroll check."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import account_menu, log_in, log_out

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
PHONE = "+33612345678"

expect.set_options(timeout=10_000)


def consent_code(page: Page) -> str:
    listing = page.context.request.get("/dev/sms").text()
    return re.search(re.escape(PHONE) + r'</td><td class="anef-wrap">[^<]*?code (\d{6})', listing).group(1)


def test_a_mediator_files_for_a_person_who_then_sees_it_and_revokes(page: Page, app, make_user, applicant,
                                                                   draft_dossier):
    from anef.accounts.models import User
    from anef.extensions import db

    make_user("mediateur75@example.fr", role="mediateur", service="pref-75", given_names="Marc",
              family_name="Aidant")
    with app.app_context():
        db.session.get(User, applicant).mobile_phone = PHONE
        db.session.commit()

    # The mediator asks for the person's consent.
    page.goto("/")
    log_in(page, "mediateur75@example.fr", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accompagnements")
    assert_accessible(page)
    page.get_by_label(re.compile("^Adresse électronique, numéro de portable ou identifiant de la personne")).fill(
        "usager@example.fr")
    page.get_by_label(re.compile("^Pour quelles démarches")).select_option(label=f"Carte de séjour «{NBSP}étudiant{NBSP}»")
    page.get_by_label(re.compile("^Pendant combien de temps")).select_option(label="1 jour")
    page.get_by_role("button", name="Demander l'accord de la personne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accord de Mei Zhang")
    assert_accessible(page)

    # The person types the code they received; a wrong one first.
    page.get_by_label(re.compile("^Code reçu par la personne")).fill("000000" if consent_code(page) != "000000"
                                                                    else "111111")
    page.get_by_role("button", name="Valider l'accord").click()
    expect(page.locator(".fr-message--error")).to_contain_text("Code incorrect")
    assert_accessible(page)
    page.get_by_label(re.compile("^Code reçu par la personne")).fill(consent_code(page))
    page.get_by_role("button", name="Valider l'accord").click()
    expect(page.get_by_role("status")).to_contain_text("Le mandat de Mei Zhang est actif")
    assert_accessible(page)

    # In the person's space: the banner says for whom, and everything is done as for them.
    page.get_by_role("button", name=re.compile("^Agir pour cette personne")).click()
    expect(page.locator(".anef-mediation-banner")).to_contain_text("Vous agissez pour Mei Zhang")
    assert_accessible(page)
    page.goto(f"/dossiers/{draft_dossier}/recapitulatif")
    page.get_by_role("button", name="Déposer ma demande").click()
    expect(page.get_by_role("main")).to_contain_text("Fait par un médiateur pour vous.")
    assert_accessible(page)
    expect(account_menu(page).get_by_role("link", name="Mes coordonnées et notifications")).to_have_count(0)
    page.get_by_role("button", name="Terminer l'accompagnement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accompagnements")
    # Back in the mediator's own screens, the person's dossier is out of reach.
    assert page.request.get(f"/dossiers/{draft_dossier}").status == 404
    log_out(page)

    # The person sees what was done for them, and revokes the mandate.
    log_in(page, "usager@example.fr", PASSWORD)
    account_menu(page).get_by_role("link", name="Mes mandats").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Marc Aidant")
    expect(main).to_contain_text("Demande déposée")
    expect(main).to_contain_text("code reçu par SMS et saisi par la personne")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Révoquer ce mandat")).click()
    expect(page.get_by_role("status")).to_contain_text("Le mandat est révoqué")
    expect(main).to_contain_text("Révoqué le")
    assert_accessible(page)
