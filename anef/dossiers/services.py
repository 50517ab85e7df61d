"""Dossier rules: drafts, steps, completeness, filing and every transition of the lifecycle."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import lazyload
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import MultiDict

from anef.accounts.models import User
from anef.agents.models import Service
from anef.audit.services import record
from anef.calendar.services import availability, today
from anef.documents.models import MESSAGE_KIND, READY, Document
from anef.documents.services import keep_in_wallet, remove_documents_of
from anef.dossiers import lifecycle
from anef.dossiers.models import AnswerVersion, Dossier, Transition
from anef.extensions import db
from anef.models import utcnow
from anef.plugins import hook
from anef.procedures import CheckResult, DocumentRequirement, Step

MAX_ANSWER_LENGTH = 2000
REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXZ"  # 23 letters, no I, O or Y to misread


class TransitionError(Exception):
    """An action that the lifecycle does not allow now; its message is for the person."""


# ---------------------------------------------------------------- references

def check_letter(year: int, number: int) -> str:
    """The check character of a reference: catches any single wrong digit or swapped pair."""
    return REFERENCE_LETTERS[int(f"{year:04d}{number:06d}") % 23]


def make_reference(year: int, number: int) -> str:
    """A human-readable reference such as ``ANEF-2026-000123-K``."""
    return f"ANEF-{year:04d}-{number:06d}-{check_letter(year, number)}"


def reference_is_valid(reference: str) -> bool:
    """Whether a typed reference is well formed and its check character matches."""
    parts = reference.strip().upper().split("-")
    if len(parts) != 4 or parts[0] != "ANEF" or not (parts[1].isdigit() and parts[2].isdigit()):
        return False
    return check_letter(int(parts[1]), int(parts[2])) == parts[3]


# ---------------------------------------------------------------- access

def applicant_dossier(reference: str, user: User) -> Dossier:
    """The dossier with this reference if ``user`` filed it; 404 otherwise, whether it exists or not."""
    dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
    if dossier is None or dossier.applicant_id != user.id:
        abort(404)
    return dossier


def agent_dossier(reference: str, agent: User) -> Dossier:
    """The dossier with this reference if it is routed to the agent's service; 404 otherwise."""
    dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
    if (dossier is None or not agent.is_agent or dossier.service_id is None
            or dossier.service_id != agent.service_id or dossier.state == lifecycle.BROUILLON):
        if dossier is not None:
            # An agent reaching for another service's dossier: refused as missing, and recorded.
            record("dossier_access_denied", dossier.reference, actor_id=agent.id)
        abort(404)
    return dossier


def applicant_dossiers(user: User) -> list[Dossier]:
    """Every dossier of an applicant, most recently changed first; only those of the mandate's procedure when a
    mediator acts for the applicant under a mandate for one procedure (anef.mediation)."""
    from anef.mediation.acting import mandate_procedure

    # The list shows neither the history nor the applicant (the reader): not read with each dossier.
    query = select(Dossier).where(Dossier.applicant_id == user.id) \
        .options(lazyload(Dossier.transitions), lazyload(Dossier.applicant))
    if mandate_procedure():
        query = query.where(Dossier.procedure == mandate_procedure())
    return db.session.scalars(query.order_by(Dossier.updated_at.desc())).all()


# ---------------------------------------------------------------- steps and answers

def steps_for(dossier: Dossier) -> list[Step]:
    """The form steps of the dossier's procedure, given its answers so far."""
    return steps_for_answers(dossier.procedure, dossier.answers or {})


def steps_for_answers(procedure: str, answers: dict) -> list[Step]:
    """The form steps of ``procedure`` given ``answers`` (filed, or being corrected)."""
    return hook().procedure_steps(procedure=procedure, answers=answers) or []


def form_for(step: Step, answers: dict):
    """The step's form filled from ``answers``."""
    return step.form_class(formdata=MultiDict(_as_pairs(answers.get(step.slug, {}))))


def find_step(dossier: Dossier, slug: str) -> Step:
    """The step named ``slug``, or 404."""
    for step in steps_for(dossier):
        if step.slug == slug:
            return step
    abort(404)


def step_form(dossier: Dossier, step: Step, formdata: MultiDict | None = None):
    """The step's form, filled from ``formdata`` or else from the saved answers."""
    if formdata is None:
        return form_for(step, dossier.answers or {})
    return step.form_class(formdata=formdata)


