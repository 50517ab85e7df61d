"""Fraud signals on the instruction screen (a template global) and the volume alerts of a service."""
from flask import render_template, url_for
from flask_login import current_user

from anef.accounts.models import ADMIN
from anef.audit.services import record
from anef.fraud import services
from anef.fraud.blueprint import bp
from anef.security import roles_required


@bp.app_template_global("fraud_signals")
def fraud_signals(dossier, audit: bool = False):
    """The dossier's signals for the person looking: links only to dossiers they may open (three queries)."""
    if audit:
        def link_for(match):
            return url_for("oversight.dossier", reference=match.reference)
    else:
        def link_for(match):
            if current_user.is_agent and match.service_id == current_user.service_id:
                return url_for("agents.dossier", reference=match.reference)
            return None
    return services.dossier_signals(dossier, link_for)


@bp.route("/service/alertes")
@roles_required(ADMIN)
def volume_alerts():
    """Agents of the service who opened many dossiers not assigned to them within an hour."""
    record("volume_alerts_view", f"service:{current_user.service_id}", actor_id=current_user.id)
    return render_template("fraud/alerts.html", alerts=services.volume_alerts(current_user.service_id),
                           threshold=int(services.setting("FRAUD_VIEW_ALERT_THRESHOLD", 30)),
                           days=int(services.setting("FRAUD_VIEW_ALERT_DAYS", 7)))
