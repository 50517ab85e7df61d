"""The document pipeline: receive a file, process it in the background, assemble pages, keep it in the wallet.

Every upload of the product goes through :func:`add_page`: the file is streamed to storage, its type
sniffed at once (an unknown type is refused in the request), then :func:`process_page` (a job) makes it
safe with :mod:`anef.documents.intake` and the document's pages are assembled into the one file agents read.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select, union
from werkzeug.datastructures import FileStorage

from anef.documents import antivirus, intake
from anef.documents.models import (PROCESSING, READY, REFUSED, Document, DocumentAccess, DocumentPage,
                                   StoredFile, WalletItem)
from anef.documents.storage import StorageFull, TooLarge, get_storage
from anef.extensions import db
from anef.jobs import enqueue
from anef.models import utcnow

MAX_PAGES_PER_DOCUMENT = 20


class UploadRejected(ValueError):
    """An upload that cannot be accepted; the message is for the person."""


def display_name(name: str | None) -> str:
    """A file name kept only as text to show: no path, no control characters, at most 120 characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".")
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 115 - len(ext)] + "…" + dot + ext) if dot and len(ext) <= 5 else name[:119] + "…"
    return name or "document"


def _limits() -> intake.Limits:
    return intake.Limits(max_bytes=current_app.config["MAX_UPLOAD_BYTES"])


@contextmanager
def _local_copy(stored: StoredFile):
    """A temporary local file with the stored content (storage may be remote)."""
    folder = tempfile.mkdtemp(prefix="anef-doc-")
    path = Path(folder) / "content"
    try:
        with get_storage().open(stored.sha256) as src, open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _store_path(path: Path, content_type: str, pages: int = 1) -> StoredFile:
    """Store a local file by content and return its row (existing when the content is known)."""
    with open(path, "rb") as f:
        sha, size, _head = get_storage().put(f, max(os.path.getsize(path), 1) + 1)
    stored = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha))
    if stored is None:
        stored = StoredFile(sha256=sha, size=size, content_type=content_type, pages=pages)
        db.session.add(stored)
        db.session.flush()
    return stored


def receive(upload: FileStorage | None) -> tuple[StoredFile, str]:
    """Stream an upload to storage and sniff its type; refuse at once what is empty, too big or unknown."""
    if upload is None or not upload.filename:
        raise UploadRejected(str(_l("Choisissez un fichier.")))
    max_bytes = current_app.config["MAX_UPLOAD_BYTES"]
    try:
        sha, size, head = get_storage().put(upload.stream, max_bytes)
    except TooLarge:
        raise UploadRejected(str(intake.rejection("too_large", _limits()).message)) from None
    except (StorageFull, OSError):
        raise UploadRejected(str(_l("Le fichier n'a pas pu être enregistré. Réessayez dans quelques instants : "
                                    "ce que vous avez déjà envoyé est conservé."))) from None
    content_type = intake.sniff_bytes(head) if size else None
    if size == 0 or content_type not in intake.ALLOWED:
        if not db.session.scalar(select(StoredFile.id).where(StoredFile.sha256 == sha)):
            get_storage().delete(sha)
        raise UploadRejected(str(intake.rejection("empty" if size == 0 else "type", _limits()).message))
    stored = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha))
    if stored is None:
        stored = StoredFile(sha256=sha, size=size, content_type=content_type)
        db.session.add(stored)
        db.session.flush()
    return stored, display_name(upload.filename)


def current_document(dossier_id: int, kind: str) -> Document | None:
    """The document of this kind that counts for the dossier."""
    return db.session.scalar(select(Document).where(
        Document.dossier_id == dossier_id, Document.kind == kind, Document.replaced_at.is_(None)))


