"""« Mes coordonnées et notifications » on a phone: a wrong number is explained beside the field, nothing typed
is lost, the corrected form is saved; the agents' print queue passes axe too."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import account_menu, log_in, log_out

pytestmark = pytest.mark.browser


def test_contact_details_on_a_phone(page: Page, app, applicant, make_user, filed_dossier):
    from anef.accounts.models import User
    from anef.extensions import db

    page.goto("/")
    log_in(page, "usager@example.fr", PASSWORD)
    account_menu(page).get_by_role("link", name="Mes coordonnées et notifications").click()
    expect(page.get_by_role("heading", level=1, name="Mes coordonnées et notifications")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Téléphone portable (facultatif)").fill("06 12")
    page.get_by_label("Numéro, rue et complément").fill("12 rue de la Roquette\nBâtiment B")
    page.get_by_label("Code postal").fill("75011")
    page.get_by_label("Commune").fill("Paris")
    page.get_by_label("Par SMS, sur mon téléphone portable").check(force=True)
    page.get_by_label("Par courrier postal, à mon adresse").check(force=True)
    page.get_by_role("button", name="Enregistrer").click()

    # The message is beside the field (its description), and everything typed is still there.
    phone = page.get_by_label("Téléphone portable (facultatif)")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#mobile_phone-messages")).to_contain_text("Indiquez un numéro de portable valide")
    expect(phone).to_have_value("06 12")
    expect(page.get_by_label("Numéro, rue et complément")).to_have_value("12 rue de la Roquette\nBâtiment B")
    expect(page.get_by_label("Code postal")).to_have_value("75011")
    expect(page.get_by_label("Par courrier postal, à mon adresse")).to_be_checked()
    assert_accessible(page)
    with app.app_context():
        assert db.session.get(User, applicant).mobile_phone is None  # nothing half-saved

    phone.fill("06 12 34 56 78")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status").filter(has_text="Vos coordonnées et vos choix de notification sont "
                                             "enregistrés.")).to_be_visible()
    expect(page.get_by_text("vous êtes prévenu par courriel, par SMS, par courrier postal.")).to_be_visible()
    expect(page.get_by_label("Téléphone portable (facultatif)")).to_have_value("06 12 34 56 78")
    assert_accessible(page)
    with app.app_context():
        user = db.session.get(User, applicant)
        assert (user.mobile_phone, user.postcode, user.notify_post) == ("+33612345678", "75011", True)

    # The préfecture's agent finds the letter to print on a phone-sized screen too.
    from anef.dossiers.models import Dossier
    from anef.notifications.services import notify

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        notify(db.session.get(User, applicant), "dossier_take", key="browser:take", dossier=dossier, commit=True)
    log_out(page)
    make_user("instructeur75@example.fr", role="instructeur", service="pref-75")
    log_in(page, "instructeur75@example.fr", PASSWORD)
    account_menu(page).get_by_role("link", name="Courriers à imprimer").click()
    expect(page.get_by_role("table", name="1 courrier à imprimer")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger les courriers cochés (un PDF)").click()
    assert download.value.suggested_filename == "courriers-1.pdf"
    page.get_by_role("button", name="Marquer les courriers cochés comme imprimés et postés").click()
    expect(page.get_by_role("status").filter(has_text="1 courrier marqué imprimé et posté.")).to_be_visible()
    assert_accessible(page)
