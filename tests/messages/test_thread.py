"""The conversation of a dossier: who may read and write, what each side sees, unread counts and receipts."""
from __future__ import annotations

import re

from sqlalchemy import select

from conftest import login
from tests.messages.conftest import (agent_url, applicant_url, audit_actions, messages_of, post_message,
                                     text_of)

PARIS = "Préfecture Paris (Paris)"


def set_state(app, reference, state):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        dossier.state = state
        db.session.commit()


def test_the_applicant_writes_and_the_agents_of_the_service_read_it(app, applicant_client, agent_client,
                                                                    applicant, agent_75, filed_dossier):
    response = post_message(applicant_client, applicant_url(filed_dossier), "Bonjour, où en est ma demande ?")
    [message] = messages_of(app, filed_dossier)
    assert response.status_code == 302
    assert response.location.endswith(f"{applicant_url(filed_dossier)}#message-{message['id']}")
    assert not message["from_service"] and message["author_id"] == applicant
    page = text_of(applicant_client.get(applicant_url(filed_dossier)))
    assert "Bonjour, où en est ma demande ?" in page and "Pas encore lu" in page

    agent_page = text_of(agent_client.get(agent_url(filed_dossier)))
    assert "Bonjour, où en est ma demande ?" in agent_page
    assert "ZHANG Mei (demandeur)" in agent_page
    actions = audit_actions(app)
    assert ("message_sent", filed_dossier, applicant) in actions
    assert ("messages_view", filed_dossier, agent_75) in actions


def test_another_applicant_and_an_agent_of_another_service_get_404(app, client, other_applicant, agent_69,
                                                                   filed_dossier):
    login(client, "autre@example.fr")
    assert client.get(applicant_url(filed_dossier)).status_code == 404
    assert post_message(client, applicant_url(filed_dossier), "Intrus").status_code == 404
    assert client.get(agent_url(filed_dossier)).status_code == 404  # an applicant is no agent
    other_agent = app.test_client()
    login(other_agent, "instructeur69@example.fr")
    assert other_agent.get(agent_url(filed_dossier)).status_code == 404
    assert post_message(other_agent, agent_url(filed_dossier), "Intrus").status_code == 404
    assert other_agent.get(applicant_url(filed_dossier)).status_code == 404  # an agent is no applicant
    assert messages_of(app, filed_dossier) == []
    assert ("dossier_access_denied", filed_dossier, agent_69) in audit_actions(app)


def test_a_draft_says_plainly_that_writing_opens_once_filed(app, applicant_client, agent_client, draft_dossier):
    page = text_of(applicant_client.get(applicant_url(draft_dossier)))
    assert "une fois celle-ci déposée" in page and "<textarea" not in page
    response = post_message(applicant_client, applicant_url(draft_dossier), "Trop tôt")
    assert response.status_code == 409 and messages_of(app, draft_dossier) == []
    assert agent_client.get(agent_url(draft_dossier)).status_code == 404


def test_the_applicant_can_still_write_once_the_dossier_is_decided(app, applicant_client, filed_dossier):
    for state in ("refuse", "classe_sans_suite", "titre_remis"):
        set_state(app, filed_dossier, state)
        assert post_message(applicant_client, applicant_url(filed_dossier), f"Question ({state})").status_code == 302
    assert len(messages_of(app, filed_dossier)) == 3


def test_the_applicant_sees_the_service_never_the_agent_and_colleagues_see_who_wrote(
        app, applicant_client, agent_client, valideur_75, filed_dossier):
    post_message(agent_client, agent_url(filed_dossier), "Merci d'envoyer votre dernier relevé de notes.")
    page = text_of(applicant_client.get(applicant_url(filed_dossier)))
    assert "Merci d'envoyer votre dernier relevé de notes." in page
    assert PARIS in page and "Martin" not in page and "Inès" not in page
    colleague = app.test_client()
    login(colleague, "valideur75@example.fr")
    assert "Inès Martin" in text_of(colleague.get(agent_url(filed_dossier)))


def test_an_agent_message_notifies_the_applicant_without_its_text(app, agent_client, applicant, filed_dossier):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    post_message(agent_client, agent_url(filed_dossier), "Texte confidentiel de l'agent")
    [message] = messages_of(app, filed_dossier)
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.user_id == applicant)).all()
        mine = [r for r in rows if "Nouveau message" in (r.subject or "")]
        assert mine, [r.subject for r in rows]
        for row in mine:
            assert "Texte confidentiel" not in row.body
            assert f"/dossiers/{filed_dossier}/messages" in row.body
        keys = {getattr(r, "idempotency_key", None) for r in mine}
    assert keys in ({f"message:{message['id']}"}, {None})


def test_an_applicant_message_notifies_nobody_by_mail(app, applicant_client, filed_dossier):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        before = db.session.query(OutboxMessage).count()
    post_message(applicant_client, applicant_url(filed_dossier), "Une question")
    with app.app_context():
        assert db.session.query(OutboxMessage).count() == before


