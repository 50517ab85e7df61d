"""Asking another service for its opinion, its answer, and who may read the dossier meanwhile."""
from __future__ import annotations

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from anef.agents.models import Service
from anef.audit.services import record
from anef.avis.models import AvisRequest
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.models import utcnow

MAX_TEXT_LENGTH = 4000
INBOX_ANSWERED = 20


class AvisError(ValueError):
    """A request or an answer that cannot be saved: ``field`` is where the message goes."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def _text(value: str, field: str, empty_message) -> str:
    text = (value or "").strip()
    if not text:
        raise AvisError(field, empty_message)
    if len(text) > MAX_TEXT_LENGTH:
        raise AvisError(field, _l("Le texte dépasse %(max)s caractères.", max=MAX_TEXT_LENGTH))
    return text


def other_services(agent) -> list[Service]:
    """The services an agent may ask: every one but their own, by name."""
    return db.session.scalars(select(Service).where(Service.id != agent.service_id)
                              .order_by(Service.name)).all()


def request_avis(dossier: Dossier, agent, *, to_service_id: int | None, question: str) -> AvisRequest:
    """Ask another service's opinion on the dossier (audited); raises :class:`AvisError`."""
    service = db.session.get(Service, to_service_id) if to_service_id else None
    if service is None or service.id == dossier.service_id:
        raise AvisError("service", _l("Choisissez le service dont vous demandez l'avis."))
    text = _text(question, "question", _l("Écrivez la question posée au service."))
    avis = AvisRequest(dossier_id=dossier.id, from_service_id=dossier.service_id, to_service_id=service.id,
                       requested_by_id=agent.id, question=text)
    db.session.add(avis)
    db.session.commit()
    avis_id = avis.id
    record("avis_requested", dossier.reference, actor_id=agent.id, avis=avis_id, to_service=service.code)
    return db.session.get(AvisRequest, avis_id)


def avis_for_dossier(dossier: Dossier) -> list[AvisRequest]:
    """Every request made about the dossier, latest first (one query)."""
    # The dossier is the page's own: not joined again (with its history) for each request.
    return db.session.scalars(select(AvisRequest).where(AvisRequest.dossier_id == dossier.id)
                              .options(lazyload(AvisRequest.dossier))
                              .order_by(AvisRequest.requested_at.desc(), AvisRequest.id.desc())).all()


def open_count(service_id: int):
    """How many requests addressed to the service still await its answer, as a scalar subquery: the service's
    queue reads it in the same statement as its tab counts."""
    return select(func.count()).select_from(AvisRequest).where(
        AvisRequest.to_service_id == service_id, AvisRequest.answered_at.is_(None),
        AvisRequest.withdrawn_at.is_(None)).scalar_subquery()


def inbox(service_id: int) -> tuple[list[AvisRequest], list[AvisRequest]]:
    """The requests addressed to a service: the open ones (oldest first), then the latest answered."""
    addressed = select(AvisRequest).where(AvisRequest.to_service_id == service_id)
    open_ = db.session.scalars(addressed.where(AvisRequest.answered_at.is_(None), AvisRequest.withdrawn_at.is_(None))
                               .order_by(AvisRequest.requested_at, AvisRequest.id)).all()
    answered = db.session.scalars(addressed.where(AvisRequest.answered_at.is_not(None))
                                  .order_by(AvisRequest.answered_at.desc()).limit(INBOX_ANSWERED)).all()
    return open_, answered


def open_avis(avis_id: int, agent) -> AvisRequest:
    """An open request addressed to the agent's service; 404 otherwise (as for a missing one), and a refused
    access is recorded."""
    avis = db.session.get(AvisRequest, avis_id)
    if avis is None or not agent.is_agent or avis.to_service_id != agent.service_id or not avis.is_open:
        if avis is not None:
            record("avis_access_denied", avis.dossier.reference, actor_id=agent.id, avis=avis.id)
        abort(404)
    return avis


def answer_avis(avis: AvisRequest, agent, answer: str) -> None:
    """The other service's answer, which closes the request and its access to the dossier (audited)."""
    text = _text(answer, "answer", _l("Écrivez l'avis du service."))
    if not avis.is_open:
        raise AvisError("answer", _l("Cette demande d'avis est close."))
    avis.answer = text
    avis.answered_by_id = agent.id
    avis.answered_at = utcnow()
    db.session.commit()
    record("avis_answered", avis.dossier.reference, actor_id=agent.id, avis=avis.id)


def withdraw_avis(avis: AvisRequest, agent) -> None:
    """The asking service withdraws an open request: the other service no longer sees the dossier."""
    if avis.is_open:
        avis.withdrawn_at = utcnow()
        db.session.commit()
        record("avis_withdrawn", avis.dossier.reference, actor_id=agent.id, avis=avis.id)
