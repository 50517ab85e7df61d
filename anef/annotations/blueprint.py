"""Routes of the checklist and of private annotations on the agent's dossier page."""
from flask import Blueprint

bp = Blueprint("annotations", __name__, template_folder="templates")

from anef.annotations import views  # noqa: E402,F401
