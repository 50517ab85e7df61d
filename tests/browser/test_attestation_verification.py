"""On a phone: the applicant opens their attestation; its QR code leads to the public page that says it is genuine."""
from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.attestations.conftest import file_dossier
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in, log_out

pytestmark = pytest.mark.browser

expect.set_options(timeout=10_000)


def read_qr(png: bytes) -> str:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    return result.text


def test_the_applicant_opens_the_attestation_and_its_qr_code_verifies_it(page: Page, app, applicant, live_server):
    reference = file_dossier(app, applicant, renewal=True)

    page.goto("/")
    log_in(page, "usager@example.fr", PASSWORD)
    page.goto(f"/dossiers/{reference}")
    attestations = page.get_by_role("region", name="Vos attestations")
    expect(attestations.get_by_role("link", name="Attestation de dépôt")).to_be_visible()
    attestations.get_by_role("link", name="Attestation de prolongation d'instruction").click()
    expect(page.get_by_role("heading", level=1, name="Attestation de prolongation d'instruction")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Ce que ce document vous permet")
    assert_accessible(page)

    # What a phone's camera reads from the QR code on the screen.
    qr = page.get_by_role("img", name=re.compile("Code QR"))
    expect(qr).to_be_visible()
    url = read_qr(qr.screenshot())
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/verifier/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", url)
    code = page.locator(".anef-attestation__code").first.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    log_out(page)

    # Anyone who scans it: genuine and current, with only what the attestation shows.
    page.goto(url)
    expect(page.get_by_role("heading", level=2, name="Attestation authentique et en cours de validité")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Mei ZHANG")
    expect(page.get_by_role("main")).not_to_contain_text(reference)
    assert_accessible(page)

    # Or who types the code printed beside it.
    page.get_by_role("link", name="Vérifier une autre attestation").click()
    expect(page.get_by_role("heading", level=1, name="Vérifier une attestation")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("^Code de l'attestation")).fill(code.lower())
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_role("heading", level=2, name="Attestation authentique et en cours de validité")).to_be_visible()

    # A mistyped code says so beside the field.
    page.goto("/verifier/")
    page.get_by_label(re.compile("^Code de l'attestation")).fill("ZZZZ-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_text(re.compile("Aucune attestation ne porte ce code")).first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Vérifier une attestation sans connexion à ce service").click()
    expect(page.get_by_role("heading", level=1, name="Vérifier une attestation sans connexion")).to_be_visible()
    assert_accessible(page)

    # A forged token is refused.
    page.goto(url[:-6] + ("AAAAAA" if not url.endswith("AAAAAA") else "BBBBBB"))
    expect(page.get_by_role("heading", level=2, name="Attestation non authentique")).to_be_visible()
    assert_accessible(page)
