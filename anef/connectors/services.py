"""Asking the connectors about a dossier's person, in background jobs, and reading the cached answers."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from anef.audit.services import record
from anef.connectors.base import ERROR, HIT, Subject
from anef.connectors.models import PENDING, ConnectorCall
from anef.connectors.registry import Definition, connectors_for, get_connector, stale_after
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.models import utcnow

JOB = "anef.connectors.services.run_query"


def _answer(answers: dict, step: str, name: str) -> str:
    value = (answers.get(step) or {}).get(name)
    return str(value).strip() if value not in (None, "") else ""


def _find_siret(answers: dict) -> str:
    for step in answers.values():
        if isinstance(step, dict) and step.get("siret"):
            return "".join(str(step["siret"]).split())
    return ""


def subject_for(dossier: Dossier) -> Subject:
    """Whom the connectors are asked about, from the answers the core knows by name (the same keys as the
    agents' search): ``identite.nom``, ``identite.prenoms``, ``identite.date_naissance``,
    ``identite.nationalite``, ``passeport.numero``, ``titre.numero_etranger``, ``entree.visa_numero``, and a
    ``siret`` answer in any step."""
    answers = dossier.answers or {}
    return Subject(
        family_name=_answer(answers, "identite", "nom"), given_names=_answer(answers, "identite", "prenoms"),
        birth_date=_answer(answers, "identite", "date_naissance"),
        nationality=_answer(answers, "identite", "nationalite"),
        passport_number=_answer(answers, "passeport", "numero").upper(),
        numero_etranger=_answer(answers, "titre", "numero_etranger"),
        visa_number=_answer(answers, "entree", "visa_numero").upper(), siret=_find_siret(answers),
        dossier_reference=dossier.reference or "", dossier_state=dossier.state,
        card_ready=dossier.card_ready_at is not None)


def applicable(dossier: Dossier) -> tuple[list[Definition], list[Definition]]:
    """The connectors asked about this dossier, and those of its procedure left out for lack of a subject."""
    subject = subject_for(dossier)
    asked, skipped = [], []
    for definition in connectors_for(dossier.procedure, dossier.answers or {}):
        (asked if definition.needs is None or definition.needs(subject) else skipped).append(definition)
    return asked, skipped


def request_queries(dossier: Dossier, agent) -> list[ConnectorCall]:
    """Ask every applicable connector about the dossier's person again, as ``agent``: each call becomes
    pending, is audited (who consulted which file about whom), and runs as a background job."""
    asked, _skipped = applicable(dossier)
    existing = {c.connector: c for c in db.session.scalars(
        select(ConnectorCall).where(ConnectorCall.dossier_id == dossier.id))}
    now = utcnow()
    calls = []
    for definition in asked:
        call = existing.get(definition.code)
        if call is None:
            call = ConnectorCall(dossier_id=dossier.id, connector=definition.code, attempt=0)
            db.session.add(call)
        call.attempt += 1
        call.status = PENDING
        call.summary = ""
        call.details = {}
        call.requested_by_id = agent.id
        call.requested_at = now
        call.answered_at = None
        call.duration_ms = None
        calls.append(call)
    db.session.commit()
    subject = subject_for(dossier)
    fields = sorted(k for k, v in subject.as_dict().items()
                    if v and k not in ("dossier_reference", "dossier_state", "card_ready"))
    jobs = [(c.id, c.attempt) for c in calls]
    for call in calls:
        record("connector_query", dossier.reference, actor_id=agent.id, connector=call.connector,
               applicant=dossier.applicant_id, subject=fields)
    from anef.jobs import enqueue

    for call_id, attempt in jobs:
        enqueue(JOB, call_id=call_id, attempt=attempt)
    return calls


def run_query(call_id: int, attempt: int) -> None:
    """The job: put one question to its connector and store the answer (nothing when a newer question was
    asked meanwhile, or when this one is already answered: jobs may run twice)."""
    call = db.session.get(ConnectorCall, call_id)
    if call is None or call.attempt != attempt or call.status != PENDING:
        return
    dossier = db.session.get(Dossier, call.dossier_id)
    subject = subject_for(dossier)
    started = time.monotonic()
    try:
        result = get_connector(call.connector).query(subject)
        status, summary = result.status, result.summary
        details = {"evidence": [list(p) for p in result.evidence], "data": result.details}
    except Exception:  # noqa: BLE001 - a broken adapter is an answer "error", never a lost pending call
        current_app.logger.exception("connector %s failed", call.connector)
        from flask_babel import gettext as _

        status, summary, details = ERROR, _("Le connecteur a échoué."), {}
    elapsed = int((time.monotonic() - started) * 1000)
    db.session.refresh(call)
    if call.attempt != attempt or call.status != PENDING:
        return
    call.status, call.summary, call.details = status, summary, details
    call.answered_at = utcnow()
    call.duration_ms = elapsed
    db.session.commit()


@dataclass(frozen=True)
class Row:
    """One connector on the panel: its definition and its latest call (``None``: never asked)."""

    definition: Definition
    call: ConnectorCall | None
    lost: bool = False

    @property
    def pending(self) -> bool:
        return self.call is not None and self.call.status == PENDING and not self.lost

    @property
    def hit(self) -> bool:
        return self.call is not None and self.call.status == HIT


@dataclass(frozen=True)
class PanelState:
    """What the connector panel shows: a row per connector asked, those left out, and whether to poll."""

    rows: list[Row]
    skipped: list[Definition]

    @property
    def pending(self) -> bool:
        return any(r.pending for r in self.rows)

    @property
    def hits(self) -> list[Row]:
        return [r for r in self.rows if r.hit]

    @property
    def asked(self) -> bool:
        return any(r.call is not None for r in self.rows)


def panel_state(dossier: Dossier, now: dt.datetime | None = None) -> PanelState:
    """The connectors of the dossier with their cached answers, in one query."""
    asked, skipped = applicable(dossier)
    calls = {c.connector: c for c in db.session.scalars(
        select(ConnectorCall).where(ConnectorCall.dossier_id == dossier.id))}
    limit = (now or utcnow()) - dt.timedelta(seconds=stale_after())
    rows = []
    for definition in asked:
        call = calls.get(definition.code)
        lost = call is not None and call.status == PENDING and call.requested_at < limit
        rows.append(Row(definition, call, lost))
    return PanelState(rows, skipped)
