"""Checks and fees of the other residence cards (facts from DOMAIN.md §0 and §3)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import (DROIT_DE_TIMBRE, FIRST_CARD_TAX, MAY_2026, RENEWAL_TAX, card_fee, fee_of)
from anef.procedures import CheckResult, Fee, FeeRate, InstructionExtension

# The métiers en tension route of exceptional admission: 3 years' presence, open until 31 December 2026.
SHORTAGE_ROUTE_YEARS = 3
SHORTAGE_ROUTE_ENDS = dt.date(2026, 12, 31)
# Droit de visa de régularisation (L.436-4): part paid at filing, and the rest at issue.
DVR_AT_FILING = (FeeRate(dt.date(2020, 1, 2), 50), FeeRate(MAY_2026, 100, verify=True))
DVR_AT_ISSUE = (FeeRate(dt.date(2020, 1, 2), 150), FeeRate(MAY_2026, 200, verify=True))


def motif(answers: dict) -> str:
    return kit.value(answers, "situation", "motif")


def is_renewal(answers: dict) -> bool:
    return kit.value(answers, "situation", "demande") == "renouvellement"


def is_free(answers: dict) -> bool:
    """Victims of trafficking pay neither tax nor timbre (L.425-1 and L.425-3)."""
    return motif(answers) == "victime_traite"


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """What each motive pays, by filing date."""
    kind, renewal = motif(answers), is_renewal(answers)
    timbre = (_l("Droit de timbre"), DROIT_DE_TIMBRE)
    if kind == "victime_traite":
        return None
    if kind == "stagiaire":
        return card_fee(filed_on, renewal=renewal, reduced=True)
    if kind == "etranger_malade":
        # No tax on a first card (L.425-9): the droit de timbre only.
        return fee_of(filed_on, (_l("Taxe"), RENEWAL_TAX), timbre) if renewal else fee_of(filed_on, timbre)
    if kind == "admission_exceptionnelle" and not renewal:
        return fee_of(filed_on, (_l("Taxe"), FIRST_CARD_TAX), timbre,
                      (_l("Droit de visa de régularisation, payé au dépôt"), DVR_AT_FILING),
                      (_l("Droit de visa de régularisation, solde à la délivrance"), DVR_AT_ISSUE))
    return card_fee(filed_on, renewal=renewal)


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    results = kit.present(kit.passport_check(answers, filed_on), kit.identity_dates_check(answers))
    kind = motif(answers)
    if kind == "stagiaire":
        results += kit.present(_internship(answers, filed_on))
    if kind == "admission_exceptionnelle" and not is_renewal(answers):
        results += kit.present(_shortage_route(answers, filed_on))
    if is_renewal(answers):
        results += kit.present(kit.renewal_window_check(kit.answer_date(answers, "titre", "titre_expiration"), filed_on))
    elif kind == "stagiaire":
        results += kit.present(kit.first_application_delay(answers, filed_on))
    return results


def _internship(answers: dict, filed_on: dt.date) -> CheckResult | None:
    end = kit.answer_date(answers, "stage", "date_fin")
    if end is None:
        return None
    if end < filed_on:
        return CheckResult("stage", _l("Stage déjà terminé"), "error", _l("La carte « stagiaire » couvre un stage à venir "
                                                                         "ou en cours."))
    return CheckResult("stage", _l("Stage en cours ou à venir"), "ok")


def _shortage_route(answers: dict, filed_on: dt.date) -> CheckResult | None:
    if kit.value(answers, "presence", "voie") != "metiers_en_tension":
        return None
    arrival = kit.answer_date(answers, "presence", "date_arrivee")
    if filed_on > SHORTAGE_ROUTE_ENDS:
        return CheckResult("metiers_en_tension", _l("Voie des métiers en tension fermée"), "error",
                           _l("Cette voie d'admission exceptionnelle était ouverte jusqu'au 31 décembre 2026."))
    if arrival is None:
        return None
    if kit.add_months(arrival, 12 * SHORTAGE_ROUTE_YEARS) <= filed_on:
        return CheckResult("metiers_en_tension", _l("3 ans de présence en France"), "ok")
    return CheckResult("metiers_en_tension", _l("Moins de 3 ans de présence en France"), "error",
                       _l("La voie des métiers en tension demande 3 ans de présence en France."))


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """A renewal filed on time keeps the card's rights while it is examined."""
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    return InstructionExtension(due=is_renewal(answers) and kit.renewal_on_time(expiry, filed_on),
                                authorises_work=motif(answers) != "stagiaire")
