"""Routes of oversight: the audit log screen and the national auditor's read-only dossier pages."""
from flask import Blueprint

bp = Blueprint("oversight", __name__, template_folder="templates")

from anef.oversight import views  # noqa: E402,F401
