"""The cache of connector answers: one row per dossier and connector, the latest call."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

PENDING = "pending"


class ConnectorCall(db.Model):
    """The latest question put to a connector about a dossier's person, and its answer once there.

    ``attempt`` grows with every new question, so that the job of an older question never overwrites a newer
    answer. Who asked what, and when, is also in the audit log (every consultation).
    """

    __tablename__ = "connector_calls"
    __table_args__ = (UniqueConstraint("dossier_id", "connector", name="uq_connector_calls_dossier_connector"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    connector: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    summary: Mapped[str] = mapped_column(Text, default="")
    # {"evidence": [[label, value], …], "data": {…}} as the system answered.
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    attempt: Mapped[int] = mapped_column(default=1)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int | None] = mapped_column()

    requested_by = relationship("User", lazy="joined")

    @property
    def evidence(self) -> list:
        return (self.details or {}).get("evidence") or []
