"""Complete, valid answers of the DCEM, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

# Eligibility answers of a mother holding a residence card, for her 9-year-old son.
ELIGIBLE = {"lien": "parent", "mineur": "oui", "francais": "non", "fondement": "parent_titre"}


def sample_answers(fondement: str = "parent_titre", card: str = "csp", postcode: str = "75011", city: str = "Paris",
                   today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes (the child is 9)."""
    today = today or dt.date.today()
    born = today.replace(year=today.year - 9, day=min(today.day, 28))
    answers = {
        "situation": {"fondement": fondement},
        "identite": {"nom": "OKAFOR", "prenoms": "Chidi", "sexe": "M", "date_naissance": born.isoformat(),
                     "lieu_naissance": "Lagos", "pays_naissance": "Nigeria", "nationalite": "nigériane"},
        "passeport": {"numero": "A09876543", "pays_delivrance": "Nigeria",
                      "date_delivrance": (today - dt.timedelta(days=400)).isoformat(),
                      "date_expiration": (today + dt.timedelta(days=1400)).isoformat()},
        "parent": {"lien": "mere", "nom": "OKAFOR", "prenoms": "Ngozi", "date_naissance": "1986-04-12",
                   "nationalite": "nigériane", "telephone": "06 11 22 33 44", "situation_parents": "maries"},
        "photo": {"code_ephoto": "ZX98CV76BN54ML32KJ10HG"},
        "adresse": {"adresse": "8 rue de la Roquette", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
    }
    if fondement in ("parent_titre", "entree_avant_13", "mayotte"):
        answers["titre"] = {"numero_etranger": "7509876541", "numero_carte": "FR7654321", "titre_type": card,
                            "titre_expiration": (today + dt.timedelta(days=900)).isoformat()}
    elif fondement == "parent_francais_ue":
        answers["piece_parent"] = {"nationalite_parent": "francaise", "piece_type": "cni",
                                   "piece_numero": "X4RTBPFW4", "piece_expiration":
                                   (today + dt.timedelta(days=2000)).isoformat()}
    if fondement == "entree_avant_13":
        answers["entree"] = {"date_entree": born.replace(year=born.year + 5).isoformat()}
    elif fondement == "visa_long_sejour":
        start = today - dt.timedelta(days=200)
        answers["entree"] = {"visa_numero": "FRA123456780", "visa_type": "long_sejour_titre",
                             "visa_debut": start.isoformat(), "visa_fin": (start + dt.timedelta(days=364)).isoformat(),
                             "date_entree": (start + dt.timedelta(days=3)).isoformat()}
    if fondement == "mayotte":
        answers["adresse"].update(code_postal="97600", commune="Mamoudzou")
    if not (card in ("ue", "retrait") and fondement in ("parent_titre", "entree_avant_13", "mayotte")):
        answers["timbre"] = {"numero_timbre": "1234567812345678"}
    return answers
