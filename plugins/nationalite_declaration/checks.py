"""Conditions, dated thresholds and fee of the declaration of nationality by marriage (DOMAIN.md §0, §12)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.decisions import date_text
from anef.procedure_kit.rates import NATIONALITY_DUTY, NATIONALITY_DUTY_GUYANE, fee_of
from anef.procedures import CheckResult, Fee, rate_on
from anef.territories import departement_from_postcode

# Years of marriage with shared life (C. civ. 21-2): 4, or 5 without 3 years' continuous and regular residence in
# France since the marriage, or when the French spouse was not on the consular register during life abroad.
YEARS_WITH_RESIDENCE = 4
YEARS_OTHERWISE = 5
LEVEL_ORDER = ("aucun", "A1", "A2", "B1", "B2", "C1")


@dataclass(frozen=True)
class Rule:
    """A condition in force from a date (read with ``anef.procedures.rate_on``); ``verify``: not confirmed."""

    effective_from: dt.date
    value: str
    verify: bool = False


# French level, oral and written: B1; B2 from 2026 according to one lawyer only (VERIFY in DOMAIN §12), so a warning.
LANGUAGE_LEVEL = (Rule(dt.date(2020, 1, 1), "B1"), Rule(dt.date(2026, 1, 1), "B2", verify=True))


def required_years(residence_3ans: str, inscription: str = "sans_objet") -> int:
    """4 years of marriage with 3 years' residence in France (and the spouse registered at the consulate while the
    couple lived abroad), 5 otherwise."""
    return YEARS_WITH_RESIDENCE if residence_3ans == "oui" and inscription != "non" else YEARS_OTHERWISE


def eligible_from(married_on: dt.date, years: int) -> dt.date:
    """The first day the declaration may be made."""
    return kit.add_months(married_on, 12 * years)


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The 55 € droit de timbre (27.50 € in Guyane), 255 € from May 2026, as for naturalisation (CGI 958)."""
    departement = departement_from_postcode(kit.value(answers, "adresse", "code_postal"))
    schedule = NATIONALITY_DUTY_GUYANE if departement == "973" else NATIONALITY_DUTY
    return fee_of(filed_on, (_l("Droit de timbre (déclaration de nationalité)"), schedule))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow, on the filing date (today for a draft)."""
    kind = (answers.get("motif") or {}).get("motif") or "mariage"
    if kind == "francisation":
        return kit.present(_within("francisation_delai", _l("Francisation demandée dans l'année"),
                                   kit.answer_date(answers, "acquisition", "date_acquisition"), 12, filed_on,
                                   _l("La francisation se demande dans l'année qui suit l'acquisition de la "
                                      "nationalité française.")), kit.identity_dates_check(answers))
    if kind == "rapo":
        return kit.present(_within("recours_delai", _l("Recours formé dans les 2 mois"),
                                   kit.answer_date(answers, "recours", "date_notification"), 2, filed_on,
                                   _l("Le recours préalable obligatoire se forme dans les 2 mois qui suivent la "
                                      "notification de la décision.")), kit.identity_dates_check(answers))
    return kit.present(_marriage_length(answers, filed_on), *_marriage(answers), _card(answers, filed_on),
                       kit.passport_check(answers, filed_on), kit.identity_dates_check(answers),
                       _language(answers, filed_on))


def _marriage_length(answers: dict, filed_on: dt.date) -> CheckResult | None:
    married_on = kit.answer_date(answers, "mariage", "date_mariage")
    residence = kit.value(answers, "mariage", "residence_3ans")
    if married_on is None or not residence:
        return None
    years = required_years(residence, kit.value(answers, "mariage", "inscription_consulaire"))
    since = eligible_from(married_on, years)
    if since <= filed_on:
        return CheckResult("duree_mariage", _l("%(years)s ans de mariage", years=years), "ok")
    return CheckResult("duree_mariage", _l("Mariage de moins de %(years)s ans", years=years), "error",
                       _l("La déclaration demande %(years)s ans de mariage dans votre situation : vous pourrez la "
                          "souscrire à partir du %(date)s.", years=years, date=date_text(since)))


def _marriage(answers: dict) -> list[CheckResult]:
    marriage = answers.get("mariage") or {}
    results = []
    if marriage.get("conjoint_francais") == "non":
        results.append(CheckResult("nationalite_conjoint", _l("Conjoint qui n'était pas français au mariage"), "error",
                                   _l("La déclaration suppose que votre conjoint ait été français le jour du mariage. "
                                      "La naturalisation reste possible.")))
    if marriage.get("vie_commune") == "non":
        results.append(CheckResult("vie_commune", _l("Communauté de vie interrompue"), "error",
                                   _l("La communauté de vie, affective et matérielle, ne doit pas avoir cessé depuis "
                                      "le mariage.")))
    if marriage.get("celebration") == "non_transcrit":
        results.append(CheckResult("transcription", _l("Mariage non transcrit"), "error",
                                   _l("Un mariage célébré à l'étranger doit d'abord être transcrit sur les registres "
                                      "de l'état civil français (consulat ou service central d'état civil).")))
    return results


def _card(answers: dict, filed_on: dt.date) -> CheckResult | None:
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    if expiry is None:
        return None
    if expiry >= filed_on:
        return CheckResult("sejour_regulier", _l("Séjour régulier"), "ok")
    return CheckResult("sejour_regulier", _l("Titre de séjour expiré"), "warning",
                       _l("Le séjour doit être régulier au moment de la déclaration : joignez le récépissé de votre "
                          "demande de renouvellement."))


def _language(answers: dict, filed_on: dt.date) -> CheckResult | None:
    level = kit.value(answers, "langue", "niveau_francais")
    proof = kit.value(answers, "langue", "justificatif")
    required = rate_on(LANGUAGE_LEVEL, filed_on)
    if not level or not proof or required is None:
        return None
    if proof == "diplome_francais":
        return CheckResult("langue", _l("Diplôme obtenu en français"), "ok", _l("Il dispense de test de langue."))
    rank = LEVEL_ORDER.index(level) if proof != "aucun" and level in LEVEL_ORDER else 0
    if rank >= LEVEL_ORDER.index(required.value):
        return CheckResult("langue", _l("Niveau de français %(level)s atteint", level=required.value), "ok")
    if required.verify and rank >= LEVEL_ORDER.index("B1"):
        return CheckResult("langue", _l("Niveau B2 peut-être exigé"), "warning",
                           _l("Le niveau B1 est prouvé. Le niveau B2 serait exigé depuis 2026 (règle en cours de "
                              "confirmation) : l'agent vous dira s'il faut un autre justificatif."))
    return CheckResult("langue", _l("Niveau de français B1 non justifié"), "error",
                       _l("La déclaration à raison du mariage demande le niveau B1 à l'oral et à l'écrit, prouvé par un "
                          "diplôme ou un test reconnu."))


def _within(code: str, label, since: dt.date | None, months: int, filed_on: dt.date, detail) -> CheckResult | None:
    """Filed within ``months`` of ``since`` (the acquisition of nationality, a decision's notification)."""
    if since is None:
        return None
    ends = kit.add_months(since, months)
    if filed_on <= ends:
        return CheckResult(code, label, "ok", _l("Délai jusqu'au %(date)s.", date=date_text(ends)))
    return CheckResult(code, _l("Délai dépassé depuis le %(date)s", date=date_text(ends)), "error", detail)
