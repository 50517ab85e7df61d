"""Kiosk pages: the local admin's devices, enrolment on the device, the end of a visit, and opening an account
with a printed access code."""
from functools import wraps

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from anef.accounts.models import ADMIN
from anef.audit.services import record
from anef.extensions import csrf, limiter
from anef.kiosk import services
from anef.kiosk.blueprint import bp
from anef.kiosk.forms import AccessAccountForm, EnrolForm, NewDeviceForm
from anef.kiosk.visit import current_device, end_visit, set_device_cookie
from anef.security import public, roles_required


def kiosk_only(view):
    """The page exists only on an enrolled kiosk: elsewhere it answers 404."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_device() is None:
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def _device_key() -> str:
    device = current_device()
    return f"kiosk:{device.id}" if device else request.remote_addr or "?"


# ---------------------------------------------------------------- the local admin's devices

def _service_devices_page(form, created=None, status=200):
    devices = services.service_devices(current_user.service_id)
    return render_template("kiosk/devices.html", form=form, devices=devices, created=created), status


@bp.route("/agent/service/bornes", methods=["GET", "POST"])
@roles_required(ADMIN)
def devices():
    form = NewDeviceForm()
    if form.validate_on_submit():
        device, code = services.create_device(service_id=current_user.service_id, name=form.name.data,
                                              created_by_id=current_user.id)
        record("kiosk_created", f"kiosk:{device.id}", actor_id=current_user.id, name=device.name)
        return _service_devices_page(NewDeviceForm(formdata=None), created=(device, code))
    if request.method == "GET":
        record("kiosk_list", f"service:{current_user.service_id}", actor_id=current_user.id)
    return _service_devices_page(form, status=422 if form.errors else 200)


def _own_device(device_id):
    device = services.service_device(current_user.service_id, device_id)
    if device is None:
        record("kiosk_access_denied", f"kiosk:{device_id}", actor_id=current_user.id)
        abort(404)
    return device


@bp.route("/agent/service/bornes/<int:device_id>/revoquer", methods=["POST"])
@roles_required(ADMIN)
def revoke(device_id):
    device = _own_device(device_id)
    if device.revoked_at is None:
        services.revoke(device, current_user.id)
        record("kiosk_revoked", f"kiosk:{device.id}", actor_id=current_user.id)
        flash(_("La borne « %(name)s » est révoquée : elle ne fonctionne plus comme borne.", name=device.name),
              "success")
    return redirect(url_for("kiosk.devices"))


@bp.route("/agent/service/bornes/<int:device_id>/code", methods=["POST"])
@roles_required(ADMIN)
def new_code(device_id):
    device = _own_device(device_id)
    if device.revoked_at is not None:
        abort(404)
    code = services.new_enrolment_code(device)
    record("kiosk_code", f"kiosk:{device.id}", actor_id=current_user.id)
    return _service_devices_page(NewDeviceForm(formdata=None), created=(device, code))


# ---------------------------------------------------------------- on the device

@bp.route("/borne/enrolement", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", methods=["POST"])
@public
def enrol():
    """Opened on the device itself: the one-time code makes this browser a kiosk of the service."""
    form = EnrolForm(data={"code": request.args.get("code", "")} if request.method == "GET" else None)
    if form.validate_on_submit():
        enrolled = services.enrol(form.code.data)
        if enrolled is not None:
            device, token = enrolled
            record("kiosk_enrolled", f"kiosk:{device.id}", actor_id=None)
            flash(_("Ce poste est maintenant la borne « %(name)s » de la %(service)s.", name=device.name,
                    service=device.service.name), "success")
            response = redirect(url_for("public.home"), 303)
            set_device_cookie(response, token)
            return response
        form.code.errors.append(_("Ce code ne fonctionne pas : il est inconnu, déjà utilisé, expiré, ou la borne "
                                  "a été révoquée. Demandez un nouveau code à l'administrateur local."))
    return render_template("kiosk/enrol.html", form=form), (422 if form.errors else 200)


@bp.route("/borne/terminer", methods=["POST"])
@csrf.exempt  # the time-out must always work, even with a stale token; ending a visit harms nobody
@public
def end():
    """« Terminer et effacer »: the visit ends, and the browser forgets everything of it."""
    device = current_device()
    if device is None:
        return redirect(url_for("public.home"), 303)
    return end_visit(device)


@bp.route("/borne/reprise")
@limiter.limit("30 per minute")
@public
def resume():
    """The one-time link the end of a visit leads to, once the browser's data is cleared: a new device token."""
    rearmed = services.rearm(request.args.get("jeton"))
    response = redirect(url_for("public.home"), 303)
    if rearmed is not None:
        device, token = rearmed
        set_device_cookie(response, token)
        g.kiosk_forget = False
        flash(_("Session terminée : tout a été effacé. La borne est prête pour la personne suivante."), "info")
    return response


@bp.route("/borne/presence", methods=["POST"])
@public
@kiosk_only
def presence():
    """« Je suis encore là »: the visit goes on (the request itself keeps the session fresh)."""
    return "", 204


@bp.route("/borne/compte", methods=["GET", "POST"])
@limiter.limit("30 per hour", key_func=_device_key, methods=["POST"])
@public
@kiosk_only
def access_account():
    """An account without e-mail: the kiosk prints an identifier and a one-time code."""
    from anef.accounts.without_email import open_access_account

    form = AccessAccountForm()
    if form.validate_on_submit():
        user, code = open_access_account(
            given_names=form.given_names.data, family_name=form.family_name.data,
            address_lines=form.address_lines.data, postcode=form.postcode.data, town=form.town.data,
            mobile_phone=form.mobile_phone.data or None, locale=str(get_locale()))
        record("kiosk_account_opened", f"user:{user.id}", actor_id=None, kiosk=current_device().id)
        # The slip is this response only: no address to come back to, nothing left in the history.
        return render_template("kiosk/slip.html", user=user, code=code)
    return render_template("kiosk/account.html", form=form), (422 if form.errors else 200)
