"""Arabic pages read from right to left: dir="rtl", text starting at the right edge, mirrored form controls,
nothing wider than a 320 px screen, and no accessibility violation. A screenshot of each page is kept in the
test's temporary directory for a person to look at."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import PHONE_HEIGHT, assert_accessible

pytestmark = pytest.mark.browser

NARROW = 320


def text_edges(page: Page, selector: str) -> dict:
    """Where the first line of an element's text starts and ends, and its container's content box."""
    return page.evaluate(
        """(selector) => {
             const element = document.querySelector(selector);
             const range = document.createRange();
             range.selectNodeContents(element);
             const first = range.getClientRects()[0];
             const box = element.closest('.fr-container');
             const style = getComputedStyle(box);
             const rect = box.getBoundingClientRect();
             return {textLeft: first.left, textRight: first.right,
                     boxLeft: rect.left + parseFloat(style.paddingLeft),
                     boxRight: rect.right - parseFloat(style.paddingRight)};
           }""", selector)


def assert_fits(page: Page, width: int) -> None:
    """No horizontal scrolling, either way: in RTL an overflow runs off the left edge."""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, page.url
    outside = page.evaluate(
        """(width) => Array.from(document.querySelectorAll('body *'))
             .filter(e => { const r = e.getBoundingClientRect();
                            return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
                                   && (r.left < -0.5 || r.right > width + 0.5); })
             .filter(e => !e.closest('.fr-sr-only, .fr-skiplinks'))
             .map(e => `${e.tagName.toLowerCase()}.${String(e.className).trim().replace(/\\s+/g, '.')}`)
             .slice(0, 10)""", width)
    assert not outside, f"{page.url} at {width}px: {outside}"


def check_rtl_page(page: Page, tmp_path, name: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.locator("link[href*='css/rtl.css']").count() == 1
    # The main column's heading starts at the right edge of the content box, and stops short of the left.
    edges = text_edges(page, "main h1")
    assert abs(edges["textRight"] - edges["boxRight"]) <= 2, edges
    assert edges["textLeft"] > edges["boxLeft"] + 1 or edges["textRight"] - edges["textLeft"] > 200, edges
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / f"{name}-360.png"), full_page=True)
    page.set_viewport_size({"width": NARROW, "height": PHONE_HEIGHT})
    assert_fits(page, NARROW)
    page.screenshot(path=str(tmp_path / f"{name}-320.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": PHONE_HEIGHT})


def test_the_arabic_home_page_reads_from_the_right(page: Page, tmp_path):
    page.goto("/?lang=ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("إجراءاتكم كأجانب في فرنسا، عبر الإنترنت")
    check_rtl_page(page, tmp_path, "home")
    # The language menu names each language in itself, and marks the current one.
    menu = page.get_by_role("list", name="اللغة")
    for name, tag in (("Français", "fr"), ("English", "en"), ("العربية", "ar"), ("中文", "zh-Hans")):
        expect(menu.get_by_role("link", name=name, exact=True)).to_have_attribute("lang", tag)
    expect(menu.get_by_role("link", name="العربية")).to_have_attribute("aria-current", "true")
    # The first call to action is on the right, the second to its left.
    first = page.get_by_role("main").get_by_role("link", name="إنشاء حساب").bounding_box()
    second = page.get_by_role("main").get_by_role("link", name="تسجيل الدخول").bounding_box()
    assert first["x"] > second["x"] or first["y"] < second["y"]
    # The République Française logo is a brand mark: it is not mirrored.
    expect(page.locator("header .fr-logo")).to_have_css("direction", "ltr")


def test_an_arabic_form_step_mirrors_its_controls(page: Page, draft_dossier, tmp_path):
    page.goto("/compte/connexion?lang=ar")
    page.get_by_label("البريد الإلكتروني أو رقم الهاتف المحمول أو اسم المستخدم").fill("usager@example.fr")
    page.get_by_label("كلمة المرور", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="تسجيل الدخول").click()
    # The account was opened in French, but the person picked Arabic just before logging in: Arabic stays.
    expect(page).to_have_url(re.compile(r"/dossiers/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.goto(f"/dossiers/{draft_dossier}/etapes/identite?lang=ar")
    expect(page.get_by_role("heading", level=1)).to_contain_text("الهوية")
    check_rtl_page(page, tmp_path, "step-identite")
    # A radio button's circle is drawn to the right of its label's text.
    label = page.locator("label[for]").filter(has_text="أنثى").first
    radio = page.locator(f"#{label.get_attribute('for')}")
    assert radio.bounding_box()["x"] >= label.bounding_box()["x"] + label.bounding_box()["width"] - radio.bounding_box()["width"] - 1
    # A text field's label starts on the right, like the text around it.
    field_label = page.get_by_text("مدينة الميلاد", exact=True)
    field = page.get_by_label("مدينة الميلاد")
    assert abs((field_label.bounding_box()["x"] + field_label.bounding_box()["width"])
               - (field.bounding_box()["x"] + field.bounding_box()["width"])) <= 2
    # A phone number typed into an RTL form keeps its digit groups in order: the field follows its content.
    expect(page.get_by_label("الهاتف المحمول")).to_have_css("unicode-bidi", "plaintext")
