"""The PDFs WeasyPrint makes (attestations, declaration receipts, letters; convocations use the same head) are
laid out right to left in Arabic and left to right otherwise, and carry the Arabic text itself."""
from __future__ import annotations

import re

import pypdfium2
import pytest

from conftest import login

ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
def given_to_weasyprint(monkeypatch):
    """Every HTML document handed to WeasyPrint during the test, in order."""
    import weasyprint

    documents = []
    real = weasyprint.HTML

    def recording(*args, **kwargs):
        documents.append(kwargs.get("string"))
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", recording)
    return documents


def extent(data: bytes, words: str) -> tuple[str, float, float, float]:
    """The first page's text, its width, and the left and right edges of the first line holding ``words``."""
    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        start = 0
        for line in text.splitlines(keepends=True):
            if words in line:
                break
            start += len(line)
        else:
            raise AssertionError(f"{words!r} not in {text!r}")
        boxes = [textpage.get_charbox(start + i) for i, char in enumerate(line) if not char.isspace()]
        return text, page.get_width(), min(b[0] for b in boxes), max(b[2] for b in boxes)
    finally:
        document.close()


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_the_attestation_de_depot_reads_right_to_left_in_arabic(client, applicant, filed_dossier, given_to_weasyprint):
    login(client, "usager@example.fr")
    client.get("/?lang=ar")
    response = client.get(f"/attestations/{filed_dossier}/depot.pdf")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in given_to_weasyprint[-1]
    # The title, « إشعار الإيداع (attestation de dépôt) », starts at the right margin (16 mm): the text comes out of
    # the PDF in visual order, Arabic letters in their joined forms, so its line is found by its French words.
    text, width, left, right = extent(response.data, "attestation de dépôt")
    assert ARABIC.search(text)
    margin = 16 * 72 / 25.4
    assert right == pytest.approx(width - margin, abs=8)
    assert left > margin + 20

    client.get("/?lang=fr")
    client.get(f"/attestations/{filed_dossier}/depot.pdf")
    assert '<html lang="fr" dir="ltr">' in given_to_weasyprint[-1]


def test_a_declaration_receipt_in_arabic_and_in_chinese(app, given_to_weasyprint):
    import datetime as dt

    from flask_babel import force_locale

    from anef.declarations import services

    with app.test_request_context():
        declaration = services.declare(
            given_names="Amal", family_name="Haddad", birth_date=dt.date(1990, 1, 2), procedure=None,
            reason=next(iter(services.REASONS)), details="", deadline=None, address_lines="3 rue de la Paix",
            postcode="75002", town="Paris", phone=None, email=None, channel="web", locale="ar")
        with force_locale("ar"):
            arabic = services.receipt_pdf(declaration)
        with force_locale("zh"):
            services.receipt_pdf(declaration)
    assert '<html lang="ar" dir="rtl">' in given_to_weasyprint[0]
    assert '<html lang="zh-Hans" dir="ltr">' in given_to_weasyprint[1]
    assert ARABIC.search(pdf_text(arabic))


def test_a_letter_in_arabic_reads_right_to_left_but_its_address_stays_in_the_window(
        app, client, make_user, agent_75, given_to_weasyprint):
    from anef.accounts.models import User
    from anef.extensions import db
    from anef.notifications.services import notify

    person = make_user("amal@example.fr", locale="ar", given_names="Amal", family_name="Haddad")
    with app.test_request_context():
        user = db.session.get(User, person)
        user.address_lines, user.postcode, user.town = "8 avenue Foch", "75016", "Paris"
        user.notify_email, user.notify_sms, user.notify_post = False, False, True
        [letter] = [m for m in notify(user, "card_ready", key="card:ar", commit=False, link="https://anef.test/d")
                    if m.channel == "courrier"]
        letter_id = letter.id
        db.session.commit()
    login(client, "instructeur75@example.fr")
    response = client.get(f"/agent/courriers/{letter_id}.pdf")
    assert response.status_code == 200
    html = given_to_weasyprint[-1]
    assert '<section class="letter" lang="ar" dir="rtl">' in html
    assert '<div class="address" dir="ltr">' in html
    text = pdf_text(response.data)
    assert ARABIC.search(text) and "75016 PARIS" in text
