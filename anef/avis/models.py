"""A request for the opinion of another service."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow


class AvisRequest(db.Model):
    """An agent asks another service a question about a dossier; an agent of that service answers.

    Open while neither answered nor withdrawn: only then may the other service read the dossier.
    """

    __tablename__ = "avis_requests"
    __table_args__ = (
        Index("ix_avis_requests_dossier_id", "dossier_id"),
        Index("ix_avis_requests_to_service_requested", "to_service_id", "requested_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    from_service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    to_service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    dossier = relationship("Dossier", lazy="joined")
    from_service = relationship("Service", foreign_keys=[from_service_id], lazy="joined")
    to_service = relationship("Service", foreign_keys=[to_service_id], lazy="joined")
    requested_by = relationship("User", foreign_keys=[requested_by_id], lazy="joined")
    answered_by = relationship("User", foreign_keys=[answered_by_id], lazy="joined")

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and self.withdrawn_at is None
