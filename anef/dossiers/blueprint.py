"""Routes of the applicant's dossiers."""
from flask import Blueprint

bp = Blueprint("dossiers", __name__, template_folder="templates")

from anef.dossiers import views  # noqa: E402,F401
