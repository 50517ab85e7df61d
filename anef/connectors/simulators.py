"""Local simulators: deterministic answers computed from the dossier's data, so that everything runs offline.

The rules are documented in docs/connectors.md; tests and the demo rely on them. Test identities are names no
real applicant of the test data carries; the hash rule gives a rare FPR hit (1 in 4,096) spread over
every name, for load tests.
"""
from __future__ import annotations

import hashlib
import re

from flask_babel import gettext as _

from anef.connectors.base import HIT, NOT_FOUND, OK, ConnectorResult, Subject

# Family names (upper case, without accents) that the simulators treat as known to a file.
FPR_TEST_NAMES = frozenset({"DALTON", "LUPIN"})
CJN_TEST_NAMES = frozenset({"LUPIN", "FANTOMAS"})
SIS_TEST_NAMES = frozenset({"DALTON", "FANTOMAS"})
OFPRA_TEST_NAMES = {"NANSEN": "refugie", "ARENDT": "apatride"}

_VISA = re.compile(r"[A-Z]{3}\d{9}")


def normalise_name(name: str) -> str:
    """Upper case, accents and surrounding spaces removed: how the files compare names."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper().strip()


def _identity(subject: Subject) -> tuple[tuple[str, str], ...]:
    return ((_("Nom"), normalise_name(subject.family_name)), (_("Prénoms"), subject.given_names),
            (_("Date de naissance"), subject.birth_date))


def fpr_hash_hit(subject: Subject) -> bool:
    """The hash rule: the SHA-256 of ``NAME|birth date`` starts with three zeros (1 in 4,096 identities)."""
    key = f"{normalise_name(subject.family_name)}|{subject.birth_date}".encode()
    return hashlib.sha256(key).hexdigest().startswith("000")


def fpr(subject: Subject) -> ConnectorResult:
    """Fichier des personnes recherchées: a hit for a test name or the hash rule."""
    name = normalise_name(subject.family_name)
    if name in FPR_TEST_NAMES or fpr_hash_hit(subject):
        return ConnectorResult(HIT, _("Fiche FPR trouvée : personne recherchée (fiche de test)."),
                               evidence=(*_identity(subject), (_("Motif de la fiche"), _("Fiche de test du simulateur")),
                                         (_("Conduite à tenir"), _("Prendre l'attache du service émetteur avant toute décision."))),
                               details={"fiche": f"FPR-SIM-{hashlib.sha256(name.encode()).hexdigest()[:8].upper()}",
                                        "rule": "test_name" if name in FPR_TEST_NAMES else "hash"})
    return ConnectorResult(NOT_FOUND, _("Aucune fiche au FPR pour cette identité."))


def cjn(subject: Subject) -> ConnectorResult:
    """Casier judiciaire national, bulletin n° 2: « néant » except for test names."""
    if normalise_name(subject.family_name) in CJN_TEST_NAMES:
        return ConnectorResult(HIT, _("Bulletin n° 2 : une condamnation inscrite (donnée de test)."),
                               evidence=(*_identity(subject), (_("Condamnation"), _("Vol, 6 mois d'emprisonnement avec sursis")),
                                         (_("Juridiction"), _("Tribunal correctionnel (simulateur)"))),
                               details={"bulletin": 2, "condamnations": 1})
    return ConnectorResult(OK, _("Bulletin n° 2 : néant."), details={"bulletin": 2, "condamnations": 0})


def sis(subject: Subject) -> ConnectorResult:
    """Système d'information Schengen: an alert for test names or a passport number starting with ``SIS``."""
    name = normalise_name(subject.family_name)
    passport = (subject.passport_number or "").upper()
    if name in SIS_TEST_NAMES or passport.startswith("SIS"):
        return ConnectorResult(HIT, _("Signalement SIS : non-admission dans l'espace Schengen (donnée de test)."),
                               evidence=(*_identity(subject), (_("Passeport"), passport),
                                         (_("Type de signalement"), _("Non-admission (article 24)")),
                                         (_("État signalant"), _("Simulateur"))),
                               details={"article": 24})
    return ConnectorResult(NOT_FOUND, _("Aucun signalement dans le SIS."))


