"""The legal clock of a dossier, the same for the applicant and the agent: filed, complete, the day
silence becomes an implicit refusal, and the appeal deadlines after a decision.

The durations are procedure data (``ProcedureInfo.silence_months``, its appeal routes), not code.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from anef.calendar.services import add_months, local_date, today
from anef.dossiers import lifecycle
from anef.plugins import procedures


@dataclass(frozen=True)
class ClockLine:
    """One date of the clock: what it is, the date, whether it is past, and a plain explanation."""

    label: object
    on: dt.date
    past: bool
    explanation: object = ""
    important: bool = False


def legal_clock(dossier, on: dt.date | None = None) -> list[ClockLine]:
    """The dates that matter in law for ``dossier``, in order (empty for a draft)."""
    if dossier.filed_at is None:
        return []
    on = on or today()
    info = procedures().get(dossier.procedure)
    lines = [ClockLine(_l("Demande déposée"), local_date(dossier.filed_at), True)]
    complete = local_date(dossier.complete_at) if dossier.complete_at else None
    if complete and complete != local_date(dossier.filed_at):
        lines.append(ClockLine(_l("Dossier complet (complément reçu)"), complete, True))
    if dossier.state in lifecycle.OPEN_STATES:
        if dossier.state == lifecycle.COMPLEMENT_DEMANDE and dossier.complement_deadline:
            lines.append(ClockLine(_l("Date limite pour envoyer le complément"), dossier.complement_deadline,
                                   dossier.complement_deadline < on,
                                   _l("Sans réponse à cette date, la demande peut être classée sans suite."), True))
        if complete and info is not None and info.silence_months:
            silence = add_months(complete, info.silence_months)
            lines.append(ClockLine(
                _l("Sans décision à cette date : refus implicite"), silence, silence <= on,
                _l("Si l'administration ne vous a pas répondu %(months)s mois après que votre dossier est complet, "
                   "son silence vaut refus : vous pouvez alors le contester comme une décision écrite.",
                   months=info.silence_months), True))
        lines += _legal_deadlines(info, complete, on)
    elif dossier.decided_at is not None:
        from anef.attestations.services import appeal_deadlines

        lines.append(ClockLine(_l("Décision"), local_date(dossier.decided_at), True))
        if dossier.state in (lifecycle.ACCEPTE, lifecycle.TITRE_REMIS):
            lines += _legal_deadlines(info, complete, on, granted=True)
        if dossier.state == lifecycle.REFUSE:
            for route, deadline in appeal_deadlines(dossier):
                lines.append(ClockLine(route.name, deadline, deadline < on,
                                       _l("%(authority)s, au plus tard à cette date", authority=route.authority), True))
    return lines


def _legal_deadlines(info, complete: dt.date | None, on: dt.date, granted: bool = False) -> list[ClockLine]:
    """The procedure's other legal deadlines (``ProcedureInfo.deadlines``), counted from the complete file;
    once the request is granted, only those that still run after it."""
    if complete is None or info is None:
        return []
    lines = []
    for deadline in info.deadlines:
        if granted and not deadline.after_decision:
            continue
        day = add_months(complete, deadline.months)
        lines.append(ClockLine(deadline.label, day, day <= on, deadline.explanation, True))
    return lines
