"""Language choice for each request."""
from flask import current_app, has_request_context, request, session
from flask_login import current_user


def select_locale() -> str:
    """The person's chosen language, else their browser's, else French."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and getattr(current_user, "is_authenticated", False) and current_user.role != "applicant":
        return "fr"  # agent screens are in French
    lang = request.args.get("lang")
    if lang in languages:
        session["lang"] = lang
        return lang
    lang = session.get("lang")
    if lang in languages:
        return lang
    if current_user and getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_language() -> None:
    """Keep a language chosen with ``?lang=`` for the session and, when logged in, for e-mails."""
    lang = request.args.get("lang")
    if lang not in current_app.config["LANGUAGES"]:
        return
    session["lang"] = lang
    if current_user.is_authenticated and current_user.locale != lang:
        from anef.extensions import db

        current_user.locale = lang
        db.session.commit()


class Euros:
    """An amount in euros, formatted in the reader's language only when shown (for lazy strings)."""

    def __init__(self, amount):
        self.amount = amount

    def __str__(self) -> str:
        from flask_babel import format_currency

        return format_currency(self.amount, "EUR")

    def __eq__(self, other):
        return isinstance(other, Euros) and other.amount == self.amount
