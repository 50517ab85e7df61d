"""Dossiers and the record of their transitions."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

ANSWER_ITEM = "answer"
DOCUMENT_ITEM = "document"


class Dossier(db.Model):
    """One request of one person for one procedure, from draft to closure."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_service_state_filed", "service_id", "state", "filed_at", "id"),
        Index("ix_dossiers_applicant_updated", "applicant_id", "updated_at"),
        Index("ix_dossiers_service_state_rights", "service_id", "state", "rights_expire_on", "filed_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(32), unique=True)
    procedure: Mapped[str] = mapped_column(String(64))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    assigned_agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str] = mapped_column(String(32), default="brouillon")
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    filed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The deadline of the open complement request (the request itself: ComplementRequest), kept here for queues.
    complement_deadline: Mapped[dt.date | None] = mapped_column(Date)
    # When the person's current right to stay ends (hook rights_expiry), set with each version of the answers: the
    # queues put first those whose rights expire soonest.
    rights_expire_on: Mapped[dt.date | None] = mapped_column(Date)
    # When the file became complete: filing, or the applicant's answer to the last complement request.
    # The legal clock (silence worth refusal) runs from here.
    complete_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The applicant changed a filed request: the agent sees "modifiée par le demandeur" and the difference.
    amended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Answers being changed by the applicant (an amendment or a complement), not yet sent.
    pending_answers: Mapped[dict | None] = mapped_column(JSON)
    amendment_started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # A decision proposed by an instructeur, awaiting a valideur's signature.
    proposed_decision: Mapped[str | None] = mapped_column(String(16))
    proposed_motivation: Mapped[str | None] = mapped_column(Text)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_motivation: Mapped[str | None] = mapped_column(Text)
    # The number a granted request carries of its own (a work authorisation's), from the hook decision_reference.
    decision_reference: Mapped[str | None] = mapped_column(String(32), unique=True, index=True)
    # The card is produced and waits at the préfecture: the applicant is invited to book the visit.
    card_ready_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The last of the procedure's own stages recorded (hook procedure_stages; anef.stages), and what the agents
    # recorded at each stage, by stage code (``_pending``: a stage whose decision awaits its signature).
    stage: Mapped[str | None] = mapped_column(String(32))
    stage_data: Mapped[dict | None] = mapped_column(JSON)
    # Optimistic locking: two agents acting at once cannot both win.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    applicant = relationship("User", foreign_keys=[applicant_id], lazy="joined")
    service = relationship("Service", lazy="joined")
    assigned_agent = relationship("User", foreign_keys=[assigned_agent_id])
    transitions = relationship(
        "Transition", order_by="Transition.id", back_populates="dossier", lazy="selectin"
    )
    # Loaded when a page asks (the dossier page does, lists do not).
    complement_requests = relationship("ComplementRequest", order_by="ComplementRequest.id",
                                       back_populates="dossier", lazy="select")

    @property
    def open_complement(self) -> ComplementRequest | None:
        """The complement request the applicant has still to answer, if any."""
        for request in reversed(self.complement_requests):
            if request.is_open:
                return request
        return None

    @property
    def complement_documents(self) -> list[str]:
        """Kinds of documents asked again by the open complement request."""
        request = self.open_complement
        return [i.target for i in request.items if i.kind == DOCUMENT_ITEM] if request else []

    @property
    def complement_steps(self) -> list[str]:
        """Slugs of the steps whose answers the open complement request asks to correct."""
        request = self.open_complement
        return [i.target for i in request.items if i.kind == ANSWER_ITEM] if request else []


class Transition(db.Model):
    """One change of state of a dossier: who, when, from, to and why."""

    __tablename__ = "transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    dossier = relationship("Dossier", back_populates="transitions")
    actor = relationship("User", lazy="joined")


class ComplementRequest(db.Model):
    """What an agent asked the applicant to correct, item by item, and by when."""

    __tablename__ = "complement_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    asked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[dt.date] = mapped_column(Date)
    # A word for the whole request (optional: each item carries its own reason).
    message: Mapped[str | None] = mapped_column(Text)
    # The answers' version when the request was made: the agent's diff starts there.
    base_version: Mapped[int] = mapped_column(default=1)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reply: Mapped[str | None] = mapped_column(Text)
    # Closed without an answer: classé sans suite, withdrawn.
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The last reminder sent, so that the scheduler sends each reminder once.
    reminded_days_left: Mapped[int | None] = mapped_column()

    dossier = relationship("Dossier", back_populates="complement_requests")
    items = relationship("ComplementItem", order_by="ComplementItem.id", lazy="selectin",
                         cascade="all, delete-orphan")

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and self.closed_at is None


class ComplementItem(db.Model):
    """One thing to correct: the answers of a step, or a document, with the agent's reason."""

    __tablename__ = "complement_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("complement_requests.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # ANSWER_ITEM or DOCUMENT_ITEM
    target: Mapped[str] = mapped_column(String(64))  # a step's slug or a document's kind
    reason: Mapped[str] = mapped_column(Text)


class AnswerVersion(db.Model):
    """The answers of a filed dossier as they stood after each change: filing, complement, amendment."""

    __tablename__ = "answer_versions"
    __table_args__ = (UniqueConstraint("dossier_id", "number", name="uq_answer_versions_dossier_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    number: Mapped[int]
    answers: Mapped[dict] = mapped_column(JSON)
    # The current document id of each kind at that moment: the diff shows replaced documents too.
    documents: Mapped[dict] = mapped_column(JSON, default=dict)
    cause: Mapped[str] = mapped_column(String(16))  # submit, complement, amend
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
