"""Dossiers and the record of their transitions."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow


class Dossier(db.Model):
    """One request of one person for one procedure, from draft to closure."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_service_state_filed", "service_id", "state", "filed_at", "id"),
        Index("ix_dossiers_applicant_updated", "applicant_id", "updated_at"),
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
    # The open complement request: what the agent asked, by when, which documents.
    complement_message: Mapped[str | None] = mapped_column(Text)
    complement_documents: Mapped[list] = mapped_column(JSON, default=list)
    complement_deadline: Mapped[dt.date | None] = mapped_column(Date)
    # A decision proposed by an instructeur, awaiting a valideur's signature.
    proposed_decision: Mapped[str | None] = mapped_column(String(16))
    proposed_motivation: Mapped[str | None] = mapped_column(Text)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_motivation: Mapped[str | None] = mapped_column(Text)
    # The card is produced and waits at the préfecture: the applicant is invited to book the visit.
    card_ready_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Optimistic locking: two agents acting at once cannot both win.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    applicant = relationship("User", foreign_keys=[applicant_id], lazy="joined")
    service = relationship("Service", lazy="joined")
    assigned_agent = relationship("User", foreign_keys=[assigned_agent_id])
    transitions = relationship(
        "Transition", order_by="Transition.id", back_populates="dossier", lazy="selectin"
    )


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
