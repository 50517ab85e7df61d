"""Each attestation as a page and a PDF with its QR code, for its holder only."""
from __future__ import annotations

import re

import pypdfium2
import pytest

from conftest import login
from tests.attestations.conftest import act, attestations_of, current


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def qr_texts(data: bytes) -> list[str]:
    """Decode the QR codes of the PDF's first page, rendered as an image as a phone would see it."""
    zxingcpp = pytest.importorskip("zxingcpp")
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=3).to_pil().convert("L")
    finally:
        document.close()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_the_pdf_carries_a_qr_code_that_opens_the_verification_of_this_attestation(app, applicant_client, client,
                                                                                  renewal_dossier):
    prolongation = current(app, renewal_dossier, "prolongation")
    response = applicant_client.get(f"/attestations/{renewal_dossier}/{prolongation.code}.pdf")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    assert f"attestation-prolongation-{renewal_dossier}-{prolongation.code}.pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    assert "Attestation de prolongation d'instruction" in text and prolongation.display_code in text
    assert "Mei ZHANG" in text and "Voyager hors de France" in text
    [url] = qr_texts(response.data)
    assert re.fullmatch(r"http://localhost/verifier/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", url)
    assert url.rsplit("/", 1)[1] == prolongation.token
    body = client.get(url.replace("http://localhost", "")).get_data(as_text=True)
    assert "Attestation authentique et en cours de validité" in body


def test_the_token_is_also_printed_as_text_in_the_pdf(app, applicant_client, filed_dossier):
    depot = current(app, filed_dossier, "depot")
    response = applicant_client.get(f"/attestations/{filed_dossier}/depot.pdf")
    text = re.sub(r"\s+", "", pdf_text(response.data)).replace("\ufffe", "")
    # Text extraction takes a "-" where the long address wraps for a soft hyphen and drops it.
    assert depot.token.replace("-", "") in text.replace("-", "")
    assert "nevautpasautorisation" in text and "neprouvepasquevotreséjourestrégulier" in text


def test_the_page_shows_the_qr_code_the_code_and_what_it_allows_in_plain_words(app, applicant_client, renewal_dossier):
    prolongation = current(app, renewal_dossier, "prolongation")
    response = applicant_client.get(f"/attestations/{renewal_dossier}/{prolongation.code}")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<img src="data:image/svg+xml' in body and prolongation.display_code in body
    assert "Ce que ce document vous permet" in body and "Ce que ce document ne permet pas" in body
    assert "y compris celui de travailler" in body
    assert "style=" not in body.split("<main", 1)[1]  # the CSP allows no inline style
    assert "css/attestations.css" in body
    # The deposit attestation says it is not a proof of lawful stay.
    depot = applicant_client.get(f"/attestations/{renewal_dossier}/depot").get_data(as_text=True)
    assert "Elle ne prouve pas que votre séjour est régulier." in depot


def test_the_dossier_page_lists_the_attestations(app, applicant_client, renewal_dossier, agent_75):
    act(app, renewal_dossier, "take")
    act(app, renewal_dossier, "accept")
    body = applicant_client.get(f"/dossiers/{renewal_dossier}").get_data(as_text=True)
    decision = current(app, renewal_dossier, "decision_favorable")
    assert "Vos attestations" in body
    assert f"/attestations/{renewal_dossier}/{decision.code}" in body
    assert f"/attestations/{renewal_dossier}/depot" in body
    assert "1 attestation remplacée ou retirée" in body
    # The superseded prolongation still opens, saying it was replaced and linking to what replaced it.
    [old] = [a for a in attestations_of(app, renewal_dossier) if a.kind == "prolongation"]
    page = applicant_client.get(f"/attestations/{renewal_dossier}/{old.code}").get_data(as_text=True)
    assert "Cette attestation a été remplacée" in page and decision.code in page


def test_only_the_holder_sees_their_attestations(app, client, renewal_dossier, other_applicant, agent_75):
    prolongation = current(app, renewal_dossier, "prolongation")
    base = f"/attestations/{renewal_dossier}"
    urls = [f"{base}/{prolongation.code}", f"{base}/{prolongation.code}.pdf", f"{base}/depot"]
    assert all(client.get(u).status_code == 302 for u in urls)  # to the log-in page
    login(client, "autre@example.fr")
    assert all(client.get(u).status_code == 404 for u in urls)
    other = app.test_client()
    login(other, "instructeur75@example.fr")
    assert all(other.get(u).status_code == 404 for u in urls)


def test_a_dossier_filed_before_attestations_were_signed_gets_its_deposit_attestation(app, applicant_client,
                                                                                     filed_dossier):
    from anef.attestations.models import Attestation
    from anef.extensions import db

    with app.app_context():
        db.session.query(Attestation).delete()
        db.session.commit()
    body = applicant_client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True)
    assert f"/attestations/{filed_dossier}/depot" in body
    assert applicant_client.get(f"/attestations/{filed_dossier}/depot").status_code == 200
    assert current(app, filed_dossier, "depot") is not None
    assert applicant_client.get(f"/attestations/{filed_dossier}/depot.pdf").status_code == 200
    assert len(attestations_of(app, filed_dossier)) == 1


def test_pdf_rendering_reads_nothing_but_our_static_files(app):
    from anef.attestations.services import _static_only_fetcher

    fetcher = _static_only_fetcher("http://localhost/static/", app.static_folder)
    assert b".anef-attestation" in fetcher.fetch("http://localhost/static/css/attestations.css").read()
    for url in ("http://evil.example/x.css", "http://localhost/static/../../etc/passwd", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
