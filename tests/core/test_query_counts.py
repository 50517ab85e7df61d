"""Pages make a number of SQL queries that does not grow with the data."""
import datetime as dt

from conftest import login, student_answers


def add_dossiers(app, applicant_id, count, state="depose"):
    from anef.agents.models import Service
    from anef.dossiers.models import Dossier, Transition
    from anef.extensions import db
    from anef.models import utcnow

    with app.app_context():
        service = db.session.query(Service).filter_by(code="pref-75").one()
        start = db.session.query(Dossier).count()
        for i in range(count):
            d = Dossier(procedure="etudiant", applicant_id=applicant_id, service_id=service.id, state=state,
                        reference=f"Q-{start + i}", filed_at=utcnow() - dt.timedelta(minutes=i),
                        answers=student_answers())
            db.session.add(d)
            db.session.flush()
            db.session.add(Transition(dossier_id=d.id, action="submit", from_state="brouillon", to_state=state,
                                      actor_id=applicant_id))
        db.session.commit()


def queries_for(app, client, url):
    from anef.extensions import db
    from anef.testing.queries import count_queries

    with app.app_context():
        engine = db.engine
    with count_queries(engine) as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_dashboard_and_queue_queries_do_not_grow_with_the_data(app, client, applicant, agent_75):
    add_dossiers(app, applicant, 2)
    login(client, "usager@example.fr")
    dashboard_small = queries_for(app, client, "/dossiers/")
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    queue_small = queries_for(app, agent, "/agent/")
    add_dossiers(app, applicant, 40)
    assert queries_for(app, client, "/dossiers/") == dashboard_small
    assert queries_for(app, agent, "/agent/") == queue_small
    assert dashboard_small <= 6 and queue_small <= 6


def test_agent_dossier_page_queries_are_bounded(app, client, applicant, agent_75, filed_dossier):
    """One query per panel of the instruction screen (identity, transitions, audit write, documents, versions,
    fraud signals ×3, connectors, checklist, messages, annotations, avis…), whatever the data around it."""
    login(client, "instructeur75@example.fr")
    first = queries_for(app, client, f"/agent/dossiers/{filed_dossier}")
    add_dossiers(app, applicant, 30)
    assert queries_for(app, client, f"/agent/dossiers/{filed_dossier}") == first
    assert first <= 20
