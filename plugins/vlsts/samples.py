"""Complete, valid answers of the VLS-TS validation, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"mention": "oui", "algerien": "non", "motif": "salarie"}


def sample_answers(motif: str = "salarie", postcode: str = "75011", city: str = "Paris", entered_days_ago: int = 20,
                   today: dt.date | None = None) -> dict:
    """Answers of every step; with the defaults, every check passes and the validation is granted at once."""
    today = today or dt.date.today()
    entry = today - dt.timedelta(days=entered_days_ago)
    start = entry - dt.timedelta(days=10)
    return {
        "visa": {"visa_numero": "FRA123456789", "motif": motif,
                 "date_delivrance": (start - dt.timedelta(days=15)).isoformat(), "visa_debut": start.isoformat(),
                 "visa_fin": (start + dt.timedelta(days=364)).isoformat(), "date_entree": entry.isoformat()},
        "identite": {"nom": "SILVA", "prenoms": "João Pedro", "sexe": "M", "date_naissance": "1995-01-30",
                     "lieu_naissance": "Recife", "pays_naissance": "Brésil", "nationalite": "brésilienne",
                     "telephone": "06 98 76 54 32"},
        "famille": {"situation_familiale": "celibataire", "enfants": "0"},
        "passeport": {"numero": "FX123456", "pays_delivrance": "Brésil", "date_delivrance": "2023-05-10",
                      "date_expiration": (today + dt.timedelta(days=2500)).isoformat()},
        "adresse": {"adresse": "22 rue Oberkampf", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
