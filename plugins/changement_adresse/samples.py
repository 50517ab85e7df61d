"""Complete, valid answers of the change of address, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

# Eligibility answers of a card holder moving within France.
ELIGIBLE = {"situation": "carte", "en_france": "oui", "expire_bientot": "non"}


def sample_answers(statut: str = "carte", card: str = "normal", postcode: str = "69003", city: str = "Lyon",
                   old_postcode: str = "75011", old_city: str = "Paris", today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"statut": statut},
        "identite": {"nom": "NGUYEN", "prenoms": "Thi Lan", "sexe": "F", "date_naissance": "1988-09-21",
                     "lieu_naissance": "Hanoï", "pays_naissance": "Viêt Nam", "nationalite": "vietnamienne",
                     "telephone": "07 12 34 56 78"},
        "adresse": {"adresse": "14 rue Paul Bert", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel", "date_emmenagement": (today - dt.timedelta(days=20)).isoformat()},
        "ancienne_adresse": {"adresse": "5 boulevard Voltaire", "code_postal": old_postcode, "commune": old_city},
    }
    if statut == "carte":
        answers["titre"] = {"numero_etranger": "7501234567", "numero_carte": "FR1234567", "titre_type": card,
                            "titre_expiration": (today + dt.timedelta(days=700)).isoformat()}
        answers["photo"] = {"code_ephoto": "AB12CD34EF56GH78IJ90KL"}
        if card != "ue":
            answers["timbre"] = {"numero_timbre": "1234567812345678"}
    return answers
