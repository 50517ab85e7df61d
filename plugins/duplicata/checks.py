"""Automatic checks and fees of the duplicate (facts from DOMAIN.md §0 and §6)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import DROIT_DE_TIMBRE, RENEWAL_TAX, RENEWAL_TAX_REDUCED, fee_of
from anef.procedures import CheckResult, Fee

MIN_MONTHS_LEFT = 3  # a card that expires within 3 months is renewed instead (DOMAIN §6)


def motif(answers: dict) -> str:
    return kit.value(answers, "situation", "motif")


def card_type(answers: dict) -> str:
    return kit.value(answers, "carte", "titre_type")


def is_free(answers: dict) -> bool:
    """EU, EEA and Swiss citizens and their families pay nothing."""
    return card_type(answers) == "ue"


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The renewal tax of the same motive and the droit de timbre (225 €, 75 €, 25 € or nothing until April 2026)."""
    kind = card_type(answers)
    timbre = (_l("Droit de timbre"), DROIT_DE_TIMBRE)
    if kind == "reduit":
        return fee_of(filed_on, (_l("Taxe (tarif réduit)"), RENEWAL_TAX_REDUCED), timbre)
    if kind == "timbre_seul":
        return fee_of(filed_on, timbre)
    if kind == "normal":
        return fee_of(filed_on, (_l("Taxe"), RENEWAL_TAX), timbre)
    return None


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    return kit.present(_declaration(answers), _expiry(answers, filed_on), kit.passport_check(answers, filed_on),
                       kit.identity_dates_check(answers))


def _declaration(answers: dict) -> CheckResult | None:
    """A loss is declared on honour, a theft reported to the police or gendarmerie."""
    declared = answers.get("declaration")
    if declared is None:
        return None
    if motif(answers) == "vol":
        if declared.get("date_plainte") and declared.get("service_plainte"):
            return CheckResult("declaration", _l("Vol déclaré à la police ou à la gendarmerie"), "ok")
        return CheckResult("declaration", _l("Plainte pour vol manquante"), "error",
                           _l("Un duplicata après un vol demande le récépissé de la plainte."))
    if declared.get("declaration_honneur"):
        return CheckResult("declaration", _l("Perte déclarée sur l'honneur"), "ok")
    return CheckResult("declaration", _l("Déclaration de perte manquante"), "error",
                       _l("Un duplicata après une perte demande une déclaration de perte sur l'honneur."))


def _expiry(answers: dict, filed_on: dt.date) -> CheckResult | None:
    expiry = kit.answer_date(answers, "carte", "titre_expiration")
    if expiry is None:
        return None
    if expiry < filed_on:
        return CheckResult("validite_carte", _l("Carte expirée"), "error",
                           _l("Une carte expirée ne se remplace pas : demandez son renouvellement."))
    if expiry < kit.add_months(filed_on, MIN_MONTHS_LEFT):
        return CheckResult("validite_carte", _l("Carte expirant dans moins de 3 mois"), "error",
                           _l("Votre carte expire le %(date)s : demandez plutôt son renouvellement, qui vous donnera "
                              "une nouvelle carte.", date=expiry.isoformat()))
    return CheckResult("validite_carte", _l("Carte valide encore plus de 3 mois"), "ok")
