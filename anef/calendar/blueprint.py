"""Routes of the deployment calendar."""
from flask import Blueprint

bp = Blueprint("calendar", __name__, template_folder="templates")

from anef.calendar import views  # noqa: E402,F401
