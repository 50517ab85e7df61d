"""Forms of the requests for another service's opinion (agent screens are in French; strings are still marked)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from anef.avis.services import MAX_TEXT_LENGTH


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class AvisRequestForm(FlaskForm):
    service = SelectField(_l("Service consulté"), coerce=_int_or_none, validate_choice=False,
                          description=_l("Préfecture ou plateforme, par son nom ou son code."),
                          validators=[InputRequired(message=_l("Choisissez le service dont vous demandez l'avis."))])
    question = TextAreaField(_l("Votre question"), validators=[
        InputRequired(message=_l("Écrivez la question posée au service.")),
        Length(max=MAX_TEXT_LENGTH, message=_l("Le texte dépasse %(max)s caractères.", max=MAX_TEXT_LENGTH))])


class AvisAnswerForm(FlaskForm):
    answer = TextAreaField(_l("Avis du service"), validators=[
        InputRequired(message=_l("Écrivez l'avis du service.")),
        Length(max=MAX_TEXT_LENGTH, message=_l("Le texte dépasse %(max)s caractères.", max=MAX_TEXT_LENGTH))])
