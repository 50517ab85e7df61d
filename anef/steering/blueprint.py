"""Routes of steering: the indicators page, its CSV exports."""
from flask import Blueprint

bp = Blueprint("steering", __name__, template_folder="templates")

from anef.steering import views  # noqa: E402,F401
