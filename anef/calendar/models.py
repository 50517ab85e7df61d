"""The deployment calendar: when and where each procedure is open."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from anef.extensions import db
from anef.models import UTCDateTime, utcnow


class ProcedureSchedule(db.Model):
    """A national administrator's setting for one procedure; absent means the plugin's default."""

    __tablename__ = "procedure_schedules"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    opens_on: Mapped[dt.date | None] = mapped_column(Date)
    territories: Mapped[list] = mapped_column(JSON, default=list)
    closed: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
