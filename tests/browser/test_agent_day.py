"""A day's work of an agent of Rhône, on a phone: the queue puts first the person whose card expires soonest;
the agent filters those whose rights expire within two months, takes them in one batch, finds them under « Mes
dossiers », asks the connectors, proposes a refusal; a valideur finds it under « À valider » and signs it."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, PDF_BYTES, student_answers
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in

pytestmark = pytest.mark.browser


def _file_in_lyon(app, email, family_name, answers):
    """A student dossier of a person living in Lyon, filed through the services; returns its reference."""
    from werkzeug.datastructures import FileStorage

    from anef.accounts.models import User
    from anef.documents.services import add_page
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        user = User(email=email, password_hash="x", role="applicant", given_names="Amina", family_name=family_name)
        db.session.add(user)
        db.session.commit()
        answers["identite"]["nom"] = family_name.upper()
        dossier = services.create_draft(user, "etudiant", answers)
        for requirement in services.required_documents(dossier):
            add_page(dossier.id, requirement.kind, FileStorage(io.BytesIO(PDF_BYTES), filename="piece.pdf"), user.id)
        assert services.file_dossier(dossier, user).ok
        return dossier.reference


def test_an_agent_of_rhone_runs_the_queue_to_a_signed_decision(page: Page, app, make_user, new_context):
    make_user("instructeur69@example.fr", role="instructeur", service="pref-69", given_names="Lina", family_name="Roux")
    make_user("valideur69@example.fr", role="valideur", service="pref-69", given_names="Marc", family_name="Blanc")
    newcomer = student_answers(postcode="69003")
    # A one-year student visa: rights far from their end.
    newcomer["entree"]["visa_fin"] = (dt.date.fromisoformat(newcomer["entree"]["visa_debut"])
                                      + dt.timedelta(days=364)).isoformat()
    first = _file_in_lyon(app, "premiere@example.fr", "Nguyen", newcomer)
    renewal = student_answers(postcode="69007", renewal=True)
    renewal["titre"]["titre_expiration"] = (dt.date.today() + dt.timedelta(days=25)).isoformat()
    urgent = _file_in_lyon(app, "urgent@example.fr", "Haddad", renewal)

    page.goto("/")
    log_in(page, "instructeur69@example.fr", PASSWORD)
    page.goto("/agent/")
    rows = page.locator("#queue-rows tr")
    # The person whose card expires in 25 days comes before an earlier first request.
    expect(rows.first).to_contain_text(urgent)
    expect(rows.first).to_contain_text("bientôt")
    expect(rows.nth(1)).to_contain_text(first)
    assert_accessible(page)

    page.get_by_text("Filtrer et trier").click()
    page.locator("label", has_text="Droits expirés ou expirant dans les 2 mois").click()
    page.get_by_role("button", name="Appliquer").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(urgent)

    # Nothing ticked: said beside the action, the filter kept.
    page.get_by_role("button", name="Valider pour les dossiers cochés").click()
    expect(page.get_by_text("Cochez au moins un dossier dans la liste.")).to_be_visible()
    expect(page.get_by_label("Droits expirés ou expirant dans les 2 mois")).to_be_checked()
    page.locator("label", has_text=f"Cocher {urgent}").click()
    page.locator("label", has_text="Les prendre en instruction").click()
    page.get_by_role("button", name="Valider pour les dossiers cochés").click()
    expect(page.get_by_text("1 dossier pris en instruction.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^Mes dossiers \(1\)")).click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Lina Roux")
    rows.first.get_by_role("link", name=urgent).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("HADDAD Amina")
    page.locator("#connecteurs").get_by_role("button", name="Interroger les fichiers").click()
    expect(page.locator("#connecteurs").get_by_role("button", name="Interroger à nouveau")).to_be_visible()
    page.get_by_text("Décider", exact=True).click()
    page.locator("label", has_text="Refuser").click()
    page.get_by_label(re.compile("^Motivation")).fill("Le caractère réel et sérieux des études n'est pas établi.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("La décision est proposée ; elle attend la signature d'un valideur.")).to_be_visible()
    # Nobody signs their own proposal.
    expect(page.get_by_role("button", name="Signer la décision")).to_have_count(0)

    valideur = new_context(viewport={"width": 320, "height": 640}, bypass_csp=True, locale="fr-FR").new_page()
    valideur.goto("/")
    log_in(valideur, "valideur69@example.fr", PASSWORD)
    valideur.goto("/agent/")
    valideur.get_by_role("link", name=re.compile(r"^À valider \(1\)")).click()
    valideur.locator("#queue-rows").get_by_role("link", name=urgent).click()
    valideur.get_by_role("button", name="Signer la décision").click()
    expect(valideur.get_by_text("La décision est signée.")).to_be_visible()
    valideur.goto("/agent/?onglet=traites")
    expect(valideur.locator("#queue-rows tr").first).to_contain_text(urgent)
    expect(valideur.locator("#queue-rows tr").first).to_contain_text("Refusé")
    assert_accessible(valideur)

    # At the end of the day, the valideur looks at the service's figures: charts readable on a phone.
    valideur.get_by_role("link", name="Pilotage").click()
    expect(valideur.get_by_role("heading", level=1)).to_contain_text("Pilotage — Préfecture")
    expect(valideur.get_by_role("img", name=re.compile("^Dossiers en cours, par état"))).to_be_visible()
    expect(valideur.get_by_role("link", name="Télécharger ces chiffres (CSV)")).to_be_visible()
    assert_accessible(valideur)
