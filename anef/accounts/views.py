"""Sign-up, log-in, log-out, e-mail verification and password reset."""
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from anef.accounts import services
from anef.accounts.blueprint import bp
from anef.extensions import limiter
from anef.accounts.forms import (ForgotPasswordForm, LoginForm, ResendVerificationForm,
                                 ResetPasswordForm, SignUpForm)
from anef.security import public, safe_next_url, signed_in


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
        if user is None:
            error = _("Adresse électronique ou mot de passe incorrect.")
        elif user.email_verified_at is None:
            error = _("Vous devez d'abord confirmer votre adresse électronique : "
                      "cliquez sur le lien reçu par courriel, ou demandez-en un nouveau ci-dessous.")
        else:
            next_url = safe_next_url(request.args.get("next"))
            session.clear()
            login_user(user, remember=form.remember.data)
            if user.locale:
                session["lang"] = user.locale
            return redirect(next_url or home_for(user))
    return render_template("accounts/login.html", form=form, error=error), (401 if error else 200)


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