def agdref(subject: Subject) -> ConnectorResult:
    """AGDREF: the card history of a numéro étranger; numbers starting with ``00`` are unknown, numbers ending
    with ``13`` belong to someone else (a hit); without a number, an identity search finds nothing."""
    number = subject.numero_etranger
    if not number:
        return ConnectorResult(NOT_FOUND, _("Aucun numéro étranger dans la demande ; aucun dossier AGDREF trouvé "
                                            "pour cette identité."))
    if number.startswith("00"):
        return ConnectorResult(NOT_FOUND, _("Numéro étranger %(number)s inconnu d'AGDREF.", number=number))
    if number.endswith("13"):
        return ConnectorResult(HIT, _("Le numéro étranger %(number)s est attribué à une autre identité.", number=number),
                               evidence=((_("Numéro étranger"), number),
                                         (_("Identité déclarée"), normalise_name(subject.family_name)),
                                         (_("Identité dans AGDREF"), "MARTIN-SIMULATEUR")),
                               details={"numero_etranger": number, "mismatch": True})
    count = 1 + int(number[-1]) % 3
    first_year = 2015 + int(number[-2]) % 8
    cards = [{"type": "carte de séjour temporaire « étudiant »", "du": f"{first_year + i}-09-01",
              "au": f"{first_year + i + 1}-08-31"} for i in range(count)]
    return ConnectorResult(
        OK, _("%(count)s titre(s) délivré(s) depuis %(year)s.", count=count, year=first_year),
        evidence=tuple((_("Titre %(n)s", n=i + 1), f"{c['type']}, {c['du']} → {c['au']}") for i, c in enumerate(cards)),
        details={"numero_etranger": number, "titres": cards})


def visabio(subject: Subject) -> ConnectorResult:
    """VISABIO: the visa of that number; a number ending with ``99`` is recorded for another person (a hit)."""
    number = (subject.visa_number or "").upper().replace(" ", "")
    if not _VISA.fullmatch(number):
        return ConnectorResult(NOT_FOUND, _("Aucun visa enregistré sous le numéro %(number)s.", number=number or "—"))
    if number.endswith("99"):
        return ConnectorResult(HIT, _("Le visa %(number)s est enregistré au nom d'une autre personne.", number=number),
                               evidence=((_("Numéro de visa"), number),
                                         (_("Identité déclarée"), normalise_name(subject.family_name)),
                                         (_("Titulaire dans VISABIO"), "DURAND-SIMULATEUR")),
                               details={"visa": number, "mismatch": True})
    return ConnectorResult(OK, _("Visa %(number)s trouvé ; identité et biométrie concordantes.", number=number),
                           evidence=((_("Numéro de visa"), number), (_("Poste émetteur"), number[:3]),
                                     (_("Empreintes"), _("relevées"))),
                           details={"visa": number, "poste": number[:3], "biometrie": True})


def api_entreprise(subject: Subject) -> ConnectorResult:
    """API Entreprise: a company for a valid SIRET (14 digits, Luhn; the procedure kit's rule); an
    establishment number (NIC, the last five digits) starting with ``9`` is a closed establishment (a hit)."""
    from anef.procedure_kit.validators import siret_valid

    siret = (subject.siret or "").replace(" ", "")
    if not siret_valid(siret):
        return ConnectorResult(NOT_FOUND, _("SIRET %(siret)s invalide ou inconnu.", siret=siret or "—"))
    siren = siret[:9]
    if siret[9] == "9":
        return ConnectorResult(HIT, _("L'établissement %(siret)s est fermé.", siret=siret),
                               evidence=((_("SIRET"), siret), (_("État"), _("fermé"))),
                               details={"siret": siret, "etat": "ferme"})
    name = f"Entreprise de démonstration {siren}"
    return ConnectorResult(OK, _("%(name)s, établissement actif.", name=name),
                           evidence=((_("SIRET"), siret), (_("Raison sociale"), name), (_("Code NAF"), "6201Z"),
                                     (_("Attestation de vigilance URSSAF"), _("à jour"))),
                           details={"siret": siret, "raison_sociale": name, "naf": "6201Z", "etat": "actif"})


def ofpra(subject: Subject) -> ConnectorResult:
    """OFPRA: a protection status for the test names (NANSEN: réfugié, ARENDT: apatride), none otherwise."""
    status = OFPRA_TEST_NAMES.get(normalise_name(subject.family_name))
    if status is None:
        return ConnectorResult(NOT_FOUND, _("Aucune demande de protection connue de l'OFPRA."))
    label = {"refugie": _("réfugié"), "apatride": _("apatride")}[status]
    return ConnectorResult(OK, _("Protection accordée : %(status)s.", status=label),
                           evidence=(*_identity(subject), (_("Statut"), label)), details={"statut": status})


def ants(subject: Subject) -> ConnectorResult:
    """ANTS: where the card's production stands, from the dossier's state."""
    if subject.dossier_state == "titre_remis":
        return ConnectorResult(OK, _("Titre produit et remis au demandeur."), details={"production": "remis"})
    if subject.card_ready:
        return ConnectorResult(OK, _("Titre produit, disponible en préfecture."), details={"production": "disponible"})
    if subject.dossier_state == "accepte":
        return ConnectorResult(OK, _("Titre commandé, en cours de fabrication."), details={"production": "fabrication"})
    return ConnectorResult(NOT_FOUND, _("Aucune commande de titre pour ce dossier."), details={"production": None})


class Simulator:
    """A connector answered by a local function."""

    def __init__(self, code: str, fn):
        self.code = code
        self.fn = fn

    def query(self, subject: Subject) -> ConnectorResult:
        return self.fn(subject)
