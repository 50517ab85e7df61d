"""Three phone photos become the pages of one passport, reordered, filed; the agent reads all three pages."""
from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in, log_out

pytestmark = pytest.mark.browser


def photo(path, colour):
    Image.new("RGB", (1200, 1600), colour).save(path, "JPEG", quality=80)
    return path


def test_three_photos_one_document_reordered_then_read_by_the_agent(page: Page, make_user, draft_dossier, tmp_path):
    make_user("instructeur75@example.fr", role="instructeur", service="pref-75", given_names="Inès",
              family_name="Martin")
    page.goto("/")
    log_in(page, "usager@example.fr", PASSWORD)
    page.goto(f"/dossiers/{draft_dossier}/documents")
    passport = page.locator("#doc-passeport")
    # Start again: remove the passport already given, then add three photos at once.
    passport.get_by_role("button", name=re.compile("^Retirer")).first.click()
    passport = page.locator("#doc-passeport")
    files = [photo(tmp_path / f"page-{i}.jpg", colour) for i, colour in enumerate(["red", "green", "blue"], 1)]
    passport.get_by_label(re.compile("^Ajouter une ou plusieurs pages")).set_input_files(files)
    passport.get_by_role("button", name=re.compile("^Envoyer")).click()
    expect(page.get_by_role("status").filter(has_text="3 pages ajoutées")).to_be_visible()
    passport = page.locator("#doc-passeport")
    pages = passport.get_by_role("list", name="Pages de ce document").get_by_role("listitem")
    expect(pages).to_have_count(3)
    expect(pages.nth(2)).to_contain_text("page-3.jpg")
    expect(pages.nth(2)).to_contain_text("prêt")
    assert_accessible(page)
    # The last photo is really the first page: move it up twice.
    pages.nth(2).get_by_role("button", name=re.compile("^Monter")).click()
    page.locator("#doc-passeport").get_by_role("list", name="Pages de ce document").get_by_role("listitem").nth(1) \
        .get_by_role("button", name=re.compile("^Monter")).click()
    pages = page.locator("#doc-passeport").get_by_role("list", name="Pages de ce document").get_by_role("listitem")
    expect(pages.nth(0)).to_contain_text("page-3.jpg")
    expect(pages.nth(1)).to_contain_text("page-1.jpg")
    expect(pages.nth(2)).to_contain_text("page-2.jpg")
    page.get_by_role("link", name="Continuer vers la vérification").click()
    page.get_by_role("button", name="Déposer ma demande").click()
    expect(page.get_by_text("Déposé", exact=True).first).to_be_visible()
    log_out(page)

    log_in(page, "instructeur75@example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{draft_dossier}")
    documents = page.locator("#documents")
    expect(documents).to_contain_text("3 pages")
    documents.get_by_role("link", name="passeport.pdf").click()
    expect(page.get_by_role("heading", level=1, name="Passeport")).to_be_visible()
    position = page.locator("[data-anef-position]")
    expect(position).to_have_text("1 / 3")
    first = page.get_by_role("img", name="Passeport, page 1 sur 3")
    expect(first).to_be_visible()
    assert page.evaluate("() => document.querySelector('[data-page=\"1\"] img').naturalWidth") > 0
    page.get_by_role("button", name="Page suivante").click()
    expect(position).to_have_text("2 / 3")
    page.get_by_role("button", name="Page suivante").click()
    expect(position).to_have_text("3 / 3")
    expect(page.get_by_role("img", name="Passeport, page 3 sur 3")).to_be_visible()
    page.get_by_role("button", name="Pivoter").click()
    page.get_by_role("button", name="Agrandir").click()
    assert_accessible(page)
