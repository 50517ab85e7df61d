"""The agents' counter screens: the day's appointments, check-in, hand-over, and the service's agenda."""
import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TimeField
from wtforms.validators import InputRequired, Length

from anef.accounts.models import ADMIN, AGENT_ROLES, User
from anef.appointments import services
from anef.appointments.blueprint import agent_bp
from anef.calendar.services import today
from anef.dossiers import services as dossier_services
from anef.dossiers.forms import ActionForm
from anef.extensions import db
from anef.forms import options
from anef.models import utcnow
from anef.security import roles_required

GENERATE_DAYS = 42  # "the 6 coming weeks" of the agenda page


class CheckInForm(FlaskForm):
    """The token of a convocation, typed by the QR scanner (or by hand)."""

    code = StringField(_l("Code de la convocation"), validators=[
        InputRequired(message=_l("Scannez le QR code de la convocation ou tapez son code.")), Length(max=200)],
        description=_l("Placez le curseur ici et scannez le QR code de la convocation."))


class ClosureForm(FlaskForm):
    """Days when the service is closed."""

    first_day = DateField(_l("Premier jour de fermeture"),
                          validators=[InputRequired(message=_l("Indiquez le premier jour."))])
    last_day = DateField(_l("Dernier jour de fermeture"),
                         validators=[InputRequired(message=_l("Indiquez le dernier jour."))])
    reason = StringField(_l("Motif"), description=_l("Par exemple : jour férié, travaux."),
                         validators=[InputRequired(message=_l("Indiquez le motif de la fermeture.")),
                                     Length(max=200)])


class CounterForm(FlaskForm):
    """A new counter for one reason."""

    name = StringField(_l("Nom du guichet"), validators=[InputRequired(message=_l("Indiquez le nom du guichet.")),
                                                        Length(max=100)])
    motif = SelectField(_l("Motif servi"), coerce=int, choices=[])


class OpeningForm(FlaskForm):
    """A weekly opening period of a counter."""

    counter = SelectField(_l("Guichet"), coerce=int, choices=[])
    weekday = SelectField(_l("Jour"), coerce=int, choices=[])
    starts = TimeField(_l("Début"), validators=[InputRequired(message=_l("Indiquez l'heure de début."))])
    ends = TimeField(_l("Fin"), validators=[InputRequired(message=_l("Indiquez l'heure de fin."))])


WEEKDAYS = (_l("lundi"), _l("mardi"), _l("mercredi"), _l("jeudi"), _l("vendredi"), _l("samedi"), _l("dimanche"))


def _agenda_forms(overview, counter_form=None, opening_form=None):
    counter_form = counter_form or CounterForm(formdata=None)
    opening_form = opening_form or OpeningForm(formdata=None)
    counter_form.motif.choices = options((m.id, m.label) for m in overview["motifs"])
    opening_form.counter.choices = options((c.id, c.name) for c, _label, _rules in overview["counters"])
    opening_form.weekday.choices = options(enumerate(WEEKDAYS))
    return counter_form, opening_form


def _day_arg() -> dt.date:
    value = request.args.get("jour")
    if not value:
        return today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        abort(400)


def _render_day(day: dt.date, *, form=None, error=None, status=200):
    rows = services.day_bookings(current_user.service_id, day)
    return render_template("appointments/agent_day.html", day=day, rows=rows, today=today(), now=utcnow(),
                           previous_day=day - dt.timedelta(days=1), next_day=day + dt.timedelta(days=1),
                           form=form or CheckInForm(formdata=None), action_form=ActionForm(), error=error), status


def _booking(booking_id):
    booking = services.service_booking(current_user.service_id, booking_id)
    if booking is None:
        abort(404)
    return booking


def _booking_day(booking) -> dt.date:
    return booking.slot.starts_at.astimezone(services.PARIS).date()


@agent_bp.route("/")
@roles_required(*AGENT_ROLES)
def day():
    return _render_day(_day_arg())


@agent_bp.route("/arrivee", methods=["POST"])
@roles_required(*AGENT_ROLES)
def check_in():
    form = CheckInForm()
    if form.validate_on_submit():
        try:
            booking = services.check_in(current_user.service_id, form.code.data)
        except services.BookingError as exc:
            form.code.errors.append(str(exc))
        else:
            person = db.session.get(User, booking.user_id)
            flash(_("Arrivée enregistrée : %(name)s, rendez-vous de %(time)s (%(counter)s).",
                    name=person.display_name, time=_format_time(booking.slot.starts_at),
                    counter=booking.slot.counter.name), "success")
            return redirect(url_for("counter.day"))
    return _render_day(today(), form=form, status=422)


def _format_time(value):
    from flask_babel import format_time

    return format_time(value, "short")


