"""The deployment calendar: whether a procedure can be started, where and from when."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from anef.calendar.models import ProcedureSchedule
from anef.extensions import db
from anef.plugins import procedures

OPEN = "open"
SCHEDULED = "scheduled"
CLOSED = "closed"


@dataclass(frozen=True)
class Availability:
    """Where a procedure stands in the calendar today."""

    code: str
    status: str
    opens_on: dt.date | None
    territories: tuple[str, ...]

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    def open_in(self, departement: str | None) -> bool:
        """Whether the procedure is open for a person living in ``departement``."""
        return self.is_open and (not self.territories or departement in self.territories)


PARIS = "Europe/Paris"


def today() -> dt.date:
    """Today's date in France."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(PARIS)).date()


def local_date(moment: dt.datetime) -> dt.date:
    """The date in France of a stored (UTC) moment: a filing at 00:30 in Paris is dated that day."""
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(PARIS)).date()


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, on the last day of the month when that one is shorter."""
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def availabilities(on: dt.date | None = None) -> dict[str, Availability]:
    """The calendar status of every registered procedure, in one query."""
    on = on or today()
    overrides = {s.code: s for s in db.session.scalars(select(ProcedureSchedule))}
    result = {}
    for code, info in procedures().items():
        row = overrides.get(code)
        opens_on = row.opens_on if row else info.opens_on
        territories = tuple(row.territories or ()) if row else tuple(info.territories)
        if (row and row.closed) or opens_on is None:
            status = CLOSED
        elif opens_on > on:
            status = SCHEDULED
        else:
            status = OPEN
        result[code] = Availability(code, status, opens_on, territories)
    return result


def availability(code: str, on: dt.date | None = None) -> Availability | None:
    """The calendar status of one procedure, or None if it is not registered."""
    return availabilities(on).get(code)


def set_schedule(code: str, *, opens_on: dt.date | None, territories: list[str], closed: bool,
                 by_user_id: int | None) -> ProcedureSchedule:
    """Record a national administrator's calendar decision for a procedure."""
    row = db.session.get(ProcedureSchedule, code) or ProcedureSchedule(code=code)
    row.opens_on = opens_on
    row.territories = sorted(set(territories))
    row.closed = closed
    row.updated_by_id = by_user_id
    db.session.add(row)
    db.session.commit()
    return row
