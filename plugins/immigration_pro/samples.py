"""Complete, valid answers of the professional-immigration cards, for the demo data and the tests.

The « salarié », « travailleur temporaire » and « travailleur saisonnier » cards need a granted work authorisation
in the database (its number and the employer's SIRET): ``sample_answers(kind, number=…, siret=…)``; their « Votre
emploi » step is what the authorisation fills. Without one, the samples are an ICT transfer's, which needs none.
"""
from __future__ import annotations

import datetime as dt

# Eligibility answers that lead to the default sample (an ICT transfer, first request after arrival).
ELIGIBLE = {"categorie": "ict", "demande": "premiere", "autorisation_accordee": "non", "vls_ts_non_valide": "non"}


def eligibility(kind: str = "ict", request: str = "premiere") -> dict:
    return {"categorie": kind, "demande": request, "autorisation_accordee": "non" if kind == "ict" else "oui",
            "vls_ts_non_valide": "non"}


def sample_answers(kind: str = "ict", *, request: str = "premiere", number: str = "", siret: str = "",
                   job: dict | None = None, postcode: str = "69003", city: str = "Lyon",
                   today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes. For a linked card, ``job`` is
    the « Votre emploi » step as the authorisation fills it (the tests read it from the granted authorisation)."""
    today = today or dt.date.today()
    answers = {
        "situation": {"categorie": kind, "demande": request},
        "identite": {"nom": "NGUYEN", "prenoms": "Van An", "sexe": "M", "date_naissance": "1994-06-15",
                     "lieu_naissance": "Hanoï", "pays_naissance": "Viêt Nam", "nationalite": "vietnamienne",
                     "telephone": "+33 6 11 22 33 44"},
        "passeport": {"numero": "C1234567", "pays_delivrance": "Viêt Nam", "date_delivrance": "2022-03-01",
                      "date_expiration": (today + dt.timedelta(days=2200)).isoformat()},
        "adresse": {"adresse": "8 rue Servient", "code_postal": postcode, "commune": city, "hebergement": "personnel"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    if kind == "ict":
        answers["emploi"] = {"entreprise_origine": "Vina Soft Ltd", "groupe": "Groupe Vina", "employeur": "Vina France",
                             "siret": "44306184100047", "poste": "Cheffe de projet", "anciennete_groupe_mois": "18",
                             "date_debut": (today - dt.timedelta(days=10)).isoformat(), "duree_mission_mois": "24",
                             "salaire_mensuel_brut": "4200"}
    else:
        answers["autorisation"] = {"numero_autorisation": number, "siret_employeur": siret}
        answers["emploi"] = dict(job or {})
    if kind == "saisonnier":
        answers["saison"] = {"pays_residence": "Maroc", "residence_habituelle": "y"}
    if request == "premiere":
        entry = today - dt.timedelta(days=20)
        answers["entree"] = {"visa_numero": "FRA123456789", "visa_type": "long_sejour_temporaire",
                             "visa_debut": (entry - dt.timedelta(days=5)).isoformat(),
                             "visa_fin": (entry + dt.timedelta(days=80)).isoformat(), "date_entree": entry.isoformat()}
    else:
        answers["titre"] = {"numero_etranger": "7512345678",
                            "titre_type": "etudiant" if request == "changement_statut" else kind,
                            "titre_expiration": (today + dt.timedelta(days=90)).isoformat()}
    return answers
