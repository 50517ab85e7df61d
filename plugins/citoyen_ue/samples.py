"""Complete, valid answers of the EU citizens' card, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"qui": "citoyen", "carte": "sejour"}


def sample_answers(qui: str = "citoyen", carte: str = "sejour", activite: str = "salarie", postcode: str = "75011",
                   city: str = "Paris", today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    arrival = today - dt.timedelta(days=(6 * 366) if carte == "permanent" else 200)
    answers = {
        "situation": {"qui": qui, "carte": carte},
        "identite": {"nom": "ROSSI", "prenoms": "Giulia", "sexe": "F", "date_naissance": "1992-11-03",
                     "lieu_naissance": "Turin", "pays_naissance": "Italie", "nationalite": "italienne",
                     "telephone": "06 11 22 33 44"},
        "sejour": {"date_arrivee": arrival.isoformat(), "activite": activite, "assurance_maladie": "oui"},
        "adresse": {"adresse": "3 rue de Lappe", "code_postal": postcode, "commune": city, "hebergement": "personnel"},
    }
    if activite in ("inactif", "retraite"):
        answers["sejour"]["ressources_mensuelles"] = "1800"
    identity = {"numero": "CA1234567", "date_delivrance": "2022-01-10",
                "date_expiration": (today + dt.timedelta(days=1800)).isoformat()}
    if qui == "famille":
        answers["identite"].update(nom="MENDES", prenoms="Ana", nationalite="brésilienne", pays_naissance="Brésil",
                                   lieu_naissance="Salvador")
        answers["passeport"] = {**identity, "numero": "FZ654321", "pays_delivrance": "Brésil"}
        answers["citoyen"] = {"nom": "ROSSI", "prenoms": "Marco", "nationalite": "IT", "lien": "conjoint",
                              "activite": "salarie"}
    else:
        answers["piece_identite"] = {**identity, "type_document": "carte_identite", "pays_delivrance": "IT"}
    return answers
