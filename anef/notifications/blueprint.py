"""The notifications module has no routes of its own; this blueprint only provides its e-mail templates."""
from flask import Blueprint

bp = Blueprint("notifications", __name__, template_folder="templates")
