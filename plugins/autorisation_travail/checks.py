"""The work authorisation's rules: pay at least the SMIC, the labour-market test, the employer's OFII tax (DOMAIN §3),
as dated data."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.i18n import Euros
from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import SMIC_MONTHLY_GROSS
from anef.procedures import CheckResult, Fee, FeeRate, rate_on

# The portal took the requests from 6 April 2021 (décret 2021-360). DOMAIN §3 gives the OFII tax's amounts as in
# force in 2026 without their start date: they are dated from the opening here, the earliest filing they apply to.
OPENING = dt.date(2021, 4, 6)
# OFII tax (L.436-10): a job of 12 months or more: 55 % of the gross monthly pay, the pay capped at 2.5 × SMIC.
OFII_LONG_SHARE = (FeeRate(OPENING, 0.55),)
OFII_LONG_CAP_SMIC = (FeeRate(OPENING, 2.5),)
# 3 to 12 months: by the gross monthly pay against the SMIC.
OFII_SHORT_UP_TO_SMIC = (FeeRate(OPENING, 74),)
OFII_SHORT_UP_TO_1_5_SMIC = (FeeRate(OPENING, 210),)
OFII_SHORT_ABOVE = (FeeRate(OPENING, 300),)
# Seasonal work: per month of contract.
OFII_SEASONAL_PER_MONTH = (FeeRate(OPENING, 50),)
# Jobs shorter than this owe nothing (missions < 3 months).
OFII_MIN_MONTHS = 3
LONG_JOB_MONTHS = 12
EXEMPT_EMPLOYERS = {"particulier", "recherche", "enseignement_superieur"}
# Full time, for the SMIC of a part-time job: 35 hours a week.
FULL_TIME_HOURS = 35
# The labour-market test: the offer published 3 consecutive weeks, within the 6 months before filing.
PUBLICATION_MIN_DAYS = 21
PUBLICATION_WITHIN_MONTHS = 6


def contract(answers: dict) -> str:
    return kit.value(answers, "emploi", "type_contrat")


def months(answers: dict) -> int | None:
    """The contract's length in months; None for an open-ended one."""
    return None if contract(answers) == "cdi" else kit.answer_int(answers, "emploi", "duree_mois")


def is_seasonal(answers: dict) -> bool:
    return contract(answers) == "saisonnier"


def labour_market_test(answers: dict) -> bool:
    """Whether the offer had to be published first: the job is not on the list of métiers en tension."""
    return kit.value(answers, "emploi", "metier_en_tension") == "non"


def lives_in_france(answers: dict) -> bool:
    return kit.value(answers, "residence", "lieu_residence") == "france"


def smic_for_hours(on: dt.date, hours: int) -> FeeRate | None:
    """The gross monthly SMIC for ``hours`` a week (pro rata of 35 hours), as in force on ``on``."""
    base = rate_on(SMIC_MONTHLY_GROSS, on)
    if base is None:
        return None
    return FeeRate(base.effective_from, round(base.amount * hours / FULL_TIME_HOURS, 2), verify=base.verify)


