"""Routes of messages: the applicant's side under /dossiers, the agent's under /agent."""
from flask import Blueprint

bp = Blueprint("messages", __name__, template_folder="templates")

from anef.messages import views  # noqa: E402,F401
