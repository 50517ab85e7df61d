"""An agent finds a filed dossier from the queue by passport number, on a phone-sized screen."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in

pytestmark = pytest.mark.browser


def test_an_agent_finds_a_dossier_by_passport_number(page: Page, make_user, filed_dossier):
    make_user("instructeur75@example.fr", role="instructeur", service="pref-75", given_names="Inès",
              family_name="Martin")
    page.goto("/")
    log_in(page, "instructeur75@example.fr", PASSWORD)
    page.goto("/agent/")
    assert_accessible(page)
    page.get_by_label("Rechercher un dossier du service").fill("ea 1234567")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name=filed_dossier)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Rechercher un dossier du service").fill("Durand")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(table).to_contain_text("Aucun dossier du service ne correspond")
    page.get_by_role("link", name="Revenir à la file").click()
    expect(table.get_by_role("link", name=filed_dossier)).to_be_visible()
