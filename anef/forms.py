"""Base classes and fields shared by every procedure's step forms."""
from flask_babel import get_locale
from wtforms import Form, SelectChoice
from wtforms.i18n import get_translations


class StepForm(Form):
    """A form step of a procedure: no CSRF of its own (the app protects every POST), translated."""

    class Meta:
        def get_translations(self, form):
            return get_translations([str(get_locale()), "fr"])


def options(pairs) -> list[SelectChoice]:
    """Choices for a select, radio or checkbox field, from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]
