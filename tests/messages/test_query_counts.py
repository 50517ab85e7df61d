"""The thread page, its poll and the pages showing unread counts make a number of queries that does not grow."""
from __future__ import annotations

import re

from sqlalchemy import select

from conftest import login
from tests.core.test_query_counts import add_dossiers, queries_for
from tests.messages.conftest import agent_url, applicant_url, post_message, text_of

HTMX = {"HX-Request": "true"}


def add_messages(app, reference, count, *, applicant_id, agent_id, with_attachment=False):
    """``count`` messages alternating sides, unread; with an attachment (a ready document) on every third."""
    from anef.documents.models import Document, StoredFile
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.messages.models import Message

    with app.app_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
        stored = db.session.scalars(select(StoredFile)).first()
        for i in range(count):
            from_service = i % 2 == 1
            document_id = None
            if with_attachment and i % 3 == 0:
                doc = Document(dossier_id=dossier_id, kind="message", file_id=stored.id, filename=f"p{i}.pdf",
                               status="pret", uploaded_by_id=agent_id if from_service else applicant_id)
                db.session.add(doc)
                db.session.flush()
                document_id = doc.id
            db.session.add(Message(dossier_id=dossier_id, from_service=from_service, body=f"Message {i}",
                                   author_id=agent_id if from_service else applicant_id, document_id=document_id))
        db.session.commit()


def counted(app, client, url, headers=None):
    from anef.extensions import db
    from anef.testing.queries import count_queries

    with app.app_context():
        engine = db.engine
    with count_queries(engine) as statements:
        response = client.get(url, headers=headers or {})
    assert response.status_code in (200, 204)
    return len(statements), response


def test_the_thread_pages_make_the_same_number_of_queries_with_3_or_60_messages(
        app, applicant, agent_75, filed_dossier, capsys):
    applicant_client = app.test_client()
    login(applicant_client, "usager@example.fr")
    agent_client = app.test_client()
    login(agent_client, "instructeur75@example.fr")

    def measure():
        # Unread messages on both sides, so that each page also marks them read (and the agent's is audited).
        add_messages(app, filed_dossier, 3, applicant_id=applicant, agent_id=agent_75, with_attachment=True)
        mine, _ = counted(app, applicant_client, applicant_url(filed_dossier))
        add_messages(app, filed_dossier, 3, applicant_id=applicant, agent_id=agent_75, with_attachment=True)
        theirs, page = counted(app, agent_client, agent_url(filed_dossier))
        state = re.search(r"\?etat=([0-9-]+)", text_of(page)).group(1)
        idle, poll = counted(app, agent_client, f"{agent_url(filed_dossier)}?etat={state}", HTMX)
        assert poll.status_code == 204
        return mine, theirs, idle

    small = measure()
    add_messages(app, filed_dossier, 60, applicant_id=applicant, agent_id=agent_75, with_attachment=True)
    large = measure()
    with capsys.disabled():
        print(f"\nqueries: applicant thread {small[0]}, agent thread {small[1]}, poll with nothing new {small[2]}")
    assert large == small
    # The poll that finds nothing new: the user, the dossier (with the transitions every dossier loads) and the
    # one aggregate on the messages.
    assert small[2] <= 4


def test_unread_counts_add_one_query_to_the_dashboard_queue_and_dossier_pages(app, applicant, agent_75,
                                                                              filed_dossier):
    applicant_client = app.test_client()
    login(applicant_client, "usager@example.fr")
    agent_client = app.test_client()
    login(agent_client, "instructeur75@example.fr")
    post_message(agent_client, agent_url(filed_dossier), "Bonjour")
    post_message(applicant_client, applicant_url(filed_dossier), "Bonjour à vous")
    pages = [(applicant_client, "/dossiers/"), (applicant_client, f"/dossiers/{filed_dossier}"),
             (agent_client, "/agent/"), (agent_client, f"/agent/dossiers/{filed_dossier}")]
    before = [queries_for(app, c, url) for c, url in pages]
    add_dossiers(app, applicant, 30)
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        references = db.session.scalars(select(Dossier.reference).where(Dossier.reference.like("Q-%"))).all()
    for reference in references[:10]:
        add_messages(app, reference, 4, applicant_id=applicant, agent_id=agent_75)
    add_messages(app, filed_dossier, 20, applicant_id=applicant, agent_id=agent_75)
    after = [queries_for(app, c, url) for c, url in pages]
    assert after[0] == before[0] and after[2] == before[2]
    # The dossier pages' own queries do not depend on messages either.
    assert after[1] == before[1] and after[3] == before[3]
    assert "nouveaux messages" in text_of(applicant_client.get("/dossiers/"))
    assert "nouveaux messages" in text_of(agent_client.get("/agent/"))