def _as_pairs(saved: dict) -> list[tuple[str, str]]:
    pairs = []
    for key, value in saved.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return pairs


def save_step(dossier: Dossier, step: Step, formdata: MultiDict):
    """Save what the person typed in a step (valid or not, nothing is lost) and validate it.

    Returns the validated form; its ``errors`` say what to correct.
    """
    form = step.form_class(formdata=formdata)
    typed = typed_answers(form, formdata)
    valid = form.validate()
    for attempt in range(3):
        require_state(dossier, lifecycle.BROUILLON)
        dossier.answers = {**(dossier.answers or {}), step.slug: typed}
        try:
            if valid:
                # Answers already held elsewhere (a granted work authorisation's job) fill other steps.
                _prefill(dossier, step.slug)
            db.session.commit()
            return form
        except StaleDataError:
            # The autosave of another field and this step's submit crossed: this step's answers go on top of
            # the draft as it now is (only this step changes here).
            db.session.rollback()
            if attempt == 2:
                raise


def typed_answers(form, formdata: MultiDict) -> dict:
    """What the person typed in each field of ``form``, trimmed and bounded, valid or not (nothing is lost)."""
    saved = {}
    for field_ in form:
        values = [v.strip()[:MAX_ANSWER_LENGTH] for v in formdata.getlist(field_.name) if isinstance(v, str)]
        if values:
            saved[field_.name] = values if len(values) > 1 else values[0]
    return saved


def _prefill(dossier: Dossier, step: str | None) -> None:
    """Replace the answers of the steps the procedure's plugin fills itself (hook prefill_answers)."""
    filled = hook().prefill_answers(procedure=dossier.procedure, dossier=dossier, step=step)
    if filled:
        dossier.answers = {**(dossier.answers or {}), **filled}


def step_status(dossier: Dossier) -> list[tuple[Step, bool]]:
    """Each step with whether its saved answers are complete and valid."""
    return [(step, step.slug in (dossier.answers or {}) and step_form(dossier, step).validate())
            for step in steps_for(dossier)]


def answer_summary(dossier: Dossier) -> list[tuple[Step, list[tuple[str, str]]]]:
    """The saved answers as (step, [(label, displayed value)]) for review and agent pages."""
    return [(step, display_rows(step_form(dossier, step))) for step in steps_for(dossier)]


def display_rows(form) -> list[tuple[str, str]]:
    """A filled form's answers as (label, displayed value), leaving out empty ones."""
    rows = []
    for field_ in form:
        value = _display_value(field_)
        if value:
            rows.append((str(field_.label.text), value))
    return rows


def _display_value(field_) -> str:
    choices = getattr(field_, "choices", None)
    raw = field_.raw_data[0] if field_.raw_data else ""
    if field_.type == "DateField" and field_.data and not field_.process_errors:
        from flask_babel import format_date

        return format_date(field_.data, "long")
    if field_.type == "BooleanField":
        return str(_l("Oui")) if field_.data else ""
    if choices:
        labels = dict((str(k), str(v)) for k, v, *_ in field_.iter_choices()) if hasattr(field_, "iter_choices") else {}
        return labels.get(raw, raw)
    return raw


# ---------------------------------------------------------------- documents and checks

def required_documents(dossier: Dossier) -> list[DocumentRequirement]:
    """The documents the dossier needs, given its answers."""
    return hook().required_documents(procedure=dossier.procedure, answers=dossier.answers or {}) or []


def current_documents(dossier: Dossier) -> dict[str, Document]:
    """The current document of each kind given for the dossier."""
    rows = db.session.scalars(
        select(Document).where(Document.dossier_id == dossier.id, Document.replaced_at.is_(None),
                               Document.kind != MESSAGE_KIND)
        .order_by(Document.id)
    ).all()
    return {d.kind: d for d in rows}


def checks_for(dossier: Dossier) -> list[CheckResult]:
    """The procedure's automatic checks, on the filing date (today for a draft)."""
    filed_on = dossier.filed_at.date() if dossier.filed_at else today()
    return hook().run_checks(procedure=dossier.procedure, answers=dossier.answers or {},
                             filed_on=filed_on) or []


