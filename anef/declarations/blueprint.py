"""Routes of the substitute channel: the public form and its receipt, the service's list for agents."""
from flask import Blueprint

bp = Blueprint("declarations", __name__, template_folder="templates")

from anef.declarations import views  # noqa: E402,F401  (registers the routes)
