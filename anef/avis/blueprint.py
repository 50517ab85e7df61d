"""Routes of the requests for another service's opinion (avis)."""
from flask import Blueprint

bp = Blueprint("avis", __name__, template_folder="templates")

from anef.avis import views  # noqa: E402,F401
