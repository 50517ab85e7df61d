"""Automatic checks, documents' conditions and fee of the DCEM (facts from DOMAIN.md §0 and §8)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.decisions import date_text
from anef.procedure_kit.rates import JAN_2020, MAY_2026, fee_of
from anef.procedures import CheckResult, Fee, FeeRate
from anef.territories import departement_from_postcode
from plugins.dcem import forms

# 50 € since 2 January 2020; DOMAIN §0 says the 2026 finance law does not list it as changed (VERIFY).
DCEM_TAX = (FeeRate(JAN_2020, 50), FeeRate(MAY_2026, 50, verify=True))
ADULT_AGE = 18
ENTRY_AGE_LIMIT = 13  # entered France before 13 and lives with a parent
SCHOOL_AGE = 3  # school is compulsory from 3: the certificate is asked from then on
VALIDITY_YEARS = 5  # at most (DOMAIN §8; a cap at 18 is VERIFY)
CARD_STEPS = (forms.PARENT_TITRE, forms.ENTREE_AVANT_13, forms.MAYOTTE)


def fondement(answers: dict) -> str:
    return kit.value(answers, "situation", "fondement")


def parent_has_card(answers: dict) -> bool:
    """The parent refers to their own residence card (the ``titre`` step)."""
    return fondement(answers) in CARD_STEPS


def birthday(born: dt.date, years: int) -> dt.date:
    """The day someone born on ``born`` turns ``years``."""
    return kit.add_months(born, 12 * years)


def child_birth(answers: dict) -> dt.date | None:
    return kit.answer_date(answers, "identite", "date_naissance")


def age_on(answers: dict, day: dt.date) -> int | None:
    """The child's age on ``day``."""
    born = child_birth(answers)
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_free(answers: dict) -> bool:
    """Children of EU, EEA or Swiss citizens and of Brexit-agreement beneficiaries pay nothing (DOMAIN §8)."""
    if parent_has_card(answers):
        return kit.value(answers, "titre", "titre_type") in forms.FREE_CARDS
    return (fondement(answers) == forms.PARENT_FRANCAIS_UE
            and kit.value(answers, "piece_parent", "nationalite_parent") == "ue")


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """50 € (the amount from May 2026 to be confirmed), or nothing."""
    if is_free(answers):
        return None
    return fee_of(filed_on, (_l("Taxe du document de circulation"), DCEM_TAX))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    results = [_minor(answers, filed_on), _parent_older(answers), kit.identity_dates_check(answers),
               kit.passport_check(answers, filed_on)]
    if fondement(answers) == forms.ENTREE_AVANT_13:
        results.append(_entry_before_13(answers))
    if fondement(answers) == forms.MAYOTTE:
        results.append(_mayotte(answers))
    if parent_has_card(answers):
        results.append(kit.agdref_check(kit.value(answers, "titre", "numero_etranger"),
                                        kit.value(answers, "parent", "nom"), code="agdref_parent",
                                        step_title=_l("Votre titre de séjour")))
    return kit.present(*results)


def _minor(answers: dict, filed_on: dt.date) -> CheckResult | None:
    age = age_on(answers, filed_on)
    if age is None:
        return None
    if age >= ADULT_AGE:
        return CheckResult("mineur", _l("L'enfant est majeur"), "error",
                           _l("À 18 ans, il demande lui-même la carte de séjour qui correspond à sa situation."))
    return CheckResult("mineur", _l("Enfant mineur"), "ok",
                       _l("18 ans le %(date)s.", date=date_text(birthday(child_birth(answers), ADULT_AGE))))


def _parent_older(answers: dict) -> CheckResult | None:
    child = child_birth(answers)
    parent = kit.answer_date(answers, "parent", "date_naissance")
    if child is None or parent is None or parent < child:
        return None
    return CheckResult("dates_parent", _l("Dates de naissance incohérentes"), "error",
                       _l("Votre date de naissance est postérieure à celle de l'enfant : corrigez l'étape « Vous, "
                          "le parent » ou « L'enfant »."))


def _entry_before_13(answers: dict) -> CheckResult | None:
    child = child_birth(answers)
    entry = kit.answer_date(answers, "entree", "date_entree")
    if child is None or entry is None:
        return None
    if entry < child:
        return CheckResult("entree_avant_13", _l("Date d'arrivée incohérente"), "error",
                           _l("La date d'arrivée en France est antérieure à la naissance de l'enfant."))
    if entry < birthday(child, ENTRY_AGE_LIMIT):
        return CheckResult("entree_avant_13", _l("Arrivé en France avant 13 ans"), "ok")
    return CheckResult("entree_avant_13", _l("Arrivé en France après 13 ans"), "error",
                       _l("Ce cas est réservé aux enfants arrivés en France avant leurs 13 ans. Choisissez une autre "
                          "situation à l'étape « Situation de l'enfant » si l'une correspond."))


def _mayotte(answers: dict) -> CheckResult | None:
    postcode = kit.value(answers, "adresse", "code_postal")
    if not postcode:
        return None
    if departement_from_postcode(postcode) == "976":
        return CheckResult("mayotte", _l("Résidence à Mayotte"), "ok",
                           _l("Le document ne vaudra que pour revenir à Mayotte."))
    return CheckResult("mayotte", _l("Adresse hors de Mayotte"), "error",
                       _l("Ce cas concerne les enfants nés en France qui vivent à Mayotte : l'adresse indiquée n'y est "
                          "pas."))