def add_page(dossier_id: int, kind: str, upload: FileStorage | None, user_id: int, *, replace: bool = False) -> DocumentPage:
    """Add an uploaded file as the next page of the dossier's document of ``kind``, and process it.

    With ``replace`` (a complement asks for a new document), a new document starts and the old one is
    kept on record.
    """
    raw, filename = receive(upload)
    document = current_document(dossier_id, kind)
    if document is not None and (replace or document.wallet_item_id is not None):
        document.replaced_at = utcnow()
        document = None
    if document is None:
        document = Document(dossier_id=dossier_id, kind=kind, filename=filename, uploaded_by_id=user_id,
                            status=PROCESSING, uploaded_at=utcnow())
        db.session.add(document)
        db.session.flush()
    if len(document.pages) >= MAX_PAGES_PER_DOCUMENT:
        db.session.rollback()
        raise UploadRejected(str(_l("Un document compte au plus %(n)s pages.", n=MAX_PAGES_PER_DOCUMENT)))
    position = max((p.position for p in document.pages), default=0) + 1
    page = DocumentPage(document_id=document.id, position=position, raw_file_id=raw.id, filename=filename,
                        status=PROCESSING)
    db.session.add(page)
    document.status = PROCESSING
    document.uploaded_at = utcnow()
    db.session.commit()
    enqueue("anef.documents.services.process_page", page_id=page.id)
    return page


def process_page(*, page_id: int) -> None:
    """Job: make one received page safe (intake), store the result, then reassemble its document.

    Safe to run twice: a page already processed is left as it is.
    """
    page = db.session.get(DocumentPage, page_id)
    if page is None or page.status != PROCESSING or page.raw_file_id is None:
        return
    raw = db.session.get(StoredFile, page.raw_file_id)
    try:
        with _local_copy(raw) as path:
            antivirus.scan(path)  # before any parser reads the file; refused like intake's refusals
            prepared = intake.prepare(path, limits=_limits())
            try:
                page.file_id = _store_path(prepared.path, prepared.content_type, prepared.pages).id
            finally:
                prepared.path.unlink(missing_ok=True)
        page.status = READY
        page.error = None
        db.session.flush()
        db.session.expire(page, ["file"])
    except intake.Rejected as exc:
        page.status = REFUSED
        page.error = str(exc.message)
    except (OSError, StorageFull):
        db.session.rollback()
        raise  # the queue retries; the page stays "en cours"
    page.raw_file_id = None
    db.session.flush()
    _drop_if_unused(raw)
    refresh_document(page.document)
    db.session.commit()


def retry_stuck_pages(documents, *, older_than: dt.timedelta = dt.timedelta(minutes=1)) -> None:
    """Process again pages left "en cours" too long (a failed job, a worker that died)."""
    limit = utcnow() - older_than
    for document in documents:
        for page in document.pages:
            if page.status == PROCESSING and page.created_at < limit:
                enqueue("anef.documents.services.process_page", page_id=page.id)


def retry_all_stuck() -> int:
    """Job: process again every page left "en cours" too long, across all dossiers; return how many documents."""
    documents = db.session.scalars(select(Document).where(Document.status == PROCESSING)).all()
    retry_stuck_pages(documents)
    return len(documents)


def refresh_document(document: Document) -> None:
    """Recompute a document's status and its assembled file from its pages."""
    pages = list(document.pages)
    if any(p.status == PROCESSING for p in pages):
        document.status = PROCESSING
        return
    ready = [p for p in pages if p.status == READY]
    if not ready:
        document.status = REFUSED
        document.file_id = None
        return
    if len(ready) == 1:
        document.file_id = ready[0].file_id
    else:
        folder = Path(tempfile.mkdtemp(prefix="anef-assemble-"))
        try:
            parts = []
            for i, p in enumerate(ready):
                target = folder / f"part-{i}"
                stored = db.session.get(StoredFile, p.file_id)
                with get_storage().open(stored.sha256) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                parts.append(target)
            out = folder / "assembled.pdf"
            count = intake.assemble_pdf(parts, out, limits=_limits())
            document.file_id = _store_path(out, "application/pdf", count).id
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    document.filename = ready[0].filename if len(ready) == 1 else _assembled_name(document)
    document.status = READY


