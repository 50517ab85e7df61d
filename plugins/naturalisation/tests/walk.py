"""Naturalisation's stages through the agents' screens, for the plugin's tests."""
from __future__ import annotations

import datetime as dt

ELIGIBILITY = {"majeur": "oui", "sejour_regulier": "oui", "conjoint_francais": "non", "code_postal": "44000"}


def stage_answers(today: dt.date | None = None) -> dict:
    """Valid answers of each stage's form, with dates around ``today``."""
    today = today or dt.date.today()
    return {
        "convocation": {"date_entretien": today.isoformat(), "heure_entretien": "10:30",
                        "lieu_entretien": "Préfecture de Loire-Atlantique, bureau 12"},
        "entretien": {"date_tenue": today.isoformat(), "charte_signee": "y", "appreciation": "satisfaisante",
                      "notes": "Bonne connaissance des institutions."},
        "enquete": {"date_retour": today.isoformat(), "enqueteur": "police", "resultat": "favorable"},
        "proposition": {"avis": "favorable", "motivation": ""},
        "decision": {"decision": "favorable", "motivation": ""},
        "decret": {"date_decret": (today - dt.timedelta(days=3)).isoformat(), "numero_decret": "INTN2612345D",
                   "date_jo": today.isoformat()},
        "ceremonie": {"date_ceremonie": (today + dt.timedelta(days=60)).isoformat(), "heure_ceremonie": "15:00",
                      "lieu_ceremonie": "Préfecture de Loire-Atlantique, salon d'honneur"},
    }


def record(agent_client, reference: str, code: str, data: dict | None = None, today: dt.date | None = None):
    """Post one stage's form; returns the response."""
    data = stage_answers(today)[code] if data is None else data
    return agent_client.post(f"/agent/dossiers/{reference}/etapes/{code}", data=data)
