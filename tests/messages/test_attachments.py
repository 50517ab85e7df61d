"""Attachments go through the document pipeline: stored, checked and converted like any upload, refused clearly."""
from __future__ import annotations

import io

import pikepdf
from sqlalchemy import select

from tests.messages.conftest import agent_url, applicant_url, audit_actions, messages_of, post_message, text_of


def document(app, document_id):
    from anef.documents.models import Document
    from anef.extensions import db

    with app.app_context():
        doc = db.session.get(Document, document_id)
        return {"kind": doc.kind, "status": doc.status, "file_id": doc.file_id, "filename": doc.filename,
                "dossier_id": doc.dossier_id, "errors": [p.error for p in doc.pages]}


def stored_count(app):
    from anef.documents.models import StoredFile
    from anef.extensions import db

    with app.app_context():
        return db.session.query(StoredFile).count()


def test_an_attachment_is_a_processed_document_of_the_dossier_reserved_for_messages(
        app, applicant_client, agent_client, agent_75, filed_dossier, pdf_bytes):
    from anef.documents.models import DocumentAccess
    from anef.dossiers import services as dossier_services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    response = post_message(applicant_client, applicant_url(filed_dossier), "Mon nouveau bail",
                            attachment=("bail.pdf", pdf_bytes))
    assert response.status_code == 302
    [message] = messages_of(app, filed_dossier)
    doc = document(app, message["document_id"])
    assert doc["kind"] == "message" and doc["status"] == "pret" and doc["file_id"] and doc["filename"] == "bail.pdf"

    # Never a required document, never in the documents list of either side.
    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        assert "message" not in {r.kind for r in dossier_services.required_documents(dossier)}
    assert "bail.pdf" not in text_of(applicant_client.get(f"/dossiers/{filed_dossier}"))
    agent_dossier_page = text_of(agent_client.get(f"/agent/dossiers/{filed_dossier}"))
    assert "bail.pdf" not in agent_dossier_page.split('id="documents"', 1)[1].split("</section>", 1)[0]

    # The agent opens it from the thread: checked like the viewer, and logged.
    thread = text_of(agent_client.get(agent_url(filed_dossier)))
    link = f"/agent/dossiers/{filed_dossier}/messages/pieces/{message['document_id']}"
    assert link in thread
    opened = agent_client.get(link)
    assert opened.status_code == 200 and opened.data.startswith(b"%PDF-")
    opened.close()
    assert ("document_view", f"document:{message['document_id']}", agent_75) in audit_actions(app)
    with app.app_context():
        assert db.session.scalar(select(DocumentAccess.user_id).where(
            DocumentAccess.document_id == message["document_id"])) == agent_75
    # The applicant opens their own copy through their side.
    mine = applicant_client.get(f"/dossiers/{filed_dossier}/messages/pieces/{message['document_id']}")
    assert mine.status_code == 200
    mine.close()


def test_an_attachment_alone_is_a_message(app, agent_client, filed_dossier, pdf_bytes):
    assert post_message(agent_client, agent_url(filed_dossier), "", attachment=("modele.pdf", pdf_bytes)).status_code == 302
    [message] = messages_of(app, filed_dossier)
    assert message["body"] == "" and message["document_id"]


def test_a_file_of_an_unknown_type_is_refused_beside_the_field_and_the_text_kept(app, applicant_client,
                                                                                filed_dossier):
    before = stored_count(app)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = post_message(applicant_client, applicant_url(filed_dossier), "Voici le document",
                            attachment=("scan.pdf", svg))
    page = text_of(response)
    assert response.status_code == 422
    assert "type de fichier n'est pas accepté" in page
    assert 'id="attachment-messages"' in page.split("type de fichier")[0][-400:]
    assert "Voici le document</textarea>" in page
    assert messages_of(app, filed_dossier) == [] and stored_count(app) == before


def test_a_file_over_the_size_limit_is_refused_while_streaming(app, applicant_client, filed_dossier, monkeypatch):
    # Small sizes: the test client keeps the body in memory (a large one would be spooled to a temporary file).
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 50_000)
    before = stored_count(app)
    big = b"%PDF-1.4\n" + b"0" * 60_000
    response = post_message(applicant_client, applicant_url(filed_dossier), "Gros fichier", attachment=("gros.pdf", big))
    assert response.status_code == 422
    assert "Le fichier dépasse" in text_of(response)
    assert messages_of(app, filed_dossier) == [] and stored_count(app) == before


def test_a_request_too_large_to_read_says_so_beside_the_file_field(app, applicant_client, filed_dossier,
                                                                   monkeypatch, pdf_bytes):
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2000)
    boundary, body = encode_multipart({"body": "Texte", "attachment": FileStorage(
        io.BytesIO(pdf_bytes + b"0" * 4000), filename="gros.pdf", content_type="application/pdf")})

    def send(**headers):
        # A body in memory: the server refuses it unread, and no temporary file is left open.
        return applicant_client.post(applicant_url(filed_dossier), data=body, headers=headers,
                                     content_type=f"multipart/form-data; boundary={boundary}")

    response = send()
    page = text_of(response)
    assert response.status_code == 413
    assert "Le fichier dépasse" in page and "écrivez-le à nouveau" in page
    htmx = send(**{"HX-Request": "true"})
    assert htmx.status_code == 200 and htmx.headers["HX-Reswap"] == "none"
    assert 'hx-swap-oob="true"' in htmx.get_data(as_text=True)
    assert messages_of(app, filed_dossier) == []


def test_a_pdf_with_javascript_is_refused_after_the_scan_and_the_writer_sees_why(
        app, applicant_client, agent_client, filed_dossier):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    buffer = io.BytesIO()
    pdf.save(buffer)
    assert post_message(applicant_client, applicant_url(filed_dossier), "Mon bail",
                        attachment=("bail.pdf", buffer.getvalue())).status_code == 302
    [message] = messages_of(app, filed_dossier)
    doc = document(app, message["document_id"])
    assert doc["status"] == "refuse" and doc["errors"][0]
    assert doc["errors"][0] in text_of(applicant_client.get(applicant_url(filed_dossier)))
    agent_page = text_of(agent_client.get(agent_url(filed_dossier)))
    assert "refusée" in agent_page and "/messages/pieces/" not in agent_page
    assert agent_client.get(f"/agent/dossiers/{filed_dossier}/messages/pieces/{message['document_id']}").status_code == 404


def test_attachments_of_another_dossier_or_kind_are_404(app, applicant_client, agent_client, filed_dossier):
    from anef.documents.models import Document
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == filed_dossier))
        required = db.session.scalar(select(Document.id).where(Document.dossier_id == dossier_id,
                                                               Document.kind != "message"))
    # A required document is not a message attachment: the messages route does not serve it.
    assert agent_client.get(f"/agent/dossiers/{filed_dossier}/messages/pieces/{required}").status_code == 404
    assert applicant_client.get(f"/dossiers/{filed_dossier}/messages/pieces/{required}").status_code == 404
    assert agent_client.get(f"/agent/dossiers/{filed_dossier}/messages/pieces/999999").status_code == 404


def test_an_attachment_never_appears_in_the_attestation_de_depot(app, applicant_client, filed_dossier, pdf_bytes):
    post_message(applicant_client, applicant_url(filed_dossier), "Mon bail", attachment=("bail-message.pdf", pdf_bytes))
    assert "bail-message.pdf" not in text_of(applicant_client.get(f"/attestations/{filed_dossier}/depot"))
