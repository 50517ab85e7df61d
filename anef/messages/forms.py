"""Forms of the message pages: writing a message, and a service's reply templates."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField


class MessageForm(FlaskForm):
    """A message and an optional attachment; the rules (length, file) are checked by the service."""

    body = TextAreaField(_l("Votre message"), description=_l("5 000 caractères au plus."))
    attachment = FileField(_l("Joindre un fichier (facultatif)"))


class ReplyTemplateForm(FlaskForm):
    """A reply template of the service (checked by ``services.check_template``)."""

    title = StringField(_l("Titre du modèle"))
    body = TextAreaField(_l("Texte du modèle"),
                         description=_l("Champs remplis à l'insertion : {nom} (nom du demandeur), {reference} "
                                        "(référence du dossier), {service} (nom du service)."))
