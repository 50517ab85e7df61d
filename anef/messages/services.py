"""Messages of a dossier: who may write, sending (with an attachment through the document pipeline),
reading (receipts and unread counts) and the reply templates of a service.

A thread belongs to a filed dossier: its applicant on one side, every agent of ``dossier.service_id`` on
the other. A message is read when the other side opens the thread with it in it; for the service, any of
its agents opening it counts.
"""
from __future__ import annotations

import re

from flask import g
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, select, update
from sqlalchemy.orm import joinedload

from anef.audit.services import record
from anef.documents.models import MESSAGE_KIND, PROCESSING, Document, DocumentPage
from anef.documents.services import UploadRejected, receive, retry_stuck_pages
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.jobs import enqueue
from anef.messages.models import Message, ReplyTemplate
from anef.models import utcnow

BODY_MAX = 5000
TITLE_MAX = 120
# Placeholders of reply templates, filled when an agent inserts one.
PLACEHOLDERS = ("nom", "reference", "service")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class MessageRejected(ValueError):
    """A message that cannot be sent; ``field`` says which field the message is for (``body``, ``attachment``)."""

    def __init__(self, message: str, field: str = "body"):
        super().__init__(message)
        self.field = field


# ---------------------------------------------------------------- who may write

def can_write(dossier: Dossier) -> bool:
    """A thread opens once the request is filed (a draft has no service yet) and stays open afterwards."""
    return dossier.state != lifecycle.BROUILLON and dossier.service_id is not None


# ---------------------------------------------------------------- reading

def thread(dossier: Dossier) -> list[Message]:
    """Every message of the dossier, oldest first, with its author and attachment, in one query."""
    return db.session.scalars(
        select(Message).where(Message.dossier_id == dossier.id)
        .options(joinedload(Message.document).lazyload(Document.pages))
        .order_by(Message.id)
    ).all()


def poll_state(dossier_id: int) -> str:
    """A short token that changes whenever the thread does: a new message, a read, an attachment processed.

    One aggregate over the dossier's messages (index ``dossier_id, id``); the poll compares it with the token
    the page was rendered with and answers "nothing new" without rendering anything.
    """
    last, reads, pending = db.session.execute(
        select(func.max(Message.id), func.count(Message.read_at),
               func.count(case((Document.status == PROCESSING, 1))))
        .select_from(Message).outerjoin(Document, Document.id == Message.document_id)
        .where(Message.dossier_id == dossier_id)
    ).one()
    return f"{last or 0}-{reads}-{pending}"


def state_of(messages: list[Message]) -> str:
    """The :func:`poll_state` token of a thread already loaded (no query)."""
    last = messages[-1].id if messages else 0
    reads = sum(1 for m in messages if m.read_at is not None)
    pending = sum(1 for m in messages if m.document is not None and m.document.status == PROCESSING)
    return f"{last}-{reads}-{pending}"


def unread_by(messages: list[Message], *, service_side: bool) -> set[int]:
    """Ids of the messages the reader's side has not read yet (written by the other side)."""
    return {m.id for m in messages if m.from_service != service_side and m.read_at is None}


