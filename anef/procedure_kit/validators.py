"""Validators of identifiers and dates that several procedures ask for (DOMAIN §14).

The core's :mod:`anef.validators` holds the ones the first procedure needed (digits, visa,
passport, postcode, past date, after, phone); these complete them.
"""
from __future__ import annotations

import datetime as dt
import re

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

# La Poste's establishments share one SIREN; only its head office's SIRET passes Luhn.
LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"


def _today() -> dt.date:
    from anef.calendar.services import today

    return today()


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check (every second digit from the right doubled)."""
    if not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def siren_valid(value: str) -> bool:
    """A SIREN: 9 digits passing Luhn."""
    return bool(re.fullmatch(r"[0-9]{9}", value)) and luhn_valid(value)


def siret_valid(value: str) -> bool:
    """A SIRET: 14 digits (SIREN + NIC) passing Luhn; La Poste's establishments use a digit sum divisible by 5."""
    if not re.fullmatch(r"[0-9]{14}", value):
        return False
    if value.startswith(LA_POSTE_SIREN) and value != LA_POSTE_HEAD_OFFICE:
        return sum(int(c) for c in value) % 5 == 0
    return siren_valid(value[:9]) and luhn_valid(value)


def _compact(value: str | None) -> str:
    return re.sub(r"[\s.\-\u00a0]", "", value or "")


class Siret:
    """A SIRET number (14 digits, Luhn); spaces between groups are accepted and removed."""

    def __call__(self, form, field):
        value = _compact(field.data)
        if not re.fullmatch(r"[0-9]{14}", value):
            raise ValidationError(_l("Le numéro SIRET compte 14 chiffres, par exemple 732 829 320 00074."))
        if not siret_valid(value):
            raise ValidationError(_l("Ce numéro SIRET n'existe pas : vérifiez chaque chiffre."))
        field.data = value


class Siren:
    """A SIREN number (9 digits, Luhn)."""

    def __call__(self, form, field):
        value = _compact(field.data)
        if not re.fullmatch(r"[0-9]{9}", value):
            raise ValidationError(_l("Le numéro SIREN compte 9 chiffres, par exemple 732 829 320."))
        if not siren_valid(value):
            raise ValidationError(_l("Ce numéro SIREN n'existe pas : vérifiez chaque chiffre."))
        field.data = value


class NumeroEtranger:
    """The numéro étranger (AGDREF): exactly 10 digits."""

    def __call__(self, form, field):
        value = _compact(field.data)
        if not re.fullmatch(r"[0-9]{10}", value):
            raise ValidationError(_l("Le numéro étranger compte 10 chiffres."))
        field.data = value


class CardNumber:
    """The number printed on a residence card: 6 to 12 letters and digits (its exact format varies by series)."""

    def __call__(self, form, field):
        value = _compact(field.data).upper()
        if not re.fullmatch(r"[A-Z0-9]{6,12}", value):
            raise ValidationError(_l("Le numéro de la carte compte de 6 à 12 lettres et chiffres."))
        field.data = value


class EPhotoCode:
    """The code of an e-photo taken by an ANTS-approved booth or photographer: 22 letters and digits.

    DOMAIN §14 flags the length (some sources say 21) as unconfirmed: both are accepted, so that a genuine code
    never costs the person a new photo.
    """

    def __call__(self, form, field):
        value = _compact(field.data).upper()
        if not re.fullmatch(r"[A-Z0-9]{21,22}", value):
            raise ValidationError(_l("Le code e-photo compte 22 lettres et chiffres : recopiez-le depuis la planche "
                                     "ou le courriel du photographe."))
        field.data = value


class FrenchVisa:
    """A visa issued by France: its number starts with FRA (checked after the format)."""

    def __call__(self, form, field):
        if field.data and not str(field.data).upper().startswith("FRA"):
            raise ValidationError(_l("Un visa délivré par la France commence par FRA."))


class NotBefore:
    """A date on or after the date of another field of the same form."""

    def __init__(self, other: str, message):
        self.other = other
        self.message = message

    def __call__(self, form, field):
        other = form[self.other].data
        if field.data is not None and other is not None and field.data < other:
            raise ValidationError(self.message)


class FutureDate:
    """A date from today on (a validity end, a contract end)."""

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        if field.data is not None and field.data < _today():
            raise ValidationError(self.message or _l("Cette date est déjà passée."))


class MinimumAge:
    """A birth date of someone at least ``years`` old today."""

    def __init__(self, years: int):
        self.years = years

    def __call__(self, form, field):
        if field.data is None:
            return
        today = _today()
        age = today.year - field.data.year - ((today.month, today.day) < (field.data.month, field.data.day))
        if age < self.years:
            raise ValidationError(_l("Vérifiez votre date de naissance : vous devez avoir au moins %(years)s ans.",
                                     years=self.years))
