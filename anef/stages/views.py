"""The stage panel of the agent's dossier page (a plain form post) and the stage list of the applicant's page."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from anef.accounts.models import AGENT_ROLES
from anef.dossiers.services import TransitionError, agent_dossier
from anef.security import roles_required
from anef.stages import services
from anef.stages.blueprint import bp


@bp.app_template_global("dossier_stages")
def dossier_stages(dossier):
    """The procedure's stages of a dossier with their status (empty for a procedure without stages)."""
    return services.progress(dossier)


@bp.app_template_global("stage_form")
def stage_form(dossier, form=None):
    """The stage the current agent may record now, with its form (or the form just posted), or (None, None)."""
    stage = services.recordable(dossier, current_user)
    if stage is None:
        return None, None
    return stage, form if form is not None else stage.form_class(formdata=None)


@bp.app_template_global("stage_label")
def stage_label(dossier, code):
    return services.stage_label(dossier, code)


@bp.route("/dossiers/<reference>/etapes/<code>", methods=["POST"])
@roles_required(*AGENT_ROLES)
def record(reference, code):
    """Record the dossier's next stage from its form; errors beside the fields, the page otherwise unchanged."""
    from anef.agents.views import _render_dossier

    dossier = agent_dossier(reference, current_user)
    stage = next((s for s in services.stages_for(dossier) if s.code == code), None)
    if stage is None:
        abort(404)
    form = stage.form_class()
    if not form.validate_on_submit():
        return _render_dossier(dossier, status=422, stage_form=form)
    try:
        action = services.record(dossier, current_user, stage, form)
    except TransitionError as exc:
        return _render_dossier(dossier, status=409, error=str(exc))
    messages = {"stage": _("L'étape « %(stage)s » est enregistrée.", stage=stage.agent_label),
                "accept": _("La demande est acceptée."), "refuse": _("La demande est refusée."),
                "propose_decision": _("La décision est proposée ; elle attend la signature d'un valideur.")}
    flash(messages[action], "success")
    return redirect(url_for("agents.dossier", reference=reference) + "#etapes")
