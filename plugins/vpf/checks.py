"""Automatic checks and fees of the « vie privée et familiale » card (facts from DOMAIN.md §0 and §10)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import card_fee
from anef.procedures import CheckResult, Fee, InstructionExtension

PARENT_CONTRIBUTION_YEARS = 2  # since the birth, or for 2 years at least (L.423-7)
PERSONAL_TIES_YEARS = 5  # "about 5 yrs in practice" (L.423-23)
INTEGRATION_FROM = dt.date(2026, 1, 1)  # a first multi-year card needs A2 and the civic exam
LEVELS_AT_LEAST_A2 = {"A2", "B1", "B2"}
ONE_YEAR_CARDS = {"cst_vpf", "vls_ts_famille"}


def motif(answers: dict) -> str:
    return kit.value(answers, "situation", "motif")


def is_renewal(answers: dict) -> bool:
    return kit.value(answers, "situation", "demande") == "renouvellement"


def first_multi_year_card(answers: dict) -> bool:
    """A renewal of a one-year card (or visa) asks for the first multi-year card."""
    return is_renewal(answers) and kit.value(answers, "titre", "titre_type") in ONE_YEAR_CARDS


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The tax (reduced for family reunification) and the droit de timbre."""
    return card_fee(filed_on, renewal=is_renewal(answers), reduced=motif(answers) == "regroupement_familial")


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    kind = motif(answers)
    results = kit.present(kit.passport_check(answers, filed_on), kit.identity_dates_check(answers))
    if kind == "conjoint_francais":
        results += kit.present(*_spouse(answers))
    elif kind == "parent_enfant_francais":
        results += kit.present(*_parent(answers, filed_on))
    elif kind == "liens_personnels":
        results += kit.present(_ties(answers, filed_on))
    if first_multi_year_card(answers):
        results += kit.present(_integration(answers, filed_on))
    if is_renewal(answers):
        results += kit.present(kit.renewal_window_check(kit.answer_date(answers, "titre", "titre_expiration"), filed_on))
    elif kind != "liens_personnels":
        results += kit.present(kit.first_application_delay(answers, filed_on))
    return results


def _spouse(answers: dict):
    spouse = answers.get("conjoint") or {}
    if not spouse:
        return ()
    results = []
    if spouse.get("conjoint_francais") == "non":
        results.append(CheckResult("nationalite_conjoint", _l("Conjoint qui n'est plus français"), "error",
                                   _l("Cette carte suppose que votre conjoint ait toujours la nationalité française.")))
    if spouse.get("lieu_mariage") == "etranger" and spouse.get("transcription") == "non":
        results.append(CheckResult("transcription", _l("Mariage non transcrit"), "error",
                                   _l("Un mariage célébré à l'étranger doit d'abord être transcrit sur les registres "
                                      "de l'état civil français (service central d'état civil de Nantes).")))
    elif spouse.get("lieu_mariage"):
        results.append(CheckResult("transcription", _l("Mariage reconnu en France"), "ok"))
    if spouse.get("vie_commune") == "non":
        results.append(CheckResult("vie_commune", _l("Pas de vie commune"), "warning",
                                   _l("La carte de conjoint de Français suppose une communauté de vie depuis le "
                                      "mariage : l'agent appréciera votre situation.")))
    elif spouse.get("vie_commune") == "oui":
        results.append(CheckResult("vie_commune", _l("Vie commune depuis le mariage"), "ok"))
    return results


def _parent(answers: dict, filed_on: dt.date):
    born = kit.answer_date(answers, "parent", "enfant_naissance")
    since = kit.answer_date(answers, "parent", "contribution_depuis")
    results = []
    if born is not None:
        if kit.add_months(born, 12 * 18) <= filed_on:
            results.append(CheckResult("enfant_mineur", _l("Enfant majeur"), "error",
                                       _l("Cette carte concerne le parent d'un enfant français mineur.")))
        else:
            results.append(CheckResult("enfant_mineur", _l("Enfant mineur"), "ok"))
    if kit.value(answers, "parent", "enfant_en_france") == "non":
        results.append(CheckResult("enfant_en_france", _l("Enfant qui ne vit pas en France"), "error",
                                   _l("L'enfant français doit résider en France.")))
    if born is not None and since is not None:
        if since <= born or kit.add_months(since, 12 * PARENT_CONTRIBUTION_YEARS) <= filed_on:
            results.append(CheckResult("contribution", _l("Contribution à l'entretien et à l'éducation"), "ok"))
        else:
            results.append(CheckResult("contribution", _l("Contribution depuis moins de 2 ans"), "warning",
                                       _l("Vous devez contribuer à l'entretien et à l'éducation de l'enfant depuis sa "
                                          "naissance ou depuis au moins 2 ans.")))
    return results


def _ties(answers: dict, filed_on: dt.date) -> CheckResult | None:
    arrival = kit.answer_date(answers, "liens", "date_arrivee")
    if arrival is None:
        return None
    if kit.add_months(arrival, 12 * PERSONAL_TIES_YEARS) <= filed_on:
        return CheckResult("anciennete", _l("Au moins 5 ans en France"), "ok")
    return CheckResult("anciennete", _l("Moins de 5 ans en France"), "warning",
                       _l("En pratique, cette carte suppose souvent 5 ans de présence : l'agent appréciera l'ensemble "
                          "de votre situation."))


def _integration(answers: dict, filed_on: dt.date) -> CheckResult | None:
    level = kit.value(answers, "integration", "niveau_francais")
    exam = kit.value(answers, "integration", "examen_civique")
    if not level or not exam or filed_on < INTEGRATION_FROM:
        return None
    if kit.value(answers, "integration", "algerien") == "oui":
        return CheckResult("integration", _l("Règles de l'accord franco-algérien"), "ok")
    if level in LEVELS_AT_LEAST_A2 and exam in ("reussi", "dispense"):
        return CheckResult("integration", _l("Français A2 et examen civique"), "ok")
    return CheckResult("integration", _l("Français A2 ou examen civique manquant"), "warning",
                       _l("Depuis le 1er janvier 2026, une première carte pluriannuelle demande le niveau A2 en "
                          "français et la réussite de l'examen civique ; sans eux, une carte d'un an peut être "
                          "délivrée."))


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """An attestation de prolongation d'instruction is due for a renewal filed on time; the card lets its holder
    work."""
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    return InstructionExtension(due=is_renewal(answers) and kit.renewal_on_time(expiry, filed_on),
                                authorises_work=kit.value(answers, "titre", "titre_type") != "autre")
