"""Ticks of the checklist and private annotations, per dossier."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow


class ChecklistTick(db.Model):
    """An item of the dossier's checklist that an agent has verified: who, when, and the item's wording then."""

    __tablename__ = "checklist_ticks"
    __table_args__ = (UniqueConstraint("dossier_id", "item_key", name="uq_checklist_ticks_dossier_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    # check:<code> for an automatic check's result, manual:<digest> for an item of agent_checklist.
    item_key: Mapped[str] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(Text)
    ticked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    ticked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    ticked_by = relationship("User", lazy="joined")


class Annotation(db.Model):
    """A private note of an agent on a dossier, read by the agents of the instructing service only."""

    __tablename__ = "annotations"
    __table_args__ = (Index("ix_annotations_dossier_created", "dossier_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User", lazy="joined")
