"""The base of the forms an agent fills at a procedure's stage (plugins subclass it)."""
from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm

from anef.procedures import StageOutcome


class StageForm(FlaskForm):
    """What an agent records at one stage. Subclasses declare fields and may override the three methods below."""

    def outcome(self) -> StageOutcome:
        """What recording the stage decides: by default nothing more than the stage being done."""
        return StageOutcome()

    def recorded(self) -> dict:
        """The answers kept in ``dossier.stage_data`` (dates as ISO strings)."""
        kept = {}
        for field in self:
            if field.name == "csrf_token" or field.data in (None, ""):
                continue
            kept[field.name] = field.data.isoformat() if isinstance(field.data, (dt.date, dt.time)) else field.data
        return kept

    @classmethod
    def public_text(cls, data: dict):
        """What the applicant reads of this stage once recorded (``data`` as :meth:`recorded` kept it), or None.
        Agents' private notes are never part of it."""
        return None