def ofii_tax(answers: dict, filed_on: dt.date) -> Fee | None:
    """The tax the employer pays to the OFII for this job (L.436-10), payable within 3 months of the start (DOMAIN
    §3); None when none is due or the answers do not say yet."""
    if kit.value(answers, "employeur", "exoneration_taxe") in EXEMPT_EMPLOYERS:
        return None
    kind = contract(answers)
    length = months(answers)
    salary = kit.answer_int(answers, "emploi", "salaire_mensuel_brut")
    if not kind or (kind != "cdi" and length is None):
        return None
    if kind == "saisonnier":
        rate = rate_on(OFII_SEASONAL_PER_MONTH, filed_on)
        return Fee(rate.amount * length, ((_l("Taxe OFII, travail saisonnier (par mois de contrat)"),
                                           rate.amount * length),)) if rate else None
    if length is not None and length < OFII_MIN_MONTHS:
        return None
    smic = rate_on(SMIC_MONTHLY_GROSS, filed_on)
    if salary is None or smic is None:
        return None
    if length is None or length >= LONG_JOB_MONTHS:
        share, cap = rate_on(OFII_LONG_SHARE, filed_on), rate_on(OFII_LONG_CAP_SMIC, filed_on)
        amount = round(share.amount * min(salary, cap.amount * smic.amount), 2)
        return Fee(amount, ((_l("Taxe OFII, emploi de 12 mois ou plus (55 % du salaire mensuel brut)"), amount),),
                   verify=smic.verify)
    if salary <= smic.amount:
        schedule = OFII_SHORT_UP_TO_SMIC
    elif salary <= 1.5 * smic.amount:
        schedule = OFII_SHORT_UP_TO_1_5_SMIC
    else:
        schedule = OFII_SHORT_ABOVE
    amount = rate_on(schedule, filed_on).amount
    return Fee(amount, ((_l("Taxe OFII, emploi de 3 à 12 mois"), amount),), verify=smic.verify)


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check the answers allow."""
    return kit.present(
        _passport(answers, filed_on), _identity_dates(answers), _company(answers), _pay(answers, filed_on),
        _conventional_minimum(answers), _start(answers, filed_on), _publication(answers, filed_on),
        _tax(answers, filed_on))


def _passport(answers: dict, filed_on: dt.date) -> CheckResult | None:
    end = kit.answer_date(answers, "passeport", "date_expiration")
    if end is None:
        return None
    if end < filed_on:
        return CheckResult("passeport", _l("Passeport du salarié expiré"), "warning",
                           _l("Le salarié devra renouveler son passeport pour obtenir son visa ou son titre."))
    return CheckResult("passeport", _l("Passeport du salarié en cours de validité"), "ok")


def _identity_dates(answers: dict) -> CheckResult | None:
    born = kit.answer_date(answers, "identite", "date_naissance")
    issued = kit.answer_date(answers, "passeport", "date_delivrance")
    if born is None or issued is None or issued >= born:
        return None
    return CheckResult("dates_identite", _l("Dates incohérentes"), "error",
                       _l("Le passeport aurait été délivré avant la naissance du salarié : corrigez l'étape « Le "
                          "salarié » ou « Passeport du salarié »."))


def _company(answers: dict) -> CheckResult | None:
    """The employer's establishment is still active, asked of API Entreprise (its simulator offline)."""
    from anef.connectors.base import HIT, OK, Subject
    from anef.connectors.registry import get_connector

    siret = kit.value(answers, "employeur", "siret")
    if not siret:
        return None
    result = get_connector("api_entreprise").query(Subject(siret=siret))
    if result.status == OK:
        return CheckResult("entreprise", _l("Établissement actif selon API Entreprise"), "ok", result.summary)
    if result.status == HIT:
        return CheckResult("entreprise", _l("Établissement fermé"), "error",
                           _l("API Entreprise indique que l'établissement %(siret)s est fermé : une autorisation ne "
                              "peut être demandée que pour un établissement en activité.", siret=siret))
    return CheckResult("entreprise", _l("Établissement à vérifier"), "warning",
                       _l("API Entreprise ne confirme pas l'établissement pour le moment : la plateforme le "
                          "vérifiera."))


def _pay(answers: dict, filed_on: dt.date) -> CheckResult | None:
    """Pay at least the SMIC, even part-time (R.5221-20): below it, the request cannot be granted."""
    salary = kit.answer_int(answers, "emploi", "salaire_mensuel_brut")
    hours = kit.answer_int(answers, "emploi", "heures_hebdo")
    if salary is None or hours is None:
        return None
    minimum = smic_for_hours(filed_on, hours)
    if minimum is None:
        return None
    money = {"amount": Euros(salary), "min": Euros(minimum.amount), "hours": hours}
    if salary >= minimum.amount:
        return CheckResult("smic", _l("Salaire au moins égal au SMIC"), "ok",
                           _l("%(amount)s bruts par mois pour %(hours)s heures par semaine ; SMIC : %(min)s.", **money))
    return CheckResult("smic", _l("Salaire inférieur au SMIC"), "error",
                       _l("%(amount)s bruts par mois pour %(hours)s heures par semaine, sous le SMIC (%(min)s) : "
                          "corrigez l'étape « L'emploi ».", **money))


