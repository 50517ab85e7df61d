"""Reading documents: only their applicant, the agents of the instructing service and the national auditor (read-only);
every read by staff is logged."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from flask import Blueprint, abort, after_this_request, request, send_file
from flask_login import current_user

from anef.documents import intake
from anef.documents.models import Document, StoredFile
from anef.documents.services import record_access
from anef.documents.storage import get_storage
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.security import signed_in

bp = Blueprint("documents", __name__)

INLINE_TYPES = ("application/pdf", "image/jpeg", "image/png")


def send_stored(stored: StoredFile, filename: str, *, download: bool = False):
    """Send stored content, shown in the browser unless ``download``; never cached by shared caches."""
    stream = get_storage().open(stored.sha256)
    return send_file(stream, mimetype=stored.content_type, download_name=filename,
                     as_attachment=download or stored.content_type not in INLINE_TYPES, max_age=0,
                     conditional=False, etag=False)


def readable_document(document_id: int) -> tuple[Document, Dossier]:
    """The document if the current person may read it; 404 otherwise, whether it exists or not."""
    document = db.session.get(Document, document_id)
    if document is None or document.file is None:
        abort(404)
    dossier = db.session.get(Dossier, document.dossier_id)
    own = dossier.applicant_id == current_user.id
    agent = current_user.is_agent and dossier.service_id == current_user.service_id and dossier.state != "brouillon"
    auditor = current_user.is_auditor and dossier.state != "brouillon"
    if not (own or agent or auditor):
        if current_user.is_agent:
            from anef.audit.services import record

            record("document_access_denied", f"document:{document.id}", actor_id=current_user.id)
        abort(404)
    return document, dossier


def _staff() -> bool:
    """An agent or the auditor: their reads are logged, their downloads of identity documents watermarked."""
    return current_user.is_agent or current_user.is_auditor


@bp.route("/<int:document_id>")
@signed_in
def view(document_id):
    document, _dossier = readable_document(document_id)
    if _staff():
        record_access(document.id, current_user.id, "view")
    return send_stored(document.file, document.filename)


@bp.route("/<int:document_id>/pages/<int:number>.png")
@signed_in
def page_image(document_id, number):
    """Page ``number`` (from 1) as a PNG for the in-page viewer; PDFs are rendered, images sent as they are."""
    document, _dossier = readable_document(document_id)
    stored = document.file
    if stored.content_type != "application/pdf":
        if number != 1:
            abort(404)
        return send_stored(stored, document.filename)
    if not 1 <= number <= stored.pages:
        abort(404)
    folder = Path(tempfile.mkdtemp(prefix="anef-render-"))

    @after_this_request
    def cleanup(response):
        shutil.rmtree(folder, ignore_errors=True)
        return response

    source, target = folder / "doc.pdf", folder / "page.png"
    with get_storage().open(stored.sha256) as src, open(source, "wb") as dst:
        shutil.copyfileobj(src, dst)
    width = min(max(request.args.get("largeur", 1200, type=int), 200), 2400)
    intake.render_page(source, number - 1, target, width=width)
    return send_file(target, mimetype="image/png", max_age=0, conditional=False, etag=False)


@bp.route("/<int:document_id>/telecharger")
@signed_in
def download(document_id):
    """Download a document; an identity document downloaded by an agent carries a visible watermark."""
    from anef.documents.watermark import watermarked_copy
    from anef.dossiers import services as dossier_services

    document, dossier = readable_document(document_id)
    if not _staff():
        return send_stored(document.file, document.filename, download=True)
    record_access(document.id, current_user.id, "download")
    requirement = next((r for r in dossier_services.required_documents(dossier) if r.kind == document.kind), None)
    if requirement is None or not requirement.identity:
        return send_stored(document.file, document.filename, download=True)
    folder = Path(tempfile.mkdtemp(prefix="anef-watermark-"))

    @after_this_request
    def cleanup(response):
        shutil.rmtree(folder, ignore_errors=True)
        return response

    out = watermarked_copy(document.file, folder, reference=dossier.reference, agent=current_user.display_name)
    name = Path(document.filename).stem + "-" + dossier.reference + ".pdf"
    return send_file(out, mimetype="application/pdf", as_attachment=True, download_name=name, max_age=0,
                     conditional=False, etag=False)
