"""Thresholds, automatic checks and fees of the talent card, by kind (facts from DOMAIN.md §0 and §4)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.i18n import Euros
from anef.procedure_kit import checks as kit
from anef.procedure_kit import work_authorisation
from anef.procedure_kit.rates import card_fee, smic_multiple
from anef.procedures import CheckResult, Fee, FeeRate, InstructionExtension, rate_on

# The arrêté of 21 August 2025 came into force "about 29–31 August 2025": the earliest date is taken, as
# the new salarié qualifié threshold is lower than the one it replaced (2 × SMIC).
NEW_THRESHOLDS = dt.date(2025, 8, 29)
QUALIFIED_FIXED = (FeeRate(NEW_THRESHOLDS, 39582),)
# EU Blue Card: 53 836.50 € until the arrêté (its start date is not in DOMAIN.md), 59 373 € after.
BLUE_CARD = (FeeRate(dt.date(2024, 1, 1), 53836.5, verify=True), FeeRate(NEW_THRESHOLDS, 59373))
BUSINESS_CREATION_MINIMUM = (FeeRate(dt.date(2016, 11, 1), 30000),)
INVESTMENT_MINIMUM = (FeeRate(dt.date(2016, 11, 1), 300000),)
INVESTOR_SHARE_PERCENT = 30  # R.421-35: through a company held at least at 30 %
QUALIFIED_MIN_CONTRACT_MONTHS = 3  # "contract > 3 months"
BLUE_CARD_MIN_CONTRACT_MONTHS = 6  # [3P] in DOMAIN.md: a warning, not a block
OFFICER_MIN_GROUP_MONTHS = 3
ARTIST_SMIC_SHARE = 0.7  # resources ≥ 70 % of the gross monthly SMIC
MASTER = {"master", "doctorat"}
THREE_YEAR_DEGREE = {"licence", "master", "doctorat"}

# Steps holding each kind's own answers.
EMPLOYMENT_KINDS = {"salarie_qualifie", "carte_bleue", "mandataire_social"}
DEGREE_KINDS = {"salarie_qualifie", "carte_bleue", "chercheur", "creation_entreprise"}
WORKING_TITLES = {"carte_talent", "vls_ts_talent"}


def kind(answers: dict) -> str:
    """The kind of talent card asked for."""
    return kit.value(answers, "situation", "categorie")


def is_renewal(answers: dict) -> bool:
    return kit.value(answers, "situation", "demande") == "renouvellement"


def salary_threshold(card: str, on: dt.date) -> FeeRate | None:
    """The gross annual pay a kind of card requires on a date, or None when it has no salary threshold."""
    if card == "salarie_qualifie":
        return rate_on(QUALIFIED_FIXED, on) or smic_multiple(on, 2)
    if card == "carte_bleue":
        return rate_on(BLUE_CARD, on)
    if card == "mandataire_social":
        return smic_multiple(on, 3)
    return None


def artist_threshold(on: dt.date) -> FeeRate | None:
    """An artist's monthly resources: 70 % of the gross monthly SMIC (about 1 276 € in 2026)."""
    return smic_multiple(on, ARTIST_SMIC_SHARE, months=1)


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The tax at the normal rate and the droit de timbre (225 € until April 2026)."""
    return card_fee(filed_on, renewal=is_renewal(answers))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow, for the kind of card asked."""
    card = kind(answers)
    results = kit.present(kit.passport_check(answers, filed_on), kit.identity_dates_check(answers))
    if card in EMPLOYMENT_KINDS:
        step = "mandat" if card == "mandataire_social" else "emploi"
        results += kit.present(
            kit.salary_check(kit.answer_int(answers, step, "salaire_annuel"), salary_threshold(card, filed_on),
                             status_below="error"),
            _contract(answers, card, step),
            # A work authorisation given on the link step (optional for this card) must still be granted.
            work_authorisation.link_check(answers, required=False),
        )
    if card == "mandataire_social":
        results += kit.present(_group_seniority(answers))
    if card in DEGREE_KINDS:
        results += kit.present(_degree(answers, card))
    if card == "creation_entreprise":
        results += kit.present(_investment(answers, "projet", BUSINESS_CREATION_MINIMUM, filed_on))
    if card == "investisseur":
        results += kit.present(_investment(answers, "investissement", INVESTMENT_MINIMUM, filed_on),
                               _investor_share(answers))
    if card == "artiste":
        results += kit.present(kit.resources_check(kit.answer_int(answers, "artiste", "ressources_mensuelles"),
                                                   artist_threshold(filed_on)))
    if is_renewal(answers):
        results += kit.present(kit.renewal_window_check(kit.answer_date(answers, "titre", "titre_expiration"), filed_on))
    else:
        results += kit.present(kit.first_application_delay(answers, filed_on))
    return results


