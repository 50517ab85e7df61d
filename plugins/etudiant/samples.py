"""Complete, valid answers of the student procedure, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"inscrit": "oui", "demande": "premiere", "vls_ts_non_valide": "non"}


def sample_answers(postcode: str = "75011", city: str = "Paris", renewal: bool = False,
                   today: dt.date | None = None, given_names: str = "Mei", family_name: str = "Zhang") -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"demande": "renouvellement" if renewal else "premiere"},
        "identite": {"nom": family_name.upper(), "prenoms": given_names, "sexe": "F", "date_naissance": "2002-03-14",
                     "lieu_naissance": "Shanghai", "pays_naissance": "Chine", "nationalite": "chinoise",
                     "telephone": "06 12 34 56 78"},
        "passeport": {"numero": "EA1234567", "pays_delivrance": "Chine", "date_delivrance": "2021-06-01",
                      "date_expiration": (today + dt.timedelta(days=2000)).isoformat()},
        "adresse": {"adresse": "12 rue des Écoles", "code_postal": postcode, "commune": city,
                    "hebergement": "residence"},
        "etudes": {"etablissement": "Sorbonne Université", "formation": "Master Informatique", "niveau": "M1",
                   "date_debut": (today - dt.timedelta(days=30)).isoformat(),
                   "date_fin": (today + dt.timedelta(days=250)).isoformat()},
        "ressources": {"source": "bourse", "montant_mensuel": "900"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    if renewal:
        answers["titre"] = {"numero_etranger": "7501234567", "titre_type": "carte_etudiant",
                            "titre_expiration": (today + dt.timedelta(days=90)).isoformat()}
        answers["parcours"] = {"redoublement": "non", "changement": "non"}
    else:
        entry = today - dt.timedelta(days=20)
        answers["entree"] = {"visa_numero": "FRA123456789", "visa_type": "long_sejour_temporaire",
                             "visa_debut": (entry - dt.timedelta(days=5)).isoformat(),
                             "visa_fin": (entry + dt.timedelta(days=80)).isoformat(),
                             "date_entree": entry.isoformat()}
    return answers