def fee_for(dossier: Dossier):
    """The fee due for the dossier on its filing date (today for a draft)."""
    filed_on = dossier.filed_at.date() if dossier.filed_at else today()
    return hook().fee_due(procedure=dossier.procedure, answers=dossier.answers or {}, filed_on=filed_on)


@dataclass
class Completeness:
    """What stops a draft from being filed."""

    incomplete_steps: list[Step] = field(default_factory=list)
    missing_documents: list[DocumentRequirement] = field(default_factory=list)
    blocking_checks: list[CheckResult] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.incomplete_steps or self.missing_documents or self.blocking_checks or self.other)


def completeness(dossier: Dossier) -> Completeness:
    """Check a draft before filing: every step valid, every mandatory document, no blocking check."""
    result = Completeness()
    result.incomplete_steps = [step for step, done in step_status(dossier) if not done]
    given = {k: d for k, d in current_documents(dossier).items() if d.status == READY}
    result.missing_documents = [r for r in required_documents(dossier) if r.mandatory and r.kind not in given]
    result.blocking_checks = [c for c in checks_for(dossier) if c.blocking]
    if not result.incomplete_steps:
        service = routed_service(dossier)
        if service is None:
            result.other.append(str(_l("Aucun service ne peut instruire cette demande pour votre adresse. "
                                       "Vérifiez votre code postal.")))
        else:
            avail = availability(dossier.procedure)
            if avail is None or not avail.is_open:
                result.other.append(str(_l("Cette démarche n'est pas ouverte actuellement.")))
            elif avail.territories and not set(service.departements) & set(avail.territories):
                result.other.append(str(_l("Cette démarche n'est pas encore ouverte dans votre département.")))
    return result


def routed_service(dossier: Dossier) -> Service | None:
    """The service the procedure's plugin routes the dossier to, if it exists."""
    code = hook().route_dossier(procedure=dossier.procedure, answers=dossier.answers or {})
    if not code:
        return None
    return db.session.scalar(select(Service).where(Service.code == code))


# ---------------------------------------------------------------- drafts

def create_draft(user: User, procedure: str, initial_answers: dict | None = None) -> Dossier:
    """Start a draft dossier for ``user`` and give it its reference."""
    dossier = Dossier(procedure=procedure, applicant_id=user.id, state=lifecycle.BROUILLON,
                      answers=dict(initial_answers or {}))
    db.session.add(dossier)
    db.session.flush()
    _prefill(dossier, None)
    dossier.reference = make_reference(dossier.created_at.year, dossier.id)
    db.session.commit()
    return dossier


def delete_draft(dossier: Dossier) -> None:
    """Delete a draft that was never filed, with its documents' links."""
    require_state(dossier, lifecycle.BROUILLON)
    remove_documents_of(dossier.id)
    db.session.delete(dossier)
    db.session.commit()


def require_state(dossier: Dossier, *states: str) -> None:
    """Refuse to go on unless the dossier is in one of ``states``."""
    if dossier.state not in states:
        raise TransitionError(str(_l("Cette action n'est plus possible : la demande a changé d'état.")))


# ---------------------------------------------------------------- transitions

def _record(dossier: Dossier, action_name: str, actor: User | None, reason: str | None) -> Transition:
    """Apply an action of the lifecycle table: the one place where a dossier changes state."""
    action = lifecycle.ACTIONS[action_name]
    if dossier.state not in action.sources:
        raise TransitionError(str(_l("Cette action n'est plus possible : la demande a changé d'état.")))
    if action.needs_reason and not (reason or "").strip():
        raise TransitionError(str(_l("Indiquez le motif.")))
    # A procedure stage whose decision this is (anef.stages) is recorded first, or dropped with a returned proposal.
    from anef.stages.services import move_to_next_stage, settle_pending

    stage_done = settle_pending(dossier, action_name, actor)
    transition = Transition(dossier_id=dossier.id, action=action_name, from_state=dossier.state,
                            to_state=action.target, actor_id=actor.id if actor else None,
                            reason=(reason or "").strip() or None, at=utcnow())
    dossier.state = action.target
    db.session.add(transition)
    if action_name == "accept":
        # A granted request may carry a number of its own (a work authorisation's): hook decision_reference.
        dossier.decision_reference = hook().decision_reference(procedure=dossier.procedure, dossier=dossier)
    # Attestations follow the lifecycle (dépôt on filing, décision on a decision…), in the same transaction.
    from anef.attestations.services import issue_for_transition

    issue_for_transition(dossier, action_name)
    # What the transition means beyond the state, for the procedure's plugin (a change of address moves the
    # person's other dossiers), in this same transaction: hook apply_transition.
    hook().apply_transition(procedure=dossier.procedure, dossier=dossier, action=action_name, actor=actor)
    if stage_done:
        # The procedure's next stage may belong to another service (naturalisation's ceremony, back at the platform).
        move_to_next_stage(dossier, actor)
    return transition


