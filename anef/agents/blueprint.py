"""Routes of the agent workspace."""
from flask import Blueprint

bp = Blueprint("agents", __name__, template_folder="templates")

from anef.agents import views  # noqa: E402,F401
