"""The mediator's accompaniments (ask consent, act for the person, stop) and the person's mandates."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm

from anef.accounts import codes
from anef.accounts.models import APPLICANT, MEDIATEUR
from anef.audit.services import record
from anef.extensions import db, limiter
from anef.mediation import acting, services
from anef.mediation.blueprint import bp
from anef.mediation.forms import BY_CODE, ConsentCodeForm, ConsentSignatureForm, MandateForm
from anef.mediation.models import CONSENT_SIGNATURE
from anef.plugins import procedures
from anef.security import roles_required, signed_in

ALL = "toutes"


def _mandate_form(formdata=True):
    form = MandateForm() if formdata else MandateForm(formdata=None)
    form.procedure.choices = [(ALL, _("Toutes ses demandes"))] + [(code, info.title)
                                                                for code, info in procedures().items()]
    return form


def _home(form, status=200):
    mandates = services.mediator_mandates(current_user)
    return render_template("mediation/home.html", form=form, mandates=mandates,
                           duration_label=services.duration_label, scope_label=services.scope_label,
                           consent_labels=services.CONSENT_LABELS), status


@bp.route("/agent/accompagnements", methods=["GET", "POST"])
@roles_required(MEDIATEUR)
def home():
    """The mediator's accompaniments, and the form that opens a new one."""
    form = _mandate_form()
    if not form.validate_on_submit():
        return _home(form, 422 if form.errors else 200)
    person = services.find_person(form.person.data)
    record("mediation_lookup", "person", actor_id=current_user.id, found=person is not None)
    if person is None:
        form.person.errors.append(_("Aucun compte de demandeur ne correspond. Vérifiez l'orthographe, ou aidez la "
                                    "personne à créer un compte."))
        return _home(form, 422)
    try:
        mandate = services.ask_consent(current_user, person,
                                       procedure=None if form.procedure.data == ALL else form.procedure.data,
                                       duration_hours=int(form.duration.data), by_code=form.consent.data == BY_CODE)
    except services.MandateError as exc:
        db.session.rollback()
        form.consent.errors.append(str(exc))
        return _home(form, 422)
    except codes.TooManyCodes:
        db.session.rollback()
        form.consent.errors.append(_("Trop de codes envoyés à cette personne dans l'heure. Recueillez sa signature "
                                     "ou réessayez plus tard."))
        return _home(form, 422)
    record("mandate_asked", f"mandate:{mandate.id}", actor_id=current_user.id, person_id=person.id,
           procedure=mandate.procedure, hours=mandate.duration_hours, method=mandate.consent_method)
    return redirect(url_for("mediation.consent", mandate_id=mandate.id))


def _own(mandate_id):
    mandate = services.mediator_mandate(mandate_id, current_user)
    if mandate is None:
        record("mandate_access_denied", f"mandate:{mandate_id}", actor_id=current_user.id)
        abort(404)
    return mandate


def _code_key() -> str:
    return f"mandate-consent:{current_user.get_id()}"


@bp.route("/agent/accompagnements/<int:mandate_id>/consentement", methods=["GET", "POST"])
@limiter.limit("10 per minute", key_func=_code_key, methods=["POST"])
@roles_required(MEDIATEUR)
def consent(mandate_id):
    """The person gives consent on the mediator's screen: the code they received, or their signature."""
    mandate = _own(mandate_id)
    if mandate.consented_at is not None or mandate.revoked_at is not None:
        return redirect(url_for("mediation.home"))
    by_signature = mandate.consent_method == CONSENT_SIGNATURE
    form = ConsentSignatureForm() if by_signature else ConsentCodeForm()
    if form.validate_on_submit():
        if by_signature:
            services.consent_by_signature(mandate, form.form_reference.data or "")
            ok = True
        else:
            result = services.consent_by_code(mandate, form.code.data)
            ok = result.ok
            if result.status == codes.WRONG:
                form.code.errors.append(ngettext("Code incorrect. Il reste %(num)d essai.",
                                                 "Code incorrect. Il reste %(num)d essais.", result.attempts_left))
            elif not ok:
                form.code.errors.append(_("Ce code ne fonctionne plus (expiré ou trop d'essais). Envoyez un nouveau "
                                          "code."))
        if ok:
            record("mandate_consented", f"mandate:{mandate.id}", actor_id=current_user.id,
                   person_id=mandate.person_id, method=mandate.consent_method,
                   expires_at=mandate.expires_at.isoformat())
            flash(_("Le mandat de %(name)s est actif jusqu'au %(date)s.", name=mandate.person.display_name,
                    date=format_datetime(mandate.expires_at, "short")), "success")
            return redirect(url_for("mediation.home"))
    return render_template("mediation/consent.html", mandate=mandate, form=form, by_signature=by_signature,
                           scope=services.scope_label(mandate.procedure),
                           duration=services.duration_label(mandate.duration_hours)), (422 if form.errors else 200)


