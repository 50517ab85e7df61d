"""Complete, valid answers of the visitor procedure, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"motif": "visite", "demande": "premiere", "vls_ts_non_valide": "non"}


def sample_answers(postcode: str = "75011", city: str = "Paris", renewal: bool = False,
                   today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"demande": "renouvellement" if renewal else "premiere"},
        "identite": {"nom": "SMITH", "prenoms": "Margaret", "sexe": "F", "date_naissance": "1958-07-02",
                     "lieu_naissance": "Toronto", "pays_naissance": "Canada", "nationalite": "canadienne",
                     "telephone": "06 12 34 56 78"},
        "passeport": {"numero": "HK123456", "pays_delivrance": "Canada", "date_delivrance": "2022-03-01",
                      "date_expiration": (today + dt.timedelta(days=2000)).isoformat()},
        "adresse": {"adresse": "8 rue du Cherche-Midi", "code_postal": postcode, "commune": city,
                    "hebergement": "locataire"},
        "ressources": {"source": "pension", "montant_annuel": "24000"},
        "assurance": {"assureur": "Assurances du Monde", "numero_contrat": "AM-778812",
                      "couverture_fin": (today + dt.timedelta(days=400)).isoformat()},
        "engagements": {"situation_familiale": "veuf", "sans_activite": "y"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    if renewal:
        answers["titre"] = {"numero_etranger": "7501234567", "titre_type": "carte_visiteur",
                            "titre_expiration": (today + dt.timedelta(days=90)).isoformat()}
    else:
        entry = today - dt.timedelta(days=20)
        answers["entree"] = {"visa_numero": "FRA123456789", "visa_type": "long_sejour_temporaire",
                             "visa_debut": (entry - dt.timedelta(days=5)).isoformat(),
                             "visa_fin": (entry + dt.timedelta(days=80)).isoformat(),
                             "date_entree": entry.isoformat()}
    return answers
