"""The instruction screen on a phone: the agent opens a dossier, asks the connectors and reads their answers live
(an FPR match flagged with its evidence), ticks the checklist and writes a private annotation."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in

pytestmark = pytest.mark.browser


def test_an_agent_checks_the_files_ticks_the_checklist_and_annotates(page: Page, app, make_user, filed_dossier):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    make_user("instructeur75@example.fr", role="instructeur", service="pref-75", given_names="Inès",
              family_name="Martin")
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        dossier.answers = {**dossier.answers, "identite": {**dossier.answers["identite"], "nom": "DALTON"}}
        db.session.commit()

    page.goto("/")
    log_in(page, "instructeur75@example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{filed_dossier}")
    panel = page.locator("#connecteurs")
    expect(panel.get_by_text("Les fichiers n'ont pas encore été interrogés pour ce dossier.")).to_be_visible()
    assert_accessible(page)

    # The answers replace the panel in place (htmx), without leaving the page.
    url = page.url
    panel.get_by_role("button", name="Interroger les fichiers").click()
    alert = panel.locator(".fr-alert--error").filter(has_text="FPR")
    expect(alert.get_by_role("heading", name=re.compile(r"^FPR\s: correspondance à examiner"))).to_be_visible()
    expect(alert.get_by_text("DALTON")).to_be_visible()
    expect(panel.get_by_text(re.compile(r"Bulletin n° 2\s: néant\."))).to_be_visible()
    expect(panel.get_by_role("button", name="Interroger à nouveau")).to_be_visible()
    assert page.url == url
    assert_accessible(page)

    # A tick is saved as soon as it is made, with who and when.
    checklist = page.locator("#verifications")
    checklist.locator("label", has_text="L'identité déclarée correspond au passeport.").click()
    expect(checklist.get_by_role("status")).to_contain_text("1 point(s) vérifié(s)")
    expect(checklist.get_by_text(re.compile("vérifié par Inès Martin le"))).to_be_visible()

    notes = page.locator("#annotations")
    notes.get_by_role("button", name="Ajouter l'annotation").click()  # nothing typed: said beside the field
    expect(notes.get_by_text("Écrivez l'annotation.")).to_be_visible()
    notes.get_by_label(re.compile("^Nouvelle annotation")).fill("Fiche FPR de test : vérifié avec le service émetteur.")
    notes.get_by_role("button", name="Ajouter l'annotation").click()
    expect(notes.get_by_text("Fiche FPR de test : vérifié avec le service émetteur.")).to_be_visible()
    expect(notes.get_by_text(re.compile("^Inès Martin — "))).to_be_visible()
    assert_accessible(page)

    # Everything is still there when the page is opened again.
    page.reload()
    expect(page.locator("#connecteurs .fr-alert--error").filter(has_text="FPR")).to_be_visible()
    expect(page.locator("#verifications").get_by_role("status")).to_contain_text("1 point(s) vérifié(s)")
    expect(page.locator("#annotations").get_by_text("Fiche FPR de test")).to_be_visible()
