"""Whether the card is remade, the fee, and the automatic checks of a change of situation (DOMAIN.md §0, §7, §10)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.decisions import date_text
from anef.procedure_kit.rates import DROIT_DE_TIMBRE, fee_of
from anef.procedures import CheckResult, Fee
from plugins.changement_situation import forms

MIN_MONTHS_LEFT = 3  # a card expiring within 3 months is not remade: the renewal records the change


def changement(answers: dict) -> str:
    return kit.value(answers, "situation", "changement")


def new_card(answers: dict) -> bool:
    """Whether what is printed on the card changes: a name, a civil-status item, a married name added or removed.
    A birth, a PACS or a death is recorded in the person's file, and the card stays as it is."""
    kind = changement(answers)
    if kind in (forms.NOM, forms.ETAT_CIVIL):
        return True
    return kind in (forms.MARIAGE, forms.DIVORCE) and kit.value(answers, "evenement", "nom_usage") == "oui"


def is_free(answers: dict) -> bool:
    return not new_card(answers) or kit.value(answers, "titre", "titre_type") == "ue"


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The droit de timbre of a changed card (L.436-7: 25 €, 50 € from May 2026 to be confirmed), or nothing."""
    if is_free(answers):
        return None
    return fee_of(filed_on, (_l("Droit de timbre"), DROIT_DE_TIMBRE))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    return kit.present(_card(answers, filed_on), _event_after_birth(answers), _transcription(answers),
                       kit.agdref_check(kit.value(answers, "titre", "numero_etranger"),
                                        kit.value(answers, "identite", "nom"), step_title=_l("Votre carte")))


def _card(answers: dict, filed_on: dt.date) -> CheckResult | None:
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    if expiry is None:
        return None
    if expiry < filed_on:
        return CheckResult("validite_carte", _l("Carte expirée"), "error",
                           _l("Déclarez ce changement dans votre demande de renouvellement."))
    if new_card(answers) and expiry < kit.add_months(filed_on, MIN_MONTHS_LEFT):
        return CheckResult("validite_carte", _l("Carte expirant dans moins de 3 mois"), "error",
                           _l("Votre carte expire le %(date)s : elle ne sera pas refaite. Déclarez ce changement "
                              "dans votre demande de renouvellement.", date=date_text(expiry)))
    return CheckResult("validite_carte", _l("Carte en cours de validité"), "ok")


def _event_after_birth(answers: dict) -> CheckResult | None:
    born = kit.answer_date(answers, "identite", "date_naissance")
    event = kit.answer_date(answers, "evenement", "date_evenement")
    if born is None or event is None or event > born or changement(answers) == forms.ETAT_CIVIL:
        return None
    return CheckResult("dates", _l("Dates incohérentes"), "error",
                       _l("La date de l'événement est antérieure à votre naissance : corrigez l'étape « Identité » ou "
                          "celle de l'événement."))


def _transcription(answers: dict) -> CheckResult | None:
    """A marriage abroad with a French national is transcribed in the French civil registers (DOMAIN §10)."""
    if changement(answers) != forms.MARIAGE:
        return None
    country = kit.value(answers, "evenement", "pays").strip().lower()
    spouse = kit.value(answers, "evenement", "conjoint_nationalite").strip().lower()
    if not country or not spouse or country == "france" or not spouse.startswith("fran"):
        return None
    return CheckResult("transcription", _l("Mariage à l'étranger avec un Français"), "warning",
                       _l("Un mariage célébré à l'étranger avec un Français doit être transcrit sur les registres de "
                          "l'état civil français (par le consulat) : joignez l'acte transcrit."))
