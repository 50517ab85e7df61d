"""Accepting uploaded documents and attaching them to dossiers."""
from __future__ import annotations

import unicodedata

import filetype
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from anef.documents.models import Document, StoredFile
from anef.documents.storage import StorageFull, TooLarge, get_storage
from anef.extensions import db
from anef.models import utcnow

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/heic": "heic",
    "image/heif": "heif",
}


class UploadRejected(ValueError):
    """An upload that cannot be accepted; the message is for the person."""


def sniff(head: bytes) -> str | None:
    """The content type read from the first bytes of a file, never from its name."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    kind = filetype.guess(head)
    return kind.mime if kind else None


def display_name(name: str | None) -> str:
    """A file name kept only as text to show: no path, no control characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    return name.strip()[:200] or "document"


def store_upload(upload: FileStorage, max_bytes: int) -> StoredFile:
    """Store an uploaded file once (by content hash) after checking its real type and size."""
    if upload is None or not upload.filename:
        raise UploadRejected(str(_l("Choisissez un fichier.")))
    try:
        sha, size, head = get_storage().put(upload.stream, max_bytes)
    except TooLarge:
        raise UploadRejected(str(_l("Le fichier dépasse %(size)s Mo.", size=max_bytes // (1024 * 1024)))) from None
    except StorageFull:
        raise UploadRejected(str(_l("Le fichier n'a pas pu être enregistré. Réessayez dans quelques instants."))) from None
    if size == 0:
        raise UploadRejected(str(_l("Le fichier est vide.")))
    content_type = sniff(head)
    if content_type not in ALLOWED_TYPES:
        raise UploadRejected(str(_l("Ce type de fichier n'est pas accepté. Envoyez une photo (JPEG, PNG, HEIC) ou un PDF.")))
    stored = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha))
    if stored is None:
        stored = StoredFile(sha256=sha, size=size, content_type=content_type)
        db.session.add(stored)
        db.session.flush()
    return stored


def attach(dossier_id: int, kind: str, stored: StoredFile, filename: str, user_id: int) -> Document:
    """Make ``stored`` the current document of ``kind`` for the dossier, keeping the old one on record."""
    now = utcnow()
    for old in db.session.scalars(select(Document).where(
            Document.dossier_id == dossier_id, Document.kind == kind, Document.replaced_at.is_(None))):
        old.replaced_at = now
    document = Document(dossier_id=dossier_id, kind=kind, file_id=stored.id, filename=display_name(filename),
                        uploaded_by_id=user_id, uploaded_at=now)
    db.session.add(document)
    db.session.commit()
    return document


def remove(document: Document) -> None:
    """Withdraw a document from a draft (the file stays for other dossiers that share it)."""
    document.replaced_at = utcnow()
    db.session.commit()
