"""Reading answers and the automatic checks several procedures run (DOMAIN §0).

Every function takes plain answers (a dict keyed by step slug, values as typed) and returns
:class:`anef.procedures.CheckResult` or ``None`` when the answers do not allow the check yet:
a check on a missing answer is simply not run.
"""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.calendar.services import add_months  # noqa: F401 (plugins call kit.add_months)
from anef.i18n import Euros
from anef.procedures import CheckResult, FeeRate

RENEWAL_WINDOW = (120, 60)  # days before expiry (R.431-2, annexe 9)
LATE_RENEWAL_TAX = 180  # L.436-5
FIRST_APPLICATION_MONTHS = 2  # R.431-4: within 2 months of entry


# ---------------------------------------------------------------- reading answers

def value(answers: dict, step: str, name: str, default: str = "") -> str:
    """One answer as typed (a string), or ``default``."""
    found = (answers.get(step) or {}).get(name, default)
    return found if isinstance(found, str) else default


def answer_date(answers: dict, step: str, name: str) -> dt.date | None:
    """A date answer, or None when missing or not a date."""
    try:
        return dt.date.fromisoformat(value(answers, step, name))
    except ValueError:
        return None


def answer_int(answers: dict, step: str, name: str) -> int | None:
    """A whole-number answer, or None when missing or not a number."""
    try:
        return int(value(answers, step, name))
    except ValueError:
        return None


def current_rights_end(answers: dict) -> dt.date | None:
    """When the right to stay a dossier is about ends: the card's expiry, else the long-stay visa's end (the kit's
    visa step is ``entree``; the VLS-TS validation's own is ``visa``)."""
    return (answer_date(answers, "titre", "titre_expiration") or answer_date(answers, "entree", "visa_fin")
            or answer_date(answers, "visa", "visa_fin"))


# ---------------------------------------------------------------- thresholds

def _money(amount, threshold: FeeRate) -> dict:
    return {"amount": Euros(amount), "min": Euros(threshold.amount)}


def resources_check(amount: int | None, threshold: FeeRate | None, *, code: str = "ressources",
                    yearly: bool = False, lowered: bool = False) -> CheckResult | None:
    """Declared resources against a minimum (per month, or per year with ``yearly``).

    Below the minimum is a warning, never blocking: the agent weighs the proofs. ``lowered``: the
    law lets the agent accept less (e.g. a visitor housed free of charge), which the detail says.
    """
    if amount is None or threshold is None:
        return None
    money = _money(amount, threshold)
    if amount >= threshold.amount:
        if yearly:
            detail = (_l("%(amount)s par an, pour un minimum de %(min)s (montant en cours de confirmation).", **money)
                      if threshold.verify else _l("%(amount)s par an, pour un minimum de %(min)s.", **money))
        else:
            detail = (_l("%(amount)s par mois, pour un minimum de %(min)s (montant en cours de confirmation).", **money)
                      if threshold.verify else _l("%(amount)s par mois, pour un minimum de %(min)s.", **money))
        return CheckResult(code, _l("Ressources suffisantes"), "ok", detail)
    if yearly:
        detail = (_l("%(amount)s par an déclarés, pour un minimum de %(min)s (montant en cours de confirmation). "
                     "L'agent appréciera vos justificatifs.", **money) if threshold.verify
                  else _l("%(amount)s par an déclarés, pour un minimum de %(min)s. "
                          "L'agent appréciera vos justificatifs.", **money))
    else:
        detail = (_l("%(amount)s par mois déclarés, pour un minimum de %(min)s (montant en cours de confirmation). "
                     "L'agent appréciera vos justificatifs.", **money) if threshold.verify
                  else _l("%(amount)s par mois déclarés, pour un minimum de %(min)s. "
                          "L'agent appréciera vos justificatifs.", **money))
    if lowered:
        detail = _l("%(detail)s Le minimum peut être abaissé quand le logement ne coûte rien.", detail=detail)
    return CheckResult(code, _l("Ressources inférieures au minimum"), "warning", detail)


def salary_check(annual_gross: int | None, threshold: FeeRate | None, *, code: str = "remuneration",
                 status_below: str = "warning") -> CheckResult | None:
    """A gross annual salary against a legal threshold (a multiple of the SMIC, or an arrêté's figure).

    ``status_below``: ``warning`` lets the agent judge; ``error`` blocks filing.
    """
    if annual_gross is None or threshold is None:
        return None
    money = _money(annual_gross, threshold)
    if annual_gross >= threshold.amount:
        detail = (_l("%(amount)s bruts par an, pour un seuil de %(min)s (seuil en cours de confirmation).", **money)
                  if threshold.verify else _l("%(amount)s bruts par an, pour un seuil de %(min)s.", **money))
        return CheckResult(code, _l("Rémunération au niveau requis"), "ok", detail)
    detail = (_l("%(amount)s bruts par an déclarés, pour un seuil de %(min)s (seuil en cours de confirmation).", **money)
              if threshold.verify else _l("%(amount)s bruts par an déclarés, pour un seuil de %(min)s.", **money))
    return CheckResult(code, _l("Rémunération inférieure au seuil"), status_below, detail)


def minimum_amount_check(amount: int | None, minimum: FeeRate | None, *, code: str, label_ok, label_low,
                         status_below: str = "warning") -> CheckResult | None:
    """Any declared amount (an investment, a financing) against a legal minimum."""
    if amount is None or minimum is None:
        return None
    money = _money(amount, minimum)
    if amount >= minimum.amount:
        return CheckResult(code, label_ok, "ok", _l("%(amount)s, pour un minimum de %(min)s.", **money))
    return CheckResult(code, label_low, status_below, _l("%(amount)s déclarés, pour un minimum de %(min)s.", **money))