def mark_read(dossier: Dossier, reader, messages: list[Message]) -> set[int]:
    """Mark as read, by ``reader``'s side, the other side's messages shown to them; return their ids.

    Only messages the reader was shown (up to the last one loaded) are marked: one arriving meanwhile stays
    unread until it is shown. The in-memory messages keep their state for this page (to badge the new ones).
    """
    service_side = reader.is_agent
    new = unread_by(messages, service_side=service_side)
    if not new:
        return new
    db.session.execute(
        update(Message).where(Message.dossier_id == dossier.id, Message.from_service.is_(not service_side),
                              Message.read_at.is_(None), Message.id <= max(new))
        .values(read_at=utcnow(), read_by_id=reader.id)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return new


def retry_stuck_attachments(messages: list[Message]) -> None:
    """Process again attachments left "en cours" too long (a lost job, a dead worker)."""
    documents = [m.document for m in messages if m.document is not None and m.document.status == PROCESSING]
    if documents:
        retry_stuck_pages(documents)


def applicant_unread_counts(user_id: int) -> dict[int, int]:
    """Unread messages of the service in each dossier of an applicant, in one grouped query (cached per request)."""
    cache = g.setdefault("messages_unread_applicant", {})
    if user_id not in cache:
        rows = db.session.execute(
            select(Message.dossier_id, func.count())
            .join(Dossier, and_(Dossier.id == Message.dossier_id, Dossier.applicant_id == user_id))
            .where(Message.from_service.is_(True), Message.read_at.is_(None))
            .group_by(Message.dossier_id)).all()
        cache[user_id] = dict(rows)
    return cache[user_id]


def service_unread_counts(dossier_ids) -> dict[int, int]:
    """Unread messages of applicants for a page of dossiers, in one grouped query (cached per request)."""
    ids = tuple(sorted({int(i) for i in dossier_ids}))
    if not ids:
        return {}
    cache = g.setdefault("messages_unread_service", {})
    if ids not in cache:
        rows = db.session.execute(
            select(Message.dossier_id, func.count())
            .where(Message.dossier_id.in_(ids), Message.from_service.is_(False), Message.read_at.is_(None))
            .group_by(Message.dossier_id)).all()
        cache[ids] = dict(rows)
    return cache[ids]


# ---------------------------------------------------------------- writing

def check_body(body: str | None, *, has_attachment: bool = False) -> str:
    """The body as it will be kept (line ends normalised, outer blank space trimmed), or MessageRejected."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > BODY_MAX:
        raise MessageRejected(str(_l("Votre message compte %(count)s caractères : %(max)s au plus sont acceptés. "
                                     "Raccourcissez-le ou envoyez-le en plusieurs fois.",
                                     count=len(text), max=BODY_MAX)))
    if not text and not has_attachment:
        raise MessageRejected(str(_l("Écrivez votre message ou joignez un fichier.")))
    return text


def _attach(dossier: Dossier, upload, user_id: int) -> tuple[Document, DocumentPage]:
    """Receive an attachment as the pipeline receives any upload: a new document of the dossier (kind
    MESSAGE_KIND) with one page, processed by ``process_page`` (scan, checks, conversion) once committed."""
    try:
        raw, filename = receive(upload)
    except UploadRejected as exc:
        raise MessageRejected(str(exc), "attachment") from None
    document = Document(dossier_id=dossier.id, kind=MESSAGE_KIND, filename=filename, uploaded_by_id=user_id,
                        status=PROCESSING, uploaded_at=utcnow())
    db.session.add(document)
    db.session.flush()
    page = DocumentPage(document_id=document.id, position=1, raw_file_id=raw.id, filename=filename,
                        status=PROCESSING)
    db.session.add(page)
    return document, page


def send(dossier: Dossier, author, body: str | None, upload=None) -> Message:
    """Write a message in the dossier's thread, as its applicant or as an agent of its service.

    The message, its attachment and (when an agent writes) the applicant's notification are kept together or
    not at all; the attachment is then processed by the document pipeline and shown once it is safe.
    """
    from anef.notifications.services import notify
    from anef.urls import absolute_url

    if not can_write(dossier):
        raise MessageRejected(str(_l("Vous pourrez écrire au service une fois votre demande déposée.")))
    from_service = bool(author.is_agent)
    party = author.service_id == dossier.service_id if from_service else author.id == dossier.applicant_id
    if not party:
        raise PermissionError("not a party to this dossier")
    has_file = upload is not None and bool(getattr(upload, "filename", None))
    text = check_body(body, has_attachment=has_file)
    page = None
    try:
        document, page = _attach(dossier, upload, author.id) if has_file else (None, None)
        message = Message(dossier_id=dossier.id, author_id=author.id, from_service=from_service, body=text,
                          document_id=document.id if document else None, created_at=utcnow())
        db.session.add(message)
        db.session.flush()
        if from_service:
            notify(dossier.applicant, "message_received", key=f"message:{message.id}", dossier=dossier,
                   commit=False, link=absolute_url("messages.applicant_thread", reference=dossier.reference))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    if page is not None:
        enqueue("anef.documents.services.process_page", page_id=page.id)
    record("message_sent", dossier.reference, actor_id=author.id, message=message.id,
           attachment=message.document_id)
    return message


# ---------------------------------------------------------------- reply templates

def templates_for(service_id: int) -> list[ReplyTemplate]:
    """The service's own templates, then the national ones, each by title."""
    return db.session.scalars(
        select(ReplyTemplate).where((ReplyTemplate.service_id == service_id) | ReplyTemplate.service_id.is_(None))
        .order_by(ReplyTemplate.service_id.is_(None), ReplyTemplate.title, ReplyTemplate.id)).all()


def usable_template(template_id, service_id: int) -> ReplyTemplate | None:
    """The template if an agent of ``service_id`` may use it (their service's or a national one)."""
    try:
        template = db.session.get(ReplyTemplate, int(template_id))
    except (TypeError, ValueError):
        return None
    if template is None or template.service_id not in (None, service_id):
        return None
    return template


def fill(template_body: str, dossier: Dossier) -> str:
    """The template's text with its placeholders replaced for this dossier; unknown ones are left as written."""
    values = {"nom": f"{dossier.applicant.given_names} {dossier.applicant.family_name}".strip(),
              "reference": dossier.reference or "",
              "service": dossier.service.name if dossier.service else ""}
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template_body)


