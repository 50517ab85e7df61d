"""Routes of the stage panel on the agent's dossier page."""
from flask import Blueprint

bp = Blueprint("stages", __name__, template_folder="templates")

from anef.stages import views  # noqa: E402,F401
