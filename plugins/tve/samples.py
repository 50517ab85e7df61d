"""Complete, valid answers of the travel documents, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

# Eligibility answers of a refugee holding a carte de résident.
ELIGIBLE = {"statut": "refugie", "carte": "oui", "passeport_possible": "non"}


def sample_answers(statut: str = "refugie", card: str = "resident", postcode: str = "75019", city: str = "Paris",
                   previous: bool = False, today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"statut": statut},
        "identite": {"nom": "HABTE", "prenoms": "Selam", "sexe": "F", "date_naissance": "1992-03-14",
                     "lieu_naissance": "Asmara", "pays_naissance": "Érythrée", "nationalite": "érythréenne",
                     "telephone": "06 55 44 33 22"},
        "titre": {"numero_etranger": "7512345678", "numero_carte": "FR5566778", "titre_type": card,
                  "titre_expiration": (today + dt.timedelta(days=3000)).isoformat()},
        "voyage": {"ancien_titre": "oui" if previous else "non"},
        "photo": {"code_ephoto": "QW12ER34TY56UI78OP90AS"},
        "adresse": {"adresse": "31 rue de Belleville", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    if statut == "aucun":
        answers["sans_passeport"] = {"motif": "refus", "date_demarche": (today - dt.timedelta(days=60)).isoformat(),
                                     "explication": "Le consulat refuse de renouveler mon passeport."}
    else:
        answers["protection"] = {"autorite": "ofpra", "date_decision": "2021-06-02", "numero_ofpra": "21-012345"}
        answers["voyage"]["pays_exclu"] = "y"
    return answers