def _assembled_name(document: Document) -> str:
    return f"{document.kind}.pdf"


def attach(dossier_id: int, kind: str, stored: StoredFile, filename: str, user_id: int) -> Document:
    """Make an already safe stored file the dossier's document of ``kind`` (demo data, generated files)."""
    old = current_document(dossier_id, kind)
    if old is not None:
        old.replaced_at = utcnow()
    document = Document(dossier_id=dossier_id, kind=kind, file_id=stored.id, filename=display_name(filename),
                        uploaded_by_id=user_id, status=READY, uploaded_at=utcnow())
    db.session.add(document)
    db.session.flush()
    db.session.add(DocumentPage(document_id=document.id, position=1, file_id=stored.id, filename=document.filename,
                                status=READY))
    db.session.commit()
    return document


def move_page(page: DocumentPage, offset: int) -> None:
    """Move a page up (-1) or down (+1) among its document's pages, then reassemble."""
    pages = list(page.document.pages)
    index = pages.index(page)
    other = index + offset
    if not 0 <= other < len(pages):
        return
    pages[index].position, pages[other].position = pages[other].position, pages[index].position
    db.session.flush()
    db.session.expire(page.document, ["pages"])
    refresh_document(page.document)
    db.session.commit()


def remove_page(page: DocumentPage) -> None:
    """Take a page out of its document; the document goes when its last page goes."""
    document = page.document
    db.session.delete(page)
    db.session.flush()
    db.session.expire(document, ["pages"])
    if not document.pages:
        document.replaced_at = utcnow()
    else:
        refresh_document(document)
    db.session.commit()


def _drop_if_unused(stored: StoredFile | None) -> None:
    """Delete a file nothing refers to any more (a raw upload once processed or refused)."""
    if stored is None or _is_referenced(stored.id):
        return
    get_storage().delete(stored.sha256)
    db.session.delete(stored)


def _is_referenced(file_id: int) -> bool:
    return bool(
        db.session.scalar(select(Document.id).where(Document.file_id == file_id).limit(1))
        or db.session.scalar(select(DocumentPage.id).where(or_(DocumentPage.file_id == file_id,
                                                              DocumentPage.raw_file_id == file_id)).limit(1))
        or db.session.scalar(select(WalletItem.id).where(WalletItem.file_id == file_id).limit(1)))


def cleanup_orphans(*, grace_hours: int = 24) -> int:
    """Job: delete stored files that nothing refers to, older than the grace period; return how many."""
    limit = utcnow() - dt.timedelta(hours=grace_hours)
    referenced = union(select(Document.file_id).where(Document.file_id.is_not(None)),
                       select(DocumentPage.file_id).where(DocumentPage.file_id.is_not(None)),
                       select(DocumentPage.raw_file_id).where(DocumentPage.raw_file_id.is_not(None)),
                       select(WalletItem.file_id))
    orphans = db.session.scalars(select(StoredFile).where(StoredFile.created_at < limit,
                                                          StoredFile.id.not_in(referenced))).all()
    for stored in orphans:
        get_storage().delete(stored.sha256)
        db.session.delete(stored)
    db.session.commit()
    # Blobs without a row: a crash between the write and the commit; old enough to be abandoned.
    known = set(db.session.scalars(select(StoredFile.sha256)))
    storage = get_storage()
    removed_blobs = 0
    for sha in list(storage.keys()):
        if sha in known or storage.modified_at(sha) >= limit:
            continue
        # Checked again just before deleting: an upload of the same content may have committed since.
        if db.session.scalar(select(StoredFile.id).where(StoredFile.sha256 == sha)) is None:
            storage.delete(sha)
            removed_blobs += 1
    return len(orphans) + removed_blobs


# ---------------------------------------------------------------- the wallet

