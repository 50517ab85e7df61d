"""Changing a filed request: complement requests item by item, the applicant's own amendments,
versioned answers and the difference an agent reads.

While a complement request or an amendment is open, the applicant edits ``pending_answers`` (a
copy of the answers); the dossier's ``answers`` change only when the whole is sent, in one
transaction with a new :class:`AnswerVersion`. Documents are replaced as they are given.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import abort, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from anef.accounts.models import User
from anef.calendar.services import today
from anef.documents.models import READY
from anef.dossiers import lifecycle
from anef.dossiers.models import ANSWER_ITEM, DOCUMENT_ITEM, AnswerVersion, ComplementItem, ComplementRequest, Dossier
from anef.dossiers.services import (TransitionError, _check_agent, _commit_transition, _record,
                                    current_documents, display_rows, form_for, next_version_number, notify_applicant,
                                    required_documents, snapshot, steps_for_answers, typed_answers)
from anef.extensions import db
from anef.models import utcnow
from anef.procedures import Step

# ---------------------------------------------------------------- versions


def versions(dossier: Dossier) -> list[AnswerVersion]:
    """Every answer version of the dossier, oldest first."""
    return db.session.scalars(select(AnswerVersion).where(AnswerVersion.dossier_id == dossier.id)
                              .order_by(AnswerVersion.number)).all()


@dataclass(frozen=True)
class AnswerChange:
    """One answer that differs between two versions."""

    step: object
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class DocumentChange:
    """A document given again between two versions."""

    kind: str
    label: object
    before_id: int | None
    after_id: int | None


@dataclass
class VersionDiff:
    """What changed from one version of the answers to the next, and why."""

    before: AnswerVersion
    after: AnswerVersion
    answers: list[AnswerChange]
    documents: list[DocumentChange]


def diff(dossier: Dossier, before: AnswerVersion, after: AnswerVersion) -> VersionDiff:
    """The answers and documents that differ between two versions, as the agent reads them."""
    old_rows = _rows_by_label(dossier, before.answers)
    new_rows = _rows_by_label(dossier, after.answers)
    changes = []
    for key in list(old_rows) + [k for k in new_rows if k not in old_rows]:
        step_title, label = key
        old, new = old_rows.get(key, ""), new_rows.get(key, "")
        if old != new:
            changes.append(AnswerChange(step_title, label, old, new))
    labels = {r.kind: r.label for r in required_documents(dossier)}
    documents = [DocumentChange(kind, labels.get(kind, kind), before.documents.get(kind), after.documents.get(kind))
                 for kind in dict.fromkeys([*before.documents, *after.documents])
                 if before.documents.get(kind) != after.documents.get(kind)]
    return VersionDiff(before, after, changes, documents)


def _rows_by_label(dossier: Dossier, answers: dict) -> dict[tuple[str, str], str]:
    rows = {}
    for step in steps_for_answers(dossier.procedure, answers):
        for label, value in display_rows(form_for(step, answers)):
            rows[(str(step.title), label)] = value
    return rows


def changes(dossier: Dossier) -> list[VersionDiff]:
    """Each change made to the filed answers, most recent first."""
    history = versions(dossier)
    return [diff(dossier, a, b) for a, b in zip(history, history[1:], strict=False)][::-1]


# ---------------------------------------------------------------- complement requests


@dataclass(frozen=True)
class ItemRequest:
    """One thing an agent asks to correct: ``kind`` is ``answer`` (a step) or ``document``."""

    kind: str
    target: str
    reason: str


def request_complement(dossier: Dossier, agent: User, *, items: list[ItemRequest], deadline: dt.date,
                       message: str | None = None) -> ComplementRequest:
    """Ask the applicant to correct some answers and documents, each with its reason, by ``deadline``."""
    _check_agent(dossier, agent)
    if deadline <= today():
        raise TransitionError(str(_l("La date limite doit être dans le futur.")))
    items = [i for i in items if i.target]
    if not items:
        raise TransitionError(str(_l("Choisissez au moins une réponse ou un document à corriger.")))
    steps = {s.slug for s in steps_for_answers(dossier.procedure, dossier.answers or {})}
    kinds = {r.kind for r in required_documents(dossier)}
    for item in items:
        known = steps if item.kind == ANSWER_ITEM else kinds if item.kind == DOCUMENT_ITEM else set()
        if item.target not in known:
            raise TransitionError(str(_l("Élément inconnu dans la demande de complément.")))
        if not item.reason.strip():
            raise TransitionError(str(_l("Indiquez le motif de chaque élément demandé.")))
    summary = (message or "").strip() or "; ".join(i.reason.strip() for i in items)
    _record(dossier, "request_complement", agent, summary)
    request = ComplementRequest(dossier_id=dossier.id, asked_by_id=agent.id, asked_at=utcnow(), deadline=deadline,
                                message=(message or "").strip() or None,
                                base_version=next_version_number(dossier) - 1,
                                items=[ComplementItem(kind=i.kind, target=i.target, reason=i.reason.strip()[:2000])
                                       for i in items])
    dossier.complement_requests.append(request)
    dossier.complement_deadline = deadline
    # An amendment in progress gives way to the request: the applicant now corrects what is asked.
    dossier.pending_answers = None
    dossier.amendment_started_at = None
    notify_applicant(dossier, "request_complement", complement=request)
    _commit_transition(dossier)
    return request


def correction_open(dossier: Dossier) -> bool:
    """Whether the applicant is correcting the request now: an open complement or an amendment."""
    return dossier.open_complement is not None or dossier.amendment_started_at is not None


def correction_started_at(dossier: Dossier) -> dt.datetime | None:
    """When the current correction began: documents given before it are replaced, not completed."""
    request = dossier.open_complement
    return request.asked_at if request else dossier.amendment_started_at


def editable_steps(dossier: Dossier) -> list[Step]:
    """The steps the applicant may change now: those asked by the complement, or every step in an amendment."""
    if not correction_open(dossier):
        return []
    steps = steps_for_answers(dossier.procedure, working_answers(dossier))
    if dossier.open_complement is not None:
        asked = set(dossier.complement_steps)
        return [s for s in steps if s.slug in asked]
    return steps


def editable_kinds(dossier: Dossier) -> set[str]:
    """Kinds of documents the applicant may give again now."""
    if dossier.open_complement is not None:
        return set(dossier.complement_documents)
    if dossier.amendment_started_at is not None:
        return {r.kind for r in required_documents(dossier)}
    return set()


def working_answers(dossier: Dossier) -> dict:
    """The answers being edited (pending), or the filed ones."""
    return dossier.pending_answers if dossier.pending_answers is not None else dict(dossier.answers or {})


def replaces_document(dossier: Dossier, kind: str) -> bool:
    """Whether a file given now for ``kind`` starts a new document (the current one predates the correction)."""
    started = correction_started_at(dossier)
    current = current_documents(dossier).get(kind)
    return bool(started and current and current.uploaded_at < started)


def documents_pending(dossier: Dossier) -> list[str]:
    """Kinds of documents asked by the open complement and not yet given again."""
    request = dossier.open_complement
    if request is None:
        return []
    given = current_documents(dossier)
    return [k for k in dossier.complement_documents
            if k not in given or given[k].uploaded_at < request.asked_at or given[k].status != READY]


def save_correction(dossier: Dossier, step: Step, formdata: MultiDict):
    """Save what the person typed in a step under correction (kept even when invalid); return the validated form."""
    if step.slug not in {s.slug for s in editable_steps(dossier)}:
        abort(404)
    form = step.form_class(formdata=formdata)
    # A new dict: SQLAlchemy sees a JSON column change only when the value is replaced.
    answers = dict(working_answers(dossier))
    answers[step.slug] = typed_answers(form, formdata)
    dossier.pending_answers = answers
    form.validate()
    db.session.commit()
    return form


def invalid_steps(dossier: Dossier) -> list[Step]:
    """Steps whose answers under correction are not valid."""
    answers = working_answers(dossier)
    return [s for s in steps_for_answers(dossier.procedure, answers) if not form_for(s, answers).validate()]


def _apply_pending(dossier: Dossier) -> bool:
    """Make the pending answers the dossier's answers; whether anything changed."""
    changed = dossier.pending_answers is not None and dossier.pending_answers != (dossier.answers or {})
    if dossier.pending_answers is not None:
        dossier.answers = dossier.pending_answers
    dossier.pending_answers = None
    return changed


