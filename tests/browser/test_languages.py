"""A person chooses their language once: on the home page, in its own name; the account keeps it from one
log-in to the next, on another browser too; dates and amounts follow the language (Babel's formats)."""
from __future__ import annotations

import datetime as dt
import re
import uuid
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import PHONE_HEIGHT, PHONE_WIDTH, assert_accessible

pytestmark = pytest.mark.browser

APPLICANT_PASSWORD = "une phrase de passe assez longue"


def fresh_page(new_context) -> Page:
    """A new browser (no cookies), in French, as at a friend's or at the préfecture's kiosk."""
    context = new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, bypass_csp=True,
                          locale="fr-FR")
    context.set_default_timeout(10_000)
    return context.new_page()


def log_in_in_french(page: Page, email: str, password: str) -> None:
    page.goto("/compte/connexion")
    page.get_by_label("Adresse électronique, numéro de portable ou identifiant").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    expect(page).not_to_have_url(re.compile(r"/compte/connexion"))


def test_chinese_chosen_on_the_home_page_is_kept_by_the_account(page: Page, new_context, live_server):
    email = f"li.wei.{uuid.uuid4().hex[:8]}@example.fr"
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("list", name="Langue").get_by_role("link", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text("您在法国的外国人手续，在线办理")
    assert_accessible(page)

    # Sign up in Chinese: the account is opened in Chinese, and so is the confirmation e-mail.
    page.get_by_role("main").get_by_role("link", name="创建账户").click()
    expect(page.get_by_role("heading", level=1, name="创建账户")).to_be_visible()
    page.get_by_label("名字").fill("Wei")
    page.get_by_label("姓", exact=True).fill("Li")
    page.get_by_label("电子邮箱").fill(email)
    page.get_by_label(re.compile(r"^密码")).fill(APPLICANT_PASSWORD)
    page.get_by_label("确认密码").fill(APPLICANT_PASSWORD)
    page.get_by_role("button", name="创建我的账户").click()
    expect(page.get_by_role("heading", level=1, name="请查看您的电子邮件")).to_be_visible()
    assert_accessible(page)
    page.goto("/dev/outbox")
    latest = page.get_by_role("table", name="最近 100 封电子邮件").get_by_role("row").nth(1)
    expect(latest).to_contain_text(email)
    expect(latest).to_contain_text("请确认您的电子邮箱")
    latest.get_by_role("link").click()
    body = page.locator(".anef-outbox-body")
    expect(body).to_contain_text("Wei，您好：")
    body.get_by_role("link", name=re.compile(r"\/compte\/confirmation\/")).click()
    expect(page.get_by_role("status").filter(has_text="您的电子邮箱已确认。")).to_be_visible()

    # Log in, log out: in Chinese throughout.
    page.get_by_label("电子邮箱、手机号码或用户名").fill(email)
    page.get_by_label("密码", exact=True).fill(APPLICANT_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1, name="我的申请")).to_be_visible()
    page.get_by_role("navigation", name="账户菜单").get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("status").filter(has_text="您已退出登录。")).to_be_visible()

    # Another browser, in French: once logged in, the account's language is back.
    other = fresh_page(new_context)
    log_in_in_french(other, email, APPLICANT_PASSWORD)
    expect(other.get_by_role("heading", level=1, name="我的申请")).to_be_visible()
    expect(other.locator("html")).to_have_attribute("lang", "zh-Hans")

    # Choosing Arabic while logged in changes the account's language, right to left included.
    other.get_by_role("list", name="语言").get_by_role("link", name="العربية").click()
    expect(other.get_by_role("heading", level=1, name="طلباتي")).to_be_visible()
    other.get_by_role("navigation", name="قائمة الحساب").get_by_role("button", name="تسجيل الخروج").click()
    third = fresh_page(new_context)
    log_in_in_french(third, email, APPLICANT_PASSWORD)
    expect(third.get_by_role("heading", level=1, name="طلباتي")).to_be_visible()
    expect(third.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(third)


def test_dates_and_amounts_follow_the_language(page: Page, draft_dossier):
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    log_in_in_french(page, "usager@example.fr", PASSWORD)
    expected = {
        # Babel's formats: "24 novembre 2026" and "55,00 €"; "2026年11月24日" and "€55.00"; in Arabic,
        # the Latin digits Babel uses for "ar" (its default numbering system) and a right-to-left mark.
        "fr": (format_date(today, "long", locale="fr"), "mise à jour le", re.compile(r"Montant dû\s*:\s*\d+,\d\d\s€")),
        "zh": (format_date(today, "long", locale="zh"), "更新于", re.compile(r"应付金额：€\d+\.\d\d")),
        "ar": (format_date(today, "long", locale="ar"), "حُدّثت في", re.compile("المبلغ المستحق: \u2066?\u200f?\\d+\\.\\d\\d\u00a0€")),
    }
    assert expected["ar"][0].split()[0].isascii(), "Babel writes Arabic dates with Latin digits"
    for lang, (date, updated, amount) in expected.items():
        page.goto(f"/dossiers/?lang={lang}")
        expect(page.get_by_role("main")).to_contain_text(f"{updated} {date}")
        page.goto(f"/dossiers/{draft_dossier}/recapitulatif")
        assert amount.search(page.get_by_role("main").inner_text()), (lang, page.get_by_role("main").inner_text())
    assert_accessible(page)


@pytest.mark.parametrize("header, lang, direction", [
    ("ar-MA,fr;q=0.5", "ar", "rtl"),
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans", "ltr"),
    ("zh-Hans", "zh-Hans", "ltr"),
    ("en-GB,en;q=0.9", "en", "ltr"),
    ("de-DE,de;q=0.9", "fr", "ltr"),
])
def test_the_browsers_first_language_we_offer_is_used_before_any_choice(client, header, lang, direction):
    html = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{lang}" dir="{direction}"' in html
