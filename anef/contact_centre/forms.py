"""Forms of the contact centre: the two searches (reference; family name and date of birth) and the question."""
import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from anef.contact_centre.services import normalise_reference
from anef.dossiers.services import reference_is_valid


class BirthDateField(DateField):
    """A date typed on the phone's date picker; anything else is said in the caller's words, not WTForms'."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Indiquez une date de naissance valide, au format jj/mm/aaaa.")) from None


class ReferenceSearchForm(FlaskForm):
    """A reference read out by the caller (sent by GET: a reference is no secret)."""

    class Meta:
        csrf = False

    reference = StringField(_l("Référence du dossier"), description=_l("Par exemple ANEF-2026-000123-K."),
                            validators=[InputRequired(message=_l("Indiquez la référence du dossier.")),
                                        Length(max=40, message=_l("Une référence compte 18 caractères."))],
                            render_kw={"autocomplete": "off", "spellcheck": "false"})

    def validate_reference(self, field):
        if not reference_is_valid(normalise_reference(field.data)):
            raise ValidationError(_l("Cette référence n'est pas valide : elle s'écrit ANEF, l'année, six chiffres et "
                                     "une lettre de contrôle, par exemple ANEF-2026-000123-K. Vérifiez-la avec la "
                                     "personne."))


class IdentitySearchForm(FlaskForm):
    """The caller's family name and date of birth, both required and matched exactly (sent by POST: personal data
    stays out of addresses and server logs)."""

    nom = StringField(_l("Nom de naissance"), description=_l("Tel qu'il figure sur le passeport, sans faute."),
                      validators=[InputRequired(message=_l("Indiquez le nom de naissance de la personne.")),
                                  Length(max=100, message=_l("Le nom compte au plus 100 caractères."))],
                      render_kw={"autocomplete": "off", "spellcheck": "false"})
    date_naissance = BirthDateField(_l("Date de naissance"),
                                    validators=[InputRequired(message=_l("Indiquez la date de naissance de la "
                                                                         "personne."))],
                                    render_kw={"autocomplete": "off"})

    def validate_date_naissance(self, field):
        if field.data and field.data > dt.date.today():
            raise ValidationError(_l("La date de naissance ne peut pas être dans le futur."))


class QuestionForm(FlaskForm):
    """The caller's question, as the contact centre's agent writes it down for the instructing service; its rules
    (not empty, length) are checked by ``services.check_question``."""

    question = TextAreaField(
        _l("Question de la personne"),
        description=_l("Écrite comme la personne l'a posée : le service instructeur la lira, et la personne aussi "
                       "dans ses messages. 2 000 caractères au plus."))
