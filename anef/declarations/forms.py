"""The declaration form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from anef.declarations.services import REASONS
from anef.forms import options
from anef.notifications.forms import AddressLines, MobilePhone
from anef.validators import FrenchPostcode

OTHER_PROCEDURE = "autre"


class DeclarationForm(FlaskForm):
    given_names = StringField(_l("Prénom(s)"), validators=[
        InputRequired(message=_l("Indiquez vos prénoms.")), Length(max=200)])
    family_name = StringField(_l("Nom de famille"), validators=[
        InputRequired(message=_l("Indiquez votre nom de famille.")), Length(max=200)])
    birth_date = DateField(_l("Date de naissance (facultatif)"), validators=[Optional()],
                           description=_l("Elle aide la préfecture à retrouver votre dossier."))
    procedure = SelectField(_l("Quelle démarche voulez-vous faire ?"), validators=[
        InputRequired(message=_l("Choisissez la démarche."))])
    reason = RadioField(_l("Pourquoi ne pouvez-vous pas la faire en ligne ?"), choices=options(list(REASONS.items())),
                        validators=[InputRequired(message=_l("Choisissez la raison."))])
    details = TextAreaField(_l("Précisions (facultatif)"), validators=[Length(max=2000)],
                            description=_l("Obligatoire si vous avez choisi « Autre raison »."))
    deadline = DateField(_l("Date limite que vous devez respecter (facultatif)"), validators=[Optional()],
                         description=_l("Par exemple la fin de validité de votre titre de séjour actuel."))
    address_lines = TextAreaField(
        _l("Adresse postale"), validators=[InputRequired(message=_l("Indiquez votre adresse : la préfecture vous "
                                                                   "écrira.")), AddressLines()],
        description=_l("Numéro et rue, puis le complément (bâtiment, étage) sur une autre ligne."),
        render_kw={"autocomplete": "street-address", "rows": 3})
    postcode = StringField(_l("Code postal"), validators=[
        InputRequired(message=_l("Indiquez le code postal.")), FrenchPostcode()],
        description=_l("Il désigne la préfecture qui traitera votre demande."),
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric"})
    town = StringField(_l("Commune"), validators=[InputRequired(message=_l("Indiquez la commune.")), Length(max=100)],
                       render_kw={"autocomplete": "address-level2"})
    phone = StringField(_l("Téléphone portable (facultatif)"), validators=[Optional(), MobilePhone()],
                        render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = EmailField(_l("Adresse électronique (facultatif)"), validators=[
        Optional(), Email(message=_l("Indiquez une adresse électronique valide, par exemple nom@exemple.fr."),
                          check_deliverability=False), Length(max=254)],
        render_kw={"autocomplete": "email", "spellcheck": "false"})

    def validate_details(self, field):
        if self.reason.data == "autre" and not (field.data or "").strip():
            raise ValidationError(_l("Expliquez en quelques mots ce qui vous empêche de faire la démarche en ligne."))
