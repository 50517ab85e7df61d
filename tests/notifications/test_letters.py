"""Postal letters: a PDF for a window envelope, in the print queue of the right service only."""
from __future__ import annotations

import re

import pypdfium2
from sqlalchemy import select

from conftest import login

PARIS = ("12 rue de la Roquette\nBâtiment B, 3e étage", "75011", "Paris")
MM = 72 / 25.4  # PDF points per millimetre


def letter_for(app, user_id, key, reference=None, event="dossier_accept"):
    from anef.accounts.models import User
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.notifications.services import notify

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference)) if reference else None
        [letter] = [m for m in notify(db.session.get(User, user_id), event, key=key, dossier=dossier, commit=False,
                                      link="https://anef.test/d") if m.channel == "courrier"]
        letter_id = letter.id
        db.session.commit()
        return letter_id


def pdf_pages(data):
    document = pypdfium2.PdfDocument(data)
    pages = []
    for page in document:
        textpage = page.get_textpage()
        pages.append((page, textpage, " ".join(textpage.get_text_range().split())))
    return document, pages


def audit_actions(app):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return [(e.action, e.detail.get("letters")) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_the_service_prints_its_letters_and_marks_them_posted(app, client, applicant, other_applicant, agent_75,
                                                              filed_dossier, contact):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    contact(applicant, email=False, address=PARIS)
    contact(other_applicant, email=False, post=True, address=("3 rue des Lilas", "75020", "Paris"))
    first = letter_for(app, applicant, "accept:1", reference=filed_dossier)
    second = letter_for(app, other_applicant, "card:2", event="card_ready")  # no dossier: préfecture of 75020

    login(client, "instructeur75@example.fr")
    page = client.get("/agent/courriers").get_data(as_text=True)
    assert "2 courriers à imprimer" in page and "Mei Zhang" in page and "Youssef Benali" in page
    assert filed_dossier in page and "75011 PARIS" in page

    response = client.get(f"/agent/courriers/{first}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    document, [(pdf_page, textpage, text)] = pdf_pages(response.data)
    assert "Préfecture Paris" in text and "Mei Zhang" in text and "Bâtiment B, 3e étage" in text
    assert f"Décision sur votre demande {filed_dossier}" in text and "Bonjour Mei," in text
    assert re.search(r"Le \d{1,2} \w+ 20\d\d", text) and f"Référence : {filed_dossier}" in text
    # The address lies in the window of a DL envelope: right half of the sheet, 45-95 mm from the top.
    searcher = textpage.search("75011 PARIS")
    index, count = searcher.get_next()
    left, bottom, right, top = textpage.get_charbox(index)
    height = pdf_page.get_height()
    assert 100 * MM < left and right < 200 * MM and 45 * MM < height - top and height - bottom < 95 * MM
    document.close()

    response = client.post("/agent/courriers/lot", data={"lettre": [str(first), str(second)]})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    document, pages = pdf_pages(response.data)
    assert len(pages) == 2 and "Mei Zhang" in pages[0][2] and "Youssef Benali" in pages[1][2]
    assert "Votre titre est prêt" in pages[1][2]
    document.close()

    response = client.post("/agent/courriers/imprimes", data={"lettre": [str(first), str(second)]},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "2 courriers marqués imprimés et postés." in page and "Aucun courrier à imprimer." in page
    assert "Imprimés récemment" in page
    with app.app_context():
        statuses = {m.id: (m.status, m.printed_by_id) for m in db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.channel == "courrier"))}
    assert statuses == {first: ("imprime", agent_75), second: ("imprime", agent_75)}
    assert [a for a in audit_actions(app) if a[0].startswith("letters")] == [
        ("letters_list", None), ("letters_download", [first]), ("letters_download", [first, second]),
        ("letters_printed", [first, second]), ("letters_list", None)]


def test_another_service_gets_404_and_sees_nothing(app, client, applicant, agent_69, filed_dossier, contact):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    contact(applicant, email=False, address=PARIS)
    letter = letter_for(app, applicant, "accept:2", reference=filed_dossier)
    login(client, "instructeur69@example.fr")
    page = client.get("/agent/courriers").get_data(as_text=True)
    assert "Aucun courrier à imprimer." in page and "Mei Zhang" not in page
    assert client.get(f"/agent/courriers/{letter}.pdf").status_code == 404
    assert client.get("/agent/courriers/999999.pdf").status_code == 404
    assert client.post("/agent/courriers/lot", data={"lettre": [str(letter)]}).status_code == 404
    assert client.post("/agent/courriers/imprimes", data={"lettre": [str(letter)]}).status_code == 404
    with app.app_context():
        assert db.session.get(OutboxMessage, letter).status == "a_imprimer"
    assert ("letters_refused", [letter]) in audit_actions(app)


def test_applicants_have_no_print_queue(client, applicant):
    login(client, "usager@example.fr")
    assert client.get("/agent/courriers").status_code == 404


def test_the_letter_speaks_the_persons_language(app, client, make_user, agent_75, contact):
    person = make_user("english@example.fr", locale="en", given_names="John", family_name="Smith")
    contact(person, email=False, address=("8 avenue Foch", "75016", "Paris"))
    letter = letter_for(app, person, "card:en", event="card_ready")
    login(client, "instructeur75@example.fr")
    document, [(_page, _textpage, text)] = pdf_pages(client.get(f"/agent/courriers/{letter}.pdf").data)
    document.close()
    assert "Your permit is ready" in text and "Hello John," in text and "75016 PARIS" in text
