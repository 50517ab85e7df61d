"""Document requirements shared by procedures.

A kind keeps one name across procedures (``passeport``, ``justificatif_domicile``…) so that the
wallet offers a document given for one dossier to the next one that needs it.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from anef.procedures import DocumentRequirement


def passeport(step: str = "passeport") -> DocumentRequirement:
    return DocumentRequirement("passeport", _l("Passeport"),
                               _l("Les pages avec votre photo, votre identité et les dates de validité."),
                               expiry_answer=(step, "date_expiration"), identity=True)


def titre_sejour(step: str = "titre", mandatory: bool = True) -> DocumentRequirement:
    return DocumentRequirement("titre_sejour", _l("Titre de séjour actuel"), _l("Recto et verso."),
                               mandatory=mandatory, expiry_answer=(step, "titre_expiration"), identity=True)


def visa(step: str = "entree", field: str = "visa_fin") -> DocumentRequirement:
    return DocumentRequirement("visa", _l("Visa et tampon d'entrée"),
                               _l("La page du visa et celle du tampon d'entrée en France."),
                               expiry_answer=(step, field), identity=True)


def justificatif_domicile() -> DocumentRequirement:
    return DocumentRequirement("justificatif_domicile", _l("Justificatif de domicile de moins de 3 mois"),
                               _l("Facture d'électricité, de téléphone fixe ou d'internet, quittance de loyer, "
                                  "attestation de résidence universitaire."), max_age_days=90)


def attestation_hebergement() -> DocumentRequirement:
    return DocumentRequirement("attestation_hebergement", _l("Attestation d'hébergement"),
                               _l("Datée et signée par la personne qui vous héberge, avec la copie de sa "
                                  "pièce d'identité."))


def housing(answers: dict, step: str = "adresse", hosted=("tiers",)) -> list[DocumentRequirement]:
    """The proof of address, and the host's attestation when the person is housed by someone."""
    docs = [justificatif_domicile()]
    if (answers.get(step) or {}).get("hebergement") in hosted:
        docs.append(attestation_hebergement())
    return docs


def acte_naissance() -> DocumentRequirement:
    return DocumentRequirement("acte_naissance", _l("Acte de naissance"),
                               _l("Copie intégrale avec filiation, traduite en français par un traducteur assermenté "
                                  "si elle est dans une autre langue."))


def ressources(help_text=None) -> DocumentRequirement:
    return DocumentRequirement("ressources", _l("Justificatif de ressources"),
                               help_text or _l("Relevés bancaires des 3 derniers mois, attestations de pension ou de "
                                               "revenus, ou engagement d'un garant avec ses justificatifs."),
                               max_age_days=90)


def assurance_maladie() -> DocumentRequirement:
    return DocumentRequirement("assurance_maladie", _l("Attestation d'assurance maladie"),
                               _l("Elle couvre toute la durée du séjour demandé."))


def contrat_travail() -> DocumentRequirement:
    return DocumentRequirement("contrat_travail", _l("Contrat de travail"),
                               _l("Signé par vous et l'employeur, avec la rémunération et la durée."))


def bulletins_salaire() -> DocumentRequirement:
    return DocumentRequirement("bulletins_salaire", _l("Bulletins de salaire des 3 derniers mois"), max_age_days=120)


def diplome(help_text=None) -> DocumentRequirement:
    return DocumentRequirement("diplome", _l("Diplôme"),
                               help_text or _l("Le diplôme le plus élevé, avec sa traduction s'il n'est pas en français."))
