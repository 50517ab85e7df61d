"""The public verifier's form: a short code typed, or a token or link pasted."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from anef.forms import StepForm


class VerifyForm(StepForm):
    """Sent by GET: it changes nothing, and a verification link can be shared."""

    code = StringField(_l("Code de l'attestation"),
                       validators=[InputRequired(_l("Saisissez le code imprimé à côté du code QR.")), Length(max=4096)],
                       description=_l("12 caractères imprimés à côté du code QR, par exemple « 7K3M-Q9TX-2B4D ». "
                                      "Vous pouvez aussi coller le lien du code QR."),
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})
