"""The indicators of a service, or of the whole country: what was filed and decided week by week, the backlog by
state, processing times, dossiers past their legal clock, complements awaited, attestations renewed.

Every figure is one aggregate statement over the period, whatever the number of dossiers: weeks are counted with
one CASE per week in a single scan, not one query per week.
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, or_, select

from anef.agents.models import Service
from anef.attestations.models import Attestation
from anef.calendar.services import PARIS, add_months, today
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.plugins import procedures

WEEKS = 12
DECIDED_STATES = (lifecycle.ACCEPTE, lifecycle.REFUSE, lifecycle.TITRE_REMIS)


@dataclass(frozen=True)
class Week:
    """One week (Monday to Sunday, Paris time) and its flows."""

    starts_on: dt.date
    filed: int
    decided: int


@dataclass
class Indicators:
    """Everything the steering page shows, for one service (``service``) or the country (``service`` None)."""

    service: Service | None
    weeks: list[Week]
    backlog: dict[str, int]
    decided: int
    median_days: float | None
    p90_days: float | None
    past_clock: int
    complements_pending: int
    complements_overdue: int
    attestations_renewed: int
    by_service: list[dict] = field(default_factory=list)

    @property
    def first_day(self) -> dt.date:
        return self.weeks[0].starts_on

    @property
    def backlog_total(self) -> int:
        return sum(self.backlog.values())


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight in Paris of ``day``, as a UTC moment (stored times are UTC)."""
    return dt.datetime.combine(day, dt.time(), ZoneInfo(PARIS)).astimezone(dt.timezone.utc)


def week_starts(on: dt.date, weeks: int = WEEKS) -> list[dt.date]:
    """The Mondays of the ``weeks`` last weeks, the current one last."""
    monday = on - dt.timedelta(days=on.weekday())
    return [monday - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _scoped(query, service_id):
    return query.where(Dossier.service_id == service_id) if service_id is not None else query


def _past_clock_condition(on: dt.date):
    """Open dossiers (not waiting on the applicant) whose silence period, counted from completeness, is over."""
    by_months: dict[int, list[str]] = {}
    for code, info in procedures().items():
        if info.silence_months:
            by_months.setdefault(info.silence_months, []).append(code)
    clauses = [and_(Dossier.procedure.in_(codes), Dossier.complete_at < _start_of(add_months(on, -months)))
               for months, codes in by_months.items()]
    waiting = (lifecycle.DEPOSE, lifecycle.EN_INSTRUCTION, lifecycle.DECISION_PROPOSEE)
    return and_(Dossier.state.in_(waiting), or_(*clauses)) if clauses else None


def indicators(service_id: int | None, on: dt.date | None = None, weeks: int = WEEKS) -> Indicators:
    """The indicators of a service (``service_id``) or of the whole country (None), over the ``weeks`` last weeks."""
    on = on or today()
    starts = week_starts(on, weeks)
    bounds = [_start_of(d) for d in starts] + [_start_of(starts[-1] + dt.timedelta(weeks=1))]
    period = bounds[0]

    def per_week(column):
        return [func.sum(case((and_(column >= bounds[i], column < bounds[i + 1]), 1), else_=0))
                for i in range(weeks)]

    flows = db.session.execute(_scoped(
        select(*per_week(Dossier.filed_at), *per_week(Dossier.decided_at))
        .where(or_(Dossier.filed_at >= period, Dossier.decided_at >= period)), service_id)).one()
    weekly = [Week(starts[i], int(flows[i] or 0), int(flows[weeks + i] or 0)) for i in range(weeks)]

    backlog = dict.fromkeys(lifecycle.OPEN_STATES, 0)
    for state, count in db.session.execute(_scoped(
            select(Dossier.state, func.count()).where(Dossier.state.in_(lifecycle.OPEN_STATES))
            .group_by(Dossier.state), service_id)):
        backlog[state] = count

    durations = sorted((decided - filed).total_seconds() / 86400 for filed, decided in db.session.execute(_scoped(
        select(Dossier.filed_at, Dossier.decided_at).where(Dossier.decided_at >= period,
                                                           Dossier.state.in_(DECIDED_STATES),
                                                           Dossier.filed_at.is_not(None)), service_id)))
    median, p90 = _median_and_p90(durations)

    condition = _past_clock_condition(on)
    past_clock = db.session.scalar(_scoped(select(func.count()).select_from(Dossier).where(condition),
                                           service_id)) if condition is not None else 0
    pending, overdue = db.session.execute(_scoped(
        select(func.count(), func.sum(case((Dossier.complement_deadline < on, 1), else_=0)))
        .where(Dossier.state == lifecycle.COMPLEMENT_DEMANDE), service_id)).one()
    renewed = db.session.scalar(_scoped(
        select(func.count()).select_from(Attestation).join(Dossier, Dossier.id == Attestation.dossier_id)
        .where(Attestation.superseded_at >= period), service_id))
    service = db.session.get(Service, service_id) if service_id is not None else None
    result = Indicators(service, weekly, backlog, len(durations), median, p90, past_clock or 0, pending or 0,
                        int(overdue or 0), renewed or 0)
    if service_id is None:
        result.by_service = services_table(on)
    return result


def _median_and_p90(durations: list[float]) -> tuple[float | None, float | None]:
    """Median and 90th percentile (nearest rank) of sorted durations, in days; None when there are none."""
    if not durations:
        return None, None
    rank = max(0, -(-len(durations) * 9 // 10) - 1)
    return statistics.median(durations), durations[rank]


def services_table(on: dt.date) -> list[dict]:
    """Per service: open dossiers, those past their legal clock, complements awaited; most late first."""
    condition = _past_clock_condition(on)
    late = func.sum(case((condition, 1), else_=0)) if condition is not None else func.sum(0)
    rows = db.session.execute(
        select(Service.code, Service.name, func.count(), late,
               func.sum(case((Dossier.state == lifecycle.COMPLEMENT_DEMANDE, 1), else_=0)))
        .join(Dossier, Dossier.service_id == Service.id).where(Dossier.state.in_(lifecycle.OPEN_STATES))
        .group_by(Service.code, Service.name))
    table = [{"code": code, "name": name, "open": count, "past_clock": int(past or 0),
              "complements": int(complements or 0)} for code, name, count, past, complements in rows]
    return sorted(table, key=lambda r: (-r["past_clock"], -r["open"], r["code"]))