def answer_complement(dossier: Dossier, user: User, *, reply: str = "") -> None:
    """The applicant sends the complement: answers and documents corrected, the dossier returns to instruction."""
    if dossier.applicant_id != user.id:
        abort(404)
    request = dossier.open_complement
    if request is None or dossier.state != lifecycle.COMPLEMENT_DEMANDE:
        raise TransitionError(str(_l("Cette action n'est plus possible : la demande a changé d'état.")))
    if documents_pending(dossier):
        raise TransitionError(str(_l("Ajoutez d'abord chaque document demandé.")))
    if invalid_steps(dossier):
        raise TransitionError(str(_l("Corrigez d'abord les réponses signalées.")))
    untouched = [slug for slug in dossier.complement_steps
                 if (working_answers(dossier).get(slug) == (dossier.answers or {}).get(slug))]
    if untouched and not (reply or "").strip():
        raise TransitionError(str(_l("Modifiez les réponses demandées, ou expliquez dans votre réponse "
                                     "pourquoi elles sont justes.")))
    _record(dossier, "answer_complement", user, reply)
    _apply_pending(dossier)
    now = utcnow()
    request.answered_at = now
    request.reply = (reply or "").strip() or None
    dossier.complement_deadline = None
    dossier.complete_at = now
    snapshot(dossier, "complement", user)
    notify_applicant(dossier, "answer_complement")
    _commit_transition(dossier)


