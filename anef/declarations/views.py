"""The public declaration form and its receipt; the service's list of declarations for its agents."""
from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from anef.accounts.models import AGENT_ROLES, APPLICANT, MEDIATEUR
from anef.audit.services import record
from anef.declarations import services
from anef.declarations.blueprint import bp
from anef.declarations.forms import OTHER_PROCEDURE, DeclarationForm
from anef.declarations.models import KIOSK, MEDIATOR, ONLINE, SubstituteDeclaration
from anef.extensions import db, limiter
from anef.kiosk.visit import current_device
from anef.plugins import procedures
from anef.security import public, roles_required

# Receipts this browser session may show again (the person has no account, or is not logged in).
SESSION_KEY = "declarations"


def _rate_key() -> str:
    device = current_device()
    return f"kiosk:{device.id}" if device else (request.remote_addr or "?")


@bp.route("/declaration", methods=["GET", "POST"])
@limiter.limit("10 per hour;30 per day", key_func=_rate_key, methods=["POST"])
@public
def new():
    """« Je ne peux pas faire ma démarche en ligne »: the form, usable by anyone, at a kiosk, or by a mediator."""
    form = DeclarationForm()
    form.procedure.choices = [(code, info.title) for code, info in procedures().items()] + [
        (OTHER_PROCEDURE, _("Une autre démarche"))]
    if request.method == "GET" and current_user.is_authenticated and current_user.role == APPLICANT:
        form.given_names.data = form.given_names.data or current_user.given_names
        form.family_name.data = form.family_name.data or current_user.family_name
    if form.validate_on_submit():
        device = current_device()
        mediator = current_user if current_user.is_authenticated and current_user.role == MEDIATEUR else None
        owner = current_user.id if current_user.is_authenticated and current_user.role == APPLICANT else None
        declaration = services.declare(
            given_names=form.given_names.data, family_name=form.family_name.data, birth_date=form.birth_date.data,
            procedure=None if form.procedure.data == OTHER_PROCEDURE else form.procedure.data,
            reason=form.reason.data, details=form.details.data, deadline=form.deadline.data,
            address_lines=form.address_lines.data, postcode=form.postcode.data, town=form.town.data,
            phone=form.phone.data or None, email=form.email.data or None,
            channel=MEDIATOR if mediator else (KIOSK if device else ONLINE), kiosk_id=device.id if device else None,
            mediator_id=mediator.id if mediator else None, user_id=owner, locale=str(get_locale()))
        record("declaration_received", declaration.number,
               actor_id=current_user.id if current_user.is_authenticated else None,
               service_id=declaration.service_id, channel=declaration.channel)
        session[SESSION_KEY] = (session.get(SESSION_KEY) or [])[-9:] + [declaration.id]
        return redirect(url_for("declarations.receipt", declaration_id=declaration.id), 303)
    return render_template("declarations/new.html", form=form), (422 if form.errors else 200)


def _visible(declaration_id: int) -> SubstituteDeclaration:
    """The declaration if this browser session made it, its applicant is logged in, or an agent of its service
    asks; 404 otherwise."""
    declaration = db.session.get(SubstituteDeclaration, declaration_id)
    if declaration is None:
        abort(404)
    if declaration_id in (session.get(SESSION_KEY) or []):
        return declaration
    if current_user.is_authenticated:
        if current_user.role == APPLICANT and declaration.user_id == current_user.id:
            return declaration
        if (current_user.role in AGENT_ROLES or current_user.role == MEDIATEUR) \
                and current_user.service_id == declaration.service_id:
            record("declaration_view", declaration.number, actor_id=current_user.id)
            return declaration
    abort(404)


@bp.route("/declaration/<int:declaration_id>/recu")
@public
def receipt(declaration_id):
    declaration = _visible(declaration_id)
    return render_template("declarations/receipt.html", declaration=declaration,
                           reason=services.REASONS.get(declaration.reason, declaration.reason),
                           procedure=services.procedure_title(declaration))


@bp.route("/declaration/<int:declaration_id>/recu.pdf")
@public
def receipt_pdf(declaration_id):
    declaration = _visible(declaration_id)
    return services.receipt_pdf(declaration), 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": f'attachment; filename="recu-{declaration.number}.pdf"'}


@bp.route("/agent/declarations")
@roles_required(*AGENT_ROLES, MEDIATEUR)
def service_list():
    """The declarations of people of the service's département who cannot file online."""
    record("declarations_list", f"service:{current_user.service_id}", actor_id=current_user.id)
    return render_template("declarations/service_list.html",
                           waiting=services.service_declarations(current_user.service_id),
                           handled=services.service_declarations(current_user.service_id, handled=True, limit=50),
                           reasons=services.REASONS, procedures=procedures(), limit=services.LIST_LIMIT)


@bp.route("/agent/declarations/<int:declaration_id>/traitee", methods=["POST"])
@roles_required(*AGENT_ROLES, MEDIATEUR)
def mark_handled(declaration_id):
    from flask_wtf import FlaskForm

    declaration = db.session.get(SubstituteDeclaration, declaration_id)
    if declaration is None or declaration.service_id != current_user.service_id:
        record("declaration_access_denied", f"declaration:{declaration_id}", actor_id=current_user.id)
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    services.mark_handled(declaration, current_user)
    record("declaration_handled", declaration.number, actor_id=current_user.id)
    flash(_("La déclaration %(number)s est marquée comme traitée.", number=declaration.number), "success")
    return redirect(url_for("declarations.service_list"))
