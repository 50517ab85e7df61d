"""Uploads through the whole pipeline: pages, processing states, wallet, agent viewer, watermark, cleanup."""
import datetime as dt
import html
import io

import pikepdf
import pytest
from PIL import Image
from sqlalchemy import func, select

from conftest import PDF_BYTES, login, student_answers


def png(colour, size=(60, 80)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, ref, kind, *files):
    return client.post(f"/dossiers/{ref}/documents", data={
        "kind": kind, "file": [(io.BytesIO(data), name) for name, data in files]}, content_type="multipart/form-data")


def document_of(app, ref, kind):
    from anef.documents.models import Document
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == ref))
        doc = db.session.scalar(select(Document).where(Document.dossier_id == dossier.id, Document.kind == kind,
                                                       Document.replaced_at.is_(None)))
        if doc is None:
            return None
        return {"id": doc.id, "status": doc.status, "pages": [(p.id, p.filename, p.status, p.error) for p in doc.pages],
                "file_pages": doc.file.pages if doc.file else None, "type": doc.file.content_type if doc.file else None}


def counts(app):
    from anef.documents.models import StoredFile
    from anef.documents.storage import get_storage
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(StoredFile)), len(list(get_storage().keys()))


@pytest.fixture
def draft(app, client, applicant):
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        dossier = services.create_draft(db.session.get(User, applicant), "etudiant", student_answers())
        ref = dossier.reference
    login(client, "usager@example.fr")
    return ref


def test_three_photos_become_one_document_of_three_pages_in_order(app, client, draft):
    response = upload(client, draft, "passeport", ("p1.png", png("red")), ("p2.png", png("green")),
                      ("p3.png", png("blue")))
    assert response.status_code == 302
    doc = document_of(app, draft, "passeport")
    assert doc["status"] == "pret" and [p[1] for p in doc["pages"]] == ["p1.png", "p2.png", "p3.png"]
    assert doc["type"] == "application/pdf" and doc["file_pages"] == 3
    third = doc["pages"][2][0]
    assert client.post(f"/dossiers/{draft}/documents/pages/{third}/monter").status_code == 302
    assert [p[1] for p in document_of(app, draft, "passeport")["pages"]] == ["p1.png", "p3.png", "p2.png"]
    assert client.post(f"/dossiers/{draft}/documents/pages/{third}/retirer").status_code == 302
    doc = document_of(app, draft, "passeport")
    assert [p[1] for p in doc["pages"]] == ["p1.png", "p2.png"] and doc["file_pages"] == 2


def test_an_unknown_type_is_refused_at_once_and_nothing_is_stored(app, client, draft):
    before = counts(app)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(client, draft, "passeport", ("scan.pdf", svg))
    assert response.status_code == 400
    assert "type de fichier n'est pas accepté" in html.unescape(response.get_data(as_text=True))
    assert counts(app) == before and document_of(app, draft, "passeport") is None


def test_a_pdf_with_javascript_is_refused_with_its_reason_and_not_kept(app, client, draft):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    buffer = io.BytesIO()
    pdf.save(buffer)
    before = counts(app)
    assert upload(client, draft, "passeport", ("passeport.pdf", buffer.getvalue())).status_code == 302
    doc = document_of(app, draft, "passeport")
    [(_id, _name, status, error)] = doc["pages"]
    assert status == "refuse" and error and doc["status"] == "refuse"
    assert counts(app) == before  # the received file was deleted once refused
    page = html.unescape(client.get(f"/dossiers/{draft}/documents").get_data(as_text=True))
    assert error in page


