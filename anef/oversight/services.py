"""Reading the audit log: its screen (filters, keyset pages), the consultations of a dossier, read-only views."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask import abort
from sqlalchemy import Date, cast, func, select

from anef.accounts.models import APPLICANT, CCC, User
from anef.agents.models import Service
from anef.audit.models import AuditEvent
from anef.dossiers import lifecycle
from anef.dossiers import services as dossier_services
from anef.dossiers.models import Dossier
from anef.extensions import db

PAGE_SIZE = 50
PARIS = ZoneInfo("Europe/Paris")
# The audit actions that are a reading of the dossier by someone of the administration.
VIEW_ACTIONS = ("dossier_view", "dossier_view_avis", "dossier_view_audit", "dossier_view_ccc")


def auditable_dossier(reference: str) -> Dossier:
    """Any filed dossier, for the national auditor; 404 for a missing reference or a draft."""
    dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
    if dossier is None or dossier.state == lifecycle.BROUILLON:
        abort(404)
    return dossier


def readonly_context(dossier: Dossier) -> dict:
    """What a read-only dossier page shows: answers by step, documents (names and verdicts), checks, history."""
    from anef.plugins import procedures

    return dict(dossier=dossier, info=procedures()[dossier.procedure], summary=dossier_services.answer_summary(dossier),
                requirements=dossier_services.required_documents(dossier),
                given=dossier_services.current_documents(dossier), checks=dossier_services.checks_for(dossier))


def first_id_since(moment: dt.datetime) -> int | None:
    """The first audit event at or after ``moment`` (ids grow with time): two reads of the ``at`` index."""
    first_at = select(func.min(AuditEvent.at)).where(AuditEvent.at >= moment).scalar_subquery()
    return db.session.scalar(select(func.min(AuditEvent.id)).where(AuditEvent.at == first_at))


def last_id_before(moment: dt.datetime) -> int | None:
    """The last audit event before ``moment``: two reads of the ``at`` index."""
    last_at = select(func.max(AuditEvent.at)).where(AuditEvent.at < moment).scalar_subquery()
    return db.session.scalar(select(func.max(AuditEvent.id)).where(AuditEvent.at == last_at))


@dataclass(frozen=True)
class AuditFilters:
    """The audit screen's filters: an agent's e-mail, a dossier reference, a range of days (Paris time)."""

    agent: str = ""
    reference: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def any(self) -> bool:
        return bool(self.agent or self.reference or self.since or self.until)


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), PARIS).astimezone(dt.timezone.utc)


def audit_page(filters: AuditFilters, *, service_id: int | None, before: int | None = None
               ) -> tuple[list[tuple[AuditEvent, User | None]], int | None]:
    """One page of audit events, newest first, by keyset on the id (``before``: the last id of the previous page).

    ``service_id``: only events of that service's agents (a local admin); ``None``: every event (the national
    auditor). Dates become id bounds first (ids grow with time), so each filter is one indexed range.
    """
    query = select(AuditEvent, User).outerjoin(User, User.id == AuditEvent.actor_id)
    if service_id is not None:
        query = query.where(User.service_id == service_id)
    if filters.agent:
        query = query.where(User.email == filters.agent.strip().lower())
    if filters.reference:
        query = query.where(AuditEvent.target == filters.reference.strip().upper())
    if filters.since:
        first = first_id_since(_start_of(filters.since))
        if first is None:
            return [], None
        query = query.where(AuditEvent.id >= first)
    if filters.until:
        last = last_id_before(_start_of(filters.until + dt.timedelta(days=1)))
        if last is None:
            return [], None
        query = query.where(AuditEvent.id <= last)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    rows = db.session.execute(query.order_by(AuditEvent.id.desc()).limit(PAGE_SIZE + 1)).all()
    more = len(rows) > PAGE_SIZE
    rows = [(event, user) for event, user in rows[:PAGE_SIZE]]
    return rows, (rows[-1][0].id if more else None)


@dataclass(frozen=True)
class Consultation:
    """Readings of a dossier by one service on one day (the agents' names are never given)."""

    day: dt.date
    service: str | None
    count: int
    # Read by the national contact centre (no service either), answering a call about the dossier.
    contact_centre: bool = False


def _local_day(column):
    if db.engine.dialect.name == "postgresql":
        return cast(func.timezone("Europe/Paris", column), Date)
    # SQLite (development): the day in UTC.
    return func.date(column)


def consultations(dossier: Dossier, limit: int = 100) -> list[Consultation]:
    """Which services read the dossier and when, grouped by service and day, latest first (one query).

    ``service`` is ``None`` for readings by the national audit and the contact centre (neither has a service).
    """
    if not dossier.reference:
        return []
    day = _local_day(AuditEvent.at).label("day")
    contact_centre = (User.role == CCC).label("contact_centre")
    rows = db.session.execute(
        select(day, Service.name, contact_centre, func.count())
        .select_from(AuditEvent).join(User, User.id == AuditEvent.actor_id)
        .outerjoin(Service, Service.id == User.service_id)
        .where(AuditEvent.target == dossier.reference, AuditEvent.action.in_(VIEW_ACTIONS), User.role != APPLICANT)
        .group_by(day, Service.name, contact_centre).order_by(day.desc(), Service.name).limit(limit)).all()
    return [Consultation(value if isinstance(value, dt.date) else dt.date.fromisoformat(value), name, count,
                         bool(ccc)) for value, name, ccc, count in rows]