def _commit_transition(dossier: Dossier) -> None:
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise TransitionError(str(_l("Quelqu'un d'autre vient de modifier cette demande. "
                                     "Rechargez la page pour voir son état actuel."))) from None


def _check_agent(dossier: Dossier, agent: User) -> None:
    if not agent.is_agent or agent.service_id != dossier.service_id:
        abort(404)


def file_dossier(dossier: Dossier, user: User) -> Completeness:
    """File a complete draft: route it, stamp it, record it and tell the applicant."""
    require_state(dossier, lifecycle.BROUILLON)
    result = completeness(dossier)
    if not result.ok:
        return result
    service = routed_service(dossier)
    dossier.service_id = service.id
    dossier.filed_at = dossier.complete_at = utcnow()
    _record(dossier, "submit", user, None)
    snapshot(dossier, "submit", user)
    keep_in_wallet(dossier, required_documents(dossier))
    notify_applicant(dossier, "submit")
    # A plugin may accept at once when every automatic check passes (VLS-TS validation, hook
    # decide_automatically): through the lifecycle, examined then accepted with no actor (the system).
    if hook().decide_automatically(procedure=dossier.procedure, answers=dossier.answers or {},
                                   checks=checks_for(dossier)):
        _record(dossier, "examine_automatically", None, None)
        _record(dossier, "accept", None, None)
        dossier.decided_at = utcnow()
        notify_applicant(dossier, "accept")
    _commit_transition(dossier)
    return result


def take(dossier: Dossier, agent: User) -> None:
    """An agent takes a filed dossier into instruction and becomes its instructeur."""
    _check_agent(dossier, agent)
    _record(dossier, "take", agent, None)
    dossier.assigned_agent_id = agent.id
    notify_applicant(dossier, "take")
    _commit_transition(dossier)


def assign(dossier: Dossier, actor: User, to_agent: User) -> bool:
    """Assign an open dossier to an agent of its service, without changing its state; audited, not in the
    applicant's history (who instructs inside the service is the service's business). An instructeur may assign a
    dossier nobody has or their own; a valideur or a local admin any. Returns False when it was already theirs."""
    from anef.accounts.models import INSTRUCTEUR

    _check_agent(dossier, actor)
    if dossier.state not in lifecycle.OPEN_STATES:
        raise TransitionError(str(_l("Ce dossier est clos : il ne peut plus être attribué.")))
    if not to_agent.is_agent or not to_agent.is_active or to_agent.service_id != dossier.service_id:
        raise TransitionError(str(_l("Cet agent n'est pas un agent actif du service.")))
    if dossier.assigned_agent_id == to_agent.id:
        return False
    if actor.role == INSTRUCTEUR and dossier.assigned_agent_id not in (None, actor.id):
        raise TransitionError(str(_l("Ce dossier est attribué à un autre agent : seul un valideur ou "
                                     "l'administrateur du service peut le réattribuer.")))
    previous = dossier.assigned_agent_id
    dossier.assigned_agent_id = to_agent.id
    _commit_transition(dossier)
    record("dossier_assign", dossier.reference, actor_id=actor.id, to_agent=to_agent.id, previous=previous)
    return True


