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


def test_avis_audit_and_consultations_pages_on_a_phone(page: Page, app, new_context, make_user, filed_dossier):
    """The other screens of the workspace, each checked by axe at phone width: asking and giving an avis, the
    auditor's log and read-only dossier, the local admin's alerts, and the applicant's list of consultations."""
    from tests.browser.conftest import PHONE_HEIGHT, PHONE_WIDTH

    make_user("instructeur75@example.fr", role="instructeur", service="pref-75", given_names="Inès",
              family_name="Martin")
    make_user("instructeur69@example.fr", role="instructeur", service="pref-69", given_names="Idriss",
              family_name="Bernard")
    make_user("admin75@example.fr", role="admin", service="pref-75", given_names="Alice", family_name="Durand")
    make_user("auditrice@example.fr", role="auditeur", given_names="Aurore", family_name="Lefèvre")

    def phone():
        context = new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, bypass_csp=True, locale="fr-FR")
        context.set_default_timeout(10_000)
        return context.new_page()

    page.goto("/")
    log_in(page, "instructeur75@example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{filed_dossier}")
    page.get_by_role("link", name="Demander l'avis d'un autre service").click()
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("alert")).to_contain_text("Choisissez le service dont vous demandez l'avis.")
    assert_accessible(page)
    page.get_by_label(re.compile("^Service consulté")).select_option(label="Préfecture Rhône (Lyon) (pref-69)")
    page.get_by_label("Votre question").fill("Cette personne a-t-elle déjà eu un titre dans le Rhône ?")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.locator("#avis").get_by_text("en attente")).to_be_visible()

    rhone = phone()
    rhone.goto("/")
    log_in(rhone, "instructeur69@example.fr", PASSWORD)
    rhone.goto("/agent/avis")
    assert_accessible(rhone)
    rhone.get_by_role("link", name=f"Dossier {filed_dossier}").click()
    expect(rhone.get_by_text(re.compile("^Lecture seule"))).to_be_visible()
    assert_accessible(rhone)
    rhone.get_by_label("Avis du service").fill("Oui, une carte étudiant de 2021 à 2022, sans incident.")
    rhone.get_by_role("button", name="Rendre l'avis").click()
    expect(rhone.get_by_role("heading", level=1, name="Avis demandés à votre service")).to_be_visible()

    page.reload()
    expect(page.locator("#avis").get_by_text("Oui, une carte étudiant de 2021 à 2022, sans incident.")).to_be_visible()
    assert_accessible(page)

    auditor = phone()
    auditor.goto("/")
    log_in(auditor, "auditrice@example.fr", PASSWORD)
    auditor.goto("/agent/audit")
    expect(auditor.get_by_role("heading", level=1, name="Journal d'audit")).to_be_visible()
    assert_accessible(auditor)
    auditor.get_by_label(re.compile("^Ouvrir un dossier en lecture seule")).fill(filed_dossier)
    auditor.get_by_role("button", name="Ouvrir le dossier").click()
    expect(auditor.get_by_text(re.compile("^Lecture seule\\s: votre consultation"))).to_be_visible()
    assert_accessible(auditor)

    admin = phone()
    admin.goto("/")
    log_in(admin, "admin75@example.fr", PASSWORD)
    admin.goto("/agent/service/alertes")
    expect(admin.get_by_text("Aucune alerte.")).to_be_visible()
    assert_accessible(admin)

    applicant = phone()
    applicant.goto("/")
    log_in(applicant, "usager@example.fr", PASSWORD)
    applicant.goto(f"/dossiers/{filed_dossier}")
    consultations = applicant.get_by_role("region", name="Consultations de votre demande")
    expect(consultations.get_by_text(re.compile(r"Préfecture Paris \(Paris\) \(\d consultations?\)"))).to_be_visible()
    expect(consultations.get_by_text(re.compile(r"Préfecture Rhône \(Lyon\) \(1 consultation\)"))).to_be_visible()
    expect(consultations.get_by_text(re.compile(r"Contrôle interne du ministère \(1 consultation\)"))).to_be_visible()
    assert_accessible(applicant)
