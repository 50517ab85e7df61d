"""Viewing a document: only its applicant and the agents of the instructing service."""
from flask import Blueprint, abort, send_file
from flask_login import current_user, login_required

from anef.documents.models import Document
from anef.documents.storage import get_storage
from anef.dossiers.models import Dossier
from anef.extensions import db

bp = Blueprint("documents", __name__)


@bp.route("/<int:document_id>")
@login_required
def view(document_id):
    document = db.session.get(Document, document_id)
    if document is None:
        abort(404)
    dossier = db.session.get(Dossier, document.dossier_id)
    allowed = dossier.applicant_id == current_user.id or (
        current_user.is_agent and dossier.service_id == current_user.service_id and dossier.state != "brouillon")
    if not allowed:
        abort(404)
    stream = get_storage().open(document.file.sha256)
    # Shown in the browser for agents, under the app's strict CSP; never sniffed as HTML.
    return send_file(stream, mimetype=document.file.content_type, download_name=document.filename,
                     as_attachment=document.file.content_type not in ("application/pdf", "image/jpeg", "image/png"),
                     max_age=0, conditional=False, etag=False)
