"""Account forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from anef.accounts.services import password_problem

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
    email = EmailField(_l("Adresse électronique"), validators=email_validators)
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
