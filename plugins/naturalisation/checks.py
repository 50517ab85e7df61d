"""Conditions, dated thresholds and fee of naturalisation by decree (facts from DOMAIN.md §0 and §11)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.decisions import date_text
from anef.procedure_kit.rates import NATIONALITY_DUTY, NATIONALITY_DUTY_GUYANE, fee_of, smic_multiple
from anef.procedures import CheckResult, Fee, FeeRate, rate_on
from anef.territories import departement_from_postcode

# Years of habitual residence in France before the request (C. civ. 21-17, 21-18, 21-19).
RESIDENCE_YEARS = {"residence": 5, "etudes": 2, "refugie": 0}
LEVEL_ORDER = ("aucun", "A1", "A2", "B1", "B2", "C1")


@dataclass(frozen=True)
class Rule:
    """A condition in force from a date (read with ``anef.procedures.rate_on``); ``verify``: not confirmed."""

    effective_from: dt.date
    value: object
    verify: bool = False


# French level required, oral and written: B1, then B2 for requests filed from 1 January 2026 (DOMAIN §11).
LANGUAGE_LEVEL = (Rule(dt.date(2020, 1, 1), "B1"), Rule(dt.date(2026, 1, 1), "B2"))
# The civic exam (naturalisation version) from the same date.
CIVIC_EXAM_FROM = dt.date(2026, 1, 1)
# Circulaire of 2 May 2025 (in force 1 January 2026): about 5 years of professional activity, cited only by
# third-party sources (VERIFY in DOMAIN §11), so a warning for the agent, never blocking.
EMPLOYMENT_YEARS = (Rule(dt.date(2026, 1, 1), 5, verify=True),)


def fondement(answers: dict) -> str:
    return kit.value(answers, "situation", "fondement")


def is_refugee(answers: dict) -> bool:
    return fondement(answers) == "refugie"


def is_married(answers: dict) -> bool:
    return kit.value(answers, "situation", "situation_familiale") in ("marie", "pacse")


def minor_children(answers: dict) -> int:
    return kit.answer_int(answers, "situation", "enfants_mineurs") or 0


def departement(answers: dict) -> str | None:
    return departement_from_postcode(kit.value(answers, "adresse", "code_postal"))


def resources_yardstick(on: dt.date) -> FeeRate | None:
    """The net SMIC over a year: DOMAIN sets no figure for naturalisation, so the agent's yardstick only."""
    return smic_multiple(on, 1, net=True)


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The 55 € droit de timbre (27.50 € in Guyane), 255 € from May 2026 (CGI 958; DOMAIN §0 and §11)."""
    schedule = NATIONALITY_DUTY_GUYANE if departement(answers) == "973" else NATIONALITY_DUTY
    return fee_of(filed_on, (_l("Droit de timbre (naturalisation)"), schedule))


def residence_required_until(answers: dict) -> dt.date | None:
    """The first day the residence condition is met, from the start of habitual residence."""
    start = kit.answer_date(answers, "situation", "debut_residence")
    years = RESIDENCE_YEARS.get(fondement(answers))
    if start is None or years is None:
        return None
    return kit.add_months(start, 12 * years)


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow, on the filing date (today for a draft)."""
    results = kit.present(_residence(answers, filed_on), _card(answers, filed_on))
    if not is_refugee(answers):
        results += kit.present(kit.passport_check(answers, filed_on), kit.identity_dates_check(answers))
    results += kit.present(_language(answers, filed_on), _civic_exam(answers, filed_on),
                           kit.resources_check(kit.answer_int(answers, "ressources", "revenus_annuels"),
                                               resources_yardstick(filed_on), yearly=True),
                           _employment(answers, filed_on), _conduct(answers))
    return results


def _residence(answers: dict, filed_on: dt.date) -> CheckResult | None:
    since = residence_required_until(answers)
    if since is None:
        return None
    if is_refugee(answers):
        return CheckResult("residence", _l("Réfugié : pas de durée de résidence exigée"), "ok")
    years = RESIDENCE_YEARS[fondement(answers)]
    if since <= filed_on:
        return CheckResult("residence", _l("Durée de résidence suffisante"), "ok",
                           _l("%(years)s ans de résidence habituelle en France au moins.", years=years))
    return CheckResult("residence", _l("Durée de résidence insuffisante"), "error",
                       _l("La naturalisation demande %(years)s ans de résidence habituelle en France : vous pourrez la "
                          "demander à partir du %(date)s.", years=years, date=date_text(since)))


def _card(answers: dict, filed_on: dt.date) -> CheckResult | None:
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    if expiry is None:
        return None
    if expiry >= filed_on:
        return CheckResult("sejour_regulier", _l("Titre de séjour en cours de validité"), "ok")
    return CheckResult("sejour_regulier", _l("Titre de séjour expiré"), "warning",
                       _l("Le séjour doit être régulier au moment de la demande : joignez le récépissé de votre "
                          "demande de renouvellement."))


def _language(answers: dict, filed_on: dt.date) -> CheckResult | None:
    level = kit.value(answers, "langue", "niveau_francais")
    proof = kit.value(answers, "langue", "justificatif")
    required = rate_on(LANGUAGE_LEVEL, filed_on)
    if not level or not proof or required is None:
        return None
    if proof == "diplome_francais":
        return CheckResult("langue", _l("Diplôme obtenu en français"), "ok",
                           _l("Il dispense de test de langue."))
    if proof != "aucun" and level in LEVEL_ORDER and LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(required.value):
        return CheckResult("langue", _l("Niveau de français %(level)s atteint", level=required.value), "ok")
    return CheckResult("langue", _l("Niveau de français %(level)s non justifié", level=required.value), "error",
                       _l("Une demande déposée à cette date doit prouver le niveau %(level)s à l'oral et à l'écrit, par "
                          "un diplôme ou un test reconnu.", level=required.value))


def _civic_exam(answers: dict, filed_on: dt.date) -> CheckResult | None:
    exam = kit.value(answers, "langue", "examen_civique")
    if not exam or filed_on < CIVIC_EXAM_FROM:
        return None
    if exam in ("reussi", "dispense"):
        return CheckResult("examen_civique", _l("Examen civique"), "ok")
    return CheckResult("examen_civique", _l("Examen civique non réussi"), "error",
                       _l("Depuis le 1er janvier 2026, la naturalisation demande la réussite de l'examen civique."))


def _employment(answers: dict, filed_on: dt.date) -> CheckResult | None:
    years = kit.answer_int(answers, "ressources", "annees_activite")
    rule = rate_on(EMPLOYMENT_YEARS, filed_on)
    if years is None or rule is None or is_refugee(answers):
        return None
    if years >= rule.value:
        return CheckResult("insertion", _l("Insertion professionnelle durable"), "ok")
    return CheckResult("insertion", _l("Moins de %(years)s ans d'activité professionnelle", years=rule.value), "warning",
                       _l("Depuis 2026, l'administration attend en général environ %(years)s ans d'activité "
                          "professionnelle (critère en cours de confirmation). L'agent appréciera votre situation.",
                          years=rule.value))


def _conduct(answers: dict) -> CheckResult | None:
    convicted = kit.value(answers, "parcours", "condamnation")
    if not convicted:
        return None
    if convicted == "non":
        return CheckResult("conduite", _l("Aucune condamnation déclarée"), "ok")
    return CheckResult("conduite", _l("Condamnation déclarée"), "warning",
                       _l("Certaines condamnations empêchent d'acquérir la nationalité française (article 21-27 du code "
                          "civil). L'agent examinera votre situation."))
