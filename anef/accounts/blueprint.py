"""Routes of the accounts module."""
from flask import Blueprint

bp = Blueprint("accounts", __name__, template_folder="templates")

from anef.accounts import views  # noqa: E402,F401  (registers the routes)
from anef.accounts import without_email_views  # noqa: E402,F401