# ---------------------------------------------------------------- delays and validity

def within_months_of_entry(entry: dt.date | None, filed_on: dt.date, months: int, *, code: str, label_ok, label_late,
                           detail_late, status_late: str = "warning") -> CheckResult | None:
    """Whether a request comes within ``months`` of the date of entry into France."""
    if entry is None:
        return None
    if filed_on <= add_months(entry, months):
        return CheckResult(code, label_ok, "ok")
    return CheckResult(code, label_late, status_late, detail_late)


def first_application_delay(answers: dict, filed_on: dt.date, *, step: str = "entree",
                            name: str = "date_entree") -> CheckResult | None:
    """A first card is asked within 2 months of entry (R.431-4)."""
    entry = answer_date(answers, step, name)
    if entry is None:
        return None
    late = (filed_on - entry).days > 61
    return CheckResult(
        "delai_premiere_demande",
        _l("Demande déposée plus de 2 mois après l'entrée") if late else _l("Demande dans les 2 mois suivant l'entrée"),
        "warning" if late else "ok",
        _l("La première demande doit être faite dans les 2 mois suivant l'entrée en France.") if late else "")


def passport_check(answers: dict, filed_on: dt.date) -> CheckResult | None:
    """The passport is still valid on the filing date."""
    end = answer_date(answers, "passeport", "date_expiration")
    if end is None:
        return None
    if end < filed_on:
        return CheckResult("passeport", _l("Passeport expiré"), "warning",
                           _l("Votre passeport a expiré : joignez si possible la preuve de sa demande de renouvellement."))
    return CheckResult("passeport", _l("Passeport en cours de validité"), "ok")


def identity_dates_check(answers: dict) -> CheckResult | None:
    """The passport was issued after its holder was born (two steps, so no single form can see it)."""
    born = answer_date(answers, "identite", "date_naissance")
    issued = answer_date(answers, "passeport", "date_delivrance")
    if born is None or issued is None or issued >= born:
        return None
    return CheckResult("dates_identite", _l("Dates incohérentes"), "error",
                       _l("La date de délivrance du passeport est antérieure à votre date de naissance : corrigez "
                          "l'étape « Identité » ou « Passeport »."))


def renewal_window_check(expiry: dt.date | None, filed_on: dt.date) -> CheckResult | None:
    """When a renewal is asked, against the window of 120 to 60 days before the card expires."""
    if expiry is None:
        return None
    days_left = (expiry - filed_on).days
    early, late = RENEWAL_WINDOW
    if days_left > early:
        return CheckResult("delai_renouvellement", _l("Demande anticipée"), "warning",
                           _l("Le renouvellement se demande entre 120 et 60 jours avant l'expiration du titre (le %(date)s).",
                              date=expiry.isoformat()))
    if days_left >= late:
        return CheckResult("delai_renouvellement", _l("Renouvellement demandé dans les délais"), "ok")
    if days_left >= 0:
        return CheckResult("delai_renouvellement", _l("Renouvellement tardif"), "warning",
                           _l("Le délai normal (entre 120 et 60 jours avant l'expiration) est dépassé."))
    if days_left >= -183:
        return CheckResult("delai_renouvellement", _l("Titre expiré"), "warning",
                           _l("Votre titre a expiré. Une taxe pour renouvellement tardif (%(amount)s) peut être demandée.",
                              amount=Euros(LATE_RENEWAL_TAX)))
    return CheckResult("delai_renouvellement", _l("Titre expiré depuis plus de 6 mois"), "warning",
                       _l("Votre demande sera examinée comme une première demande : un visa peut être exigé."))


def renewal_on_time(expiry: dt.date | None, filed_on: dt.date) -> bool:
    """Whether a renewal was filed at least 60 days before the card expires (attestation de prolongation due)."""
    return expiry is not None and (expiry - filed_on).days >= RENEWAL_WINDOW[1]


# ---------------------------------------------------------------- other State systems

def agdref_check(numero: str, family_name: str = "", *, code: str = "agdref", step_title=None) -> CheckResult | None:
    """A numéro étranger looked up in AGDREF through its connector (the local simulator unless
    ``CONNECTOR_AGDREF_URL`` is set): unknown, or held by another identity, blocks filing; an AGDREF that does not
    answer leaves it to the agent. ``step_title``: the step where the person corrects the number."""
    from anef.connectors.base import HIT, NOT_FOUND, OK, Subject
    from anef.connectors.registry import get_connector

    if not numero:
        return None
    result = get_connector("agdref").query(Subject(numero_etranger=numero, family_name=family_name))
    where = step_title or _l("Titre de séjour")
    if result.status == OK:
        return CheckResult(code, _l("Numéro étranger connu d'AGDREF"), "ok", result.summary)
    if result.status == NOT_FOUND:
        return CheckResult(code, _l("Numéro étranger inconnu"), "error",
                           _l("Le numéro étranger %(number)s ne figure pas dans le fichier national des étrangers : "
                              "vérifiez-le à l'étape « %(step)s ».", number=numero, step=where))
    if result.status == HIT:
        return CheckResult(code, _l("Numéro étranger attribué à une autre personne"), "error",
                           _l("Le numéro étranger %(number)s est enregistré sous une autre identité : vérifiez-le à "
                              "l'étape « %(step)s ».", number=numero, step=where))
    return CheckResult(code, _l("Numéro étranger à vérifier"), "warning",
                       _l("Le fichier national des étrangers ne répond pas pour le moment : l'agent vérifiera le "
                          "numéro."))


def present(*results: CheckResult | None) -> list[CheckResult]:
    """The checks that could run, in order."""
    return [r for r in results if r is not None]
