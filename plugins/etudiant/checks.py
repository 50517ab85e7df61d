"""Automatic checks, fees and thresholds of the student procedure (facts from DOMAIN.md §0 and §2)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import DROIT_DE_TIMBRE, FIRST_CARD_TAX_REDUCED, RENEWAL_TAX_REDUCED
from anef.procedures import CheckResult, Fee, FeeRate, InstructionExtension, rate_on

# Monthly resources a student must show (DOMAIN §2). 877.50 € from 2026-08-01 is a VERIFY fact.
RESOURCES_SCHEDULE = (
    FeeRate(dt.date(2011, 9, 6), 615),
    FeeRate(dt.date(2026, 8, 1), 877.5, verify=True),
)
# Students pay the reduced tax (DOMAIN §0).
FIRST_CARD_TAX = FIRST_CARD_TAX_REDUCED
RENEWAL_TAX = RENEWAL_TAX_REDUCED
RENEWAL_WINDOW = kit.RENEWAL_WINDOW


def is_renewal(answers: dict) -> bool:
    """Whether the dossier asks for a renewal rather than a first card."""
    return answers.get("situation", {}).get("demande") == "renouvellement"


def resources_threshold(on: dt.date) -> FeeRate:
    """The minimum monthly resources in force on a date."""
    return rate_on(RESOURCES_SCHEDULE, on)


def fee(answers: dict, filed_on: dt.date) -> Fee:
    """The tax and the droit de timbre due, per the schedule in force on the filing date."""
    tax = rate_on(RENEWAL_TAX if is_renewal(answers) else FIRST_CARD_TAX, filed_on)
    timbre = rate_on(DROIT_DE_TIMBRE, filed_on)
    return Fee(amount=tax.amount + timbre.amount,
               parts=((_l("Taxe (tarif réduit étudiant)"), tax.amount), (_l("Droit de timbre"), timbre.amount)),
               verify=tax.verify or timbre.verify)


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow; missing answers are simply not checked yet."""
    results = kit.present(
        kit.resources_check(kit.answer_int(answers, "ressources", "montant_mensuel"), resources_threshold(filed_on)),
        kit.passport_check(answers, filed_on),
        kit.identity_dates_check(answers),
    )
    if is_renewal(answers):
        results += kit.present(kit.renewal_window_check(kit.answer_date(answers, "titre", "titre_expiration"), filed_on))
    else:
        results += kit.present(kit.first_application_delay(answers, filed_on))
    return results


# Titles held before a renewal that let their holder work (964 h a year for students, DOMAIN §2).
WORKING_TITLES = {"carte_etudiant", "vls_ts_etudiant"}


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """An attestation de prolongation d'instruction is due for a renewal filed on time (DOMAIN §13).

    On time: at least 60 days before the card expires, the end of the renewal window; a late
    filing gets none as of right.
    """
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    if not is_renewal(answers) or expiry is None:
        return InstructionExtension(due=False)
    return InstructionExtension(due=kit.renewal_on_time(expiry, filed_on),
                                authorises_work=answers.get("titre", {}).get("titre_type") in WORKING_TITLES)