def close_unanswered(dossier: Dossier, agent: User, *, reason: str) -> None:
    """After the deadline of an unanswered complement request, the agent closes the dossier (classé sans suite)."""
    _check_agent(dossier, agent)
    request = dossier.open_complement
    if request is None or request.deadline >= today():
        raise TransitionError(str(_l("Le délai laissé au demandeur n'est pas encore passé.")))
    _record(dossier, "close", agent, reason)
    request.closed_at = utcnow()
    dossier.complement_deadline = None
    dossier.pending_answers = None
    dossier.decided_at = utcnow()
    dossier.decision_motivation = reason.strip()
    notify_applicant(dossier, "close")
    _commit_transition(dossier)


def remind_complements(on: dt.date | None = None) -> int:
    """Job: remind each applicant whose complement is due in one of the configured numbers of days; return how many.

    Each reminder is sent once (the request remembers the last one), so the job may run as often as wanted.
    """
    on = on or today()
    days = sorted(current_app.config["COMPLEMENT_REMINDER_DAYS"], reverse=True)
    horizon = on + dt.timedelta(days=max(days))
    due = db.session.scalars(select(ComplementRequest).where(
        ComplementRequest.answered_at.is_(None), ComplementRequest.closed_at.is_(None),
        ComplementRequest.deadline >= on, ComplementRequest.deadline <= horizon)).all()
    sent = 0
    for request in due:
        left = (request.deadline - on).days
        threshold = min(d for d in days if d >= left)
        if request.reminded_days_left is not None and request.reminded_days_left <= threshold:
            continue
        request.reminded_days_left = threshold
        notify_applicant(request.dossier, "complement_reminder", complement=request, days_left=left,
                         key=f"complement-reminder:{request.id}:{threshold}")
        db.session.commit()
        sent += 1
    return sent


# ---------------------------------------------------------------- amendments


def start_amendment(dossier: Dossier, user: User) -> None:
    """The applicant starts changing a filed request (before any decision)."""
    if dossier.applicant_id != user.id:
        abort(404)
    if dossier.state not in lifecycle.AMENDABLE_STATES:
        raise TransitionError(str(_l("Votre demande ne peut plus être modifiée.")))
    if dossier.amendment_started_at is None:
        dossier.amendment_started_at = utcnow()
        dossier.pending_answers = dict(dossier.answers or {})
        db.session.commit()


def _documents_replaced_since(dossier: Dossier, since: dt.datetime) -> bool:
    return any(d.uploaded_at >= since for d in current_documents(dossier).values())


def send_amendment(dossier: Dossier, user: User) -> bool:
    """Send the applicant's changes: the answers become the new version; return whether anything changed.

    A decision waiting for signature goes back to instruction, since it rests on the former answers.
    """
    if dossier.applicant_id != user.id:
        abort(404)
    if dossier.amendment_started_at is None:
        return False
    if dossier.state not in lifecycle.AMENDABLE_STATES:
        raise TransitionError(str(_l("Votre demande ne peut plus être modifiée.")))
    if invalid_steps(dossier):
        raise TransitionError(str(_l("Corrigez d'abord les réponses signalées.")))
    started = dossier.amendment_started_at
    changed = _apply_pending(dossier) | _documents_replaced_since(dossier, started)
    dossier.amendment_started_at = None
    if changed:
        _note_amendment(dossier, user)
    _commit_transition(dossier)
    return changed


def cancel_amendment(dossier: Dossier, user: User) -> None:
    """Drop the answers being changed; documents already given again stay, and are recorded as a change."""
    if dossier.applicant_id != user.id:
        abort(404)
    if dossier.amendment_started_at is None:
        return
    started = dossier.amendment_started_at
    dossier.pending_answers = None
    dossier.amendment_started_at = None
    if dossier.state in lifecycle.AMENDABLE_STATES and _documents_replaced_since(dossier, started):
        _note_amendment(dossier, user)
    _commit_transition(dossier)


def _note_amendment(dossier: Dossier, user: User) -> None:
    from anef.dossiers.models import Transition

    if dossier.state == lifecycle.DECISION_PROPOSEE:
        _record(dossier, "reopen_after_amendment", user, None)
        dossier.proposed_decision = None
        dossier.proposed_motivation = None
        dossier.proposed_by_id = None
    db.session.add(Transition(dossier_id=dossier.id, action=lifecycle.AMEND, from_state=dossier.state,
                              to_state=dossier.state, actor_id=user.id, at=utcnow()))
    dossier.amended_at = utcnow()
    snapshot(dossier, "amend", user)
    notify_applicant(dossier, "amend")
