"""Complete, valid answers of the duplicate, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"motif": "perte", "en_france": "oui", "expire_bientot": "non", "plainte": "non"}


def sample_answers(motif: str = "perte", card: str = "normal", postcode: str = "75011", city: str = "Paris",
                   today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    event = (today - dt.timedelta(days=6)).isoformat()
    if motif == "vol":
        declaration = {"date_evenement": event, "lieu": "Paris 11e", "circonstances": "Sac volé dans le métro.",
                       "date_plainte": (today - dt.timedelta(days=5)).isoformat(),
                       "service_plainte": "Commissariat du 11e arrondissement", "annulation": "y"}
    else:
        declaration = {"date_evenement": event, "lieu": "Paris", "circonstances": "Perdue lors d'un déménagement.",
                       "declaration_honneur": "y", "annulation": "y"}
    answers = {
        "situation": {"motif": motif},
        "identite": {"nom": "NGUYEN", "prenoms": "Thi Lan", "sexe": "F", "date_naissance": "1988-09-21",
                     "lieu_naissance": "Hanoï", "pays_naissance": "Viêt Nam", "nationalite": "vietnamienne",
                     "telephone": "07 12 34 56 78"},
        "carte": {"numero_etranger": "7501234567", "numero_carte": "FR1234567", "titre_type": card,
                  "titre_expiration": (today + dt.timedelta(days=700)).isoformat()},
        "declaration": declaration,
        "adresse": {"adresse": "5 boulevard Voltaire", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
    }
    if card != "ue":
        answers["timbre"] = {"numero_timbre": "1234567812345678"}
    return answers
