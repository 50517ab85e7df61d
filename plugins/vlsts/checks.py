"""Checks that decide a VLS-TS validation automatically, and its fee (facts from DOMAIN.md §1)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import fee_of
from anef.procedures import CheckResult, Fee, FeeRate

VALIDATION_MONTHS = 3  # R.431-17: validate within 3 months of entry
VISA_MONTHS = (4, 12)  # a VLS-TS is valid 4 to 12 months
# The tax of the title the visa replaces; no droit de timbre. 2026 amounts: [3P] and inferred, VERIFY.
REDUCED_MOTIFS = {"etudiant", "stagiaire"}
REDUCED_TAX = (FeeRate(dt.date(2019, 1, 1), 60), FeeRate(dt.date(2020, 1, 2), 50),
               FeeRate(dt.date(2026, 5, 1), 100, verify=True))
NORMAL_TAX = (FeeRate(dt.date(2019, 1, 1), 250), FeeRate(dt.date(2020, 1, 2), 200),
              FeeRate(dt.date(2026, 5, 1), 300, verify=True))
# Every one of these must be ``ok`` for the validation to be granted without an agent.
DECIDING_CHECKS = {"delai_validation", "visa_en_cours", "duree_visa", "passeport"}


def motif(answers: dict) -> str:
    return kit.value(answers, "visa", "motif")


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The tax of the title the visa stands for: the student rate, or the normal one."""
    if motif(answers) in REDUCED_MOTIFS:
        return fee_of(filed_on, (_l("Taxe (tarif réduit étudiant ou stagiaire)"), REDUCED_TAX))
    return fee_of(filed_on, (_l("Taxe"), NORMAL_TAX))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    entry = kit.answer_date(answers, "visa", "date_entree")
    return kit.present(
        kit.within_months_of_entry(
            entry, filed_on, VALIDATION_MONTHS, code="delai_validation",
            label_ok=_l("Validation dans les 3 mois suivant l'entrée"),
            label_late=_l("Validation plus de 3 mois après l'entrée"),
            detail_late=_l("Le visa se valide dans les 3 mois qui suivent l'arrivée : un agent examinera votre "
                           "situation.")),
        _visa_in_force(answers, filed_on),
        _visa_length(answers),
        kit.passport_check(answers, filed_on),
        kit.identity_dates_check(answers),
    )


def _visa_in_force(answers: dict, filed_on: dt.date) -> CheckResult | None:
    end = kit.answer_date(answers, "visa", "visa_fin")
    if end is None:
        return None
    if end >= filed_on:
        return CheckResult("visa_en_cours", _l("Visa en cours de validité"), "ok")
    return CheckResult("visa_en_cours", _l("Visa expiré"), "warning",
                       _l("Votre visa a expiré : un agent examinera votre situation."))


def _visa_length(answers: dict) -> CheckResult | None:
    start, end = kit.answer_date(answers, "visa", "visa_debut"), kit.answer_date(answers, "visa", "visa_fin")
    if start is None or end is None:
        return None
    shortest, longest = VISA_MONTHS
    if kit.add_months(start, shortest) - dt.timedelta(days=1) <= end <= kit.add_months(start, longest):
        return CheckResult("duree_visa", _l("Durée de visa d'un VLS-TS"), "ok")
    return CheckResult("duree_visa", _l("Durée de visa inhabituelle"), "warning",
                       _l("Un visa long séjour valant titre de séjour dure de 4 à 12 mois : vérifiez les dates, un "
                          "agent examinera votre visa."))


def decides_automatically(results: list[CheckResult]) -> bool:
    """Granted at once when every deciding check ran and every check is ``ok``."""
    return DECIDING_CHECKS <= {c.code for c in results} and all(c.status == "ok" for c in results)
