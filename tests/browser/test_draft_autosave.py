"""A draft step saves itself while the person types (htmx), and the agent screens pass axe at phone width."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in

pytestmark = pytest.mark.browser


def test_a_step_is_saved_on_change_without_pressing_a_button(page: Page, make_user, draft_dossier):
    page.goto("/")
    log_in(page, "usager@example.fr", PASSWORD)
    page.goto(f"/dossiers/{draft_dossier}/etapes/identite")
    name = page.get_by_label("Ville de naissance")
    name.fill("Chengdu")
    name.blur()
    expect(page.get_by_role("status").filter(has_text="Brouillon enregistré")).to_be_visible()
    page.get_by_label("Téléphone portable").fill("12")
    page.get_by_label("Téléphone portable").blur()
    expect(page.get_by_role("status").filter(has_text="Certaines réponses sont à corriger")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Ville de naissance")).to_have_value("Chengdu")
    expect(page.get_by_label("Téléphone portable")).to_have_value("12")
    assert_accessible(page)


def test_review_page_and_the_calendar_screen_are_accessible(page: Page, make_user, draft_dossier):
    page.goto("/")
    log_in(page, "usager@example.fr", PASSWORD)
    page.goto(f"/dossiers/{draft_dossier}/recapitulatif")
    expect(page.get_by_role("button", name="Déposer ma demande")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Menu du compte").get_by_role("button", name="Se déconnecter").click()
    make_user("national@example.fr", role="national_admin")
    log_in(page, "national@example.fr", PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Calendrier de déploiement")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Modifier — Carte de séjour «\u00a0étudiant\u00a0»").click()
    assert_accessible(page)
