"""Every agent route on a dossier, reached by an agent of another service: a 404 like a missing dossier, and an
entry in the audit log saying who reached for it (the volume alerts and the auditor read them)."""
from sqlalchemy import func, select

from conftest import login
from tests.core.test_access import fill


def _denials(app, reference):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.target == reference, AuditEvent.action.like("%access_denied")))


def test_each_agent_route_of_another_services_dossier_is_404_and_audited(app, client, agent_69, filed_dossier):
    login(client, "instructeur69@example.fr")
    # The auditor's read-only page is refused by role before any dossier is looked up: not a service's route.
    rules = [r for r in app.url_map.iter_rules() if "reference" in r.arguments and r.rule.startswith("/agent/")
             and r.endpoint != "oversight.dossier"]
    assert len(rules) > 10
    for rule in rules:
        before = _denials(app, filed_dossier)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(fill(rule, filed_dossier), method=method)
            assert response.status_code == 404, (method, rule.rule)
        assert _denials(app, filed_dossier) > before, rule.rule
