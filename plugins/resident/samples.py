"""Complete, valid answers of the resident card, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

MOTIFS = ("conjoint_francais", "regroupement_familial", "parent_enfant_francais", "longue_duree_ue")


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"motif": "conjoint_francais", "demande": "premiere"}


def sample_answers(motif: str = "conjoint_francais", postcode: str = "75011", city: str = "Paris",
                   renewal: bool = False, today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"motif": motif, "demande": "renouvellement" if renewal else "premiere"},
        "identite": {"nom": "DIOP", "prenoms": "Aminata", "sexe": "F", "date_naissance": "1985-06-30",
                     "lieu_naissance": "Dakar", "pays_naissance": "Sénégal", "nationalite": "sénégalaise",
                     "telephone": "06 55 44 33 22"},
        "passeport": {"numero": "A1234567", "pays_delivrance": "Sénégal", "date_delivrance": "2021-01-15",
                      "date_expiration": (today + dt.timedelta(days=1500)).isoformat()},
        "titre": {"numero_etranger": "7501234567", "titre_type": "resident" if renewal else "csp",
                  "titre_expiration": (today + dt.timedelta(days=90)).isoformat()},
        "adresse": {"adresse": "9 rue Saint-Maur", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    if not renewal:
        answers.update({
            "conjoint_francais": {"mariage": {"conjoint_nom": "LEROY", "conjoint_francais": "oui",
                                              "date_mariage": "2019-05-04", "vie_commune": "oui"}},
            "regroupement_familial": {"regroupement": {"date_arrivee": "2020-02-01", "regroupant_carte": "resident"}},
            "parent_enfant_francais": {"parent": {"enfant_naissance": "2017-10-10", "premiere_carte_vpf": "2019-01-10"}},
            "longue_duree_ue": {"longue_duree": {"debut_sejour_regulier": "2016-09-01", "annees_etudes": "2",
                                                 "ressources_annuelles": "26000", "assurance_maladie": "oui"}},
        }[motif])
        answers["integration"] = {"niveau_francais": "B1", "examen_civique": "reussi", "algerien": "non"}
    return answers