def decide(dossier: Dossier, agent: User, *, decision: str, motivation: str) -> str:
    """Accept or refuse; when the plugin asks for four-eyes, an instructeur only proposes.

    Returns the action recorded: ``accept``, ``refuse`` or ``propose_decision``.
    """
    _check_agent(dossier, agent)
    if decision not in (lifecycle.ACCEPTE, lifecycle.REFUSE):
        raise TransitionError(str(_l("Décision inconnue.")))
    needs_signature = bool(hook().decision_requires_signature(procedure=dossier.procedure, decision=decision))
    action = "accept" if decision == lifecycle.ACCEPTE else "refuse"
    if (decision == lifecycle.REFUSE and dossier.state != lifecycle.DECISION_PROPOSEE
            and not (motivation or "").strip()):
        raise TransitionError(str(_l("Un refus doit être motivé.")))
    if dossier.state == lifecycle.DECISION_PROPOSEE:
        # Signing: a valideur other than the proposer, and only the decision proposed.
        if not agent.can_sign:
            raise TransitionError(str(_l("Seul un valideur peut signer cette décision.")))
        if agent.id == dossier.proposed_by_id:
            raise TransitionError(str(_l("La décision doit être signée par une autre personne que celle qui l'a proposée.")))
        if decision != dossier.proposed_decision:
            raise TransitionError(str(_l("Renvoyez la proposition en instruction pour changer de décision.")))
        motivation = motivation or dossier.proposed_motivation or ""
    elif needs_signature:
        _record(dossier, "propose_decision", agent,
                motivation.strip() or str(_l("Décision proposée : %(decision)s", decision=lifecycle.STATE_LABELS[decision])))
        dossier.proposed_decision = decision
        dossier.proposed_motivation = motivation.strip() or None
        dossier.proposed_by_id = agent.id
        _commit_transition(dossier)
        return "propose_decision"
    _record(dossier, action, agent, motivation)
    _drop_corrections(dossier)
    dossier.decided_at = utcnow()
    dossier.decision_motivation = (motivation or "").strip() or None
    dossier.proposed_decision = None
    notify_applicant(dossier, action)
    _commit_transition(dossier)
    return action


def return_proposal(dossier: Dossier, agent: User, *, reason: str) -> None:
    """A valideur sends a proposed decision back to instruction, saying why."""
    _check_agent(dossier, agent)
    if not agent.can_sign:
        raise TransitionError(str(_l("Seul un valideur peut renvoyer une proposition.")))
    _record(dossier, "return_proposal", agent, reason)
    dossier.proposed_decision = None
    dossier.proposed_motivation = None
    dossier.proposed_by_id = None
    _commit_transition(dossier)


def withdraw(dossier: Dossier, user: User, *, reason: str | None = None) -> None:
    """The applicant withdraws a filed dossier before the decision (désistement)."""
    if dossier.applicant_id != user.id:
        abort(404)
    _record(dossier, "withdraw", user, reason)
    _drop_corrections(dossier)
    dossier.decided_at = utcnow()
    notify_applicant(dossier, "withdraw")
    _commit_transition(dossier)


def _drop_corrections(dossier: Dossier) -> None:
    """A decision or a withdrawal ends any correction in progress: nothing pending survives it."""
    request = dossier.open_complement
    if request is not None:
        request.closed_at = utcnow()
    dossier.complement_deadline = None
    dossier.pending_answers = None
    dossier.amendment_started_at = None


def next_version_number(dossier: Dossier) -> int:
    """The number the next answer version of the dossier takes."""
    last = db.session.scalar(select(func.max(AnswerVersion.number)).where(AnswerVersion.dossier_id == dossier.id))
    return (last or 0) + 1


def snapshot(dossier: Dossier, cause: str, author: User | None) -> AnswerVersion:
    """Record the dossier's answers and current documents as a new version (in the caller's transaction), with the
    date the person's rights end, read from these answers (hook ``rights_expiry``), for the agents' queues."""
    dossier.rights_expire_on = hook().rights_expiry(procedure=dossier.procedure, answers=dossier.answers or {}) or None
    version = AnswerVersion(dossier_id=dossier.id, number=next_version_number(dossier),
                            answers=dict(dossier.answers or {}), cause=cause,
                            documents={k: d.id for k, d in current_documents(dossier).items()},
                            author_id=author.id if author else None, created_at=utcnow())
    db.session.add(version)
    return version


