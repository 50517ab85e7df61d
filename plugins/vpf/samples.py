"""Complete, valid answers of the « vie privée et familiale » card, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

MOTIFS = ("conjoint_francais", "parent_enfant_francais", "regroupement_familial", "liens_personnels")


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"motif": "conjoint_francais", "demande": "premiere", "vls_ts_non_valide": "non"}


def sample_answers(motif: str = "conjoint_francais", postcode: str = "75011", city: str = "Paris",
                   renewal: bool = False, today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"motif": motif, "demande": "renouvellement" if renewal else "premiere"},
        "identite": {"nom": "BENSALEM", "prenoms": "Karim", "sexe": "M", "date_naissance": "1989-02-17",
                     "lieu_naissance": "Tunis", "pays_naissance": "Tunisie", "nationalite": "tunisienne",
                     "telephone": "06 44 55 66 77"},
        "passeport": {"numero": "Z1234567", "pays_delivrance": "Tunisie", "date_delivrance": "2022-09-01",
                      "date_expiration": (today + dt.timedelta(days=1800)).isoformat()},
        "adresse": {"adresse": "17 rue de Charonne", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    answers.update({
        "conjoint_francais": {"conjoint": {"conjoint_nom": "MARTIN", "conjoint_prenoms": "Claire",
                                           "conjoint_francais": "oui", "date_mariage": "2024-06-15",
                                           "lieu_mariage": "etranger", "transcription": "oui", "vie_commune": "oui"}},
        "parent_enfant_francais": {"parent": {"enfant_nom": "BENSALEM", "enfant_prenoms": "Lina",
                                              "enfant_naissance": "2021-03-08", "enfant_en_france": "oui",
                                              "contribution_depuis": "2021-03-08"}},
        "regroupement_familial": {"regroupement": {"regroupant_nom": "BENSALEM", "regroupant_prenoms": "Sonia",
                                                   "regroupant_numero_etranger": "6901234567",
                                                   "regroupant_carte": "resident", "lien": "conjoint"}},
        "liens_personnels": {"liens": {"date_arrivee": "2018-09-01", "famille_en_france": "Mes deux frères.",
                                       "insertion": "Cuisinier depuis 2019, cours de français.",
                                       "attaches_pays": "Plus de parents vivants."}},
    }[motif])
    if renewal:
        answers["titre"] = {"numero_etranger": "7501234567", "titre_type": "cst_vpf",
                            "titre_expiration": (today + dt.timedelta(days=90)).isoformat()}
        answers["integration"] = {"niveau_francais": "B1", "examen_civique": "reussi", "algerien": "non"}
    elif motif in ("conjoint_francais", "regroupement_familial"):
        entry = today - dt.timedelta(days=20)
        answers["entree"] = {"visa_numero": "FRA123456789", "visa_type": "long_sejour_temporaire",
                             "visa_debut": (entry - dt.timedelta(days=5)).isoformat(),
                             "visa_fin": (entry + dt.timedelta(days=80)).isoformat(),
                             "date_entree": entry.isoformat()}
    return answers
