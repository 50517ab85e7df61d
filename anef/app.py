"""Assembling the application: settings, extensions, plugins, blueprints, CLI."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from anef.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate


def build_app(test_config: dict | None = None) -> Flask:
    """Create the application; see :func:`anef.create_app`."""
    instance_path = os.environ.get("ANEF_INSTANCE_PATH") or str(Path(__file__).resolve().parent.parent / "instance")
    app = Flask("anef", instance_path=instance_path, instance_relative_config=True)
    from anef.config import load_settings

    app.config.update(load_settings(app.instance_path))
    if test_config:
        app.config.update(test_config)
    Path(app.config["STORAGE_PATH"]).mkdir(parents=True, exist_ok=True)

    from anef.logs import install_log_filters

    install_log_filters()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    csrf.init_app(app)
    if test_config and "REDIS_URL" in test_config and "RATELIMIT_STORAGE_URI" not in test_config:
        app.config["RATELIMIT_STORAGE_URI"] = test_config["REDIS_URL"] or "memory://"
    limiter.init_app(app)
    htmx.init_app(app)
    from anef.i18n import install_template_gettext, remember_language, select_locale

    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=str(Path(__file__).resolve().parent.parent / "translations"))
    install_template_gettext(app)
    _init_login(app)
    app.before_request(remember_language)

    from anef.plugins import build_plugin_manager

    app.extensions["anef_pm"] = build_plugin_manager(app.config["PROCEDURES"])
    _import_models()
    _register_blueprints(app)
    _register_template_helpers(app)
    _register_static_files(app)
    if app.config.get("PROXY_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind the load balancer: the client's address (throttling, audit) and scheme come from its headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_HOPS"], x_proto=app.config["PROXY_HOPS"])
    _register_errors(app)
    from anef.security import enforce_access_rule, set_security_headers

    app.before_request(enforce_access_rule)
    from anef.accounts.sessions import enforce_session_limits

    app.before_request(enforce_session_limits)
    app.after_request(set_security_headers)
    from anef.cli import register_cli

    register_cli(app)
    return app


def _import_models() -> None:
    # Every model must be known to SQLAlchemy before the first query and for Alembic.
    import anef.accounts.models  # noqa: F401
    import anef.appointments.models  # noqa: F401
    import anef.audit.models  # noqa: F401
    import anef.agents.models  # noqa: F401
    import anef.calendar.models  # noqa: F401
    import anef.documents.models  # noqa: F401
    import anef.dossiers.models  # noqa: F401
    import anef.notifications.models  # noqa: F401
    import anef.messages.models  # noqa: F401
    import anef.attestations.models  # noqa: F401
    import anef.accounts.codes  # noqa: F401
    import anef.kiosk.models  # noqa: F401
    import anef.mediation.models  # noqa: F401
    import anef.declarations.models  # noqa: F401
    import anef.employers.models  # noqa: F401


def _init_login(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from anef.accounts.models import User

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Connectez-vous pour accéder à cette page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str):
        ident, _, version = user_id.partition(":")
        if not ident.isdigit() or not version.isdigit():
            return None
        user = db.session.get(User, int(ident))
        if user is None or user.session_version != int(version) or not user.active:
            return None
        return user


def _register_blueprints(app: Flask) -> None:
    from anef.accounts.blueprint import bp as accounts_bp
    from anef.agents.blueprint import bp as agents_bp
    from anef.appointments.blueprint import agent_bp as counter_bp
    from anef.appointments.blueprint import applicant_bp as appointments_bp
    from anef.attestations.blueprint import bp as attestations_bp
    from anef.calendar.blueprint import bp as calendar_bp
    from anef.contact_centre.blueprint import bp as contact_centre_bp
    from anef.documents.blueprint import bp as documents_bp
    from anef.dossiers.blueprint import bp as dossiers_bp
    from anef.health.blueprint import bp as health_bp
    from anef.notifications.blueprint import bp as notifications_bp
    from anef.messages.blueprint import bp as messages_bp
    from anef.attestations.verify import bp as verify_bp
    from anef.public.blueprint import bp as public_bp
    from anef.annotations.blueprint import bp as annotations_bp
    from anef.avis.blueprint import bp as avis_bp
    from anef.connectors.blueprint import bp as connectors_bp
    from anef.fraud.blueprint import bp as fraud_bp
    from anef.oversight.blueprint import bp as oversight_bp
    from anef.kiosk.blueprint import bp as kiosk_bp
    from anef.mediation.blueprint import bp as mediation_bp
    from anef.declarations.blueprint import bp as declarations_bp
    from anef.employers.blueprint import bp as employers_bp
    from anef.stages.blueprint import bp as stages_bp
    from anef.steering.blueprint import bp as steering_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(accounts_bp, url_prefix="/compte")
    app.register_blueprint(dossiers_bp, url_prefix="/dossiers")
    app.register_blueprint(documents_bp, url_prefix="/documents")
    app.register_blueprint(attestations_bp, url_prefix="/attestations")
    app.register_blueprint(agents_bp, url_prefix="/agent")
    app.register_blueprint(appointments_bp, url_prefix="/rendez-vous")
    app.register_blueprint(counter_bp, url_prefix="/agent/rendez-vous")
    app.register_blueprint(calendar_bp, url_prefix="/admin/calendrier")
    app.register_blueprint(steering_bp, url_prefix="/pilotage")
    app.register_blueprint(contact_centre_bp, url_prefix="/ccc")
    app.register_blueprint(messages_bp)
    app.register_blueprint(verify_bp, url_prefix="/verifier")
    # The agent workspace around the instruction screen (connectors, checklist and notes, avis, audit, fraud).
    for workspace_bp in (connectors_bp, annotations_bp, avis_bp, oversight_bp, fraud_bp, stages_bp):
        app.register_blueprint(workspace_bp, url_prefix="/agent")
    # Kiosk before mediation: their request hooks run in this order (a kiosk's time-out ends any session).
    app.register_blueprint(kiosk_bp)
    app.register_blueprint(mediation_bp)
    app.register_blueprint(declarations_bp)
    app.register_blueprint(employers_bp)
    if app.config["DEV_PAGES"]:
        from anef.dev.blueprint import bp as dev_bp

        app.register_blueprint(dev_bp, url_prefix="/dev")
    # Plugin templates live beside each plugin; Flask finds them through a blueprint each.
    from flask import Blueprint

    from anef.plugins import plugin_module

    for name, plugin in app.extensions["anef_pm"].list_name_plugin():
        module = plugin_module(plugin)
        folder = Path(module.__file__).parent / "templates"
        if folder.is_dir():
            app.register_blueprint(Blueprint(f"proc_{name}", module.__name__, template_folder=str(folder)))


RTL_LANGUAGES = ("ar",)


def text_direction(locale: str | None) -> str:
    """``rtl`` for a language written right to left (Arabic), else ``ltr``."""
    return "rtl" if (locale or "").split("_")[0] in RTL_LANGUAGES else "ltr"


def html_lang(locale: str | None) -> str:
    """The BCP 47 tag of a locale for ``lang``: Babel's "zh" is Simplified Chinese."""
    return {"zh": "zh-Hans"}.get(locale or "fr", locale or "fr")


