"""Complete, valid answers of a naturalisation request, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

FONDEMENTS = ("residence", "etudes", "refugie")
# Eligibility answers of the sample: an adult with a card, in the Puy-de-Dôme (a pilot département).
ELIGIBLE = {"code_postal": "63000", "majeur": "oui", "sejour_regulier": "oui", "conjoint_francais": "non"}


def sample_answers(fondement: str = "residence", postcode: str = "63000", city: str = "Clermont-Ferrand",
                   married: bool = True, children: int = 1, today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes (B2 and the civic exam too)."""
    today = today or dt.date.today()
    answers = {
        "situation": {"fondement": fondement,
                      "debut_residence": (today - dt.timedelta(days=365 * 8)).isoformat(),
                      "situation_familiale": "marie" if married else "celibataire",
                      "enfants_mineurs": str(children)},
        "identite": {"nom": "NGUYEN", "prenoms": "Thi Lan", "sexe": "F", "date_naissance": "1986-03-14",
                     "lieu_naissance": "Hanoï", "pays_naissance": "Viêt Nam", "nationalite": "vietnamienne",
                     "telephone": "06 12 34 56 78"},
        "titre": {"numero_etranger": "6301234567", "titre_type": "resident",
                  "titre_expiration": (today + dt.timedelta(days=2000)).isoformat()},
        "adresse": {"adresse": "12 rue Blatin", "code_postal": postcode, "commune": city, "hebergement": "personnel"},
        "langue": {"niveau_francais": "B2", "justificatif": "test", "examen_civique": "reussi"},
        "ressources": {"activite": "salarie", "annees_activite": "7", "revenus_annuels": "31000",
                       "employeur": "Michelin"},
        "parcours": {"pays_residence": "Viêt Nam", "condamnation": "non"},
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    if fondement != "refugie":
        answers["passeport"] = {"numero": "C1234567", "pays_delivrance": "Viêt Nam", "date_delivrance": "2020-02-01",
                                "date_expiration": (today + dt.timedelta(days=1500)).isoformat()}
    if married:
        answers["conjoint"] = {"conjoint_nom": "TRAN", "conjoint_prenoms": "Van Minh",
                               "conjoint_nationalite": "vietnamienne", "date_union": "2012-06-09"}
    if fondement == "etudes":
        answers["situation"]["debut_residence"] = (today - dt.timedelta(days=365 * 3)).isoformat()
        answers["etudes"] = {"etablissement": "Université Clermont Auvergne", "diplome": "Licence de chimie",
                             "date_obtention": (today - dt.timedelta(days=200)).isoformat()}
    return answers


def sample_stage_answers(today: dt.date | None = None) -> dict:
    """Valid answers of each stage's form (what the agents record), with dates around ``today``."""
    today = today or dt.date.today()
    return {
        "convocation": {"date_entretien": today.isoformat(), "heure_entretien": "10:30",
                        "lieu_entretien": "Préfecture de Loire-Atlantique, bureau 12"},
        "entretien": {"date_tenue": today.isoformat(), "charte_signee": "y", "appreciation": "satisfaisante",
                      "notes": "Bonne connaissance des institutions."},
        "enquete": {"date_retour": today.isoformat(), "enqueteur": "police", "resultat": "favorable"},
        "proposition": {"avis": "favorable", "motivation": ""},
        "decision": {"decision": "favorable", "motivation": ""},
        "decret": {"date_decret": (today - dt.timedelta(days=3)).isoformat(), "numero_decret": "INTN2612345D",
                   "date_jo": today.isoformat()},
        "ceremonie": {"date_ceremonie": (today + dt.timedelta(days=60)).isoformat(), "heure_ceremonie": "15:00",
                      "lieu_ceremonie": "Préfecture de Loire-Atlantique, salon d'honneur"},
    }
