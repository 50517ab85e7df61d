"""Forms of assisted filing (the mediator's screens are in French; strings are still marked)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length

from anef.forms import options
from anef.mediation.services import DURATIONS

BY_CODE = "code"
BY_SIGNATURE = "signature"


class MandateForm(FlaskForm):
    """A new accompaniment: who, for what, how long, and how the person will consent."""

    person = StringField(_l("Adresse électronique, numéro de portable ou identifiant de la personne"), validators=[
        InputRequired(message=_l("Indiquez comment retrouver le compte de la personne.")), Length(max=254)],
        description=_l("Celui avec lequel elle se connecte. Sans compte, aidez-la d'abord à en créer un."))
    procedure = SelectField(_l("Pour quelles démarches ?"), validators=[
        InputRequired(message=_l("Choisissez les démarches couvertes."))])
    duration = SelectField(_l("Pendant combien de temps ?"), choices=options(list(DURATIONS.items())),
                           validators=[InputRequired(message=_l("Choisissez une durée."))],
                           description=_l("Le mandat prend fin seul à cette échéance ; la personne peut le révoquer "
                                          "à tout moment depuis son compte."))
    consent = RadioField(_l("Comment la personne donne-t-elle son accord ?"), choices=options([
        (BY_CODE, _l("Elle reçoit un code par SMS ou courriel et le saisit ici")),
        (BY_SIGNATURE, _l("Elle signe le formulaire de consentement au guichet"))]),
        default=BY_CODE, validators=[InputRequired(message=_l("Choisissez comment la personne donne son accord."))])


class ConsentCodeForm(FlaskForm):
    code = StringField(_l("Code reçu par la personne"), validators=[
        InputRequired(message=_l("La personne saisit le code à 6 chiffres qu'elle a reçu."))],
        description=_l("6 chiffres, valable 10 minutes. C'est la personne qui le saisit."),
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"})


class ConsentSignatureForm(FlaskForm):
    signed = BooleanField(_l("La personne a lu et signé le formulaire de consentement, qui précise les démarches "
                             "et la durée"), validators=[
        InputRequired(message=_l("Le formulaire doit être signé avant d'agir pour la personne."))])
    form_reference = StringField(_l("Numéro du formulaire signé (facultatif)"), validators=[Length(max=100)])
