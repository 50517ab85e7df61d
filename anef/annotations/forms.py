"""Forms of the service's working notes (agent screens are in French; strings are still marked)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from anef.annotations.services import MAX_ANNOTATION_LENGTH


class AnnotationForm(FlaskForm):
    body = TextAreaField(_l("Nouvelle annotation"),
                         description=_l("Visible des seuls agents du service, jamais du demandeur."),
                         validators=[InputRequired(message=_l("Écrivez l'annotation.")),
                                     Length(max=MAX_ANNOTATION_LENGTH,
                                            message=_l("L'annotation dépasse %(max)s caractères.",
                                                       max=MAX_ANNOTATION_LENGTH))])
