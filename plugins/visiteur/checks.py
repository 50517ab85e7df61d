"""Automatic checks and fees of the visitor procedure (facts from DOMAIN.md §0 and §5)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import card_fee, smic_multiple
from anef.procedures import CheckResult, Fee, FeeRate, InstructionExtension

# The agent may accept less when the home costs the visitor nothing (DOMAIN §5).
HOUSING_WITHOUT_RENT = {"proprietaire", "tiers"}


def is_renewal(answers: dict) -> bool:
    """Whether the dossier asks for a renewal rather than a first card."""
    return kit.value(answers, "situation", "demande") == "renouvellement"


def resources_threshold(on: dt.date) -> FeeRate | None:
    """The minimum yearly resources: the net SMIC over a year (L.426-20; about 17 317 € in 2026)."""
    return smic_multiple(on, 1, net=True)


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The tax at the normal rate and the droit de timbre (225 € until April 2026)."""
    return card_fee(filed_on, renewal=is_renewal(answers))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    results = kit.present(
        kit.resources_check(kit.answer_int(answers, "ressources", "montant_annuel"), resources_threshold(filed_on),
                            yearly=True,
                            lowered=kit.value(answers, "adresse", "hebergement") in HOUSING_WITHOUT_RENT),
        _insurance(answers, filed_on),
        kit.passport_check(answers, filed_on),
        kit.identity_dates_check(answers),
    )
    if is_renewal(answers):
        results += kit.present(kit.renewal_window_check(kit.answer_date(answers, "titre", "titre_expiration"), filed_on))
    else:
        results += kit.present(kit.first_application_delay(answers, filed_on))
    return results


def _insurance(answers: dict, filed_on: dt.date) -> CheckResult | None:
    end = kit.answer_date(answers, "assurance", "couverture_fin")
    if end is None:
        return None
    if end >= kit.add_months(filed_on, 12) - dt.timedelta(days=1):
        return CheckResult("assurance", _l("Assurance maladie pour toute l'année"), "ok")
    return CheckResult("assurance", _l("Assurance maladie trop courte"), "warning",
                       _l("Votre assurance se termine le %(date)s : la carte « visiteur » dure un an, l'assurance "
                          "doit couvrir toute cette durée.", date=end.isoformat()))


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """An attestation de prolongation d'instruction is due for a renewal filed on time; a visitor may not work."""
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    return InstructionExtension(due=is_renewal(answers) and kit.renewal_on_time(expiry, filed_on))
