"""Automatic checks of the EU/EEA/Swiss citizens' card (facts from DOMAIN.md §10); the card is free."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedures import CheckResult

PERMANENT_YEARS = 5  # « séjour permanent » after 5 years
WITHOUT_WORK = {"inactif", "retraite", "etudiant"}


def is_family(answers: dict) -> bool:
    return kit.value(answers, "situation", "qui") == "famille"


def is_permanent(answers: dict) -> bool:
    return kit.value(answers, "situation", "carte") == "permanent"


def identity_step(answers: dict) -> str:
    """Family members from outside the Union show a passport; citizens an identity card or a passport."""
    return "passeport" if is_family(answers) else "piece_identite"


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    return kit.present(_identity_document(answers, filed_on), _permanent(answers, filed_on),
                       _insurance(answers), kit.identity_dates_check(answers))


def _identity_document(answers: dict, filed_on: dt.date) -> CheckResult | None:
    end = kit.answer_date(answers, identity_step(answers), "date_expiration")
    if end is None:
        return None
    if end < filed_on:
        return CheckResult("piece_identite", _l("Document d'identité expiré"), "warning",
                           _l("Joignez si possible la preuve de son renouvellement."))
    return CheckResult("piece_identite", _l("Document d'identité en cours de validité"), "ok")


def _permanent(answers: dict, filed_on: dt.date) -> CheckResult | None:
    arrival = kit.answer_date(answers, "sejour", "date_arrivee")
    if not is_permanent(answers) or arrival is None:
        return None
    if kit.add_months(arrival, 12 * PERMANENT_YEARS) <= filed_on:
        return CheckResult("duree_sejour", _l("5 ans de séjour en France"), "ok")
    return CheckResult("duree_sejour", _l("Moins de 5 ans de séjour en France"), "error",
                       _l("Le séjour permanent s'obtient après 5 ans de séjour régulier : demandez d'abord une carte "
                          "de séjour."))


def _insurance(answers: dict) -> CheckResult | None:
    insured = kit.value(answers, "sejour", "assurance_maladie")
    if not insured or kit.value(answers, "sejour", "activite") not in WITHOUT_WORK:
        return None
    if insured == "oui":
        return CheckResult("assurance", _l("Assurance maladie"), "ok")
    return CheckResult("assurance", _l("Pas d'assurance maladie"), "warning",
                       _l("Sans activité professionnelle, il faut une assurance maladie pour séjourner plus de 3 mois."))