def _register_template_helpers(app: Flask) -> None:
    from flask_babel import format_date, format_datetime, format_number, format_time, get_locale

    from anef.dossiers import lifecycle
    from anef.i18n import Euros

    @app.context_processor
    def inject():
        locale = str(get_locale())
        return {
            "state_labels": lifecycle.STATE_LABELS,
            "state_badges": lifecycle.STATE_BADGES,
            "current_locale": locale,
            # For documents outside base.html (the PDFs): their <html lang dir>.
            "html_lang": html_lang(locale),
            "text_dir": text_direction(locale),
            "dev_pages": app.config["DEV_PAGES"],
        }

    app.jinja_env.globals["lang_tag"] = html_lang
    app.jinja_env.globals["text_direction"] = text_direction
    app.jinja_env.filters["date"] = lambda value, fmt="long": format_date(value, fmt) if value else ""
    app.jinja_env.filters["euros"] = lambda value: str(Euros(value))
    app.jinja_env.filters["number"] = lambda value: format_number(value)
    app.jinja_env.filters["time"] = lambda value, fmt="short": format_time(value, fmt) if value else ""
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""
    from anef.security import csp_nonce

    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.jinja_env.globals["merge"] = lambda *dicts: {k: v for d in dicts for k, v in d.items()}


def _register_static_files(app: Flask) -> None:
    """Static URLs carry a hash of the file (``?v=…``): browsers keep them a year (production) and still get a
    new release's files at once. CSS, JS and SVG go out gzipped to browsers that accept it, compressed once
    per worker (the DSFR stylesheet: 728 kB, 94 kB gzipped)."""
    import gzip
    import hashlib
    from functools import lru_cache

    from flask import request
    from werkzeug.security import safe_join

    folder = app.static_folder

    @lru_cache(maxsize=1024)
    def digest(filename: str) -> str | None:
        path = safe_join(folder, filename)
        try:
            with open(path, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()[:12]
        except (OSError, TypeError):
            return None

    @app.url_defaults
    def add_version(endpoint, values):
        if endpoint == "static" and "v" not in values:
            version = digest(values.get("filename", ""))
            if version:
                values["v"] = version

    @lru_cache(maxsize=256)
    def compressed(path: str, mtime: float) -> bytes:
        with open(path, "rb") as f:
            return gzip.compress(f.read(), 6)

    @app.after_request
    def gzip_static(response):
        filename = (request.view_args or {}).get("filename", "")
        if request.endpoint != "static" or not filename.endswith((".css", ".js", ".svg", ".json")):
            return response
        response.vary.add("Accept-Encoding")
        if response.status_code != 200 or "gzip" not in request.headers.get("Accept-Encoding", ""):
            return response
        path = safe_join(folder, filename)
        body = compressed(path, os.path.getmtime(path))
        if hasattr(response.response, "close"):
            response.response.close()  # the file Flask opened: its gzipped copy goes out instead
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
        if response.get_etag()[0]:
            response.set_etag(response.get_etag()[0] + "-gz")
        return response


def _register_errors(app: Flask) -> None:
    def page(code: int, title: str, message: str):
        return render_template("error.html", code=code, title=title, message=message), code

    @app.errorhandler(404)
    def not_found(error):
        return page(404, _("Page introuvable"),
                    _("La page que vous cherchez n'existe pas ou n'est pas accessible avec votre compte."))

    @app.errorhandler(403)
    def forbidden(error):
        return page(403, _("Accès refusé"), _("Vous n'avez pas accès à cette page."))

    @app.errorhandler(400)
    def bad_request(error):
        return page(400, _("Requête invalide"), _("La requête n'a pas pu être traitée."))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        from flask import request

        # What the person typed comes back in a form with a fresh token (never passwords or codes).
        kept = [(k, v) for k, v in request.form.items(multi=True)
                if k != "csrf_token" and "password" not in k and k != "code"]
        return render_template("csrf_expired.html", kept=kept, action=request.path), 400

    @app.errorhandler(413)
    def too_large(error):
        return page(413, _("Fichier trop volumineux"),
                    _("Le fichier envoyé dépasse la taille autorisée. Réduisez-le et réessayez."))

    @app.errorhandler(429)
    def too_many(error):
        response = render_template("error.html", code=429, title=_("Trop de tentatives"),
                                   message=_("Vous avez fait trop de tentatives en peu de temps. Attendez quelques "
                                             "minutes avant de réessayer : ce que vous avez saisi n'est pas perdu."))
        return response, 429

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return page(500, _("Erreur du service"),
                    _("Une erreur est survenue de notre côté. Ce qui était déjà enregistré est conservé ; "
                      "réessayez dans quelques instants."))
