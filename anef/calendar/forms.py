"""The national administrator's calendar form."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField
from wtforms.validators import Optional, ValidationError

from anef.territories import DEPARTEMENT_NAMES


class ScheduleForm(FlaskForm):
    opens_on = DateField(_l("Date d'ouverture"), validators=[Optional()],
                         description=_l("Laisser vide pour ne pas ouvrir la démarche."))
    territories = StringField(
        _l("Départements"),
        description=_l("Codes séparés par des virgules (par exemple 69, 38). Vide : toute la France."))
    closed = BooleanField(_l("Fermer la démarche"))

    def validate_territories(self, field):
        codes = [c.strip().upper() for c in (field.data or "").split(",") if c.strip()]
        unknown = [c for c in codes if c not in DEPARTEMENT_NAMES]
        if unknown:
            # gettext, not lazy: a lazy string counts as safe HTML, and this one quotes what was typed.
            raise ValidationError(gettext("Départements inconnus : %(codes)s", codes=", ".join(unknown)))
        field.codes = codes
