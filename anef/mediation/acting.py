"""A mediator acting in a person's space: while a live mandate lasts, the mediator's session is logged in as the
person (every applicant page works as it does for them), and everything is recorded as done by the mediator
on the person's behalf.

The session keeps who really acts (``session["acting"]``: the mandate, the mediator and their session
version). Every request checks the mandate again: revoked, expired, or the mediator's account changed, and the
session goes back to the mediator at once, who then sees nothing of the person (their pages answer 404).
The person's own account settings and mandates stay out of reach, and a mandate for one procedure shows only
that procedure's dossiers.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, g, has_request_context, request, session
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from anef.accounts.models import User
from anef.audit.services import record
from anef.extensions import db
from anef.mediation.blueprint import bp
from anef.mediation.models import Mandate, MediationAct

# The person's own account (password, contact details, log-out) and mandates are theirs alone.
CLOSED_BLUEPRINTS = {"accounts", "mediation"}
ALWAYS_OPEN = {"static", "mediation.stop"}


@dataclass(frozen=True)
class Acting:
    """Who acts for whom, under which mandate (``g.mediation`` during the request)."""

    mandate: Mandate
    mediator: User

    @property
    def person(self) -> User:
        return self.mandate.person


def current() -> Acting | None:
    """The mediation the current request is made under, if any."""
    return g.get("mediation") if has_request_context() else None


def mandate_procedure() -> str | None:
    """The one procedure the current request may see, when a mediator acts under a mandate for one procedure."""
    acting = current()
    return acting.mandate.procedure if acting else None


def start(mandate: Mandate, mediator: User) -> None:
    """Enter the person's space under a live mandate (the caller checked it is the mediator's and live)."""
    session["acting"] = {"mandate": mandate.id, "mediator": mediator.id, "v": mediator.session_version}
    person = mandate.person
    login_user(person)
    record("mediation_start", f"user:{person.id}", actor_id=mediator.id, person_id=person.id, mandate_id=mandate.id)


def stop(*, reason: str = "end") -> None:
    """Leave the person's space: back to the mediator's own session (or logged out if that is no longer valid)."""
    state = session.pop("acting", None) or {}
    mediator = db.session.get(User, state.get("mediator")) if state.get("mediator") else None
    logout_user()
    if mediator is not None and mediator.active and mediator.session_version == state.get("v"):
        login_user(mediator)
    else:
        session.clear()
        mediator = None
    if state:
        record("mediation_end", f"mandate:{state.get('mandate')}", actor_id=state.get("mediator"), reason=reason)


def _allowed(mandate: Mandate) -> bool:
    """Whether the request stays inside what the mandate covers."""
    endpoint = request.endpoint or ""
    if endpoint in ALWAYS_OPEN:
        return True
    if endpoint.partition(".")[0] in CLOSED_BLUEPRINTS:
        return False
    if mandate.procedure is None:
        return True
    args = request.view_args or {}
    if "reference" in args:
        from anef.dossiers.models import Dossier

        procedure = db.session.scalar(select(Dossier.procedure).where(Dossier.reference == args["reference"]))
        return procedure is None or procedure == mandate.procedure  # a missing dossier: the view's own 404
    if "procedure" in args:
        return args["procedure"] == mandate.procedure
    return endpoint in ("dossiers.dashboard", "public.home", "public.accessibility")


@bp.before_app_request
def check_acting():
    """Each request of an acting session: the mandate must still be live, and the page inside its scope."""
    g.mediation = None
    state = session.get("acting")
    if not state or request.endpoint == "static":
        return None
    mandate = db.session.get(Mandate, state.get("mandate"))
    mediator = db.session.get(User, state.get("mediator"))
    live = (mandate is not None and mediator is not None and mediator.active and mediator.is_mediator
            and mediator.session_version == state.get("v") and mandate.mediator_id == mediator.id
            and mandate.is_live() and current_user.is_authenticated and current_user.id == mandate.person_id)
    if not live:
        stop(reason="mandate_ended")
        flash(_("L'accompagnement est terminé : le mandat a pris fin ou a été révoqué."), "info")
        return None  # the request goes on as the mediator, who sees nothing of the person
    g.mediation = Acting(mandate, mediator)
    if not _allowed(mandate):
        record("mediation_refused", f"user:{mandate.person_id}", actor_id=mediator.id, mandate_id=mandate.id,
               endpoint=request.endpoint, path=request.path)
        abort(404)
    return None


@event.listens_for(Session, "before_flush")
def _mark_mediated_transitions(session, flush_context, instances) -> None:
    """A dossier's change of state made while a mediator acts is recorded, in the same transaction, as theirs."""
    acting = current()
    if acting is None:
        return
    from anef.dossiers.models import Transition

    for obj in list(session.new):
        if isinstance(obj, Transition):
            session.add(MediationAct(mandate_id=acting.mandate.id, mediator_id=acting.mediator.id,
                                     person_id=acting.mandate.person_id, dossier_id=obj.dossier_id, transition=obj,
                                     endpoint=(request.endpoint or "")[:64]))
            g.mediation_transitions = True


@bp.after_app_request
def record_acting(response):
    """Audit every page seen and every action done by the mediator for the person (polling excepted); keep the
    actions that changed no state in the person's list too."""
    acting = g.get("mediation")
    if acting is None or request.endpoint in (None, "static", "mediation.stop"):
        return response
    changing = request.method not in ("GET", "HEAD", "OPTIONS")
    if not changing and request.headers.get("HX-Request"):
        return response
    mandate_id, mediator_id, person_id = acting.mandate.id, acting.mediator.id, acting.mandate.person_id
    reference = (request.view_args or {}).get("reference")
    record("mediation_action" if changing else "mediation_view", f"user:{person_id}", actor_id=mediator_id,
           person_id=person_id, mandate_id=mandate_id, endpoint=request.endpoint, method=request.method,
           path=request.path, status=response.status_code, **({"dossier": reference} if reference else {}))
    if changing and (response.status_code < 400 or response.status_code == 422) \
            and not g.get("mediation_transitions"):
        dossier_id = None
        if reference:
            from anef.dossiers.models import Dossier

            dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference,
                                                                    Dossier.applicant_id == person_id))
        db.session.add(MediationAct(mandate_id=mandate_id, mediator_id=mediator_id, person_id=person_id,
                                    dossier_id=dossier_id, endpoint=(request.endpoint or "")[:64]))
        db.session.commit()
    return response


@bp.app_context_processor
def acting_context():
    return {"acting": g.get("mediation")}
