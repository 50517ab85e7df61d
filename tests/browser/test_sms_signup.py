"""Opening an account without e-mail on a 360 px phone: a mobile number, the code received by SMS (a wrong one
first), then logging in again with the number. Every page goes through axe-core."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import account_menu, log_out

pytestmark = pytest.mark.browser

PASSWORD = "une phrase assez longue pour moi"
PHONE = "+33698765432"

expect.set_options(timeout=10_000)


def latest_code(page: Page) -> str:
    listing = page.context.request.get("/dev/sms").text()
    return re.search(re.escape(PHONE) + r'</td><td class="anef-wrap">[^<]*?est (\d{6})', listing).group(1)


def test_sign_up_with_a_mobile_number_and_log_in_with_it(page: Page, live_server):
    page.goto("/compte/inscription")
    page.get_by_role("link", name="Créer un compte avec un numéro de portable").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte avec un numéro de portable")
    assert_accessible(page)
    page.get_by_label("Prénom(s)").fill("Awa")
    page.get_by_label("Nom de famille").fill("Traoré")
    page.get_by_label(re.compile("^Numéro de téléphone portable")).fill("01 42 76 40 40")  # a landline first
    page.get_by_label(re.compile(r"^Mot de passe\s*Au moins 12 caractères")).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Recevoir le code par SMS").click()
    expect(page.locator("#mobile_phone-messages")).to_contain_text("téléphone fixe")
    expect(page.get_by_label("Prénom(s)")).to_have_value("Awa")  # nothing typed is lost (but passwords)
    assert_accessible(page)
    page.get_by_label(re.compile("^Numéro de téléphone portable")).fill("06 98 76 54 32")
    page.get_by_label(re.compile(r"^Mot de passe\s*Au moins 12 caractères")).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Recevoir le code par SMS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saisissez le code reçu par SMS")
    expect(page.get_by_role("main")).to_contain_text("06 98 76 54 32")
    assert_accessible(page)

    code = latest_code(page)
    page.get_by_label(re.compile("^Code reçu par SMS")).fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Ouvrir mon compte").click()
    expect(page.locator("#code-messages")).to_contain_text("Code incorrect. Il vous reste 4 essais.")
    assert_accessible(page)
    page.get_by_label(re.compile("^Code reçu par SMS")).fill(code)
    page.get_by_role("button", name="Ouvrir mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes demandes")
    expect(page.get_by_role("status")).to_contain_text("Vous recevrez nos messages par SMS")
    assert_accessible(page)
    log_out(page)

    # Later: the number and the password open the account.
    account_menu(page).get_by_role("link", name="Se connecter").click()
    assert_accessible(page)
    page.get_by_label(re.compile("^Adresse électronique, numéro de portable ou identifiant")).fill("06 98 76 54 32")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes demandes")
