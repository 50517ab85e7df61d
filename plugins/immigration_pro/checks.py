"""Checks and fees of the professional-immigration cards (DOMAIN §0 and §3; the ICT rules are CESEDA L.421-26,
not in DOMAIN.md: flagged VERIFY below)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit import work_authorisation as wa
from anef.procedure_kit.rates import card_fee
from anef.procedures import CheckResult, Fee, InstructionExtension
from plugins.immigration_pro.forms import CHANGEMENT, ICT, RENOUVELLEMENT

LINKED_CARDS = {wa.SALARIE, wa.TRAVAILLEUR_TEMPORAIRE, wa.SAISONNIER}
# ICT (L.421-26): at least 3 months in the group before the transfer, a mission of 3 years at most. VERIFY: these
# two figures are not in DOMAIN.md; a failure is a warning for the agent, not a block.
ICT_MIN_GROUP_MONTHS = 3
ICT_MAX_MISSION_MONTHS = 36
# Titles that let their holder work (for the attestation de prolongation of a renewal).
WORKING_TITLES = {"salarie", "travailleur_temporaire", "saisonnier", "ict", "vls_ts"}


def kind(answers: dict) -> str:
    return kit.value(answers, "situation", "categorie")


def request(answers: dict) -> str:
    return kit.value(answers, "situation", "demande")


def is_renewal(answers: dict) -> bool:
    return request(answers) == RENOUVELLEMENT


def holds_a_title(answers: dict) -> bool:
    """A change of status or a renewal: the person already holds a card (the titre step, not the visa's)."""
    return request(answers) in (CHANGEMENT, RENOUVELLEMENT)


def needs_authorisation(answers: dict) -> bool:
    return kind(answers) in LINKED_CARDS


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The tax (a seasonal worker's at the reduced rate, DOMAIN §0) and the droit de timbre."""
    return card_fee(filed_on, renewal=is_renewal(answers), reduced=kind(answers) == wa.SAISONNIER)


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    results = kit.present(kit.passport_check(answers, filed_on), kit.identity_dates_check(answers))
    if needs_authorisation(answers):
        results += kit.present(wa.link_check(answers))
    if kind(answers) == ICT:
        results += kit.present(_group_seniority(answers), _mission_length(answers))
    if is_renewal(answers):
        results += kit.present(kit.renewal_window_check(kit.answer_date(answers, "titre", "titre_expiration"),
                                                        filed_on))
    elif not holds_a_title(answers):
        results += kit.present(kit.first_application_delay(answers, filed_on))
    return results


def _group_seniority(answers: dict) -> CheckResult | None:
    months = kit.answer_int(answers, "emploi", "anciennete_groupe_mois")
    if months is None:
        return None
    if months >= ICT_MIN_GROUP_MONTHS:
        return CheckResult("anciennete_groupe", _l("Au moins 3 mois dans le groupe"), "ok")
    return CheckResult("anciennete_groupe", _l("Moins de 3 mois dans le groupe"), "warning",
                       _l("Un salarié détaché ICT travaille en principe depuis au moins 3 mois dans le groupe : "
                          "l'agent appréciera."))


def _mission_length(answers: dict) -> CheckResult | None:
    months = kit.answer_int(answers, "emploi", "duree_mission_mois")
    if months is None:
        return None
    if months <= ICT_MAX_MISSION_MONTHS:
        return CheckResult("duree_mission", _l("Mission de 3 ans au plus"), "ok")
    return CheckResult("duree_mission", _l("Mission de plus de 3 ans"), "warning",
                       _l("La carte « salarié détaché ICT » couvre une mission de 3 ans au plus."))


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """An attestation de prolongation d'instruction is due for a renewal filed on time; these cards let their
    holder work."""
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    return InstructionExtension(due=is_renewal(answers) and kit.renewal_on_time(expiry, filed_on),
                                authorises_work=kit.value(answers, "titre", "titre_type") in WORKING_TITLES)
