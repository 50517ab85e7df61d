"""Routes of the connector panel on the agent's dossier page."""
from flask import Blueprint

bp = Blueprint("connectors", __name__, template_folder="templates")

from anef.connectors import views  # noqa: E402,F401
