"""Sign-up, log-in (with a second factor for agents), log-out, e-mail verification and password reset."""
import secrets
import time

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from anef.accounts import mfa, services, without_email
from anef.accounts.blueprint import bp
from anef.accounts.forms import (ForgotPasswordForm, LoginForm, ResendVerificationForm, ResetPasswordForm,
                                 SecondFactorForm, SignUpForm)
from anef.accounts.models import APPLICANT, User
from anef.extensions import db, limiter
from anef.i18n import carry_language, language_at_login
from anef.security import public, roles_required, safe_next_url, signed_in


def _email_key() -> str:
    # A second count per e-mail address: spreading attempts over many addresses does not help,
    # and known and unknown addresses are counted alike (no enumeration).
    return "email:" + services.normalise_email(request.form.get("email", ""))


PER_IP = limiter.shared_limit("20 per minute;200 per hour", scope="accounts-ip", methods=["POST"])
PER_EMAIL = limiter.shared_limit("5 per minute;30 per hour", scope="accounts-email", key_func=_email_key,
                                 methods=["POST"])


def home_for(user) -> str:
    """Where a user lands after logging in."""
    if user.is_national_admin:
        return url_for("calendar.admin")
    if user.is_auditor:
        return url_for("oversight.audit_log")
    if user.is_contact_centre:
        return url_for("contact_centre.search")
    if user.is_mediator:
        return url_for("mediation.home")
    if user.is_agent:
        return url_for("agents.queue")
    return url_for("dossiers.dashboard")


@bp.route("/inscription", methods=["GET", "POST"])
@PER_IP
@public
def signup():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = SignUpForm()
    if form.validate_on_submit():
        services.sign_up(email=form.email.data, password=form.password.data,
                         given_names=form.given_names.data, family_name=form.family_name.data,
                         locale=str(get_locale()))
        return render_template("accounts/check_email.html", email=services.normalise_email(form.email.data))
    return render_template("accounts/signup.html", form=form)


@bp.route("/connexion", methods=["GET", "POST"])
@PER_IP
@PER_EMAIL
@public
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        pending = None if user else without_email.access_code_user(form.email.data, form.password.data)
        if pending is not None:
            # A kiosk's printed code: the person now chooses a password (the code works until then).
            language = carry_language()
            session.clear()
            carry_language(language)
            session["first_login"] = {"id": pending.id, "h": pending.access_code_hash[-12:], "at": time.time()}
            return redirect(url_for("accounts.first_password"))
        if user is None:
            error = _("Identifiant ou mot de passe incorrect.")
        elif user.email and user.email_verified_at is None:
            error = _("Vous devez d'abord confirmer votre adresse électronique : "
                      "cliquez sur le lien reçu par courriel, ou demandez-en un nouveau ci-dessous.")
        else:
            next_url = safe_next_url(request.args.get("next"))
            if user.needs_second_factor:
                # The password is not enough for agents: the session only remembers who is half-way in.
                language = carry_language()
                session.clear()
                carry_language(language)
                session["mfa"] = {"id": user.id, "v": user.session_version, "at": time.time(), "next": next_url}
                return redirect(url_for("accounts.second_factor"))
            return _complete_login(user, next_url)
    return render_template("accounts/login.html", form=form, error=error), (401 if error else 200)


def _complete_login(user, next_url):
    """Open a fresh session for ``user`` (a new identifier, new time-outs) and go on."""
    lang = language_at_login(user)
    session.clear()
    login_user(user)
    now = time.time()
    session["sid"] = secrets.token_urlsafe(16)
    session["login_at"] = now
    session["seen_at"] = now
    if lang:
        session["lang"] = lang
    return redirect(next_url or home_for(user))


MFA_MAX_AGE = 300


def _mfa_user():
    pending = session.get("mfa") or {}
    if not pending or time.time() - pending.get("at", 0) > MFA_MAX_AGE:
        return None, pending
    user = db.session.get(User, pending.get("id"))
    if user is None or not user.active or user.session_version != pending.get("v"):
        return None, pending
    return user, pending


def _mfa_key() -> str:
    return "mfa:" + str((session.get("mfa") or {}).get("id"))


