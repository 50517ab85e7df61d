"""What the national contact centre may find and read about a dossier, and the questions it forwards.

The contact centre has no service: it reaches any filed dossier in France, but only through an exact reference or
an exact family name with a date of birth (never a list of the country), and it reads only what a caller needs —
state, service, dates, an open complement request, appointments, the legal clock and the history in the
applicant's words; never the answers, the documents or the agents' annotations.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, literal_column, select
from sqlalchemy.orm import defer, lazyload

from anef.agents.models import Service
from anef.agents.services import FAMILY_NAME
from anef.audit.services import record
from anef.dossiers import lifecycle
from anef.dossiers import services as dossier_services
from anef.dossiers.clock import legal_clock
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.messages.models import Message
from anef.messages.services import can_write
from anef.models import utcnow

QUESTION_MAX = 2000
# A name and a date of birth rarely match more than a few dossiers; beyond this, the search asks for the reference.
RESULTS_MAX = 20
# The date of birth as the identity step keeps it (ISO), beside the family name of migration 0012's index.
BIRTH_DATE = literal_column("(dossiers.answers -> 'identite' ->> 'date_naissance')", String)


class QuestionRejected(ValueError):
    """A question that cannot be forwarded, with the message to show beside the field."""


# ---------------------------------------------------------------- finding a dossier

def normalise_reference(text: str | None) -> str:
    """A reference as typed on the phone (any case, spaces), written the way references are stored."""
    return "".join((text or "").split()).upper()[:32]


def filed_dossier(reference: str) -> Dossier:
    """Any filed dossier in France by its reference; 404 for a missing reference or a draft."""
    dossier = db.session.scalar(select(Dossier).where(Dossier.reference == normalise_reference(reference)))
    if dossier is None or dossier.state == lifecycle.BROUILLON:
        abort(404)
    return dossier


def find_by_reference(agent, reference: str) -> Dossier | None:
    """The filed dossier with this reference, or None; the search is audited whatever it finds."""
    reference = normalise_reference(reference)
    dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference,
                                                      Dossier.state != lifecycle.BROUILLON))
    record("dossier_search_ccc", reference, actor_id=agent.id, kind="reference", found=int(dossier is not None))
    return dossier


@dataclass(frozen=True)
class Found:
    """One dossier in a list of results: what tells two dossiers of one person apart."""

    reference: str
    procedure: str
    state: str
    service: str | None
    filed_at: dt.datetime


@dataclass(frozen=True)
class IdentityResults:
    """Filed dossiers of one family name and date of birth, latest filing first; ``more`` when capped."""

    found: list[Found]
    more: bool


def find_by_identity(agent, family_name: str, birth_date: dt.date) -> IdentityResults:
    """Filed dossiers whose identity step gives exactly this family name (any case) and date of birth; audited.

    Both are required: a name alone would list people all over the country. The name is compared as the agents'
    search compares it, inside each service in turn (``service_id IN (every service)``), so that PostgreSQL reads
    migration 0012's index (service, name) once per service instead of every dossier of France.
    """
    from anef.plugins import procedures

    name = " ".join(family_name.split()).upper()
    services = db.session.scalars(select(Service.id)).all()
    query = (select(Dossier)
             .where(Dossier.service_id.in_(services), FAMILY_NAME == name, BIRTH_DATE == birth_date.isoformat(),
                    Dossier.state != lifecycle.BROUILLON)
             .options(defer(Dossier.answers), lazyload(Dossier.transitions))
             .order_by(Dossier.filed_at.desc(), Dossier.id.desc()).limit(RESULTS_MAX + 1))
    rows = db.session.scalars(query).all()
    titles = procedures()
    found = [Found(d.reference, str(titles[d.procedure].title) if d.procedure in titles else d.procedure, d.state,
                   d.service.name if d.service else None, d.filed_at) for d in rows[:RESULTS_MAX]]
    record("dossier_search_ccc", "ccc", actor_id=agent.id, kind="identity", name=name,
           birth_date=birth_date.isoformat(), found=[f.reference for f in found])
    return IdentityResults(found, len(rows) > RESULTS_MAX)


# ---------------------------------------------------------------- reading a dossier

def caller_view(dossier: Dossier) -> dict:
    """What the contact centre shows of a filed dossier (nothing of its answers, documents or annotations)."""
    from anef.appointments.models import Booking
    from anef.plugins import procedures
    from anef.stages.services import next_step

    complement = dossier.open_complement
    bookings = db.session.scalars(select(Booking).where(Booking.dossier_id == dossier.id)
                                  .order_by(Booking.created_at.desc(), Booking.id.desc())).all()
    return dict(dossier=dossier, info=procedures().get(dossier.procedure), next_step=next_step(dossier),
                complement=dossier_services.complement_summary(dossier, complement) if complement else None,
                complement_asked_at=complement.asked_at if complement else None,
                bookings=bookings, clock=legal_clock(dossier), timeline=dossier_services.timeline(dossier),
                questions=forwarded_questions(dossier), writable=can_write(dossier))


def forwarded_questions(dossier: Dossier) -> list[Message]:
    """The questions the contact centre forwarded about this dossier, latest first (to answer a second call)."""
    from anef.accounts.models import CCC, User

    return db.session.scalars(
        select(Message).join(User, User.id == Message.author_id)
        .where(Message.dossier_id == dossier.id, User.role == CCC).order_by(Message.id.desc())).all()


# ---------------------------------------------------------------- forwarding a question

def check_question(text: str | None) -> str:
    """The question as it will be kept (line ends normalised, outer blank space trimmed), or QuestionRejected."""
    question = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not question:
        raise QuestionRejected(str(_l("Écrivez la question de la personne.")))
    if len(question) > QUESTION_MAX:
        raise QuestionRejected(str(_l("La question compte %(count)s caractères : %(max)s au plus sont acceptés. "
                                      "Résumez-la.", count=len(question), max=QUESTION_MAX)))
    return question


def forward_question(dossier: Dossier, agent, text: str | None) -> Message:
    """Write a caller's question into the dossier's thread, on the applicant's side, for the instructing service.

    The message stands where the applicant's own would (``from_service`` false): the service counts it unread and
    reads it in the conversation, marked as forwarded by the contact centre (see ``Message.
    forwarded_by_contact_centre``); the applicant sees it in their thread too, without the agent's name.
    """
    from anef.accounts.models import CCC

    if agent.role != CCC:
        raise PermissionError("only the contact centre forwards questions")
    if not can_write(dossier):
        raise QuestionRejected(str(_l("Ce dossier n'a pas de service instructeur : la question ne peut pas être "
                                      "transmise.")))
    question = check_question(text)
    message = Message(dossier_id=dossier.id, author_id=agent.id, from_service=False, body=question,
                      created_at=utcnow())
    db.session.add(message)
    db.session.commit()
    record("question_forwarded", dossier.reference, actor_id=agent.id, message=message.id)
    return message
