"""Kiosk forms (the admin's screens are in French; strings are still marked for translation)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from anef.notifications.forms import AddressLines, MobilePhone
from anef.validators import FrenchPostcode


class NewDeviceForm(FlaskForm):
    name = StringField(_l("Nom de la borne"), validators=[
        InputRequired(message=_l("Donnez un nom à la borne, par exemple « Hall d'accueil, borne 2 ».")),
        Length(max=100)],
        description=_l("Pour la reconnaître dans la liste, par exemple « Hall d'accueil, borne 2 »."))


class EnrolForm(FlaskForm):
    code = StringField(_l("Code d'enrôlement"), validators=[
        InputRequired(message=_l("Indiquez le code d'enrôlement donné par l'administrateur local.")),
        Length(max=40)],
        description=_l("12 lettres et chiffres, par exemple ACDE-FGHJ-KMNP. Valable 24 heures, une seule fois."))


class AccessAccountForm(FlaskForm):
    """An account opened at the kiosk, without e-mail: the kiosk prints an identifier and a one-time code."""

    given_names = StringField(_l("Prénom(s)"), validators=[
        InputRequired(message=_l("Indiquez vos prénoms.")), Length(max=200)])
    family_name = StringField(_l("Nom de famille"), validators=[
        InputRequired(message=_l("Indiquez votre nom de famille.")), Length(max=200)])
    address_lines = TextAreaField(
        _l("Adresse postale"), validators=[InputRequired(message=_l("Indiquez votre adresse : nous vous "
                                                                   "écrirons par courrier.")), AddressLines()],
        description=_l("Numéro et rue, puis le complément (bâtiment, étage) sur une autre ligne."),
        render_kw={"rows": 3})
    postcode = StringField(_l("Code postal"), validators=[
        InputRequired(message=_l("Indiquez le code postal.")), FrenchPostcode()],
        render_kw={"inputmode": "numeric"})
    town = StringField(_l("Commune"), validators=[
        InputRequired(message=_l("Indiquez la commune.")), Length(max=100)])
    mobile_phone = StringField(
        _l("Téléphone portable (facultatif)"), validators=[Optional(), MobilePhone()],
        description=_l("Pour recevoir aussi nos messages par SMS."), render_kw={"inputmode": "tel"})
