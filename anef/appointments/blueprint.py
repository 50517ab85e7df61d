"""Routes of appointments: the applicant's booking pages and the agents' counter screens."""
from flask import Blueprint

applicant_bp = Blueprint("appointments", __name__, template_folder="templates")
agent_bp = Blueprint("counter", __name__, template_folder="templates")

from anef.appointments import agent_views, applicant_views  # noqa: E402,F401
