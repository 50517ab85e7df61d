"""Field validators shared by procedure forms: identifiers, postcodes, coherent dates."""
from __future__ import annotations

import datetime as dt
import re

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from anef.territories import departement_from_postcode


def _today() -> dt.date:
    from anef.calendar.services import today

    return today()


class Digits:
    """Exactly ``count`` digits, spaces allowed between groups (a timbre is often typed 4 by 4)."""

    def __init__(self, count: int, message=None):
        self.count = count
        self.message = message

    def __call__(self, form, field):
        value = re.sub(r"[\s.-]", "", field.data or "")
        if not re.fullmatch(rf"\d{{{self.count}}}", value):
            raise ValidationError(self.message or _l("Indiquez %(n)s chiffres.", n=self.count))
        field.data = value


class VisaNumber:
    """A visa number: the issuing country's 3-letter code then 9 digits (e.g. FRA123456789)."""

    def __call__(self, form, field):
        value = re.sub(r"\s", "", field.data or "").upper()
        if not re.fullmatch(r"[A-Z]{3}\d{9}", value):
            raise ValidationError(_l("Le numéro de visa compte 3 lettres puis 9 chiffres, par exemple FRA123456789."))
        field.data = value


class PassportNumber:
    """A passport number: 6 to 12 letters and digits."""

    def __call__(self, form, field):
        value = re.sub(r"\s", "", field.data or "").upper()
        if not re.fullmatch(r"[A-Z0-9]{6,12}", value):
            raise ValidationError(_l("Le numéro de passeport compte de 6 à 12 lettres et chiffres, sans espace."))
        field.data = value


class FrenchPostcode:
    """A postcode of a French département that has a préfecture."""

    def __call__(self, form, field):
        value = (field.data or "").strip()
        if not re.fullmatch(r"\d{5}", value):
            raise ValidationError(_l("Le code postal compte 5 chiffres, par exemple 75011."))
        if departement_from_postcode(value) is None:
            raise ValidationError(_l("Ce code postal ne correspond à aucun département que nous pouvons servir."))
        field.data = value


class PastDate:
    """A date not after today (and not absurdly old)."""

    def __init__(self, message=None, min_year: int = 1900):
        self.message = message
        self.min_year = min_year

    def __call__(self, form, field):
        if field.data is None:
            return
        if field.data > _today():
            raise ValidationError(self.message or _l("Cette date ne peut pas être dans le futur."))
        if field.data.year < self.min_year:
            raise ValidationError(_l("Vérifiez l'année."))


class After:
    """A date strictly after the date of another field of the same form."""

    def __init__(self, other: str, message):
        self.other = other
        self.message = message

    def __call__(self, form, field):
        other = form[self.other].data
        if field.data is not None and other is not None and field.data <= other:
            raise ValidationError(self.message)


class PhoneNumber:
    """A telephone number: French (0X XX XX XX XX) or international (+ and 8 to 15 digits)."""

    def __call__(self, form, field):
        value = re.sub(r"[\s.()-]", "", field.data or "")
        if not (re.fullmatch(r"0[1-9]\d{8}", value) or re.fullmatch(r"\+\d{8,15}", value)):
            raise ValidationError(_l("Indiquez un numéro de téléphone, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."))
