"""Agent reads are audited in a hash chain that shows any edit or deletion."""
from sqlalchemy import select, text

from conftest import login


def events(app):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return [(e.action, e.target, e.actor_id) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_agent_views_and_refusals_are_audited(app, client, agent_75, agent_69, filed_dossier):
    login(client, "instructeur75@example.fr")
    client.get(f"/agent/dossiers/{filed_dossier}")
    other = app.test_client()
    login(other, "instructeur69@example.fr")
    assert other.get(f"/agent/dossiers/{filed_dossier}").status_code == 404
    assert events(app) == [("dossier_view", filed_dossier, agent_75),
                           ("dossier_access_denied", filed_dossier, agent_69)]


def test_the_chain_detects_an_edited_or_deleted_event(app, client, agent_75, filed_dossier):
    from anef.audit.services import verify_chain
    from anef.extensions import db

    login(client, "instructeur75@example.fr")
    for _ in range(3):
        client.get(f"/agent/dossiers/{filed_dossier}")
    with app.app_context():
        assert verify_chain() is None
        ids = db.session.execute(text("SELECT id FROM audit_events ORDER BY id")).scalars().all()
        db.session.execute(text("UPDATE audit_events SET target = 'autre' WHERE id = :id"), {"id": ids[1]})
        db.session.commit()
        assert verify_chain() == ids[1]
        db.session.execute(text("UPDATE audit_events SET target = :t WHERE id = :id"), {"t": filed_dossier, "id": ids[1]})
        db.session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[1]})
        db.session.commit()
        assert verify_chain() == ids[2]
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "broken" in result.output


def test_an_agent_of_another_service_reaching_a_document_is_audited(app, client, agent_69, filed_dossier):
    from anef.documents.models import Document
    from anef.extensions import db

    with app.app_context():
        doc_id = db.session.scalar(select(Document.id).limit(1))
    login(client, "instructeur69@example.fr")
    assert client.get(f"/documents/{doc_id}").status_code == 404
    assert client.get(f"/documents/{doc_id}/telecharger").status_code == 404
    assert events(app) == [("document_access_denied", f"document:{doc_id}", agent_69)] * 2
