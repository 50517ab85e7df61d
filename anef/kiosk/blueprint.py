"""Routes of kiosk mode: enrolment and devices (local admin), the end of a visit, accounts with a printed code."""
import os

from flask import Blueprint

bp = Blueprint("kiosk", __name__, template_folder="templates")

# Read from the environment when the application is built (a value given to create_app wins).
SETTINGS = {
    # Seconds without a touch before the kiosk asks whether the person is still there…
    "KIOSK_IDLE_SECONDS": "180",
    # …and seconds of countdown before it ends the visit and clears everything.
    "KIOSK_WARNING_SECONDS": "60",
}


@bp.record_once
def _load_settings(state) -> None:
    config = state.app.config
    for name, default in SETTINGS.items():
        config.setdefault(name, os.environ.get(name) or default)
    for name in SETTINGS:
        config[name] = int(config[name])


from anef.kiosk import views, visit  # noqa: E402,F401  (registers the routes and the request hooks)
