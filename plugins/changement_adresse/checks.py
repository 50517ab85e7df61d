"""Automatic checks and fee of the change of address (facts from DOMAIN.md §7)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import checks as kit
from anef.procedure_kit.decisions import date_text
from anef.procedure_kit.rates import DROIT_DE_TIMBRE, fee_of
from anef.procedures import CheckResult, Fee
from anef.territories import DEPARTEMENT_NAMES, DEPARTEMENTS, departement_from_postcode
from plugins.changement_adresse.forms import CARTE

CITIES = {code: city for code, _name, city in DEPARTEMENTS}
DECLARATION_MONTHS = 3  # a move is declared within 3 months (R.431-23)
MIN_MONTHS_LEFT = 3  # a card expiring within 3 months is not remade: the renewal takes the new address (DOMAIN §7)


def statut(answers: dict) -> str:
    return kit.value(answers, "situation", "statut")


def new_card(answers: dict) -> bool:
    """A card holder gets a new card with the new address; a pending request only follows the person."""
    return statut(answers) == CARTE


def is_free(answers: dict) -> bool:
    """No new card, or the card of an EU, EEA or Swiss citizen or their family: nothing to pay."""
    return not new_card(answers) or kit.value(answers, "titre", "titre_type") == "ue"


def departements(answers: dict) -> tuple[str | None, str | None]:
    """The départements of the old and the new address."""
    return (departement_from_postcode(kit.value(answers, "ancienne_adresse", "code_postal")),
            departement_from_postcode(kit.value(answers, "adresse", "code_postal")))


def fee(answers: dict, filed_on: dt.date) -> Fee | None:
    """The droit de timbre of the new card (25 €, 50 € from May 2026 to be confirmed), none without a new card."""
    if is_free(answers):
        return None
    return fee_of(filed_on, (_l("Droit de timbre"), DROIT_DE_TIMBRE))


def run(answers: dict, filed_on: dt.date) -> list[CheckResult]:
    """Every automatic check that the answers allow."""
    results = [_delay(answers, filed_on), _departement(answers)]
    if new_card(answers):
        results += [_card(answers, filed_on),
                    kit.agdref_check(kit.value(answers, "titre", "numero_etranger"),
                                     kit.value(answers, "identite", "nom"), step_title=_l("Votre carte"))]
    return kit.present(*results)


def _delay(answers: dict, filed_on: dt.date) -> CheckResult | None:
    moved = kit.answer_date(answers, "adresse", "date_emmenagement")
    if moved is None:
        return None
    if filed_on <= kit.add_months(moved, DECLARATION_MONTHS):
        return CheckResult("delai_declaration", _l("Déménagement déclaré dans les 3 mois"), "ok")
    return CheckResult("delai_declaration", _l("Déménagement déclaré après 3 mois"), "warning",
                       _l("La loi demande de déclarer un changement d'adresse dans les 3 mois qui suivent le "
                          "déménagement (article R.431-23 du CESEDA). Déclarez-le maintenant : l'agent en tiendra "
                          "compte."))


def _departement(answers: dict) -> CheckResult | None:
    old, new = departements(answers)
    if old is None or new is None:
        return None
    if old == new:
        return CheckResult("departement", _l("Même département"), "ok",
                           _l("Vos demandes restent suivies par la préfecture de %(city)s (%(name)s).",
                              city=CITIES[new], name=DEPARTEMENT_NAMES[new]))
    return CheckResult("departement", _l("Nouveau département"), "ok",
                       _l("Dès le dépôt de cette déclaration, vos demandes en cours sur ce site sont transmises à la "
                          "préfecture de %(city)s (%(name)s), qui instruira aussi celle-ci.",
                          city=CITIES[new], name=DEPARTEMENT_NAMES[new]))


def _card(answers: dict, filed_on: dt.date) -> CheckResult | None:
    expiry = kit.answer_date(answers, "titre", "titre_expiration")
    if expiry is None:
        return None
    if expiry < kit.add_months(filed_on, MIN_MONTHS_LEFT):
        return CheckResult("validite_carte", _l("Carte expirant dans moins de 3 mois"), "error",
                           _l("Votre carte expire le %(date)s : elle ne sera pas refaite. Demandez son renouvellement "
                              "avec votre nouvelle adresse, ou choisissez « J'attends la réponse à une demande » si "
                              "vous l'avez déjà demandé.", date=date_text(expiry)))
    return CheckResult("validite_carte", _l("Carte valable encore plus de 3 mois"), "ok")