@bp.route("/second-facteur", methods=["GET", "POST"])
@PER_IP
@limiter.limit("5 per minute;20 per hour", key_func=_mfa_key, methods=["POST"])
@public
def second_factor():
    user, pending = _mfa_user()
    if user is None:
        session.pop("mfa", None)
        flash(_("Reconnectez-vous : l'étape du code a expiré."), "info")
        return redirect(url_for("accounts.login"))
    enrolling = user.totp_confirmed_at is None
    if enrolling and "secret" not in pending:
        pending["secret"] = mfa.new_secret()
        session["mfa"] = pending
    form = SecondFactorForm()
    error = None
    if form.validate_on_submit():
        if mfa.verify(user, form.code.data, secret=pending.get("secret") if enrolling else None):
            if enrolling:
                mfa.confirm(user, pending["secret"])
            return _complete_login(user, pending.get("next"))
        error = _("Code incorrect ou déjà utilisé. Attendez le code suivant de votre application.")
    context = {"form": form, "error": error, "enrolling": enrolling}
    if enrolling:
        uri = mfa.provisioning_uri(user, pending["secret"])
        context.update(secret=pending["secret"], qr=mfa.qr_svg_data_uri(uri))
    return render_template("accounts/second_factor.html", **context), (401 if error else 200)


@bp.route("/deconnexion", methods=["POST"])
@signed_in
def logout():
    services.end_sessions(current_user)
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("public.home"))


@bp.route("/confirmation/<token>")
@limiter.limit("30 per hour")
@public
def verify_email(token):
    user = services.verify_email(token)
    if user is None:
        return render_template("accounts/link_invalid.html", resend=True), 400
    flash(_("Votre adresse électronique est confirmée. Vous pouvez vous connecter."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/confirmation", methods=["GET", "POST"])
@PER_IP
@PER_EMAIL
@public
def resend_verification():
    form = ResendVerificationForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        if user is not None and user.email_verified_at is None:
            services.send_verification(user)
        return render_template("accounts/check_email.html", email=services.normalise_email(form.email.data))
    return render_template("accounts/resend.html", form=form)


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@PER_IP
@PER_EMAIL
@public
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("accounts/check_email.html", email=services.normalise_email(form.email.data),
                               reset=True)
    return render_template("accounts/forgot.html", form=form)


@bp.route("/mot-de-passe/<token>", methods=["GET", "POST"])
@PER_IP
@public
def reset_password(token):
    user = services.read_token(token, "reset-password", services.RESET_MAX_AGE)
    if user is None:
        return render_template("accounts/link_invalid.html", resend=False), 400
    form = ResetPasswordForm()
    form._email = user.email
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        logout_user()
        session.clear()
        flash(_("Votre mot de passe est changé. Connectez-vous avec le nouveau mot de passe."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset.html", form=form)


@bp.route("/coordonnees", methods=["GET", "POST"])
@roles_required(APPLICANT)
def contact():
    """Mes coordonnées et notifications: mobile, postal address, and the channels the person wants."""
    from anef.notifications.forms import CHANNEL_NAMES, ContactForm
    from anef.notifications.phones import display_phone
    from anef.notifications.services import channels_for, save_contact_details

    user = current_user
    if request.method == "POST":
        form = ContactForm()
    else:
        mobile = user.mobile_phone or getattr(user, "login_phone", None)
        form = ContactForm(data={"mobile_phone": display_phone(mobile), "address_lines": user.address_lines,
                                 "postcode": user.postcode, "town": user.town, "notify_email": user.notify_email,
                                 "notify_sms": user.notify_sms, "notify_post": user.notify_post})
    form.has_email = bool(user.email)
    if form.validate_on_submit():
        save_contact_details(user, **{name: form[name].data for name in (
            "mobile_phone", "address_lines", "postcode", "town", "notify_email", "notify_sms", "notify_post")})
        flash(_("Vos coordonnées et vos choix de notification sont enregistrés."), "success")
        return redirect(url_for("accounts.contact"))
    return render_template("accounts/contact.html", form=form,
                           channels=[str(CHANNEL_NAMES[c]) for c in channels_for(user)]), \
        (422 if form.errors else 200)
