"""The employer's sign-up: first the company (SIRET checked), then the person who opens the account."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, ValidationError
from wtforms.validators import InputRequired

from anef.accounts.forms import SignUpForm
from anef.employers.models import EMPLOYEUR, MANDATAIRE
from anef.forms import options
from anef.procedure_kit.validators import Siret

CAPACITIES = [(EMPLOYEUR, _l("L'employeur : l'entreprise ou l'établissement qui embauche")),
              (MANDATAIRE, _l("Un mandataire : une agence ou un cabinet qui fait les démarches pour l'employeur"))]


def _siret_field(label, description):
    return StringField(label, description=description, render_kw={"inputmode": "numeric", "autocomplete": "off"})


class CompanyForm(FlaskForm):
    """Who opens the account, and the SIRET of the employer (and of the mandataire's own agency)."""

    capacity = RadioField(_l("Vous êtes"), choices=options(CAPACITIES),
                          validators=[InputRequired(message=_l("Dites si vous êtes l'employeur ou son mandataire."))])
    siret = _siret_field(_l("Numéro SIRET de l'employeur"),
                         _l("14 chiffres : l'établissement où le salarié travaillera. Sur l'extrait Kbis ou les "
                            "bulletins de salaire."))
    agency_siret = _siret_field(_l("Numéro SIRET de votre agence (mandataires seulement)"),
                                _l("14 chiffres : l'agence ou le cabinet qui agit pour l'employeur."))

    def validate_siret(self, field):
        if not (field.data or "").strip():
            raise ValidationError(_l("Indiquez le numéro SIRET de l'employeur."))
        Siret()(self, field)

    def validate_agency_siret(self, field):
        if self.capacity.data != MANDATAIRE:
            field.data = ""
            return
        if not (field.data or "").strip():
            raise ValidationError(_l("Indiquez le numéro SIRET de votre agence."))
        Siret()(self, field)
        if field.data == self.siret.data:
            raise ValidationError(_l("Le SIRET de votre agence est celui de l'employeur : si vous êtes l'employeur, "
                                     "choisissez « L'employeur »."))


class EmployerAccountForm(SignUpForm):
    """The person opening the account; the company checked at the first step travels in hidden fields and is
    checked again when the account is created."""

    capacity = HiddenField()
    siret = HiddenField()
    agency_siret = HiddenField()
