"""The deployment calendar: whether a procedure can be started, where and from when."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from anef.calendar.models import ProcedureSchedule
from anef.extensions import db
from anef.plugins import procedures
from anef.procedures import Opening

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
    # The stages of a procedure deployed territory by territory (ProcedureInfo.openings), unless overridden.
    openings: tuple[Opening, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    def open_in(self, departement: str | None) -> bool:
        """Whether the procedure is open for a person living in ``departement``."""
        return self.is_open and (not self.territories or departement in self.territories)

    def opens_for(self, departement: str | None) -> dt.date | None:
        """The day the procedure opens (or opened) for a person living in ``departement``; None when no date is set."""
        if self.status == CLOSED or self.opens_on is None:
            return None
        stages = self.openings or (Opening(self.opens_on, self.territories),)
        return min((s.opens_on for s in stages if not s.territories or departement in s.territories), default=None)


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
        # A procedure deployed in stages (naturalisation's pilots) opens territory by territory, unless overridden.
        openings = () if row else tuple(info.openings)
        if openings:
            opens_on, territories = staged_opening(openings, on)
        if (row and row.closed) or opens_on is None:
            status = CLOSED
        elif opens_on > on:
            status = SCHEDULED
        else:
            status = OPEN
        result[code] = Availability(code, status, opens_on, territories, openings)
    return result


def staged_opening(openings: tuple[Opening, ...], on: dt.date) -> tuple[dt.date, tuple[str, ...]]:
    """The opening date and the territories open on ``on`` of a procedure deployed in stages.

    Before the first stage: its date and territories. Then the union of the stages already open, or
    everywhere (empty) once a stage without territories is open.
    """
    started = [o for o in openings if o.opens_on <= on]
    if not started:
        first = min(openings, key=lambda o: o.opens_on)
        return first.opens_on, tuple(first.territories)
    opens_on = min(o.opens_on for o in started)
    if any(not o.territories for o in started):
        return opens_on, ()
    return opens_on, tuple(sorted({t for o in started for t in o.territories}))


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
    from anef.public.page_cache import forget

    forget()  # the home page shows the calendar
    return row