def test_unread_counts_and_read_receipts_on_both_sides(app, applicant_client, agent_client, valideur_75,
                                                       filed_dossier):
    post_message(agent_client, agent_url(filed_dossier), "Premier message")
    post_message(agent_client, agent_url(filed_dossier), "Second message")
    assert "2 nouveaux messages" in text_of(applicant_client.get("/dossiers/"))
    assert "2 nouveaux messages" in text_of(applicant_client.get(f"/dossiers/{filed_dossier}"))
    assert "Pas encore lu" in text_of(agent_client.get(agent_url(filed_dossier)))

    thread = text_of(applicant_client.get(applicant_url(filed_dossier)))
    assert thread.count("Nouveau</span>") == 2  # shown as new this once
    assert "nouveaux messages" not in text_of(applicant_client.get("/dossiers/"))
    assert "Nouveau</span>" not in text_of(applicant_client.get(applicant_url(filed_dossier)))
    receipts = text_of(agent_client.get(agent_url(filed_dossier)))
    assert receipts.count("Lu le ") == 2 and "Pas encore lu" not in receipts

    # The applicant answers: the service sees it unread until any of its agents opens the thread.
    post_message(applicant_client, applicant_url(filed_dossier), "Voici ma réponse")
    assert "1 nouveau message" in text_of(agent_client.get("/agent/"))
    assert "1 nouveau message" in text_of(agent_client.get(f"/agent/dossiers/{filed_dossier}"))
    colleague = app.test_client()
    login(colleague, "valideur75@example.fr")
    colleague.get(agent_url(filed_dossier))
    assert "nouveau message" not in text_of(agent_client.get("/agent/"))
    assert messages_of(app, filed_dossier)[-1]["read_by_id"] == valideur_75
    assert "Lu le " in text_of(applicant_client.get(applicant_url(filed_dossier)))


def test_the_body_is_limited_with_a_message_beside_the_field_and_the_text_kept(app, applicant_client,
                                                                                filed_dossier):
    long_text = "x" * 4990 + " é fin <b>"
    long_text += "y" * (5001 - len(long_text))
    response = post_message(applicant_client, applicant_url(filed_dossier), long_text)
    page = text_of(response)
    assert response.status_code == 422
    assert "5001 caractères" in page and "5000 au plus" in page
    assert 'id="body-messages"' in page and 'aria-invalid="true"' in page
    assert long_text in page  # what was typed comes back (escaped in the HTML, unescaped here)
    assert "<b>" not in response.get_data(as_text=True).split("<textarea", 1)[1].split("</textarea>")[0]
    empty = post_message(applicant_client, applicant_url(filed_dossier), "   ")
    assert empty.status_code == 422 and "Écrivez votre message ou joignez un fichier." in text_of(empty)
    assert messages_of(app, filed_dossier) == []


def test_message_text_is_escaped_and_keeps_its_lines(app, applicant_client, agent_client, filed_dossier):
    post_message(applicant_client, applicant_url(filed_dossier), "Ligne 1\r\nLigne <script>2</script>\r\n\r\nParagraphe")
    raw = agent_client.get(agent_url(filed_dossier)).get_data(as_text=True)
    assert "<p>Ligne 1<br>Ligne &lt;script&gt;2&lt;/script&gt;</p><p>Paragraphe</p>" in raw


def test_writing_is_rate_limited_and_the_text_is_kept(app, applicant_client, filed_dossier):
    codes = [post_message(applicant_client, applicant_url(filed_dossier), f"Message {i}").status_code
             for i in range(10)]
    assert codes == [302] * 10
    response = post_message(applicant_client, applicant_url(filed_dossier), "Le onzième")
    page = text_of(response)
    assert response.status_code == 429
    assert "beaucoup de messages en peu de temps" in page and "Le onzième" in page
    assert len(messages_of(app, filed_dossier)) == 10
    # Reading is not limited.
    assert applicant_client.get(applicant_url(filed_dossier)).status_code == 200


def test_the_rate_limit_counts_per_person(app, applicant_client, agent_client, filed_dossier):
    for i in range(10):
        post_message(applicant_client, applicant_url(filed_dossier), f"Message {i}")
    assert post_message(agent_client, agent_url(filed_dossier), "Réponse").status_code == 302


def test_the_pages_pass_through_the_integration_blocks(app, applicant_client, agent_client, filed_dossier):
    show = text_of(applicant_client.get(f"/dossiers/{filed_dossier}"))
    assert f'href="/dossiers/{filed_dossier}/messages"' in show
    agent_page = text_of(agent_client.get(f"/agent/dossiers/{filed_dossier}"))
    assert f'href="/agent/dossiers/{filed_dossier}/messages"' in agent_page
    assert re.search(r"Aucun message non lu", agent_page)