def _contract(answers: dict, card: str, step: str) -> CheckResult | None:
    contract = kit.value(answers, step, "type_contrat")
    if not contract:
        return None
    if contract == "cdi":
        return CheckResult("contrat", _l("Contrat à durée indéterminée"), "ok")
    months = kit.answer_int(answers, step, "duree_mois")
    if months is None:
        return None
    if card == "carte_bleue":
        if months >= BLUE_CARD_MIN_CONTRACT_MONTHS:
            return CheckResult("contrat", _l("Contrat d'au moins 6 mois"), "ok")
        return CheckResult("contrat", _l("Contrat de moins de 6 mois"), "warning",
                           _l("La carte bleue européenne suppose en principe un contrat d'au moins 6 mois."))
    if months > QUALIFIED_MIN_CONTRACT_MONTHS:
        return CheckResult("contrat", _l("Contrat de plus de 3 mois"), "ok")
    return CheckResult("contrat", _l("Contrat de 3 mois ou moins"), "error",
                       _l("Cette carte demande un contrat de plus de 3 mois."))


def _group_seniority(answers: dict) -> CheckResult | None:
    months = kit.answer_int(answers, "mandat", "anciennete_groupe_mois")
    if months is None:
        return None
    if months >= OFFICER_MIN_GROUP_MONTHS:
        return CheckResult("anciennete_groupe", _l("Au moins 3 mois dans le groupe"), "ok")
    return CheckResult("anciennete_groupe", _l("Moins de 3 mois dans le groupe"), "error",
                       _l("Un mandataire social doit travailler depuis au moins 3 mois dans le groupe."))


def _degree(answers: dict, card: str) -> CheckResult | None:
    level = kit.value(answers, "qualification", "niveau_diplome")
    years = kit.answer_int(answers, "qualification", "experience_annees")
    if not level:
        return None
    if card in ("salarie_qualifie", "chercheur"):
        ok = level in MASTER
        detail = _l("Cette carte demande un diplôme au moins équivalent au master : l'agent appréciera l'équivalence.")
    elif card == "carte_bleue":
        ok = level in THREE_YEAR_DEGREE or (years or 0) >= 5
        detail = _l("La carte bleue européenne demande un diplôme de 3 ans d'études supérieures ou 5 ans "
                    "d'expérience professionnelle.")
    else:
        ok = level in MASTER or (years or 0) >= 5
        detail = _l("La création d'entreprise demande un diplôme de niveau master ou 5 ans d'expérience "
                    "professionnelle.")
    if ok:
        return CheckResult("qualification", _l("Diplôme ou expérience au niveau requis"), "ok")
    return CheckResult("qualification", _l("Diplôme ou expérience à vérifier"), "warning", detail)


def _investment(answers: dict, step: str, schedule, filed_on: dt.date) -> CheckResult | None:
    return kit.minimum_amount_check(kit.answer_int(answers, step, "montant_investi"), rate_on(schedule, filed_on),
                                    code="investissement", label_ok=_l("Investissement au niveau requis"),
                                    label_low=_l("Investissement inférieur au minimum"), status_below="error")


def _investor_share(answers: dict) -> CheckResult | None:
    if kit.value(answers, "investissement", "mode") != "societe":
        return None
    share = kit.answer_int(answers, "investissement", "part_detenue")
    if share is None:
        return None
    if share >= INVESTOR_SHARE_PERCENT:
        return CheckResult("part_detenue", _l("Société détenue à 30 % au moins"), "ok")
    return CheckResult("part_detenue", _l("Société détenue à moins de 30 %"), "error",
                       _l("Un investissement par une société suppose d'en détenir au moins 30 %% du capital "
                          "(vous en détenez %(share)s %%).", share=share))


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """An attestation de prolongation d'instruction is due for a renewal filed on time; a talent card lets its
    holder work."""
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    return InstructionExtension(due=is_renewal(answers) and kit.renewal_on_time(expiry, filed_on),
                                authorises_work=kit.value(answers, "titre", "titre_type") in WORKING_TITLES)


def threshold_text(threshold: FeeRate | None) -> str:
    """A threshold for the agent's panel."""
    return str(Euros(threshold.amount)) if threshold else ""
