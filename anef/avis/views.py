"""Asking another service's opinion (from the instruction screen), the other service's inbox, its read-only
reading of the dossier while the request is open, and its answer."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from anef.accounts.models import AGENT_ROLES
from anef.audit.services import record
from anef.avis import services
from anef.avis.blueprint import bp
from anef.avis.forms import AvisAnswerForm, AvisRequestForm
from anef.dossiers.forms import ActionForm
from anef.dossiers.services import agent_dossier
from anef.oversight.services import readonly_context
from anef.security import roles_required


@bp.app_template_global("dossier_avis")
def dossier_avis(dossier):
    """The requests for avis made about a dossier, latest first (one query)."""
    return services.avis_for_dossier(dossier)


def _fail(form, exc: services.AvisError):
    getattr(form, exc.field).errors = [*getattr(form, exc.field).errors, str(exc.message)]


@bp.route("/dossiers/<reference>/avis", methods=["GET", "POST"])
@roles_required(*AGENT_ROLES)
def request_avis(reference):
    """Ask another service a question about the dossier."""
    dossier = agent_dossier(reference, current_user)
    form = AvisRequestForm()
    form.service.choices = [("", _("Choisissez un service"))] + [
        (s.id, f"{s.name} ({s.code})") for s in services.other_services(current_user)]
    if form.validate_on_submit():
        try:
            services.request_avis(dossier, current_user, to_service_id=form.service.data,
                                  question=form.question.data)
        except services.AvisError as exc:
            _fail(form, exc)
        else:
            flash(_("La demande d'avis est envoyée."), "success")
            return redirect(url_for("agents.dossier", reference=reference) + "#avis")
    return render_template("avis/request.html", dossier=dossier, form=form), (422 if form.errors else 200)


@bp.route("/dossiers/<reference>/avis/<int:avis_id>/retirer", methods=["POST"])
@roles_required(*AGENT_ROLES)
def withdraw(reference, avis_id):
    """The asking service withdraws its open request."""
    dossier = agent_dossier(reference, current_user)
    avis = next((a for a in services.avis_for_dossier(dossier) if a.id == avis_id), None)
    if avis is None or not ActionForm().validate_on_submit():
        return redirect(url_for("agents.dossier", reference=reference) + "#avis")
    services.withdraw_avis(avis, current_user)
    flash(_("La demande d'avis est retirée."), "info")
    return redirect(url_for("agents.dossier", reference=reference) + "#avis")


@bp.route("/avis")
@roles_required(*AGENT_ROLES)
def inbox():
    """The requests addressed to the agent's service: open ones to answer, then the latest answered."""
    open_, answered = services.inbox(current_user.service_id)
    return render_template("avis/inbox.html", open_requests=open_, answered=answered)


@bp.route("/avis/<int:avis_id>", methods=["GET", "POST"])
@roles_required(*AGENT_ROLES)
def show(avis_id):
    """The dossier read-only, with the question, and the answer form: only while the request is open."""
    avis = services.open_avis(avis_id, current_user)
    form = AvisAnswerForm()
    if form.validate_on_submit():
        try:
            services.answer_avis(avis, current_user, form.answer.data)
        except services.AvisError as exc:
            _fail(form, exc)
        else:
            flash(_("L'avis est transmis au service demandeur."), "success")
            return redirect(url_for("avis.inbox"))
    if request.method == "GET":
        record("dossier_view_avis", avis.dossier.reference, actor_id=current_user.id, avis=avis.id)
    return render_template("avis/show.html", avis=avis, form=form, **readonly_context(avis.dossier)), \
        (422 if form.errors else 200)