def timeline(dossier: Dossier) -> list[dict]:
    """The dossier's history in plain words for the applicant, oldest first."""
    from anef.mediation.services import mediated_transition_ids

    events = [{"at": dossier.created_at, "text": _l("Brouillon créé."), "reason": None, "state": lifecycle.BROUILLON}]
    public_reasons = {"request_complement", "refuse", "close", lifecycle.TRANSFER}
    mediated = mediated_transition_ids(dossier.id)
    for t in dossier.transitions:
        events.append({
            "at": t.at,
            "text": lifecycle.history_text(t.action),
            "reason": t.reason if t.action in public_reasons else None,
            "state": t.to_state,
            "by_mediator": t.id in mediated,
        })
        if t.action == lifecycle.STAGE:
            # A procedure's stage: its label and what was recorded, in the applicant's words (anef.stages).
            from anef.stages.services import stage_event

            events[-1].update(stage_event(dossier, t.reason))
    return events


# ---------------------------------------------------------------- notifications

def notify_applicant(dossier: Dossier, action: str, *, key: str | None = None, complement=None, **context) -> None:
    """Tell the applicant, in the transition's own transaction, on their channels and in their language, that
    ``action`` happened (event ``dossier_<action>``, or ``action`` itself for other events such as reminders).

    The default key is the dossier's row version: one notice per change, however often a job is retried.
    """
    from anef.notifications.services import notify

    event = action if action.startswith("complement_") else f"dossier_{action}"
    if action == "accept":
        # What follows the acceptance in the procedure's own words (a décret, an authorisation number…), not a card.
        from anef.plugins import procedures

        info = procedures().get(dossier.procedure)
        context.setdefault("after_acceptance", info.after_acceptance if info else None)
    if complement is not None:
        context["complement"] = complement_summary(dossier, complement)
    # No flush here: the transition is written, and its optimistic lock checked, by _commit_transition.
    with db.session.no_autoflush:
        notify(dossier.applicant, event, key=key or f"dossier:{dossier.id}:v{dossier.version}:{action}",
               dossier=dossier, **context)


def complement_summary(dossier: Dossier, request) -> dict:
    """A complement request as notices word it: its deadline, and each item's label and reason."""
    titles = {s.slug: s.title for s in steps_for(dossier)}
    labels = {r.kind: r.label for r in required_documents(dossier)}
    items = [{"label": str(titles.get(i.target, i.target) if i.kind == "answer" else labels.get(i.target, i.target)),
              "reason": i.reason} for i in request.items]
    return {"deadline": request.deadline, "items": items, "message": request.message}


def _procedure_title(code: str):
    from anef.plugins import procedures

    info = procedures().get(code)
    return info.title if info else code


def transfer_dossier(dossier: Dossier, to_service: Service, reason: str, actor: User | None = None, *,
                     also_decided: bool = False) -> Transition | None:
    """Move an open dossier to another service (its applicant moved to another département), in the caller's
    transaction. Its history says so (``transfer``, with ``reason``, shown to the applicant and to agents); the old
    service's agents reach it no more (404), the new one finds it in its queue, in the same state, with no
    instructeur assigned. A decision proposed in the old service goes back to instruction first, with no actor:
    the new service's valideurs do not sign another service's proposal. Returns the history entry, or None when
    the dossier is already there. ``also_decided``: an accepted dossier may move too (a procedure's stage after
    the decision, such as naturalisation's ceremony, belongs to another service: anef.stages)."""
    if dossier.state not in lifecycle.OPEN_STATES + ((lifecycle.ACCEPTE,) if also_decided else ()):
        raise TransitionError(str(_l("Cette action n'est plus possible : la demande a changé d'état.")))
    if dossier.service_id == to_service.id:
        return None
    if dossier.state == lifecycle.DECISION_PROPOSEE:
        _record(dossier, "return_proposal", None, reason)
        dossier.proposed_decision = dossier.proposed_motivation = dossier.proposed_by_id = None
    entry = Transition(dossier_id=dossier.id, action=lifecycle.TRANSFER, from_state=dossier.state,
                       to_state=dossier.state, actor_id=actor.id if actor else None, reason=reason, at=utcnow())
    db.session.add(entry)
    dossier.service = to_service
    dossier.assigned_agent_id = None
    return entry


def hand_over_card(dossier: Dossier, agent: User) -> None:
    """The agent has handed the card to the applicant at the counter: the dossier ends in ``titre_remis``."""
    _check_agent(dossier, agent)
    _record(dossier, "hand_over", agent, None)
    _commit_transition(dossier)