def _conventional_minimum(answers: dict) -> CheckResult | None:
    salary = kit.answer_int(answers, "emploi", "salaire_mensuel_brut")
    minimum = kit.answer_int(answers, "emploi", "minimum_conventionnel")
    if salary is None or minimum is None:
        return None
    money = {"amount": Euros(salary), "min": Euros(minimum)}
    if salary >= minimum:
        return CheckResult("minimum_conventionnel", _l("Salaire au moins égal au minimum conventionnel"), "ok")
    return CheckResult("minimum_conventionnel", _l("Salaire inférieur au minimum conventionnel"), "error",
                       _l("%(amount)s bruts par mois, pour un minimum conventionnel de %(min)s.", **money))


def _start(answers: dict, filed_on: dt.date) -> CheckResult | None:
    start = kit.answer_date(answers, "emploi", "date_debut")
    if start is None:
        return None
    if start < filed_on:
        return CheckResult("date_debut", _l("Contrat commençant avant la décision"), "warning",
                           _l("Le salarié ne peut pas travailler avant que l'autorisation soit accordée : la date de "
                              "début sera reportée."))
    return CheckResult("date_debut", _l("Début du contrat après le dépôt"), "ok")


def _publication(answers: dict, filed_on: dt.date) -> CheckResult | None:
    """The labour-market test: 3 consecutive weeks of publication, within the 6 months before filing."""
    if not labour_market_test(answers):
        return None
    start = kit.answer_date(answers, "recrutement", "offre_debut")
    end = kit.answer_date(answers, "recrutement", "offre_fin")
    if start is None or end is None:
        return None
    if (end - start).days < PUBLICATION_MIN_DAYS:
        return CheckResult("publication_offre", _l("Offre publiée moins de 3 semaines"), "error",
                           _l("Hors métier en tension, l'offre doit être publiée 3 semaines consécutives (%(days)s "
                              "jours ici).", days=(end - start).days))
    if start < kit.add_months(filed_on, -PUBLICATION_WITHIN_MONTHS):
        return CheckResult("publication_offre", _l("Offre publiée il y a plus de 6 mois"), "error",
                           _l("La publication doit avoir eu lieu dans les 6 mois qui précèdent la demande : publiez "
                              "l'offre à nouveau."))
    return CheckResult("publication_offre", _l("Offre publiée 3 semaines dans les 6 derniers mois"), "ok")


def _tax(answers: dict, filed_on: dt.date) -> CheckResult | None:
    """What the employer will owe the OFII: information, never blocking (it is called for after the arrival)."""
    if not contract(answers):
        return None
    if kit.value(answers, "employeur", "exoneration_taxe") in EXEMPT_EMPLOYERS:
        return CheckResult("taxe_ofii", _l("Pas de taxe OFII"), "ok",
                           _l("Cet employeur ne paie pas la taxe due à l'OFII pour l'emploi d'un salarié étranger."))
    tax = ofii_tax(answers, filed_on)
    if tax is None:
        length = months(answers)
        if length is not None and length < OFII_MIN_MONTHS and not is_seasonal(answers):
            return CheckResult("taxe_ofii", _l("Pas de taxe OFII"), "ok",
                               _l("Un emploi de moins de 3 mois n'y est pas soumis."))
        return None
    return CheckResult("taxe_ofii", _l("Taxe OFII due par l'employeur : %(amount)s", amount=Euros(tax.amount)), "ok",
                       _l("Payée par l'employeur dans les 3 mois qui suivent l'arrivée ou l'embauche du salarié, "
                          "jamais par lui."))