def valid_until(requirement, answers: dict, given_on: dt.date) -> dt.date | None:
    """Until when a document of this requirement stays usable, from the answers or its age rule."""
    ends = []
    if requirement.max_age_days:
        ends.append(given_on + dt.timedelta(days=requirement.max_age_days))
    if requirement.expiry_answer:
        step, name = requirement.expiry_answer
        try:
            ends.append(dt.date.fromisoformat((answers.get(step) or {}).get(name, "")))
        except (TypeError, ValueError):
            pass
    return min(ends) if ends else None


def keep_in_wallet(dossier, requirements) -> None:
    """Put every ready document of a filed dossier in its applicant's wallet (once per content)."""
    by_kind = {r.kind: r for r in requirements}
    for document in db.session.scalars(select(Document).where(
            Document.dossier_id == dossier.id, Document.replaced_at.is_(None), Document.status == READY)):
        requirement = by_kind.get(document.kind)
        if requirement is None or document.file_id is None:
            continue
        exists = db.session.scalar(select(WalletItem).where(
            WalletItem.user_id == dossier.applicant_id, WalletItem.kind == document.kind,
            WalletItem.file_id == document.file_id))
        given_on = document.uploaded_at.date()
        until = valid_until(requirement, dossier.answers or {}, given_on)
        if exists is None:
            db.session.add(WalletItem(user_id=dossier.applicant_id, kind=document.kind, file_id=document.file_id,
                                      filename=document.filename, given_on=given_on, valid_until=until))
        else:
            exists.valid_until = until


def wallet_offers(user_id: int, kinds: list[str], today: dt.date) -> dict[str, WalletItem]:
    """The most recent still-valid wallet document of each kind, in one query."""
    rows = db.session.scalars(select(WalletItem).where(
        WalletItem.user_id == user_id, WalletItem.kind.in_(kinds),
        or_(WalletItem.valid_until.is_(None), WalletItem.valid_until >= today))
        .order_by(WalletItem.given_on.desc(), WalletItem.id.desc())).all()
    offers: dict[str, WalletItem] = {}
    for item in rows:
        offers.setdefault(item.kind, item)
    return offers


def use_wallet_item(dossier_id: int, item: WalletItem, user_id: int) -> Document:
    """Give a wallet document to a dossier, without uploading it again."""
    old = current_document(dossier_id, item.kind)
    if old is not None:
        old.replaced_at = utcnow()
    document = Document(dossier_id=dossier_id, kind=item.kind, file_id=item.file_id, filename=item.filename,
                        uploaded_by_id=user_id, status=READY, wallet_item_id=item.id, uploaded_at=utcnow())
    db.session.add(document)
    db.session.flush()
    db.session.add(DocumentPage(document_id=document.id, position=1, file_id=item.file_id, filename=item.filename,
                                status=READY))
    db.session.commit()
    return document


# ---------------------------------------------------------------- agents

def set_conformity(document: Document, agent_id: int, *, conforming: bool, reason: str | None) -> None:
    """Record an agent's verdict on a document; a non-conforming one needs a reason."""
    if not conforming and not (reason or "").strip():
        raise UploadRejected(str(_l("Indiquez pourquoi le document n'est pas conforme.")))
    document.conformity = "conforme" if conforming else "non_conforme"
    document.conformity_reason = None if conforming else reason.strip()
    document.checked_by_id = agent_id
    document.checked_at = utcnow()
    db.session.commit()


def record_access(document_id: int, user_id: int, action: str) -> None:
    """Log that a person viewed or downloaded a document."""
    from anef.audit.services import record

    db.session.add(DocumentAccess(document_id=document_id, user_id=user_id, action=action))
    db.session.commit()
    record(f"document_{action}", f"document:{document_id}", actor_id=user_id)


def remove_documents_of(dossier_id: int) -> None:
    """Delete the documents of a draft being deleted (their files stay for the cleanup job)."""
    ids = select(Document.id).where(Document.dossier_id == dossier_id)
    db.session.execute(delete(DocumentAccess).where(DocumentAccess.document_id.in_(ids)))
    db.session.execute(delete(DocumentPage).where(DocumentPage.document_id.in_(ids)))
    db.session.execute(delete(Document).where(Document.dossier_id == dossier_id))
