"""Opening an account without e-mail (a mobile number and an SMS code) and the first log-in with a kiosk's
printed access code."""
import time

from flask import flash, redirect, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from anef.accounts import codes, without_email
from anef.accounts.blueprint import bp
from anef.accounts.forms import (FirstPasswordForm, PhoneResetCodeForm, PhoneResetForm, PhoneSignUpForm,
                                 SmsCodeForm)
from anef.accounts.views import PER_IP, _complete_login, home_for
from anef.extensions import db, limiter
from anef.security import public

FIRST_LOGIN_MAX_AGE = 15 * 60


def _signup_key() -> str:
    return "phone-signup:" + str(session.get("phone_signup", "none"))


def _too_many_message() -> str:
    return _("Trop de codes ont été envoyés à ce numéro. Attendez une heure avant d'en demander un autre.")


@bp.route("/inscription/mobile", methods=["GET", "POST"])
@PER_IP
@public
def signup_phone():
    """Sign-up with a mobile number: the code goes by SMS, the account opens when it comes back."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = PhoneSignUpForm()
    if form.validate_on_submit():
        try:
            pending = without_email.start_phone_signup(
                phone=form.mobile_phone.data, password=form.password.data, given_names=form.given_names.data,
                family_name=form.family_name.data, locale=str(get_locale()))
        except codes.TooManyCodes:
            db.session.rollback()
            form.mobile_phone.errors.append(_too_many_message())
        else:
            session["phone_signup"] = pending.code_id
            return redirect(url_for("accounts.signup_phone_code"))
    return render_template("accounts/signup_phone.html", form=form), (422 if form.errors else 200)


@bp.route("/inscription/mobile/code", methods=["GET", "POST"])
@PER_IP
@limiter.limit("10 per minute", key_func=_signup_key, methods=["POST"])
@public
def signup_phone_code():
    code_id = session.get("phone_signup")
    row = db.session.get(codes.OneTimeCode, code_id) if code_id else None
    if row is None or row.purpose != without_email.SIGNUP_PURPOSE:
        return redirect(url_for("accounts.signup_phone"))
    from anef.notifications.phones import display_phone

    form = SmsCodeForm()
    expired = False
    if form.validate_on_submit():
        result, user = without_email.finish_phone_signup(code_id, form.code.data)
        if user is not None:
            response = _complete_login(user, None)  # a fresh session: the message goes in after
            flash(_("Votre compte est ouvert. Vous recevrez nos messages par SMS."), "success")
            return response
        if result.status == codes.WRONG:
            form.code.errors.append(ngettext("Code incorrect. Il vous reste %(num)d essai.",
                                             "Code incorrect. Il vous reste %(num)d essais.", result.attempts_left))
        else:
            expired = True
            form.code.errors.append(_("Ce code ne fonctionne plus (expiré, déjà utilisé ou trop d'essais). "
                                      "Demandez un nouveau code."))
    return render_template("accounts/signup_phone_code.html", form=form, phone=display_phone(row.target),
                           expired=expired), (422 if form.errors else 200)


@bp.route("/inscription/mobile/renvoyer", methods=["POST"])
@PER_IP
@public
def signup_phone_resend():
    from flask_wtf import FlaskForm

    if not FlaskForm().validate_on_submit():
        return redirect(url_for("accounts.signup_phone_code"))
    try:
        pending = without_email.resend_phone_signup(session.get("phone_signup"))
    except codes.TooManyCodes:
        db.session.rollback()
        flash(_too_many_message(), "error")
        return redirect(url_for("accounts.signup_phone_code"))
    if pending is None:
        return redirect(url_for("accounts.signup_phone"))
    session["phone_signup"] = pending.code_id
    flash(_("Un nouveau code vous a été envoyé par SMS."), "success")
    return redirect(url_for("accounts.signup_phone_code"))


def _first_login_user():
    from anef.accounts.models import User

    pending = session.get("first_login") or {}
    if not pending or time.time() - pending.get("at", 0) > FIRST_LOGIN_MAX_AGE:
        return None
    user = db.session.get(User, pending.get("id"))
    if user is None or not user.active or not user.access_code_hash \
            or user.access_code_hash[-12:] != pending.get("h"):
        return None
    return user


@bp.route("/premiere-connexion", methods=["GET", "POST"])
@PER_IP
@public
def first_password():
    """First log-in with a printed access code: the person chooses a password, and the code dies."""
    user = _first_login_user()
    if user is None:
        session.pop("first_login", None)
        flash(_("Reconnectez-vous avec votre identifiant et le code imprimé."), "info")
        return redirect(url_for("accounts.login"))
    form = FirstPasswordForm()
    form._email = user.access_id or ""
    if form.validate_on_submit():
        without_email.set_first_password(user, form.password.data)
        response = _complete_login(user, None)
        flash(_("Votre mot de passe est enregistré. La prochaine fois, connectez-vous avec votre identifiant "
                "%(id)s et ce mot de passe.", id=user.access_id), "success")
        return response
    return render_template("accounts/first_password.html", form=form, user=user), (422 if form.errors else 200)


def _reset_key() -> str:
    return "phone-reset:" + str(session.get("phone_reset", "none"))


@bp.route("/mot-de-passe-oublie/mobile", methods=["GET", "POST"])
@PER_IP
@public
def forgot_password_phone():
    """Forgotten password of an account opened with a mobile number: a code by SMS."""
    from anef.notifications.phones import to_e164

    form = PhoneResetForm()
    if form.validate_on_submit():
        try:
            session["phone_reset"] = without_email.start_phone_reset(to_e164(form.mobile_phone.data))
        except codes.TooManyCodes:
            db.session.rollback()
            form.mobile_phone.errors.append(_too_many_message())
        else:
            session["phone_reset_to"] = form.mobile_phone.data
            return redirect(url_for("accounts.reset_password_phone"))
    return render_template("accounts/forgot_phone.html", form=form), (422 if form.errors else 200)


@bp.route("/mot-de-passe-oublie/mobile/code", methods=["GET", "POST"])
@PER_IP
@limiter.limit("10 per minute", key_func=_reset_key, methods=["POST"])
@public
def reset_password_phone():
    if not session.get("phone_reset"):
        return redirect(url_for("accounts.forgot_password_phone"))
    form = PhoneResetCodeForm()
    if form.validate_on_submit():
        result, user = without_email.finish_phone_reset(session.get("phone_reset"), form.code.data,
                                                        form.password.data)
        if user is not None:
            session.pop("phone_reset", None)
            session.pop("phone_reset_to", None)
            flash(_("Votre mot de passe est changé. Connectez-vous avec votre numéro et le nouveau mot de passe."),
                  "success")
            return redirect(url_for("accounts.login"))
        if result.status == codes.WRONG:
            form.code.errors.append(ngettext("Code incorrect. Il vous reste %(num)d essai.",
                                             "Code incorrect. Il vous reste %(num)d essais.", result.attempts_left))
        else:
            form.code.errors.append(_("Ce code ne fonctionne plus (expiré, déjà utilisé ou trop d'essais). "
                                      "Demandez un nouveau code."))
    return render_template("accounts/reset_phone.html", form=form, phone=session.get("phone_reset_to", "")), \
        (422 if form.errors else 200)

