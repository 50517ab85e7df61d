"""The connector panel: its answers (polled by htmx while calls are pending) and « Interroger à nouveau »."""
from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from anef.accounts.models import AGENT_ROLES
from anef.audit.services import record
from anef.connectors import services
from anef.connectors.blueprint import bp
from anef.dossiers.forms import ActionForm
from anef.dossiers.services import agent_dossier
from anef.security import roles_required


@bp.app_template_global("connector_panel")
def connector_panel(dossier):
    """The panel's state for a dossier page (one query)."""
    return services.panel_state(dossier)


def _render(dossier, status=200):
    context = dict(dossier=dossier, state=services.panel_state(dossier))
    if request.htmx:
        return render_template("connectors/_panel.html", **context), status
    return render_template("connectors/panel.html", **context), status


@bp.route("/dossiers/<reference>/connecteurs", methods=["GET"])
@roles_required(*AGENT_ROLES)
def panel(reference):
    """The answers of the connectors: the fragment for htmx, a page of its own without JavaScript."""
    dossier = agent_dossier(reference, current_user)
    record("connector_results_view", dossier.reference, actor_id=current_user.id, poll=bool(request.htmx))
    return _render(dossier)


@bp.route("/dossiers/<reference>/connecteurs", methods=["POST"])
@roles_required(*AGENT_ROLES)
def query(reference):
    """Ask every connector of the dossier again (each consultation is audited)."""
    dossier = agent_dossier(reference, current_user)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.request_queries(dossier, current_user)
    if request.htmx:
        return _render(dossier)
    return redirect(url_for("agents.dossier", reference=reference) + "#connecteurs")
