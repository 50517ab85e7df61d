"""Naturalisation's stages through the agents' screens, for the plugin's tests."""
from __future__ import annotations

import datetime as dt

from plugins.naturalisation.samples import sample_stage_answers as stage_answers

ELIGIBILITY = {"majeur": "oui", "sejour_regulier": "oui", "conjoint_francais": "non", "code_postal": "44000"}


def record(agent_client, reference: str, code: str, data: dict | None = None, today: dt.date | None = None):
    """Post one stage's form; returns the response."""
    data = stage_answers(today)[code] if data is None else data
    return agent_client.post(f"/agent/dossiers/{reference}/etapes/{code}", data=data)
