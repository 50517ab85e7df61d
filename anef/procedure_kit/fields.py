"""Field factories: each returns a new WTForms field, ready to put in a step form in any order.

A form class made of these reads like the screen it draws, and every procedure words and
validates the same identifier the same way.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from anef.forms import options
from anef.procedure_kit.validators import CardNumber, EPhotoCode, NumeroEtranger, Siren, Siret
from anef.validators import Digits, FrenchPostcode, PassportNumber, PhoneNumber, VisaNumber

YES_NO = options([("oui", _l("Oui")), ("non", _l("Non"))])


def required(message):
    """Input required, with the message shown beside the field."""
    return InputRequired(message=message)


def text(label, message, max_length: int = 200, *validators, description="", **render_kw):
    """A required line of text."""
    return StringField(label, validators=[required(message), Length(max=max_length), *validators],
                       description=description, render_kw=render_kw or None)


def optional_text(label, max_length: int = 200, description="", **render_kw):
    """A line of text that may stay empty."""
    return StringField(label, validators=[Optional(), Length(max=max_length)], description=description,
                       render_kw=render_kw or None)


def conditional_text(label, max_length: int = 200, description="", **render_kw):
    """A line of text required only in some cases: the form's ``validate_<name>`` decides. (No ``Optional()``:
    it would stop the validation chain before ``validate_<name>`` runs.)"""
    return StringField(label, validators=[Length(max=max_length)], description=description,
                       render_kw=render_kw or None)


def long_text(label, message=None, max_length: int = 2000, description=""):
    """A paragraph; required when ``message`` is given."""
    checks = [required(message)] if message else []
    return TextAreaField(label, validators=[*checks, Length(max=max_length)], description=description)


def date_field(label, message, *validators, description=""):
    """A required date (jj/mm/aaaa on phones through the browser's date picker)."""
    return DateField(label, validators=[required(message), *validators], description=description,
                     render_kw={"autocomplete": "off"})


def yes_no(label, description=""):
    """A required yes/no question, answered ``oui`` or ``non``."""
    return RadioField(label, choices=YES_NO, validators=[required(_l("Répondez à cette question."))],
                      description=description)


def radio(label, choices, message, description=""):
    """A required choice among a few options, as radio buttons; ``choices`` are (value, label) pairs."""
    return RadioField(label, choices=options(choices), validators=[required(message)], description=description)


def select(label, choices, message, description=""):
    """A required choice in a list; ``choices`` are (value, label) pairs, an empty first option is added."""
    return SelectField(label, choices=options([("", _l("Choisissez")), *choices]), validators=[required(message)],
                       description=description)


def amount(label, message, *, maximum: int = 100_000_000, description=""):
    """A whole number of euros."""
    return IntegerField(label, validators=[required(message),
                                           NumberRange(min=0, max=maximum, message=_l("Indiquez un montant valide."))],
                        description=description, render_kw={"inputmode": "numeric"})


def count(label, message, *, minimum: int = 0, maximum: int = 1000, description=""):
    """A whole number (months, jobs, children…)."""
    return IntegerField(label, validators=[required(message), NumberRange(
        min=minimum, max=maximum, message=_l("Indiquez un nombre entre %(min)s et %(max)s.", min=minimum, max=maximum))],
        description=description, render_kw={"inputmode": "numeric"})


class OptionalIntegerField(IntegerField):
    """A whole number that may stay empty (``data`` None) without an error, for answers asked only in some cases."""

    def process_formdata(self, valuelist):
        if valuelist and not str(valuelist[0]).strip():
            self.data = None
            return
        super().process_formdata(valuelist)


class _RangeIfGiven:
    def __init__(self, minimum, maximum):
        self.minimum, self.maximum = minimum, maximum

    def __call__(self, form, field):
        if field.data is not None and not self.minimum <= field.data <= self.maximum:
            raise ValidationError(_l("Indiquez un nombre entre %(min)s et %(max)s.", min=self.minimum, max=self.maximum))


def optional_count(label, *, minimum: int = 0, maximum: int = 1000, description=""):
    """A whole number asked only in some cases: empty is allowed here; the form's ``validate_<name>`` requires it
    when the other answers call for it."""
    return OptionalIntegerField(label, validators=[_RangeIfGiven(minimum, maximum)], description=description,
                                render_kw={"inputmode": "numeric"})


def optional_amount(label, description=""):
    """A whole number of euros asked only in some cases."""
    return OptionalIntegerField(label, validators=[_RangeIfGiven(0, 100_000_000)], description=description,
                                render_kw={"inputmode": "numeric"})


def agreement(label, message, description=""):
    """A box the person must tick (an undertaking, an acknowledgement)."""
    return BooleanField(label, validators=[required(message)], description=description)


def numero_etranger(description=None):
    """The 10-digit numéro étranger."""
    return StringField(_l("Numéro étranger"), validators=[required(_l("Indiquez votre numéro étranger.")),
                                                         NumeroEtranger()],
                       description=description or _l("10 chiffres, inscrits sur votre carte de séjour ou votre "
                                                     "attestation de validation du visa."),
                       render_kw={"inputmode": "numeric", "autocomplete": "off"})


def card_number():
    """The number printed on the residence card itself."""
    return StringField(_l("Numéro de la carte"), validators=[required(_l("Indiquez le numéro de votre carte.")),
                                                            CardNumber()],
                       description=_l("Inscrit en haut à droite de la carte, au recto."),
                       render_kw={"autocomplete": "off", "autocapitalize": "characters"})


def ephoto_code(description=None):
    """The code of an e-photo (photo and signature taken by an ANTS-approved booth or photographer)."""
    return StringField(_l("Code e-photo"), validators=[required(_l("Indiquez le code de votre e-photo.")), EPhotoCode()],
                       description=description or _l("22 lettres et chiffres, remis par la cabine ou le photographe "
                                                     "agréé avec la photo et la signature numérisées."),
                       render_kw={"autocomplete": "off", "autocapitalize": "characters"})


def passport_number():
    """A passport number."""
    return StringField(_l("Numéro de passeport"), validators=[required(_l("Indiquez le numéro de votre passeport.")),
                                                             PassportNumber()],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters"})


def visa_number(*validators):
    """A visa number: ICAO country code and 9 digits."""
    return StringField(_l("Numéro du visa"), validators=[required(_l("Indiquez le numéro de votre visa.")), VisaNumber(),
                                                        *validators],
                       description=_l("3 lettres puis 9 chiffres, en haut à droite du visa. Exemple : FRA123456789."),
                       render_kw={"autocomplete": "off", "autocapitalize": "characters"})


def postcode():
    """A French postcode of a département with a préfecture."""
    return StringField(_l("Code postal"), validators=[required(_l("Indiquez votre code postal.")), FrenchPostcode()],
                       render_kw={"autocomplete": "postal-code", "inputmode": "numeric"})


def phone():
    """A mobile telephone number."""
    return StringField(_l("Téléphone portable"), validators=[required(_l("Indiquez un numéro de téléphone.")),
                                                            PhoneNumber()],
                       render_kw={"autocomplete": "tel", "inputmode": "tel"})


def siret(label=None, description=None):
    """A SIRET number (14 digits, Luhn)."""
    return StringField(label or _l("Numéro SIRET de l'établissement"),
                       validators=[required(_l("Indiquez le numéro SIRET.")), Siret()],
                       description=description or _l("14 chiffres, sur le contrat, les bulletins de salaire ou "
                                                     "l'extrait Kbis."),
                       render_kw={"inputmode": "numeric", "autocomplete": "off"})


def siren(label=None):
    """A SIREN number (9 digits, Luhn)."""
    return StringField(label or _l("Numéro SIREN de l'entreprise"),
                       validators=[required(_l("Indiquez le numéro SIREN.")), Siren()],
                       description=_l("9 chiffres, les premiers du numéro SIRET."),
                       render_kw={"inputmode": "numeric", "autocomplete": "off"})


def timbre_number():
    """The 16-digit number of an electronic tax stamp."""
    return StringField(_l("Numéro du timbre fiscal électronique"),
                       validators=[required(_l("Indiquez le numéro de votre timbre fiscal.")),
                                   Digits(16, _l("Le numéro du timbre fiscal compte 16 chiffres."))],
                       description=_l("16 chiffres, reçus par SMS ou sur le PDF du timbre acheté sur "
                                      "timbres.impots.gouv.fr."),
                       render_kw={"inputmode": "numeric", "autocomplete": "off"})
