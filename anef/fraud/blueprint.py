"""Routes of the fraud signals: the local admin's volume alerts."""
from flask import Blueprint

bp = Blueprint("fraud", __name__, template_folder="templates")

from anef.fraud import views  # noqa: E402,F401