@bp.route("/agent/accompagnements/<int:mandate_id>/code", methods=["POST"])
@roles_required(MEDIATEUR)
def resend(mandate_id):
    mandate = _own(mandate_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        services.resend_code(mandate)
    except (services.MandateError, codes.TooManyCodes):
        db.session.rollback()
        flash(_("Impossible d'envoyer un nouveau code maintenant : recueillez la signature de la personne."), "error")
    else:
        flash(_("Un nouveau code a été envoyé ; le précédent ne fonctionne plus."), "success")
    return redirect(url_for("mediation.consent", mandate_id=mandate.id))


@bp.route("/agent/accompagnements/<int:mandate_id>/agir", methods=["POST"])
@roles_required(MEDIATEUR)
def act(mandate_id):
    """Enter the person's space, under a live mandate only."""
    mandate = _own(mandate_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not mandate.is_live():
        abort(404)
    acting.start(mandate, current_user._get_current_object())
    flash(_("Vous agissez pour %(name)s. Tout ce que vous faites est enregistré comme fait pour elle ou lui.",
            name=mandate.person.display_name), "info")
    return redirect(url_for("dossiers.dashboard"))


@bp.route("/agent/accompagnements/<int:mandate_id>/fin", methods=["POST"])
@roles_required(MEDIATEUR)
def end(mandate_id):
    """The mediator ends the mandate before its term."""
    mandate = _own(mandate_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    services.revoke(mandate, current_user)
    record("mandate_revoked", f"mandate:{mandate.id}", actor_id=current_user.id, person_id=mandate.person_id)
    flash(_("Le mandat est terminé."), "success")
    return redirect(url_for("mediation.home"))


@bp.route("/accompagnement/terminer", methods=["POST"])
@signed_in
def stop():
    """Leave the person's space and go back to the mediator's screens."""
    if not session_acting():
        abort(404)
    acting.stop()
    flash(_("Vous avez quitté l'espace de la personne."), "info")
    return redirect(url_for("mediation.home"))


def session_acting() -> bool:
    from flask import session

    return bool(session.get("acting"))


# ---------------------------------------------------------------- the person's side

@bp.route("/compte/mandats")
@roles_required(APPLICANT)
def my_mandates():
    """The mandates the person gave, what was done under each, and a button to revoke the live ones."""
    return render_template("mediation/my_mandates.html", mandates=services.person_mandates(current_user),
                           duration_label=services.duration_label, scope_label=services.scope_label,
                           consent_labels=services.CONSENT_LABELS)


@bp.route("/compte/mandats/<int:mandate_id>/revoquer", methods=["POST"])
@roles_required(APPLICANT)
def revoke_mine(mandate_id):
    mandate = services.person_mandate(mandate_id, current_user)
    if mandate is None or not FlaskForm().validate_on_submit():
        abort(404)
    services.revoke(mandate, current_user)
    record("mandate_revoked", f"mandate:{mandate.id}", actor_id=current_user.id, person_id=mandate.person_id)
    flash(_("Le mandat est révoqué : %(name)s ne peut plus agir pour vous.", name=mandate.mediator.display_name),
          "success")
    return redirect(url_for("mediation.my_mandates"))
