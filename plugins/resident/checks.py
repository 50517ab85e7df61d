"""Automatic checks and fees of the 10-year resident card (facts from DOMAIN.md §0 and §10)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import card_fee, smic_multiple
from anef.procedures import CheckResult, Fee, FeeRate, InstructionExtension

FAMILY_YEARS = 3  # spouse of a French national, reunified family, parent with a VPF card
LONG_TERM_YEARS = 5  # long-term resident EU, years as a student or talent excluded
INTEGRATION_FROM = dt.date(2026, 1, 1)  # B1 and the civic exam
LEVELS_AT_LEAST_B1 = {"B1", "B2"}


def motif(answers: dict) -> str:
    return kit.value(answers, "situation", "motif")


def is_renewal(answers: dict) -> bool:
    return kit.value(answers, "situation", "demande") == "renouvellement"


def resources_threshold(on: dt.date) -> FeeRate | None:
    """Stable resources at least the SMIC, counted net over a year."""
    return smic_multiple(on, 1, net=True)


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The tax at the normal rate and the droit de timbre."""
    return card_fee(filed_on, renewal=is_renewal(answers))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    results = kit.present(kit.passport_check(answers, filed_on), kit.identity_dates_check(answers))
    if is_renewal(answers):
        return results + kit.present(kit.renewal_window_check(kit.answer_date(answers, "titre", "titre_expiration"),
                                                              filed_on))
    kind = motif(answers)
    if kind == "conjoint_francais":
        results += kit.present(
            _years_since(kit.answer_date(answers, "mariage", "date_mariage"), FAMILY_YEARS, filed_on,
                         _l("Mariage de 3 ans au moins"), _l("Mariage de moins de 3 ans"),
                         _l("La carte de résident du conjoint de Français demande 3 ans de mariage.")),
            *_spouse(answers))
    elif kind == "regroupement_familial":
        results += kit.present(_years_since(
            kit.answer_date(answers, "regroupement", "date_arrivee"), FAMILY_YEARS, filed_on,
            _l("3 ans de séjour au moins"), _l("Moins de 3 ans de séjour"),
            _l("La carte de résident demande 3 ans de séjour après le regroupement familial.")))
    elif kind == "parent_enfant_francais":
        results += kit.present(_years_since(
            kit.answer_date(answers, "parent", "premiere_carte_vpf"), FAMILY_YEARS, filed_on,
            _l("Carte « vie privée et familiale » depuis 3 ans au moins"),
            _l("Carte « vie privée et familiale » depuis moins de 3 ans"),
            _l("Il faut avoir eu une carte « vie privée et familiale » pendant 3 ans.")))
    elif kind == "longue_duree_ue":
        results += kit.present(_long_term(answers, filed_on),
                               kit.resources_check(kit.answer_int(answers, "longue_duree", "ressources_annuelles"),
                                                   resources_threshold(filed_on), yearly=True),
                               _insurance(answers))
    results += kit.present(_integration(answers, filed_on))
    return results


def _years_since(start: dt.date | None, years: int, filed_on: dt.date, label_ok, label_short,
                 detail) -> CheckResult | None:
    if start is None:
        return None
    if kit.add_months(start, 12 * years) <= filed_on:
        return CheckResult("anciennete", label_ok, "ok")
    return CheckResult("anciennete", label_short, "error", detail)


def _spouse(answers: dict):
    spouse = answers.get("mariage") or {}
    results = []
    if spouse.get("conjoint_francais") == "non":
        results.append(CheckResult("nationalite_conjoint", _l("Conjoint qui n'est plus français"), "error",
                                   _l("Cette carte suppose que votre conjoint ait toujours la nationalité française.")))
    if spouse.get("vie_commune") == "non":
        results.append(CheckResult("vie_commune", _l("Vie commune interrompue"), "warning",
                                   _l("La communauté de vie ne doit pas avoir cessé depuis le mariage.")))
    return results


def _long_term(answers: dict, filed_on: dt.date) -> CheckResult | None:
    start = kit.answer_date(answers, "longue_duree", "debut_sejour_regulier")
    excluded = kit.answer_int(answers, "longue_duree", "annees_etudes")
    if start is None or excluded is None:
        return None
    if kit.add_months(start, 12 * (LONG_TERM_YEARS + excluded)) <= filed_on:
        return CheckResult("anciennete", _l("5 ans de séjour régulier"), "ok")
    return CheckResult("anciennete", _l("Moins de 5 ans de séjour régulier"), "error",
                       _l("La carte de résident de longue durée-UE demande 5 ans de séjour régulier, sans compter les "
                          "années sous une carte « étudiant » ou « talent »."))


def _insurance(answers: dict) -> CheckResult | None:
    insured = kit.value(answers, "longue_duree", "assurance_maladie")
    if not insured:
        return None
    if insured == "oui":
        return CheckResult("assurance", _l("Assurance maladie"), "ok")
    return CheckResult("assurance", _l("Pas d'assurance maladie"), "warning",
                       _l("Une assurance maladie est demandée pour la carte de résident de longue durée-UE."))


def _integration(answers: dict, filed_on: dt.date) -> CheckResult | None:
    level = kit.value(answers, "integration", "niveau_francais")
    exam = kit.value(answers, "integration", "examen_civique")
    if not level or not exam or filed_on < INTEGRATION_FROM:
        return None
    if kit.value(answers, "integration", "algerien") == "oui":
        return CheckResult("integration", _l("Règles de l'accord franco-algérien"), "ok")
    if level in LEVELS_AT_LEAST_B1 and exam in ("reussi", "dispense"):
        return CheckResult("integration", _l("Français B1 et examen civique"), "ok")
    return CheckResult("integration", _l("Français B1 ou examen civique manquant"), "error",
                       _l("Depuis le 1er janvier 2026, la carte de résident demande le niveau B1 en français et la "
                          "réussite de l'examen civique."))


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """A resident card renewed on time keeps its rights, work included, while the renewal is examined."""
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    return InstructionExtension(due=is_renewal(answers) and kit.renewal_on_time(expiry, filed_on),
                                authorises_work=True)