def check_template(title: str | None, body: str | None) -> dict[str, str]:
    """Errors of a template, by field (empty when it is fine)."""
    errors = {}
    title = (title or "").strip()
    body = (body or "").strip()
    if not title:
        errors["title"] = str(_l("Donnez un titre au modèle."))
    elif len(title) > TITLE_MAX:
        errors["title"] = str(_l("Le titre compte au plus %(max)s caractères.", max=TITLE_MAX))
    if not body:
        errors["body"] = str(_l("Écrivez le texte du modèle."))
    elif len(body) > BODY_MAX:
        errors["body"] = str(_l("Le texte compte au plus %(max)s caractères.", max=BODY_MAX))
    else:
        unknown = sorted({m.group(1) for m in _PLACEHOLDER.finditer(body)} - set(PLACEHOLDERS))
        if unknown:
            errors["body"] = str(_l("Champ inconnu : %(names)s. Utilisez {nom}, {reference} ou {service}.",
                                    names=", ".join("{" + n + "}" for n in unknown)))
    return errors


def service_template(template_id: int, service_id: int) -> ReplyTemplate | None:
    """A template the local admin of ``service_id`` may change (their service's only, never a national one)."""
    template = db.session.get(ReplyTemplate, template_id)
    if template is None or template.service_id != service_id:
        return None
    return template


def save_template(admin, template: ReplyTemplate | None, *, title: str, body: str) -> ReplyTemplate:
    """Create (``template`` None) or change a template of the admin's service; ValueError if it is invalid."""
    errors = check_template(title, body)
    if errors:
        raise ValueError(errors)
    if template is None:
        template = ReplyTemplate(service_id=admin.service_id)
        db.session.add(template)
    elif template.service_id != admin.service_id:
        raise PermissionError("template of another service")
    template.title = title.strip()
    template.body = body.replace("\r\n", "\n").strip()
    template.updated_at = utcnow()
    db.session.commit()
    record("message_template_saved", f"message_template:{template.id}", actor_id=admin.id)
    return template


def delete_template(admin, template: ReplyTemplate) -> None:
    """Delete a template of the admin's service."""
    if template.service_id != admin.service_id:
        raise PermissionError("template of another service")
    template_id = template.id
    db.session.delete(template)
    db.session.commit()
    record("message_template_deleted", f"message_template:{template_id}", actor_id=admin.id)
