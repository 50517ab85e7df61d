"""Core forms of the applicant's dossier pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional


class UploadForm(FlaskForm):
    kind = HiddenField(validators=[InputRequired()])
    file = FileField(_l("Fichier"))


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class ComplementAnswerForm(FlaskForm):
    reply = TextAreaField(_l("Votre réponse (facultatif)"), validators=[Optional(), Length(max=4000)])


class WithdrawForm(FlaskForm):
    reason = TextAreaField(_l("Motif (facultatif)"), validators=[Optional(), Length(max=2000)])
