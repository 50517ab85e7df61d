"""Routes of the national contact centre, under /ccc."""
from flask import Blueprint

bp = Blueprint("contact_centre", __name__, template_folder="templates")

from anef.contact_centre import views  # noqa: E402,F401
