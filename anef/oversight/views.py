"""The audit log screen (national auditor: everything; local admin: their service's agents), the auditor's
read-only dossier page, and the consultations shown to applicants."""
import datetime as dt

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from anef.accounts.models import ADMIN, AUDITEUR
from anef.audit.services import record
from anef.oversight import services
from anef.oversight.blueprint import bp
from anef.security import roles_required

# How the screen names the audited actions (others are shown as recorded).
ACTION_LABELS = {
    "dossier_view": _l("Consultation du dossier"),
    "dossier_view_avis": _l("Consultation pour avis"),
    "dossier_view_audit": _l("Consultation par l'audit"),
    "dossier_view_ccc": _l("Consultation par le centre de contact"),
    "dossier_search": _l("Recherche de dossiers"),
    "dossier_search_ccc": _l("Recherche par le centre de contact"),
    "dossier_access_denied": _l("Accès refusé à un dossier"),
    "document_access_denied": _l("Accès refusé à un document"),
    "connector_query": _l("Interrogation d'un fichier"),
    "connector_results_view": _l("Lecture des réponses des fichiers"),
    "checklist_tick": _l("Point vérifié"),
    "checklist_untick": _l("Point décoché"),
    "annotation_added": _l("Annotation"),
    "annotations_view": _l("Lecture des annotations"),
    "avis_requested": _l("Demande d'avis"),
    "avis_answered": _l("Avis rendu"),
    "avis_withdrawn": _l("Demande d'avis retirée"),
    "avis_access_denied": _l("Accès refusé à une demande d'avis"),
    "audit_log_view": _l("Lecture du journal d'audit"),
    "volume_alerts_view": _l("Lecture des alertes de consultation"),
    "messages_view": _l("Lecture des messages"),
    "message_sent": _l("Message envoyé"),
    "question_forwarded": _l("Question transmise par le centre de contact"),
}


@bp.app_template_global("dossier_consultations")
def dossier_consultations(dossier):
    """Which services read the dossier and when (for the applicant's page; one query)."""
    return services.consultations(dossier)


def _date(name, errors):
    value = (request.args.get(name) or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors[name] = _("Indiquez une date valide.")
        return None


@bp.route("/audit")
@roles_required(AUDITEUR, ADMIN)
def audit_log():
    """The audit log, newest first, filtered by agent, dossier reference and dates; keyset pages."""
    errors = {}
    filters = services.AuditFilters(agent=(request.args.get("agent") or "").strip()[:254],
                                    reference=(request.args.get("reference") or "").strip()[:32],
                                    since=_date("du", errors), until=_date("au", errors))
    before = request.args.get("avant", type=int)
    scope = None if current_user.role == AUDITEUR else current_user.service_id
    # Reading the log is itself recorded, before the page is read (the audit's commit would expire its rows).
    record("audit_log_view", "audit" if scope is None else f"service:{scope}", actor_id=current_user.id,
           agent=filters.agent, reference=filters.reference,
           since=filters.since.isoformat() if filters.since else None,
           until=filters.until.isoformat() if filters.until else None, before=before)
    rows, next_before = services.audit_page(filters, service_id=scope, before=before)
    return render_template("oversight/audit_log.html", rows=rows, filters=filters, errors=errors,
                           next_before=next_before, labels=ACTION_LABELS, national=scope is None,
                           args={k: v for k, v in request.args.items() if k != "avant"}), (422 if errors else 200)


@bp.route("/audit/dossier")
@roles_required(AUDITEUR)
def open_dossier():
    """The auditor types a reference: its read-only page."""
    reference = (request.args.get("reference") or "").strip().upper()
    return redirect(url_for("oversight.dossier", reference=reference or "-"))


@bp.route("/audit/dossiers/<reference>")
@roles_required(AUDITEUR)
def dossier(reference):
    """Any filed dossier, read-only, for the national auditor (every reading audited)."""
    found = services.auditable_dossier(reference)
    record("dossier_view_audit", found.reference, actor_id=current_user.id)
    return render_template("oversight/dossier.html", **services.readonly_context(found))
