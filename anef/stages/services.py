"""Recording a procedure's stages: the next one, who may record it, the move to the service of the next one, and
the decision a stage asks for, taken through the core's decision (so four-eyes applies)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from anef.agents.models import Service
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier, Transition
from anef.extensions import db
from anef.models import utcnow
from anef.plugins import hook, procedures
from anef.procedures import ROUTED_SERVICE, Stage

PENDING = "_pending"
DONE, CURRENT, UPCOMING = "done", "current", "upcoming"


@dataclass(frozen=True)
class StageView:
    """A stage as the dossier pages show it: ``status`` done, current (the next to be recorded) or upcoming."""

    stage: Stage
    status: str
    data: dict
    text: object = None


def stages_for(dossier: Dossier) -> list[Stage]:
    """The procedure's stages, in order (empty for a procedure without stages)."""
    return list(hook().procedure_stages(procedure=dossier.procedure) or [])


def next_stage(dossier: Dossier, stages: list[Stage] | None = None) -> Stage | None:
    """The stage after the last one recorded, or None when every stage is done (or there are none)."""
    stages = stages_for(dossier) if stages is None else stages
    codes = [s.code for s in stages]
    index = codes.index(dossier.stage) + 1 if dossier.stage in codes else 0
    return stages[index] if index < len(stages) else None


def pending(dossier: Dossier) -> str | None:
    """The code of a stage recorded whose decision awaits a valideur's signature."""
    return (dossier.stage_data or {}).get(PENDING)


def service_of(stage: Stage, dossier: Dossier) -> Service | None:
    """The service that acts at ``stage``: the one the dossier was routed to, or the stage's own."""
    if stage.service == ROUTED_SERVICE:
        from anef.dossiers.services import routed_service

        return routed_service(dossier)
    return db.session.scalar(select(Service).where(Service.code == stage.service))


def recordable(dossier: Dossier, agent) -> Stage | None:
    """The stage ``agent`` may record now on the dossier, or None."""
    stage = next_stage(dossier)
    if stage is None or pending(dossier) or dossier.state not in stage.states:
        return None
    if not agent.is_agent or agent.service_id != dossier.service_id:
        return None
    return stage


def progress(dossier: Dossier) -> list[StageView]:
    """Every stage with its status and what the applicant may read of it."""
    stages = stages_for(dossier)
    following = next_stage(dossier, stages)
    data = dossier.stage_data or {}
    views, reached = [], False
    for stage in stages:
        if stage is following:
            status = CURRENT if dossier.state not in (lifecycle.REFUSE, lifecycle.CLASSE_SANS_SUITE) else UPCOMING
            reached = True
        else:
            status = UPCOMING if reached else DONE
        recorded = data.get(stage.code, {}) if status == DONE else {}
        views.append(StageView(stage, status, recorded, stage.form_class.public_text(recorded) if recorded else None))
    return views


def record(dossier: Dossier, agent, stage: Stage, form) -> str:
    """Record ``stage`` from the agent's valid ``form``: the stage is done (told to the applicant, the dossier moves
    to the next stage's service), or its decision is taken through the core's decision. Returns ``stage`` or the
    decision's action (``accept``, ``refuse``, ``propose_decision``: the stage is done once signed)."""
    from anef.dossiers import services

    services._check_agent(dossier, agent)
    expected = recordable(dossier, agent)
    if expected is None or expected.code != stage.code:
        raise services.TransitionError(str(_l("Cette étape n'est pas la prochaine de la demande : rechargez la page.")))
    own = service_of(stage, dossier)
    if own is None or own.id != dossier.service_id:
        raise services.TransitionError(str(_l("Cette étape revient à un autre service.")))
    outcome = form.outcome()
    data = dict(dossier.stage_data or {})
    data[stage.code] = {**form.recorded(), "at": utcnow().isoformat(), "by": agent.id}
    if outcome.decision:
        data[PENDING] = stage.code
        dossier.stage_data = data
        try:
            return services.decide(dossier, agent, decision=outcome.decision, motivation=outcome.motivation)
        except services.TransitionError:
            db.session.rollback()
            raise
    dossier.stage_data = data
    _done(dossier, stage, agent)
    services.notify_applicant(dossier, "stage", stage_label=stage.applicant_label,
                              stage_text=stage.form_class.public_text(data[stage.code]) or "")
    move_to_next_stage(dossier, agent)
    services._commit_transition(dossier)
    return "stage"


def _done(dossier: Dossier, stage: Stage, actor) -> None:
    dossier.stage = stage.code
    data = dict(dossier.stage_data or {})
    data.pop(PENDING, None)
    dossier.stage_data = data
    db.session.add(Transition(dossier_id=dossier.id, action=lifecycle.STAGE, from_state=dossier.state,
                              to_state=dossier.state, actor_id=actor.id if actor else None, reason=stage.code,
                              at=utcnow()))


def settle_pending(dossier: Dossier, action: str, actor) -> bool:
    """Called by the core before each transition: a decision signed (``accept``, ``refuse``) completes the stage
    that asked for it; a proposal sent back to instruction leaves the stage to be recorded again. Returns whether a
    stage was completed."""
    code = pending(dossier)
    if code is None:
        return False
    if action == "return_proposal":
        data = dict(dossier.stage_data)
        data.pop(PENDING)
        dossier.stage_data = data
        return False
    if action not in ("accept", "refuse"):
        return False
    stage = next((s for s in stages_for(dossier) if s.code == code), None)
    if stage is None:
        return False
    _done(dossier, stage, actor)
    return True


def move_to_next_stage(dossier: Dossier, actor) -> None:
    """Give the dossier to the service of its next stage when that is another one (the national service for the
    ministry's decision, the platform again for the ceremony), through the core's transfer."""
    from anef.dossiers.services import transfer_dossier

    following = next_stage(dossier)
    if following is None or dossier.state not in following.states + lifecycle.OPEN_STATES:
        return
    target = service_of(following, dossier)
    if target is None or target.id == dossier.service_id:
        return
    reason = f"{dossier.service.name} → {target.name}"
    transfer_dossier(dossier, target, reason, actor, also_decided=True)


def stage_event(dossier: Dossier, code: str | None) -> dict:
    """How the applicant's timeline words a stage entry: its label, and what was recorded in their words."""
    stage = next((s for s in stages_for(dossier) if s.code == code), None)
    if stage is None:
        return {}
    recorded = (dossier.stage_data or {}).get(stage.code) or {}
    return {"text": _l("Étape franchie : %(stage)s", stage=stage.applicant_label),
            "reason": stage.form_class.public_text(recorded) if recorded else None}


def stage_label(dossier: Dossier, code: str | None):
    """The agents' label of a stage, for the history on the agent's page."""
    stage = next((s for s in stages_for(dossier) if s.code == code), None)
    return stage.agent_label if stage else code


def next_step(dossier: Dossier):
    """What the applicant should expect next, in plain words: the next stage's explanation while it applies, the
    procedure's own words once accepted (hook register_procedures, ``after_acceptance``), else the core's."""
    if dossier.state in (lifecycle.EN_INSTRUCTION, lifecycle.ACCEPTE) and not pending(dossier):
        stage = next_stage(dossier)
        if stage is not None and dossier.state in stage.states:
            return stage.explanation
    info = procedures().get(dossier.procedure)
    if dossier.state == lifecycle.ACCEPTE and info is not None and info.after_acceptance:
        return info.after_acceptance
    return lifecycle.NEXT_STEP[dossier.state]
