"""Which travel document a person gets, its fee, and the automatic checks (facts from DOMAIN.md §9 and §10)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.rates import fee_of
from anef.procedures import CheckResult, Fee, FeeRate
from plugins.tve import forms

CGI_953_IV = dt.date(2020, 3, 1)  # the amounts of CGI art. 953 IV, in force since 1 March 2020
CARD_SOON_MONTHS = 3


@dataclass(frozen=True)
class Kind:
    """A travel document: its name, how long it lasts, its dated fee. ``validity_verify``: DOMAIN flags the length
    as unconfirmed (one source gives 10 years for refugees' documents)."""

    code: str
    title: object
    validity: object
    fee: tuple[FeeRate, ...]
    validity_verify: bool = False

    @property
    def validity_text(self):
        """The length as the agent reads it, with the flag when it is to be confirmed."""
        if self.validity_verify:
            return _l("%(validity)s (durée à confirmer)", validity=self.validity)
        return self.validity


TV_5 = Kind("tv_5", _l("Titre de voyage (biométrique)"), _l("5 ans"), (FeeRate(CGI_953_IV, 45),), validity_verify=True)
TV_4 = Kind("tv_4", _l("Titre de voyage"), _l("4 ans"), (FeeRate(CGI_953_IV, 40),))
TIV = Kind("tiv", _l("Titre d'identité et de voyage"), _l("1 an"), (FeeRate(CGI_953_IV, 15),))


def statut(answers: dict) -> str:
    return kit.value(answers, "situation", "statut")


def protected(answers: dict) -> bool:
    return statut(answers) in forms.PROTECTED


def card(answers: dict) -> str:
    return kit.value(answers, "titre", "titre_type")


def kind(answers: dict) -> Kind | None:
    """Réfugiés, and apatrides or protégés subsidiaires with a carte de résident: 5 years; with a multi-year card:
    4 years; a foreigner without protection who cannot get a passport: a titre d'identité et de voyage, 1 year."""
    if statut(answers) == forms.SANS_PROTECTION:
        return TIV
    if statut(answers) == forms.REFUGIE or card(answers) == "resident":
        return TV_5
    if protected(answers) and card(answers):
        return TV_4
    return None


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """45 €, 40 € or 15 € by document (CGI art. 953 IV)."""
    found = kind(answers)
    if found is None:
        return None
    return fee_of(filed_on, (found.title, found.fee))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    return kit.present(_card_validity(answers, filed_on), _card_matches_status(answers), _decision(answers),
                       kit.agdref_check(kit.value(answers, "titre", "numero_etranger"),
                                        kit.value(answers, "identite", "nom"), step_title=_l("Votre carte")))


def _card_validity(answers: dict, filed_on: dt.date) -> CheckResult | None:
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    if expiry is None:
        return None
    if expiry < filed_on:
        return CheckResult("validite_carte", _l("Carte expirée"), "error",
                           _l("Demandez d'abord le renouvellement de votre carte de séjour."))
    if expiry < kit.add_months(filed_on, CARD_SOON_MONTHS):
        return CheckResult("validite_carte", _l("Carte expirant dans moins de 3 mois"), "warning",
                           _l("Pensez à demander le renouvellement de votre carte de séjour."))
    return CheckResult("validite_carte", _l("Carte en cours de validité"), "ok")


def _card_matches_status(answers: dict) -> CheckResult | None:
    """Réfugiés hold a carte de résident (L.424-1); protégés subsidiaires and apatrides a multi-year card or a
    carte de résident (L.424-9, L.424-18)."""
    held = card(answers)
    if not held or not protected(answers):
        return None
    expected = ("resident",) if statut(answers) == forms.REFUGIE else ("resident", "csp")
    if held in expected:
        return CheckResult("carte_statut", _l("Carte conforme à la protection"), "ok")
    return CheckResult("carte_statut", _l("Carte inattendue pour cette protection"), "warning",
                       _l("Les réfugiés reçoivent une carte de résident ; les bénéficiaires de la protection "
                          "subsidiaire et les apatrides, une carte pluriannuelle puis une carte de résident. "
                          "Vérifiez le type de votre carte : l'agent le contrôlera."))


def _decision(answers: dict) -> CheckResult | None:
    decided = kit.answer_date(answers, "protection", "date_decision")
    born = kit.answer_date(answers, "identite", "date_naissance")
    if decided is None or born is None or decided >= born:
        return None
    return CheckResult("date_decision", _l("Dates incohérentes"), "error",
                       _l("La décision de protection est antérieure à votre naissance : corrigez l'étape "
                          "« Protection » ou « Identité »."))
