"""The applicant's contact details and notification choices."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from anef.notifications.models import EMAIL, LETTER, SMS
from anef.notifications.phones import is_landline, to_e164
from anef.validators import FrenchPostcode

# i18n: completes "Aujourd'hui, vous êtes prévenu …".
CHANNEL_NAMES = {EMAIL: _l("par courriel"), SMS: _l("par SMS"), LETTER: _l("par courrier postal")}

# La Poste reads at most 38 characters a line and 6 lines, of which the name and the town take two.
ADDRESS_LINE_MAX = 38
ADDRESS_LINES_MAX = 4


class MobilePhone:
    """A mobile number that can receive SMS, French or international; stored in E.164 (+33612345678)."""

    def __call__(self, form, field):
        # The typed text is kept as typed (shown again if another field is wrong); saving stores E.164.
        if is_landline(field.data):
            raise ValidationError(_l("Ce numéro est celui d'un téléphone fixe, qui ne reçoit pas les SMS. "
                                     "Indiquez un numéro de portable."))
        if to_e164(field.data) is None:
            raise ValidationError(_l("Indiquez un numéro de portable valide, par exemple 06 12 34 56 78, "
                                     "ou +44 7911 123456 pour un numéro étranger."))


class AddressLines:
    """At most 4 lines of at most 38 characters: what a window envelope and La Poste's machines read."""

    def __call__(self, form, field):
        lines = [line.strip() for line in (field.data or "").splitlines() if line.strip()]
        if len(lines) > ADDRESS_LINES_MAX:
            raise ValidationError(_l("L'adresse compte au plus %(n)s lignes.", n=ADDRESS_LINES_MAX))
        if any(len(line) > ADDRESS_LINE_MAX for line in lines):
            raise ValidationError(_l("Chaque ligne de l'adresse compte au plus %(n)s caractères : "
                                     "passez à la ligne, par exemple avant le bâtiment ou l'étage.",
                                     n=ADDRESS_LINE_MAX))
        field.data = "\n".join(lines)


class ContactForm(FlaskForm):
    mobile_phone = StringField(
        _l("Téléphone portable (facultatif)"), validators=[Optional(), MobilePhone()],
        description=_l("Pour recevoir des SMS. Par exemple 06 12 34 56 78, ou +44 7911 123456 pour un numéro "
                       "étranger."),
        render_kw={"autocomplete": "tel", "inputmode": "tel"})
    address_lines = TextAreaField(
        _l("Numéro, rue et complément"), validators=[Optional(), AddressLines()],
        description=_l("Numéro et rue, puis le complément (bâtiment, étage) sur une autre ligne."),
        render_kw={"autocomplete": "street-address", "rows": 3})
    postcode = StringField(_l("Code postal"), validators=[Optional(), FrenchPostcode()],
                           render_kw={"autocomplete": "postal-code", "inputmode": "numeric"})
    town = StringField(_l("Commune"), validators=[Optional(), Length(max=100)],
                       render_kw={"autocomplete": "address-level2"})
    notify_email = BooleanField(_l("Par courriel"))
    notify_sms = BooleanField(_l("Par SMS, sur mon téléphone portable"))
    notify_post = BooleanField(_l("Par courrier postal, à mon adresse"))
    # Set by the view: whether the account has an e-mail address (accounts without one exist).
    has_email = True

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        address = [bool((f.data or "").strip()) for f in (self.address_lines, self.postcode, self.town)]
        if any(address) and not all(address):
            for f, given in zip((self.address_lines, self.postcode, self.town), address, strict=True):
                if not given:
                    f.errors.append(_l("Complétez l'adresse : l'adresse, le code postal et la commune sont "
                                       "nécessaires pour vous écrire."))
            ok = False
        if self.notify_sms.data and not (self.mobile_phone.data or "").strip():
            self.mobile_phone.errors.append(_l("Indiquez votre numéro de portable pour recevoir des SMS."))
            ok = False
        if self.notify_post.data and not any(address):
            self.address_lines.errors.append(_l("Indiquez votre adresse pour recevoir des courriers."))
            ok = False
        if not (self.notify_email.data or self.notify_sms.data or self.notify_post.data) and not all(address):
            # Beside the first choice shown: people without e-mail have no e-mail box to tick.
            first = self.notify_email if self.has_email else self.notify_sms
            first.errors.append(_l("Choisissez au moins un moyen d'être prévenu."))
            ok = False
        return ok
