"""Checks and fees of the cards of beneficiaries of international protection (facts from DOMAIN.md §0 and §10)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import DROIT_DE_TIMBRE, RENEWAL_TAX, fee_of
from anef.procedures import CheckResult, Fee, InstructionExtension


STATUTS = ("refugie", "protection_subsidiaire", "apatride")  # the statuses this procedure serves


def statut(answers: dict) -> str:
    return kit.value(answers, "situation", "statut")


def is_renewal(answers: dict) -> bool:
    return kit.value(answers, "situation", "demande") == "renouvellement"


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """First issue: the droit de timbre only (no tax for réfugiés, BPI, apatrides); a renewal: tax and timbre."""
    timbre = (_l("Droit de timbre"), DROIT_DE_TIMBRE)
    if is_renewal(answers):
        return fee_of(filed_on, (_l("Taxe"), RENEWAL_TAX), timbre)
    return fee_of(filed_on, timbre)


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    results = kit.present(_decision(answers))
    if is_renewal(answers):
        results += kit.present(kit.renewal_window_check(kit.answer_date(answers, "titre", "titre_expiration"), filed_on))
    return results


def _decision(answers: dict) -> CheckResult | None:
    decided = kit.answer_date(answers, "protection", "date_decision")
    if decided is None:
        return None
    born = kit.answer_date(answers, "identite", "date_naissance")
    if born is not None and decided < born:
        return CheckResult("decision", _l("Dates incohérentes"), "error",
                           _l("La décision de protection ne peut pas précéder votre naissance : vérifiez les dates."))
    return CheckResult("decision", _l("Décision de protection indiquée"), "ok")


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """A renewal filed on time keeps the card's rights, work included."""
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    return InstructionExtension(due=is_renewal(answers) and kit.renewal_on_time(expiry, filed_on), authorises_work=True)
