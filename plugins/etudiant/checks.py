"""Automatic checks, fees and thresholds of the student procedure (facts from DOMAIN.md §0 and §2)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.i18n import Euros
from anef.procedures import CheckResult, Fee, FeeRate, InstructionExtension, rate_on

# Monthly resources a student must show (DOMAIN §2). 877.50 € from 2026-08-01 is a VERIFY fact.
RESOURCES_SCHEDULE = (
    FeeRate(dt.date(2011, 9, 6), 615),
    FeeRate(dt.date(2026, 8, 1), 877.5, verify=True),
)
# Tax on a first card at the student (reduced) rate, and the droit de timbre (DOMAIN §0).
FIRST_CARD_TAX = (FeeRate(dt.date(2020, 1, 2), 50), FeeRate(dt.date(2026, 5, 1), 100, verify=True))
RENEWAL_TAX = (FeeRate(dt.date(2020, 1, 2), 50),)
DROIT_DE_TIMBRE = (FeeRate(dt.date(2020, 1, 2), 25), FeeRate(dt.date(2026, 5, 1), 50, verify=True))
RENEWAL_WINDOW = (120, 60)  # days before expiry (R.431-2, annexe 9)
FIRST_APPLICATION_DAYS = 61  # within 2 months of entry (R.431-4)
LATE_RENEWAL_TAX = 180  # L.436-5


def _date(answers: dict, step: str, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(answers.get(step, {}).get(name, ""))
    except (TypeError, ValueError):
        return None


def _int(answers: dict, step: str, name: str) -> int | None:
    try:
        return int(answers.get(step, {}).get(name, ""))
    except (TypeError, ValueError):
        return None


def is_renewal(answers: dict) -> bool:
    """Whether the dossier asks for a renewal rather than a first card."""
    return answers.get("situation", {}).get("demande") == "renouvellement"


def resources_threshold(on: dt.date) -> FeeRate:
    """The minimum monthly resources in force on a date."""
    return rate_on(RESOURCES_SCHEDULE, on)


def fee(answers: dict, filed_on: dt.date) -> Fee:
    """The tax and the droit de timbre due, per the schedule in force on the filing date."""
    tax = rate_on(RENEWAL_TAX if is_renewal(answers) else FIRST_CARD_TAX, filed_on)
    timbre = rate_on(DROIT_DE_TIMBRE, filed_on)
    return Fee(amount=tax.amount + timbre.amount,
               parts=((_l("Taxe (tarif réduit étudiant)"), tax.amount), (_l("Droit de timbre"), timbre.amount)),
               verify=tax.verify or timbre.verify)


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow; missing answers are simply not checked yet."""
    results = []
    amount = _int(answers, "ressources", "montant_mensuel")
    if amount is not None:
        threshold = resources_threshold(filed_on)
        money = {"amount": Euros(amount), "min": Euros(threshold.amount)}
        if amount >= threshold.amount:
            detail = (_l("%(amount)s par mois, pour un minimum de %(min)s (montant en cours de confirmation).", **money)
                      if threshold.verify else _l("%(amount)s par mois, pour un minimum de %(min)s.", **money))
            results.append(CheckResult("ressources", _l("Ressources suffisantes"), "ok", detail))
        else:
            detail = (_l("%(amount)s par mois déclarés, pour un minimum de %(min)s (montant en cours de confirmation). "
                         "L'agent appréciera vos justificatifs.", **money) if threshold.verify
                      else _l("%(amount)s par mois déclarés, pour un minimum de %(min)s. "
                              "L'agent appréciera vos justificatifs.", **money))
            results.append(CheckResult("ressources", _l("Ressources inférieures au minimum"), "warning", detail))
    passport_end = _date(answers, "passeport", "date_expiration")
    if passport_end is not None:
        if passport_end < filed_on:
            results.append(CheckResult("passeport", _l("Passeport expiré"), "warning",
                                       _l("Votre passeport a expiré : joignez si possible la preuve de sa demande de renouvellement.")))
        else:
            results.append(CheckResult("passeport", _l("Passeport en cours de validité"), "ok"))
    if is_renewal(answers):
        expiry = _date(answers, "titre", "titre_expiration")
        if expiry is not None:
            results.append(_renewal_window(expiry, filed_on))
    else:
        entry = _date(answers, "entree", "date_entree")
        if entry is not None:
            late = (filed_on - entry).days > FIRST_APPLICATION_DAYS
            results.append(CheckResult(
                "delai_premiere_demande",
                _l("Demande déposée plus de 2 mois après l'entrée") if late else _l("Demande dans les 2 mois suivant l'entrée"),
                "warning" if late else "ok",
                _l("La première demande doit être faite dans les 2 mois suivant l'entrée en France.") if late else ""))
    return results


def _renewal_window(expiry: dt.date, filed_on: dt.date) -> CheckResult:
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


# Titles held before a renewal that let their holder work (964 h a year for students, DOMAIN §2).
WORKING_TITLES = {"carte_etudiant", "vls_ts_etudiant"}


def instruction_extension(answers: dict, filed_on: dt.date) -> InstructionExtension:
    """An attestation de prolongation d'instruction is due for a renewal filed on time (DOMAIN §13).

    On time: at least 60 days before the card expires, the end of the renewal window; a late
    filing gets none as of right.
    """
    expiry = _date(answers, "titre", "titre_expiration")
    if not is_renewal(answers) or expiry is None:
        return InstructionExtension(due=False)
    on_time = (expiry - filed_on).days >= RENEWAL_WINDOW[1]
    return InstructionExtension(due=on_time,
                                authorises_work=answers.get("titre", {}).get("titre_type") in WORKING_TITLES)
