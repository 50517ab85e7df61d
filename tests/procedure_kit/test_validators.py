"""Identifiers and dates that every procedure validates the same way (DOMAIN §14)."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import DateField, StringField

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit.validators import (FrenchVisa, FutureDate, MinimumAge, NotBefore, luhn_valid, siren_valid,
                                           siret_valid)


@pytest.mark.parametrize("number,valid", [
    ("732829320", True), ("732829321", False), ("443061841", True), ("12345678", False), ("７３２８２９３２０", False),
])
def test_siren_is_nine_digits_passing_luhn(number, valid):
    assert siren_valid(number) is valid


@pytest.mark.parametrize("number,valid", [
    ("73282932000074", True),   # Luhn on the SIRET and on its SIREN
    ("73282932000075", False),  # one digit off
    ("7328293200007", False),   # 13 digits
    ("35600000000048", True),   # La Poste's head office passes Luhn
    ("35600000000015", True),   # another La Poste establishment: digit sum divisible by 5, fails Luhn
    ("35600000000014", False),  # passes Luhn but La Poste's rule is the digit sum
])
def test_siret_luhn_and_la_poste_rule(number, valid):
    assert siret_valid(number) is valid


def test_luhn_refuses_anything_but_ascii_digits():
    assert luhn_valid("79927398713") and not luhn_valid("79927398710") and not luhn_valid("7992739871a")


class IdentifiersForm(StepForm):
    siret = fields.siret()
    siren = fields.siren()
    numero_etranger = fields.numero_etranger()
    numero_carte = fields.card_number()
    visa = fields.visa_number(FrenchVisa())
    timbre = fields.timbre_number()


VALID = {"siret": "732 829 320 00074", "siren": "732 829 320", "numero_etranger": "75 0123 4567",
         "numero_carte": "ab 123456", "visa": "fra123456789", "timbre": "1234 5678 1234 5678"}


def test_valid_identifiers_are_accepted_and_normalised(ctx):
    form = IdentifiersForm(formdata=MultiDict(VALID))
    assert form.validate(), form.errors
    assert (form.siret.data, form.siren.data, form.numero_etranger.data, form.numero_carte.data, form.visa.data,
            form.timbre.data) == ("73282932000074", "732829320", "7501234567", "AB123456", "FRA123456789",
                                  "1234567812345678")


@pytest.mark.parametrize("name,typed,message", [
    ("siret", "7328293200007", "14 chiffres"),
    ("siret", "73282932000075", "n'existe pas"),
    ("siren", "732829321", "n'existe pas"),
    ("siren", "73282932", "9 chiffres"),
    ("numero_etranger", "750123456", "10 chiffres"),
    ("numero_carte", "AB-12", "de 6 à 12"),
    ("visa", "DEU123456789", "commence par FRA"),
    ("visa", "FR123456789", "3 lettres puis 9 chiffres"),
    ("timbre", "123456781234567", "16 chiffres"),
])
def test_each_identifier_has_its_own_message(ctx, name, typed, message):
    form = IdentifiersForm(formdata=MultiDict({**VALID, name: typed}))
    assert not form.validate()
    assert list(form.errors) == [name] and message in str(form.errors[name][0])


class DatesForm(StepForm):
    debut = DateField("début")
    fin = DateField("fin", validators=[NotBefore("debut", "pas avant le début")])
    echeance = DateField("échéance", validators=[FutureDate()])
    naissance = DateField("naissance", validators=[MinimumAge(18)])
    texte = StringField("texte")


def test_date_order_future_and_minimum_age(ctx):
    from anef.calendar.services import today

    now = today()
    adult = now.replace(year=now.year - 18)
    ok = DatesForm(formdata=MultiDict({"debut": "2026-01-10", "fin": "2026-01-10", "echeance": now.isoformat(),
                                       "naissance": adult.isoformat()}))
    assert ok.validate(), ok.errors
    bad = DatesForm(formdata=MultiDict({"debut": "2026-01-10", "fin": "2026-01-09",
                                        "echeance": (now - dt.timedelta(days=1)).isoformat(),
                                        "naissance": (adult + dt.timedelta(days=1)).isoformat()}))
    assert not bad.validate()
    assert set(bad.errors) == {"fin", "echeance", "naissance"}
    assert "au moins 18 ans" in str(bad.errors["naissance"][0])
