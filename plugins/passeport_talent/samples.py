"""Complete, valid answers of the talent card for each kind, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt

KINDS = ("salarie_qualifie", "carte_bleue", "chercheur", "creation_entreprise", "projet_innovant", "investisseur",
         "mandataire_social", "artiste", "renommee")


# Eligibility answers that lead to the sample's kind of request.
ELIGIBLE = {"categorie": "salarie_qualifie", "demande": "premiere", "vls_ts_non_valide": "non"}


def _job(today: dt.date, salary: str) -> dict:
    return {"employeur": "Danone", "siret": "55210055400013", "poste": "Ingénieure data", "type_contrat": "cdi",
            "date_debut": (today + dt.timedelta(days=30)).isoformat(), "salaire_annuel": salary}


def kind_answers(kind: str, today: dt.date) -> dict:
    """The answers of the steps proper to ``kind``."""
    degree = {"niveau_diplome": "master", "intitule_diplome": "Master en science des données",
              "experience_annees": "6"}
    project = {"nom_projet": "Lumen Robotique", "description": "Robots de tri pour les centres de recyclage.",
               "entreprise_creee": "oui", "siren": "732829320", "montant_investi": "45000"}
    return {
        "salarie_qualifie": {"qualification": degree, "autorisation": {"a_autorisation": "non"},
                             "emploi": _job(today, "52000")},
        "carte_bleue": {"qualification": degree, "autorisation": {"a_autorisation": "non"},
                        "emploi": _job(today, "65000")},
        "chercheur": {"qualification": {**degree, "niveau_diplome": "doctorat"},
                      "recherche": {"organisme": "CNRS", "convention_date": (today - dt.timedelta(days=40)).isoformat(),
                                    "duree_mois": "24", "sujet": "Modèles climatiques régionaux."}},
        "creation_entreprise": {"qualification": degree, "projet": project},
        "projet_innovant": {"projet": {**project, "organisme_reconnaissance": "Bpifrance"}},
        "investisseur": {"investissement": {"societe": "Vignobles du Sud", "siren": "443061841", "mode": "societe",
                                            "part_detenue": "60", "montant_investi": "450000", "emplois": "4"}},
        "mandataire_social": {"mandat": {**_job(today, "90000"), "poste": "Directrice générale",
                                         "anciennete_groupe_mois": "18"}},
        "artiste": {"artiste": {"domaine": "Musique", "ressources_mensuelles": "2100", "contrats_mois": "5"}},
        "renommee": {"renommee": {"domaine": "sportif", "realisations": "Médaille olympique 2024.",
                                  "projet": "Entraîner l'équipe nationale junior."}},
    }[kind]


def sample_answers(kind: str = "salarie_qualifie", postcode: str = "75011", city: str = "Paris",
                   renewal: bool = False, today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "situation": {"categorie": kind, "demande": "renouvellement" if renewal else "premiere"},
        "identite": {"nom": "OKAFOR", "prenoms": "Chidinma", "sexe": "F", "date_naissance": "1990-04-12",
                     "lieu_naissance": "Lagos", "pays_naissance": "Nigeria", "nationalite": "nigériane",
                     "telephone": "+33 6 12 34 56 78"},
        "passeport": {"numero": "A09876543", "pays_delivrance": "Nigeria", "date_delivrance": "2021-02-01",
                      "date_expiration": (today + dt.timedelta(days=2000)).isoformat()},
        "adresse": {"adresse": "40 avenue de la République", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
        **kind_answers(kind, today),
        "timbre": {"numero_timbre": "1234567812345678"},
    }
    if renewal:
        answers["titre"] = {"numero_etranger": "7501234567", "titre_type": "carte_talent",
                            "titre_expiration": (today + dt.timedelta(days=90)).isoformat()}
    else:
        entry = today - dt.timedelta(days=20)
        answers["entree"] = {"visa_numero": "FRA123456789", "visa_type": "long_sejour_temporaire",
                             "visa_debut": (entry - dt.timedelta(days=5)).isoformat(),
                             "visa_fin": (entry + dt.timedelta(days=80)).isoformat(),
                             "date_entree": entry.isoformat()}
    return answers
