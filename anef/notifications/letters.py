"""Postal letters: each service's print queue, the letters as one PDF, and marking them printed and posted."""
from __future__ import annotations

from flask import current_app, has_request_context, render_template, request
from flask_babel import force_locale
from markupsafe import Markup
from sqlalchemy import func, select

from anef.extensions import db
from anef.models import utcnow
from anef.notifications.models import LETTER, PRINTED, TO_PRINT, OutboxMessage

QUEUE_LIMIT = 200


def print_queue(service_id: int, *, status: str = TO_PRINT, limit: int = QUEUE_LIMIT) -> list[tuple]:
    """The service's letters in ``status`` (oldest first to print; newest first once printed), each with its
    dossier's reference; one query whatever their number."""
    from anef.dossiers.models import Dossier

    order = OutboxMessage.id if status == TO_PRINT else OutboxMessage.printed_at.desc()
    return db.session.execute(
        select(OutboxMessage, Dossier.reference).outerjoin(Dossier, Dossier.id == OutboxMessage.dossier_id)
        .where(OutboxMessage.channel == LETTER, OutboxMessage.service_id == service_id,
               OutboxMessage.status == status)
        .order_by(order).limit(limit)).all()


def count_to_print(service_id: int) -> int:
    """How many letters wait to be printed by the service."""
    return db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.channel == LETTER, OutboxMessage.service_id == service_id, OutboxMessage.status == TO_PRINT))


def letters_of_service(service_id: int, ids: list[int]) -> list[OutboxMessage] | None:
    """The letters ``ids``, in that order, if every one is a letter of the service; else None."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return None
    found = {m.id: m for m in db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.id.in_(ids), OutboxMessage.channel == LETTER, OutboxMessage.service_id == service_id))}
    if len(found) != len(ids):
        return None
    return [found[i] for i in ids]


def letters_pdf(letters: list[OutboxMessage]) -> bytes:
    """The letters as one PDF, one letter after the other, each starting on a new page in its person's
    language: the service's letterhead, the address placed for a window envelope, the date, the text."""
    from weasyprint import HTML

    from anef.agents.models import Service
    from anef.attestations.services import _static_only_fetcher
    from anef.dossiers.models import Dossier

    services = {s.id: s for s in db.session.scalars(select(Service).where(
        Service.id.in_({m.service_id for m in letters if m.service_id})))}
    references = dict(db.session.execute(select(Dossier.id, Dossier.reference).where(
        Dossier.id.in_({m.dossier_id for m in letters if m.dossier_id}))).all())
    sections = []
    for letter in letters:
        with force_locale(letter.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
            sections.append(render_template("notifications/_letter.html", letter=letter,
                                            service=services.get(letter.service_id),
                                            reference=references.get(letter.dossier_id)))
    base = request.host_url if has_request_context() else "http://anef.invalid/"
    # Each section was rendered by Jinja with autoescaping: the people's names and texts in it are escaped.
    html = render_template("notifications/letters_pdf.html", sections=Markup("".join(sections)))  # nosec B704
    fetcher = _static_only_fetcher(base.rstrip("/") + "/static/", current_app.static_folder)
    return HTML(string=html, base_url=base, url_fetcher=fetcher).write_pdf()


def mark_printed(letters: list[OutboxMessage], agent) -> int:
    """Record that the agent printed and posted these letters; return how many changed (printed ones stay)."""
    now = utcnow()
    changed = 0
    for letter in letters:
        if letter.status == TO_PRINT:
            letter.status = PRINTED
            letter.printed_at = now
            letter.printed_by_id = agent.id
            letter.sent_at = now
            changed += 1
    db.session.commit()
    return changed

