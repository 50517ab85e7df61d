"""Language choice for each request."""
from flask import current_app, g, has_request_context, request, session
from flask_babel import Domain, get_domain, get_locale
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
    return _browser_language(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def _browser_language(languages) -> str | None:
    """The browser's most preferred language that we offer, by its primary subtag.

    Werkzeug's ``best_match`` prefers any exact match to a better-ranked regional one, so "ar-MA,fr;q=0.5"
    gave French to an Arabic reader; "zh-CN" and "zh-Hans" are our "zh" (Simplified Chinese).
    """
    for value, _quality in request.accept_languages:
        if value == "*":
            break
        primary = value.replace("_", "-").split("-")[0].lower()
        if primary in languages:
            return primary
    return None


# Set when a person not yet logged in picks a language: at log-in, that choice wins over the account's.
PICKED = "lang_picked"


def remember_language() -> None:
    """Keep a language chosen with ``?lang=`` for the session and, when logged in, for e-mails."""
    lang = request.args.get("lang")
    if lang not in current_app.config["LANGUAGES"]:
        return
    session["lang"] = lang
    if not current_user.is_authenticated:
        session[PICKED] = True
    elif current_user.locale != lang:
        from anef.extensions import db

        current_user.locale = lang
        db.session.commit()


def language_at_login(user) -> str | None:
    """The language of the session that ``user`` is opening: the one the person picked just before logging in
    (then kept on the account, for e-mails and the next log-in), else the account's, else the session's."""
    lang = session.get("lang")
    if session.get(PICKED) and lang in current_app.config["LANGUAGES"]:
        if user.locale != lang:
            from anef.extensions import db

            user.locale = lang
            db.session.commit()
        return lang
    return user.locale or lang


def carry_language(keep: dict | None = None) -> dict:
    """The session's language keys, to put back after ``session.clear()`` (log-in steps clear the session)."""
    if keep is not None:
        session.update(keep)
        return keep
    return {key: session[key] for key in ("lang", PICKED) if key in session}


class Euros:
    """An amount in euros, formatted in the reader's language only when shown (for lazy strings)."""

    def __init__(self, amount):
        self.amount = amount

    def __str__(self) -> str:
        from flask_babel import format_currency

        return format_currency(self.amount, "EUR")

    def __eq__(self, other):
        return isinstance(other, Euros) and other.amount == self.amount


def _request_translations():
    """The translations of the current locale, looked up once per request and locale.

    Flask-Babel resolves the domain, the locale and its cache key on every ``_()`` (tens of microseconds; a page
    makes hundreds of them, lazy labels included). Kept on Flask-Babel's own per-request namespace, keyed by the
    locale object, so that ``force_locale`` (an e-mail rendered in the recipient's language) and ``refresh``
    are still obeyed.
    """
    namespace = g.get("_flask_babel") if g else None
    locale = getattr(namespace, "babel_locale", None)
    cached = getattr(namespace, "anef_translations", None)
    if locale is not None and cached is not None and cached[0] is locale:
        return cached[1]
    translations = Domain.get_translations(get_domain())
    namespace = g.get("_flask_babel") if g else None
    if namespace is not None:
        namespace.anef_translations = (get_locale(), translations)
    return translations


class RequestDomain(Domain):
    """Flask-Babel's message domain, reading its translations through :func:`_request_translations`: every
    ``gettext``, ``lazy_gettext`` label and template ``_()`` of a request shares one lookup."""

    def get_translations(self):
        return _request_translations()


def install_template_gettext(app) -> None:
    """Give templates ``_``/``gettext``/``ngettext``, and Python code ``gettext``/``lazy_gettext``, that read the
    request's translations once (see above)."""
    from anef.extensions import babel

    with app.app_context():
        if not isinstance(babel.__dict__.get("domain_instance"), RequestDomain):
            babel.__dict__["domain_instance"] = RequestDomain(domain=babel.domain)
    app.jinja_env.install_gettext_callables(
        lambda string: _request_translations().ugettext(string),
        lambda singular, plural, num: _request_translations().ungettext(singular, plural, num),
        newstyle=True,
        pgettext=lambda context, string: _request_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, num: _request_translations().unpgettext(context, singular,
                                                                                            plural, num))