def test_processing_status_fragment_for_live_updates(app, client, draft):
    upload(client, draft, "passeport", ("p.pdf", PDF_BYTES))
    response = client.get(f"/dossiers/{draft}/documents/passeport/etat", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body and "prêt" in body and "every 2s" not in body


def test_a_full_disk_gives_a_clear_message_and_keeps_the_draft(app, client, draft, monkeypatch):
    from anef.documents import storage

    def full(self, stream, max_bytes):
        raise storage.StorageFull(28, "No space left on device")

    monkeypatch.setattr(storage.LocalStorage, "put", full)
    response = upload(client, draft, "passeport", ("p.png", png("red")))
    assert response.status_code == 400 and "Réessayez" in response.get_data(as_text=True)
    monkeypatch.undo()
    assert 'value="ZHANG"' in client.get(f"/dossiers/{draft}/etapes/identite").get_data(as_text=True)


def test_a_crash_while_processing_leaves_the_page_to_be_processed_again(app, client, draft, monkeypatch):
    from anef.documents import intake, services

    def crash(*args, **kwargs):
        raise OSError("worker killed")

    monkeypatch.setattr(intake, "prepare", crash)
    # The job fails as a killed worker would: the upload itself is kept and the person is not shown an error.
    assert upload(client, draft, "passeport", ("p.png", png("red"))).status_code == 302
    doc = document_of(app, draft, "passeport")
    assert doc["status"] == "en_cours" and doc["pages"][0][2] == "en_cours"
    monkeypatch.undo()
    from anef.documents.models import DocumentPage
    from anef.extensions import db

    with app.app_context():
        page = db.session.get(DocumentPage, doc["pages"][0][0])
        page.created_at = page.created_at - dt.timedelta(minutes=5)
        db.session.commit()
    # The page polls its status; a page stuck that long is processed again.
    assert "prêt" in client.get(f"/dossiers/{draft}/documents/passeport/etat",
                                headers={"HX-Request": "true"}).get_data(as_text=True)
    with app.app_context():
        services.process_page(page_id=doc["pages"][0][0])  # at least once: a repeat changes nothing
    assert document_of(app, draft, "passeport")["status"] == "pret"


def test_the_wallet_offers_documents_again_but_never_expired_ones(app, client, applicant, filed_dossier):
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        answers = student_answers()
        answers["passeport"]["date_expiration"] = (dt.date.today() - dt.timedelta(days=1)).isoformat()
        second = services.create_draft(db.session.get(User, applicant), "etudiant", answers).reference
    login(client, "usager@example.fr")
    page = html.unescape(client.get(f"/dossiers/{second}/documents").get_data(as_text=True))
    assert page.count("Utiliser le document déjà donné le") == 5
    assert client.post(f"/dossiers/{second}/documents/justificatif_domicile/portefeuille").status_code == 302
    doc = document_of(app, second, "justificatif_domicile")
    assert doc["status"] == "pret" and doc["file_pages"] == 1
    # The first dossier's passport expired: it must not be offered any more.
    with app.app_context():
        from anef.documents.models import WalletItem

        item = db.session.scalar(select(WalletItem).where(WalletItem.kind == "passeport"))
        item.valid_until = dt.date.today() - dt.timedelta(days=1)
        db.session.commit()
    assert client.post(f"/dossiers/{second}/documents/passeport/portefeuille").status_code == 404


def test_agent_viewer_conformity_feeds_the_complement_and_access_is_logged(app, client, applicant, agent_75,
                                                                        filed_dossier):
    from anef.documents.models import DocumentAccess
    from anef.extensions import db

    doc = document_of(app, filed_dossier, "passeport")
    login(client, "instructeur75@example.fr")
    client.post(f"/agent/dossiers/{filed_dossier}/prendre")
    viewer = client.get(f"/agent/dossiers/{filed_dossier}/documents/{doc['id']}")
    assert viewer.status_code == 200 and "Page suivante" in viewer.get_data(as_text=True)
    image = client.get(f"/documents/{doc['id']}/pages/1.png")
    assert image.status_code == 200 and image.mimetype == "image/png" and image.data.startswith(b"\x89PNG")
    image.close()
    assert client.get(f"/documents/{doc['id']}/pages/2.png").status_code == 404
    response = client.post(f"/agent/dossiers/{filed_dossier}/documents/{doc['id']}",
                           data={"verdict": "non_conforme", "reason": ""})
    assert response.status_code == 422
    client.post(f"/agent/dossiers/{filed_dossier}/documents/{doc['id']}",
                data={"verdict": "non_conforme", "reason": "Photo floue"})
    page = html.unescape(client.get(f"/agent/dossiers/{filed_dossier}").get_data(as_text=True))
    assert "Photo floue" in page and 'value="document:passeport" checked' in page
    download = client.get(f"/documents/{doc['id']}/telecharger")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    data = download.data
    download.close()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        content = b"".join(pdf.pages[0].Contents.read_bytes() if isinstance(pdf.pages[0].Contents, pikepdf.Stream)
                           else [c.read_bytes() for c in pdf.pages[0].Contents])
    assert filed_dossier.encode() in content and b"Martin" in content
    with app.app_context():
        actions = db.session.scalars(select(DocumentAccess.action).order_by(DocumentAccess.id)).all()
    assert actions == ["view", "download"]


def test_cleanup_removes_only_files_nothing_refers_to(app, draft, client):
    from anef.documents.models import StoredFile
    from anef.documents.services import _store_path, cleanup_orphans
    from anef.extensions import db

    upload(client, draft, "passeport", ("p.pdf", PDF_BYTES))
    with app.app_context():
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            orphan_path = Path(tmp) / "o.pdf"
            orphan_path.write_bytes(PDF_BYTES + b"%orphan")
            orphan = _store_path(orphan_path, "application/pdf")
        orphan.created_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)
        db.session.commit()
        kept_before = db.session.scalar(select(func.count()).select_from(StoredFile))
        assert cleanup_orphans(grace_hours=24) == 1
        assert db.session.scalar(select(func.count()).select_from(StoredFile)) == kept_before - 1
    assert document_of(app, draft, "passeport")["status"] == "pret"


