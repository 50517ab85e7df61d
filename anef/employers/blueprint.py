"""Routes of the employer space: its home page and the employer's sign-up."""
from flask import Blueprint

bp = Blueprint("employers", __name__, template_folder="templates")

from anef.employers import views  # noqa: E402,F401  (registers the routes)
