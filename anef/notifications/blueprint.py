"""The notifications module: its templates (e-mail, SMS, letter) and the agents' print queue of letters."""
import os

from flask import Blueprint

bp = Blueprint("notifications", __name__, template_folder="templates")

# Settings of the channels, read from the environment when the application is built (a value given to
# create_app wins). The SMTP settings (MAIL_*) are in anef.config.
SETTINGS = {
    # local (a file, shown at /dev/sms), http, or none (SMS wait in the outbox); none by default in production.
    "SMS_PROVIDER": None,
    "SMS_API_URL": None,
    "SMS_API_KEY": None,
    "SMS_SENDER": "ANEF",
    "SMS_API_TIMEOUT": "10",
    "SMS_SINK_PATH": None,
    # How long a delivery run holds a message before another may try (longer than a job's 120 s time-out).
    "NOTIFY_CLAIM_LEASE_SECONDS": "300",
    # Fault injection for tests: stop that many seconds in the middle of SMTP DATA (ignored in production).
    "FAULT_SMTP_PAUSE_SECONDS": None,
    "FAULT_SMTP_PAUSE_MARKER": None,
}


@bp.record_once
def _load_settings(state) -> None:
    config = state.app.config
    for name, default in SETTINGS.items():
        config.setdefault(name, os.environ.get(name) or default)
    if not config.get("SMS_PROVIDER"):
        config["SMS_PROVIDER"] = "none" if config.get("ANEF_ENV") == "production" else "local"


from anef.notifications import views  # noqa: E402,F401  (registers the routes)
