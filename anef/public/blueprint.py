"""Public pages: home and the list of procedures."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from anef.calendar.services import availabilities, today
from anef.plugins import procedures
from anef.public.page_cache import cached_page
from anef.security import public
from anef.territories import DEPARTEMENT_NAMES, departement_from_postcode

bp = Blueprint("public", __name__, template_folder="templates")


@bp.route("/")
@public
def home():
    """The procedures open to the person today where they live: the département they chose, else their address's,
    else the kiosk's; then those opening there later, then the others."""
    departement, error = _departement()

    def render() -> str:
        return render_template("public/home.html", procedures=procedures(), departement=departement,
                               departement_name=DEPARTEMENT_NAMES.get(departement), departements=DEPARTEMENT_NAMES,
                               error=error, **offer(departement))

    if error:
        return render(), 422
    return cached_page(("home", str(get_locale()), departement, today()), render)


def _departement() -> tuple[str | None, str | None]:
    chosen = (request.args.get("departement") or "").strip().upper()
    if chosen:
        if chosen in DEPARTEMENT_NAMES:
            return chosen, None
        return _known_departement(), _("Choisissez votre département dans la liste.")
    return _known_departement(), None


def _known_departement() -> str | None:
    if current_user.is_authenticated and current_user.postcode:
        return departement_from_postcode(current_user.postcode)
    kiosk = getattr(g, "kiosk", None)
    if kiosk is not None and len(kiosk.service.departements or ()) == 1:
        return kiosk.service.departements[0]
    return None


def offer(departement: str | None) -> dict[str, list]:
    """The procedures in three groups for a person of ``departement`` (None: not known yet).

    ``open_now``: they can start it today; ``coming``: (code, date) it opens for them later; ``elsewhere``: open
    today only in some départements (theirs unknown) or not planned for them, with no date.
    """
    on = today()
    open_now, coming, elsewhere = [], [], []
    for code, avail in availabilities().items():
        if avail.open_in(departement) if departement else (avail.is_open and not avail.territories):
            open_now.append(code)
            continue
        opens = avail.opens_for(departement) if departement else (avail.opens_on if not avail.territories else None)
        if opens is not None and opens > on:
            coming.append((code, opens))
        else:
            elsewhere.append(code)
    return {"open_now": open_now, "coming": sorted(coming, key=lambda item: item[1]), "elsewhere": elsewhere}


@bp.route("/accessibilite")
@public
def accessibility():
    return render_template("public/accessibility.html")
