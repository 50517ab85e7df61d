"""Complete, valid answers of a work authorisation, for the demo data and the tests.

The request is filed from an employer account: ``EMPLOYER`` is the company the account was opened for (its
SIRET passes the Luhn check, so API Entreprise's simulator knows it as an active establishment).
"""
from __future__ import annotations

import datetime as dt

# Who files this procedure: an employer account of this company (anef.employers).
FILED_BY = "employer"
EMPLOYER = {"siret": "73282932000074", "raison_sociale": "Entreprise de démonstration 732829320"}

# Eligibility answers that lead to a salaried job.
ELIGIBLE = {"ressortissant_ue": "non", "titre_autorisant": "non", "emploi": "salarie"}


def sample_answers(*, contract: str = "cdi", months: str = "", tension: bool = True, abroad: bool = True,
                   postcode: str = "75011", city: str = "Paris", salary: str = "2600",
                   today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    answers = {
        "employeur": {**EMPLOYER, "contact_nom": "Claire Durand", "contact_telephone": "+33 1 44 55 66 77",
                      "effectif": "42", "exoneration_taxe": "aucune", "documents_recents": "non", "engagement": "y"},
        "identite": {"nom": "NGUYEN", "prenoms": "Van An", "sexe": "M", "date_naissance": "1994-06-15",
                     "lieu_naissance": "Hanoï", "pays_naissance": "Viêt Nam", "nationalite": "vietnamienne"},
        "passeport": {"numero": "C1234567", "pays_delivrance": "Viêt Nam", "date_delivrance": "2022-03-01",
                      "date_expiration": (today + dt.timedelta(days=2200)).isoformat()},
        "residence": {"lieu_residence": "etranger" if abroad else "france"},
        "emploi": {"poste": "Développeur logiciel", "metier_en_tension": "oui" if tension else "non",
                   "profession_reglementee": "non", "type_contrat": contract,
                   "date_debut": (today + dt.timedelta(days=75)).isoformat(), "duree_mois": months,
                   "heures_hebdo": "35", "salaire_mensuel_brut": salary, "minimum_conventionnel": ""},
        "lieu_travail": {"adresse": "12 rue de la Roquette", "code_postal": postcode, "commune": city},
    }
    if abroad:
        answers["etranger"] = {"pays_residence": "Viêt Nam", "ville_consulat": "Hanoï"}
    else:
        answers["titre"] = {"numero_etranger": "7512345678", "titre_type": "etudiant",
                            "titre_expiration": (today + dt.timedelta(days=100)).isoformat()}
    if not tension:
        answers["recrutement"] = {"offre_numero": "178QRTX", "offre_debut": (today - dt.timedelta(days=60)).isoformat(),
                                  "offre_fin": (today - dt.timedelta(days=30)).isoformat(), "candidatures": "4",
                                  "motif": "Aucun candidat ne maîtrisait le langage demandé."}
    if contract == "saisonnier":
        answers["lieu_travail"]["logement_fourni"] = "oui"
    return answers
