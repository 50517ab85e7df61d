"""Complete, valid answers of the change of situation, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

# Eligibility answers of a card holder who married.
ELIGIBLE = {"changement": "mariage", "carte": "oui", "expire_bientot": "non"}


def event(kind: str, today: dt.date, married_name: bool = True) -> dict:
    """The answers of the event step of each kind of change."""
    day = (today - dt.timedelta(days=30)).isoformat()
    return {
        "mariage": {"date_evenement": day, "lieu": "Lyon", "pays": "France", "conjoint_nom": "MARTIN",
                    "conjoint_prenoms": "Julien", "conjoint_nationalite": "française",
                    "nom_usage": "oui" if married_name else "non"},
        "pacs": {"date_evenement": day, "conjoint_nom": "MARTIN", "conjoint_prenoms": "Julien",
                 "conjoint_nationalite": "française"},
        "divorce": {"date_evenement": day, "juridiction": "Tribunal judiciaire de Lyon",
                    "nom_usage": "oui" if married_name else "non"},
        "naissance": {"date_evenement": day, "enfant_nom": "MARTIN", "enfant_prenoms": "Léa", "lieu": "Lyon",
                      "adoption": "non"},
        "deces": {"date_evenement": day, "conjoint_nom": "MARTIN", "conjoint_prenoms": "Julien"},
        "nom": {"date_evenement": day, "autorite": "Tribunal judiciaire de Lyon", "ancien_nom": "SANTOS Maria",
                "nouveau_nom": "SANTOS OLIVEIRA Maria"},
        "etat_civil": {"champ": "date_naissance", "motif": "erreur", "valeur_carte": "12/03/1991",
                       "valeur_correcte": "21/03/1991", "date_evenement": "1991-03-25"},
    }[kind]


def sample_answers(kind: str = "mariage", card: str = "normal", married_name: bool = True, postcode: str = "69007",
                   city: str = "Lyon", today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"changement": kind},
        "identite": {"nom": "SANTOS", "prenoms": "Maria", "sexe": "F", "date_naissance": "1991-03-21",
                     "lieu_naissance": "Porto Alegre", "pays_naissance": "Brésil", "nationalite": "brésilienne",
                     "telephone": "06 22 33 44 55"},
        "titre": {"numero_etranger": "6901234568", "numero_carte": "FR9988776", "titre_type": card,
                  "titre_expiration": (today + dt.timedelta(days=800)).isoformat()},
        "evenement": event(kind, today, married_name),
        "adresse": {"adresse": "3 rue de Marseille", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
    }
    from plugins.changement_situation.checks import is_free, new_card

    if new_card(answers):
        answers["photo"] = {"code_ephoto": "MN34BV56CX78ZL90KJ12HG"}
    if not is_free(answers):
        answers["timbre"] = {"numero_timbre": "1234567812345678"}
    return answers
