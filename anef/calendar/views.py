"""The national administrator's calendar screen."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from anef.accounts.models import NATIONAL_ADMIN
from anef.calendar import services
from anef.calendar.blueprint import bp
from anef.calendar.forms import ScheduleForm
from anef.plugins import procedures
from anef.security import roles_required


@bp.route("/")
@roles_required(NATIONAL_ADMIN)
def admin():
    return render_template("calendar/admin.html", procedures=procedures(),
                           availabilities=services.availabilities())


@bp.route("/<code>", methods=["GET", "POST"])
@roles_required(NATIONAL_ADMIN)
def edit(code):
    info = procedures().get(code)
    if info is None:
        abort(404)
    current = services.availability(code)
    form = ScheduleForm(data={"opens_on": current.opens_on, "territories": ", ".join(current.territories),
                              "closed": current.status == services.CLOSED and current.opens_on is not None})
    if form.validate_on_submit():
        services.set_schedule(code, opens_on=form.opens_on.data, territories=form.territories.codes,
                              closed=form.closed.data, by_user_id=current_user.id)
        flash(_("Le calendrier de « %(title)s » est enregistré.", title=info.title), "success")
        return redirect(url_for("calendar.admin"))
    return render_template("calendar/edit.html", info=info, form=form, current=current)
