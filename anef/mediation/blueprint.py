"""Routes of assisted filing: the mediator's accompaniments, and the person's mandates in their account."""
from flask import Blueprint

bp = Blueprint("mediation", __name__, template_folder="templates")

from anef.mediation import acting, views  # noqa: E402,F401  (registers the routes and the request hooks)