@agent_bp.route("/<int:booking_id>/absent", methods=["POST"])
@roles_required(*AGENT_ROLES)
def no_show(booking_id):
    booking = _booking(booking_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    day = _booking_day(booking)
    try:
        services.mark_no_show(booking)
    except services.BookingError as exc:
        return _render_day(day, error=str(exc), status=409)
    flash(_("Absence enregistrée : le créneau est libéré et la personne peut reprendre rendez-vous."), "info")
    return redirect(url_for("counter.day", jour=day.isoformat()))


@agent_bp.route("/<int:booking_id>/remise", methods=["POST"])
@roles_required(*AGENT_ROLES)
def hand_over(booking_id):
    booking = _booking(booking_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    day = _booking_day(booking)
    try:
        services.hand_over(booking, current_user)
    except services.BookingError as exc:
        return _render_day(day, error=str(exc), status=409)
    flash(_("Titre remis : la demande est terminée."), "success")
    return redirect(url_for("counter.day", jour=day.isoformat()))


@agent_bp.route("/titre-pret/<reference>", methods=["POST"])
@roles_required(*AGENT_ROLES)
def card_ready(reference):
    dossier = dossier_services.agent_dossier(reference, current_user)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.mark_card_ready(dossier, current_user)
    except services.BookingError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Le demandeur est invité par courriel à prendre rendez-vous pour retirer son titre."), "success")
    return redirect(url_for("agents.dossier", reference=reference))


@agent_bp.route("/agenda", methods=["GET", "POST"])
@roles_required(ADMIN)
def agenda():
    service_id = current_user.service_id
    form = ClosureForm(formdata=None)
    status = 200
    if request.method == "POST":
        action = request.form.get("action")
        if action == "fermeture":
            form = ClosureForm()
            if form.validate_on_submit():
                try:
                    active = services.add_closure(service_id, form.first_day.data, form.last_day.data,
                                                  form.reason.data)
                except services.BookingError as exc:
                    form.last_day.errors.append(str(exc))
                else:
                    flash(_("Fermeture enregistrée : aucun créneau ne sera proposé ces jours-là."), "success")
                    if active:
                        flash(ngettext("%(num)s rendez-vous déjà pris tombe pendant cette fermeture : "
                                       "prévenez la personne.",
                                       "%(num)s rendez-vous déjà pris tombent pendant cette fermeture : "
                                       "prévenez les personnes.", active), "warning")
                    return redirect(url_for("counter.agenda"))
            status = 422
        elif action in ("guichet", "horaire"):
            overview = services.agenda_overview(service_id)
            counter_form, opening_form = _agenda_forms(
                overview, CounterForm() if action == "guichet" else None, OpeningForm() if action == "horaire" else None)
            target = counter_form if action == "guichet" else opening_form
            if target.validate_on_submit():
                try:
                    if action == "guichet":
                        services.add_counter(service_id, counter_form.name.data, counter_form.motif.data)
                    else:
                        services.add_opening(service_id, opening_form.counter.data, opening_form.weekday.data,
                                             opening_form.starts.data, opening_form.ends.data)
                except services.BookingError as exc:
                    (counter_form.name if action == "guichet" else opening_form.ends).errors.append(str(exc))
                else:
                    flash(_("Agenda mis à jour. Générez les créneaux pour que les changements soient proposés."),
                          "success")
                    return redirect(url_for("counter.agenda"))
            return render_template("appointments/agent_agenda.html", form=form, action_form=ActionForm(),
                                   counter_form=counter_form, opening_form=opening_form, weekday_names=WEEKDAYS,
                                   **overview), 422
        elif action == "retirer_horaire":
            if not ActionForm().validate_on_submit():
                abort(400)
            try:
                services.remove_opening(service_id, request.form.get("rule", type=int) or 0)
            except services.BookingError:
                abort(404)
            flash(_("Plage horaire retirée."), "success")
            return redirect(url_for("counter.agenda"))
        elif action in ("generer", "initialiser"):
            if not ActionForm().validate_on_submit():
                abort(400)
            if action == "generer":
                created = services.generate_slots(service_id, today(), GENERATE_DAYS)
                flash(ngettext("%(num)s créneau créé.", "%(num)s créneaux créés.", created), "success")
            else:
                services.seed_agenda(service_id, today(), GENERATE_DAYS)
                flash(_("L'agenda par défaut est créé, avec les créneaux des 6 prochaines semaines."), "success")
            return redirect(url_for("counter.agenda"))
        else:
            abort(400)
    overview = services.agenda_overview(service_id)
    counter_form, opening_form = _agenda_forms(overview)
    return render_template("appointments/agent_agenda.html", form=form, action_form=ActionForm(),
                           counter_form=counter_form, opening_form=opening_form, weekday_names=WEEKDAYS,
                           **overview), status
