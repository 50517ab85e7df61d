"""Complete, valid answers of the protection card, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"statut": "refugie", "demande": "premiere"}


def sample_answers(statut: str = "refugie", postcode: str = "75011", city: str = "Paris", renewal: bool = False,
                   today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"statut": statut, "demande": "renouvellement" if renewal else "premiere"},
        "identite": {"nom": "HABIBI", "prenoms": "Farid", "sexe": "M", "date_naissance": "1993-08-12",
                     "lieu_naissance": "Kaboul", "pays_naissance": "Afghanistan", "nationalite": "afghane",
                     "telephone": "07 65 43 21 09"},
        "protection": {"autorite": "ofpra", "date_decision": (today - dt.timedelta(days=40)).isoformat(),
                       "numero_ofpra": "2401234567"},
        "adresse": {"adresse": "12 rue de Belleville", "code_postal": postcode, "commune": city,
                    "hebergement": "centre"},
        "famille": {"situation_familiale": "celibataire", "enfants": "0"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    if renewal:
        answers["protection"]["date_decision"] = "2016-05-02"
        answers["titre"] = {"numero_etranger": "7501234567",
                            "titre_type": "resident_refugie" if statut == "refugie" else "csp_protection",
                            "titre_expiration": (today + dt.timedelta(days=90)).isoformat()}
    return answers
