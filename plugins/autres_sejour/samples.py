"""Complete, valid answers of the other residence cards, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

KINDS = ("stagiaire", "etranger_malade", "victime_traite", "admission_exceptionnelle")


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"motif": "stagiaire", "demande": "premiere"}


def sample_answers(motif: str = "stagiaire", postcode: str = "75011", city: str = "Paris", renewal: bool = False,
                   voie: str = "metiers_en_tension", today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"motif": motif, "demande": "renouvellement" if renewal else "premiere"},
        "identite": {"nom": "KOUASSI", "prenoms": "Ange", "sexe": "M", "date_naissance": "1991-12-01",
                     "lieu_naissance": "Abidjan", "pays_naissance": "Côte d'Ivoire", "nationalite": "ivoirienne",
                     "telephone": "06 01 02 03 04"},
        "passeport": {"numero": "18AB12345", "pays_delivrance": "Côte d'Ivoire", "date_delivrance": "2022-02-02",
                      "date_expiration": (today + dt.timedelta(days=1500)).isoformat()},
        "adresse": {"adresse": "30 rue des Pyrénées", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
    }
    work = voie in ("metiers_en_tension", "salarie")
    answers.update({
        "stagiaire": {"stage": {"organisme": "Danone", "siret": "55210055400013",
                                "date_debut": (today + dt.timedelta(days=10)).isoformat(),
                                "date_fin": (today + dt.timedelta(days=190)).isoformat(),
                                "gratification_mensuelle": "700"}},
        "etranger_malade": {"soins": {"date_arrivee": "2023-04-01", "medecin": "Dr Lefèvre",
                                      "certificat_confidentiel": "y"}},
        "victime_traite": {"plainte": {"date_plainte": (today - dt.timedelta(days=60)).isoformat(),
                                       "service": "Brigade de protection des mineurs, Paris"}},
        "admission_exceptionnelle": {"presence": {"date_arrivee": "2021-01-10", "voie": voie,
                                                  **({"employeur": "Bâti Est", "siret": "73282932000074",
                                                      "metier": "Maçon"} if work else {}),
                                                  "debut_emploi": "2022-03-01"}},
    }[motif])
    if motif != "victime_traite":
        answers["timbre"] = {"numero_timbre": "1234567812345678"}
    if renewal:
        answers["titre"] = {"numero_etranger": "7501234567", "titre_type": "cst",
                            "titre_expiration": (today + dt.timedelta(days=90)).isoformat()}
    elif motif == "stagiaire":
        entry = today - dt.timedelta(days=20)
        answers["entree"] = {"visa_numero": "FRA123456789", "visa_type": "long_sejour_temporaire",
                             "visa_debut": (entry - dt.timedelta(days=5)).isoformat(),
                             "visa_fin": (entry + dt.timedelta(days=80)).isoformat(),
                             "date_entree": entry.isoformat()}
    return answers