def test_names_are_only_text_and_oversize_files_are_refused_while_streaming(app, client, draft):
    long_name = ("é" * 150 + "文" * 150) + ".pdf"
    assert upload(client, draft, "passeport", ("../../etc/passwd.pdf", PDF_BYTES), (long_name, PDF_BYTES)).status_code == 302
    doc = document_of(app, draft, "passeport")
    names = [p[1] for p in doc["pages"]]
    assert names[0] == "passwd.pdf" and len(names[1]) <= 120 and names[1].endswith(".pdf")
    page = client.get(f"/dossiers/{draft}/documents").get_data(as_text=True)
    assert "../" not in page
    before = counts(app)
    app.config["MAX_UPLOAD_BYTES"] = 50_000
    try:
        response = upload(client, draft, "visa", ("grand.pdf", PDF_BYTES + b"%" + b"x" * 60_000))
    finally:
        app.config["MAX_UPLOAD_BYTES"] = 10 * 1024 * 1024
    assert response.status_code == 400 and "Mo" in response.get_data(as_text=True)
    assert counts(app) == before and document_of(app, draft, "visa") is None


def test_a_plain_get_of_a_document_row_goes_to_the_page_that_holds_it(client, draft):
    """Without htmx (a bookmark, JavaScript off) the row alone would be a page without title or heading."""
    response = client.get(f"/dossiers/{draft}/documents/passeport/etat")
    assert response.status_code == 302
    assert response.location.endswith(f"/dossiers/{draft}/documents")


def test_the_poll_that_sees_a_document_ready_announces_it_in_the_pages_live_region(client, draft):
    """The row is replaced by its poll (a replaced live region is not read): the page's own region says it."""
    client.post(f"/dossiers/{draft}/documents", data={
        "kind": "passeport", "file": (io.BytesIO(PDF_BYTES), "passeport.pdf")}, content_type="multipart/form-data")
    page = client.get(f"/dossiers/{draft}/documents").get_data(as_text=True)
    assert '<p id="documents-live" class="fr-sr-only" role="status" aria-live="polite"></p>' in page
    row = client.get(f"/dossiers/{draft}/documents/passeport/etat", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert 'id="documents-live"' in row and 'hx-swap-oob="true"' in row
    assert "«\u00a0Passeport\u00a0»\u00a0: traitement terminé." in row
