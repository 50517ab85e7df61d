"""Fraud signals on a dossier, and volume alerts on agents; every query is bounded by an index and a limit."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Callable
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, union_all

from anef.accounts.models import User
from anef.agents.models import Service
from anef.agents.services import NUMERO_ETRANGER, PASSPORT
from anef.audit.models import AuditEvent
from anef.documents.models import Document, DocumentPage, StoredFile
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.models import utcnow

# At most this many other dossiers are read per signal: enough to show the evidence, bounded at any scale.
MATCH_LIMIT = 100
PREVIOUS_LIMIT = 5
IDENTITY_FIELDS = (("nom", _l("Nom")), ("prenoms", _l("Prénoms")), ("date_naissance", _l("Date de naissance")),
                   ("nationalite", _l("Nationalité")))


def setting(name: str, default):
    """A fraud setting: the application's configuration wins over the environment."""
    value = current_app.config.get(name)
    if value is None:
        value = os.environ.get(name)
    return default if value in (None, "") else value


@dataclass(frozen=True)
class Match:
    """Another dossier involved in a signal."""

    dossier_id: int
    reference: str
    service_id: int | None
    service_name: str


@dataclass
class Signal:
    """A reason to look closer at a dossier: what was found (``evidence``: (label, value) pairs), the other
    dossiers the viewer may open (``links``: (reference, url)), and the others, counted by service."""

    kind: str
    title: object
    evidence: list[tuple[object, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    elsewhere: list[tuple[str, int]] = field(default_factory=list)


def _place(signal: Signal, matches: list[Match], link_for: Callable[[Match], str | None]) -> None:
    counts: dict[str, int] = {}
    seen = set()
    for m in matches:
        if m.dossier_id in seen:
            continue
        seen.add(m.dossier_id)
        url = link_for(m)
        if url:
            signal.links.append((m.reference, url))
        else:
            counts[m.service_name] = counts.get(m.service_name, 0) + 1
    signal.elsewhere = sorted(counts.items())


def _norm(value) -> str:
    return " ".join(str(value or "").split()).casefold()


def dossier_signals(dossier: Dossier, link_for: Callable[[Match], str | None]) -> list[Signal]:
    """The fraud signals of a dossier (four statements whatever the data):

    - its passport number or numéro étranger also in dossiers of other accounts;
    - a file of its documents (same SHA-256: files are stored once per hash) in another account's dossier;
    - identity answers (name, given names, birth date, nationality) that differ from a previous dossier of the
      same account, or from another dossier with the same numéro étranger.

    ``link_for`` gives the URL of another dossier the viewer may open, or ``None``: then only the service and
    the count are shown, never the other dossier's content.
    """
    answers = dossier.answers or {}
    passport = str((answers.get("passeport") or {}).get("numero") or "").strip().upper()
    numero = str((answers.get("titre") or {}).get("numero_etranger") or "").strip()
    signals: list[Signal] = []
    numbers = [c for c in ((PASSPORT == passport) if passport else None,
                           (NUMERO_ETRANGER == numero) if numero else None) if c is not None]
    same_numero: list[tuple[Match, dict]] = []
    if numbers:
        rows = db.session.execute(
            select(Dossier.id, Dossier.reference, Dossier.service_id, Service.name, PASSPORT.label("passport"),
                   NUMERO_ETRANGER.label("numero"), Dossier.answers, Dossier.procedure)
            .outerjoin(Service, Service.id == Dossier.service_id)
            .where(or_(*numbers), Dossier.applicant_id != dossier.applicant_id,
                   Dossier.state != lifecycle.BROUILLON, Dossier.id != dossier.id)
            .order_by(Dossier.id.desc()).limit(MATCH_LIMIT)).all()
        by_passport = [Match(r.id, r.reference, r.service_id, r.name or "—") for r in rows
                       if passport and r.passport == passport]
        by_numero = [(Match(r.id, r.reference, r.service_id, r.name or "—"), r.answers or {}) for r in rows
                     if numero and r.numero == numero]
        # Only dossiers whose identity step describes the account holder compare identities (not a child's, not
        # an employee's).
        own = _self_described()
        same_numero = [(m, a) for (m, a), r in zip(by_numero, [r for r in rows if numero and r.numero == numero],
                                                   strict=True) if r.procedure in own]
        if by_passport:
            signal = Signal("passport", _l("Même numéro de passeport dans les dossiers d'autres comptes"),
                            [(_l("Passeport"), passport)])
            _place(signal, by_passport, link_for)
            signals.append(signal)
        if by_numero:
            signal = Signal("numero_etranger", _l("Même numéro étranger dans les dossiers d'autres comptes"),
                            [(_l("Numéro étranger"), numero)])
            _place(signal, [m for m, _a in by_numero], link_for)
            signals.append(signal)
    file_signal = _shared_files(dossier, link_for)
    if file_signal:
        signals.append(file_signal)
    identity = _identity_changes(dossier, same_numero, link_for)
    if identity:
        signals.append(identity)
    return signals


def _shared_files(dossier: Dossier, link_for) -> Signal | None:
    """Files of this dossier found in other people's filed dossiers. Two statements: this dossier's files, then,
    per file, at most MATCH_LIMIT other dossiers read from the file's index, so that a file many people share
    (a popular form, an employer's certificate) costs no more than a rare one."""
    mine = db.session.execute(union_all(
        select(Document.file_id.label("file_id"), Document.kind.label("kind"))
        .where(Document.dossier_id == dossier.id, Document.file_id.is_not(None)),
        select(DocumentPage.file_id, Document.kind).join(Document, Document.id == DocumentPage.document_id)
        .where(Document.dossier_id == dossier.id, DocumentPage.file_id.is_not(None)),
    )).all()
    kinds: dict[int, str] = {}
    for file_id, kind in mine:
        kinds.setdefault(file_id, kind)
    if not kinds:
        return None

    def others(file_id: int, holder):
        """At most MATCH_LIMIT (dossier, file) of other applicants' filed dossiers holding ``file_id``."""
        found = (select(Dossier.id.label("dossier_id"), holder.file_id.label("file_id"))
                 .where(holder.file_id == file_id, Dossier.applicant_id != dossier.applicant_id,
                        Dossier.state != lifecycle.BROUILLON))
        if holder is Document:
            found = found.join(Dossier, Dossier.id == Document.dossier_id)
        else:
            found = found.join(Document, Document.id == DocumentPage.document_id) \
                .join(Dossier, Dossier.id == Document.dossier_id)
        return select(found.order_by(Dossier.id.desc()).limit(MATCH_LIMIT).subquery())

    elsewhere = union_all(*(others(file_id, holder) for file_id in sorted(kinds)
                            for holder in (Document, DocumentPage))).subquery()
    rows = db.session.execute(
        select(Dossier.id, Dossier.reference, Dossier.service_id, Service.name, StoredFile.sha256,
               elsewhere.c.file_id)
        .select_from(elsewhere)
        .join(Dossier, Dossier.id == elsewhere.c.dossier_id)
        .join(StoredFile, StoredFile.id == elsewhere.c.file_id)
        .outerjoin(Service, Service.id == Dossier.service_id)
        .order_by(Dossier.id.desc())).all()
    # The newest MATCH_LIMIT dossiers (a dossier holds a file as a document and as its page).
    newest = sorted({r.id for r in rows}, reverse=True)[:MATCH_LIMIT]
    rows = [r for r in rows if r.id >= newest[-1]] if newest else rows
    if not rows:
        return None
    from anef.dossiers.services import required_documents

    labels = {r.kind: str(r.label) for r in required_documents(dossier)}
    files = sorted({(labels.get(kinds[r.file_id], kinds[r.file_id]), r.sha256) for r in rows})
    signal = Signal("file", _l("Fichier identique dans le dossier d'une autre personne"),
                    [(_l("Document"), f"{label} — SHA-256 {sha[:16]}…") for label, sha in files])
    _place(signal, [Match(r.id, r.reference, r.service_id, r.name or "—") for r in rows], link_for)
    return signal


def _self_described() -> set[str]:
    """Procedures whose identity step is the account holder's own (not filed by a parent or an employer)."""
    from anef.plugins import procedures

    return {code for code, info in procedures().items() if info.filed_by == "applicant"}


def _identity_changes(dossier: Dossier, same_numero, link_for) -> Signal | None:
    own = _self_described()
    if dossier.procedure not in own:
        return None
    query = (select(Dossier.id, Dossier.reference, Dossier.service_id, Service.name, Dossier.answers)
             .outerjoin(Service, Service.id == Dossier.service_id)
             .where(Dossier.applicant_id == dossier.applicant_id, Dossier.id != dossier.id,
                    Dossier.state != lifecycle.BROUILLON, Dossier.procedure.in_(own)))
    if dossier.filed_at is not None:
        query = query.where(Dossier.filed_at < dossier.filed_at)
    previous = db.session.execute(query.order_by(Dossier.filed_at.desc(), Dossier.id.desc())
                                  .limit(PREVIOUS_LIMIT)).all()
    candidates = [(Match(r.id, r.reference, r.service_id, r.name or "—"), r.answers or {}) for r in previous]
    candidates += same_numero
    mine = (dossier.answers or {}).get("identite") or {}
    differing: list[Match] = []
    evidence = []
    for match, answers in candidates:
        theirs = answers.get("identite") or {}
        changed = [(key, label) for key, label in IDENTITY_FIELDS
                   if _norm(mine.get(key)) and _norm(theirs.get(key)) and _norm(mine.get(key)) != _norm(theirs.get(key))]
        if not changed:
            continue
        differing.append(match)
        if link_for(match):
            for key, label in changed:
                evidence.append((label, f"{mine.get(key)} ≠ {theirs.get(key)} ({match.reference})"))
    if not differing:
        return None
    signal = Signal("identity", _l("Identité différente d'un précédent dossier de la même personne"), evidence)
    _place(signal, differing, link_for)
    return signal


@dataclass(frozen=True)
class VolumeAlert:
    """An agent who opened more dossiers not assigned to them than the threshold within one hour."""

    agent: User
    hour: dt.datetime
    count: int

    @property
    def until(self) -> dt.datetime:
        return self.hour + dt.timedelta(hours=1)

    @property
    def day(self) -> str:
        """The day of the hour in Paris, as the audit screen's date filter takes it."""
        return self.hour.astimezone(ZoneInfo("Europe/Paris")).date().isoformat()


def _hour(column):
    if db.engine.dialect.name == "postgresql":
        return func.date_trunc("hour", column)
    return func.strftime("%Y-%m-%d %H:00:00", column)


def volume_alerts(service_id: int, now: dt.datetime | None = None) -> list[VolumeAlert]:
    """The service's agents who opened more than ``FRAUD_VIEW_ALERT_THRESHOLD`` (30) dossiers not assigned to
    them within one clock hour, over the last ``FRAUD_VIEW_ALERT_DAYS`` (7) days, from the audit log.

    The period becomes a range of audit ids (ids grow with time), read per agent through the (actor, id) index.
    """
    threshold = int(setting("FRAUD_VIEW_ALERT_THRESHOLD", 30))
    days = int(setting("FRAUD_VIEW_ALERT_DAYS", 7))
    since = (now or utcnow()) - dt.timedelta(days=days)
    from anef.oversight.services import first_id_since

    first = first_id_since(since)
    if first is None:
        return []
    agents = select(User.id).where(User.service_id == service_id)
    hour = _hour(AuditEvent.at).label("hour")
    viewed = func.count(AuditEvent.target.distinct())
    rows = db.session.execute(
        select(AuditEvent.actor_id, hour, viewed)
        .select_from(AuditEvent)
        .outerjoin(Dossier, Dossier.reference == AuditEvent.target)
        .where(AuditEvent.id >= first, AuditEvent.actor_id.in_(agents), AuditEvent.action == "dossier_view",
               or_(Dossier.assigned_agent_id.is_(None), Dossier.assigned_agent_id != AuditEvent.actor_id))
        .group_by(AuditEvent.actor_id, hour).having(viewed > threshold)
        .order_by(hour.desc(), AuditEvent.actor_id).limit(200)).all()
    if not rows:
        return []
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({r[0] for r in rows})))}
    alerts = []
    for actor_id, value, count in rows:
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value).replace(tzinfo=dt.timezone.utc)
        elif value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        alerts.append(VolumeAlert(people[actor_id], value, count))
    return alerts
