"""Decisions a new request refers to (the appeal against a refused naturalisation): read from the core's dossiers —
their state, date, motivation and service — never from another plugin's answers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier
from anef.extensions import db


@dataclass(frozen=True)
class LinkedDecision:
    """A decided dossier as a later request sees it."""

    reference: str
    procedure: str
    applicant_id: int
    state: str
    decided_on: dt.date | None
    motivation: str
    service_id: int | None
    service_name: str


def _linked(dossier: Dossier) -> LinkedDecision:
    from anef.calendar.services import local_date

    return LinkedDecision(dossier.reference, dossier.procedure, dossier.applicant_id, dossier.state,
                          local_date(dossier.decided_at) if dossier.decided_at else None,
                          dossier.decision_motivation or "", dossier.service_id,
                          dossier.service.name if dossier.service else "")


def refused_decisions(applicant_id: int, procedure: str) -> list[LinkedDecision]:
    """The person's refused dossiers of ``procedure``, the most recent decision first."""
    rows = db.session.scalars(select(Dossier).where(Dossier.applicant_id == applicant_id,
                                                    Dossier.procedure == procedure,
                                                    Dossier.state == lifecycle.REFUSE)
                              .order_by(Dossier.decided_at.desc())).all()
    return [_linked(d) for d in rows]


def decision(reference: str) -> LinkedDecision | None:
    """The dossier of this reference as a linked decision, or None."""
    dossier = db.session.scalar(select(Dossier).where(Dossier.reference == (reference or "").strip().upper()))
    return _linked(dossier) if dossier is not None else None
