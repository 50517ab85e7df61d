"""Public pages: home and the list of procedures."""
from flask import Blueprint, render_template

from anef.calendar.services import availabilities
from anef.plugins import procedures
from anef.security import public

bp = Blueprint("public", __name__, template_folder="templates")


@bp.route("/")
@public
def home():
    return render_template("public/home.html", procedures=procedures(), availabilities=availabilities())


@bp.route("/accessibilite")
@public
def accessibility():
    return render_template("public/accessibility.html")
