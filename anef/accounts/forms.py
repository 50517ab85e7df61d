"""Account forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from anef.accounts.services import password_problem
from anef.notifications.forms import MobilePhone

PASSWORD_MESSAGES = {
    "too_short": _l("Le mot de passe doit contenir au moins 12 caractères."),
    "too_long": _l("Le mot de passe ne peut pas dépasser 128 caractères."),
    "common": _l("Ce mot de passe est trop courant. Choisissez-en un autre, par exemple une phrase de plusieurs mots."),
    "contains_email": _l("Le mot de passe ne doit pas contenir votre adresse électronique."),
}

email_validators = [
    InputRequired(message=_l("Indiquez votre adresse électronique.")),
    Email(message=_l("Indiquez une adresse électronique valide, par exemple nom@exemple.fr."),
          check_deliverability=False),
    Length(max=254),
]


def new_password_field(label):
    """A field for a new password, with the rule as its hint."""
    return PasswordField(label, validators=[InputRequired(message=_l("Choisissez un mot de passe."))],
                         description=_l("Au moins 12 caractères. Une phrase de plusieurs mots est facile à "
                                        "retenir et difficile à deviner."))


def password_confirm_field():
    """The field that repeats a new password."""
    return PasswordField(_l("Confirmez le mot de passe"), validators=[
        InputRequired(message=_l("Confirmez le mot de passe.")),
        EqualTo("password", message=_l("Les deux mots de passe ne sont pas identiques."))])


class NewPasswordMixin:
    """Checks a new password against the rules, with the e-mail as context."""

    def validate_password(self, field):
        email = getattr(getattr(self, "email", None), "data", "") or getattr(self, "_email", "")
        problem = password_problem(field.data or "", email or "")
        if problem:
            raise ValidationError(PASSWORD_MESSAGES[problem])


class SignUpForm(NewPasswordMixin, FlaskForm):
    given_names = StringField(_l("Prénom(s)"), validators=[
        InputRequired(message=_l("Indiquez vos prénoms.")), Length(max=200)])
    family_name = StringField(_l("Nom de famille"), validators=[
        InputRequired(message=_l("Indiquez votre nom de famille.")), Length(max=200)])
    email = EmailField(_l("Adresse électronique"), validators=email_validators)
    password = new_password_field(_l("Mot de passe"))
    password_confirm = password_confirm_field()


class LoginForm(FlaskForm):
    # Named "email" for the forms and tests that know it; it also takes a mobile number or a kiosk identifier.
    email = StringField(_l("Adresse électronique, numéro de portable ou identifiant"), validators=[
        InputRequired(message=_l("Indiquez votre adresse électronique, votre numéro de portable ou votre "
                                 "identifiant.")), Length(max=254)],
        description=_l("L'identifiant est celui du ticket imprimé par la borne de la préfecture."))
    password = PasswordField(_l("Mot de passe"), validators=[
        InputRequired(message=_l("Indiquez votre mot de passe."))])


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Adresse électronique"), validators=email_validators)


class ResendVerificationForm(FlaskForm):
    email = EmailField(_l("Adresse électronique"), validators=email_validators)


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    password = new_password_field(_l("Nouveau mot de passe"))
    password_confirm = password_confirm_field()


class SecondFactorForm(FlaskForm):
    code = StringField(_l("Code à 6 chiffres"), validators=[
        InputRequired(message=_l("Indiquez le code affiché par votre application."))],
        description=_l("Affiché par votre application d'authentification (par exemple FreeOTP ou Google Authenticator)."),
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"})


class PhoneSignUpForm(NewPasswordMixin, FlaskForm):
    """Sign-up without e-mail: the account is opened once the code sent by SMS comes back."""

    given_names = StringField(_l("Prénom(s)"), validators=[
        InputRequired(message=_l("Indiquez vos prénoms.")), Length(max=200)])
    family_name = StringField(_l("Nom de famille"), validators=[
        InputRequired(message=_l("Indiquez votre nom de famille.")), Length(max=200)])
    mobile_phone = StringField(_l("Numéro de téléphone portable"), validators=[
        InputRequired(message=_l("Indiquez votre numéro de téléphone portable.")), MobilePhone()],
        description=_l("Un code vous sera envoyé par SMS. Par exemple 06 12 34 56 78, ou +44 7911 123456 pour un "
                       "numéro étranger."),
        render_kw={"autocomplete": "tel", "inputmode": "tel"})
    password = new_password_field(_l("Mot de passe"))
    password_confirm = password_confirm_field()


class SmsCodeForm(FlaskForm):
    code = StringField(_l("Code reçu par SMS"), validators=[
        InputRequired(message=_l("Indiquez le code à 6 chiffres reçu par SMS."))],
        description=_l("6 chiffres, valable 10 minutes."),
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"})


class FirstPasswordForm(NewPasswordMixin, FlaskForm):
    """First log-in with a kiosk's printed code: the person chooses the password that replaces it."""

    password = new_password_field(_l("Choisissez votre mot de passe"))
    password_confirm = password_confirm_field()


class PhoneResetForm(FlaskForm):
    mobile_phone = StringField(_l("Numéro de téléphone portable de votre compte"), validators=[
        InputRequired(message=_l("Indiquez votre numéro de téléphone portable.")), MobilePhone()],
        render_kw={"autocomplete": "tel", "inputmode": "tel"})


class PhoneResetCodeForm(NewPasswordMixin, FlaskForm):
    code = StringField(_l("Code reçu par SMS"), validators=[
        InputRequired(message=_l("Indiquez le code à 6 chiffres reçu par SMS."))],
        description=_l("6 chiffres, valable 10 minutes."),
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"})
    password = new_password_field(_l("Nouveau mot de passe"))
    password_confirm = password_confirm_field()
