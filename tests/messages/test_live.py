"""htmx: the thread polls a fragment that says "nothing new" cheaply, and the reply form posts in place."""
from __future__ import annotations

import re

from tests.messages.conftest import agent_url, applicant_url, messages_of, post_message, text_of

HTMX = {"HX-Request": "true"}


def poll_state(page: str) -> str:
    return re.search(r'hx-get="[^"]*\?etat=([0-9-]+)"', page).group(1)


def test_the_poll_answers_204_until_something_changes(app, applicant_client, agent_client, filed_dossier):
    page = text_of(applicant_client.get(applicant_url(filed_dossier)))
    assert 'hx-trigger="every 15s"' in page and 'role="status"' in page
    state = poll_state(page)
    poll = applicant_client.get(f"{applicant_url(filed_dossier)}?etat={state}", headers=HTMX)
    assert poll.status_code == 204 and poll.data == b""

    post_message(agent_client, agent_url(filed_dossier), "Votre rendez-vous est confirmé.")
    poll = applicant_client.get(f"{applicant_url(filed_dossier)}?etat={state}", headers=HTMX)
    fragment = text_of(poll)
    assert poll.status_code == 200
    assert "Votre rendez-vous est confirmé." in fragment
    assert 'id="thread" hx-swap-oob="true"' in fragment
    assert "1 nouveau message de Préfecture Paris (Paris)." in fragment
    assert "<html" not in fragment
    # Shown by the poll, so read: the writer's receipt follows on their own poll.
    assert messages_of(app, filed_dossier)[0]["read_at"] is not None
    new_state = poll_state(fragment)
    assert new_state != state
    assert applicant_client.get(f"{applicant_url(filed_dossier)}?etat={new_state}", headers=HTMX).status_code == 204


def test_the_writer_sees_the_receipt_through_the_poll(app, applicant_client, agent_client, filed_dossier):
    post_message(applicant_client, applicant_url(filed_dossier), "Bonjour")
    state = poll_state(text_of(applicant_client.get(applicant_url(filed_dossier))))
    agent_client.get(agent_url(filed_dossier))
    poll = applicant_client.get(f"{applicant_url(filed_dossier)}?etat={state}", headers=HTMX)
    assert poll.status_code == 200 and "Lu le " in text_of(poll)


def test_an_agent_poll_showing_new_messages_is_audited(app, applicant_client, agent_client, agent_75, filed_dossier):
    from tests.messages.conftest import audit_actions

    state = poll_state(text_of(agent_client.get(agent_url(filed_dossier))))
    views = audit_actions(app).count(("messages_view", filed_dossier, agent_75))
    assert agent_client.get(f"{agent_url(filed_dossier)}?etat={state}", headers=HTMX).status_code == 204
    assert audit_actions(app).count(("messages_view", filed_dossier, agent_75)) == views
    post_message(applicant_client, applicant_url(filed_dossier), "Nouveau")
    assert agent_client.get(f"{agent_url(filed_dossier)}?etat={state}", headers=HTMX).status_code == 200
    assert audit_actions(app).count(("messages_view", filed_dossier, agent_75)) == views + 1


def test_an_htmx_post_swaps_the_form_and_keeps_the_text_on_error(app, applicant_client, filed_dossier):
    too_long = "a" * 5001
    response = post_message(applicant_client, applicant_url(filed_dossier), too_long, **HTMX)
    fragment = text_of(response)
    assert response.status_code == 200  # htmx swaps only successful answers
    assert fragment.strip().startswith('<div id="reply">') and too_long in fragment and "5000 au plus" in fragment
    assert "autofocus" in fragment and messages_of(app, filed_dossier) == []

    sent = post_message(applicant_client, applicant_url(filed_dossier), "Bien reçu", **HTMX)
    fragment = text_of(sent)
    assert sent.status_code == 200
    assert "Bien reçu</p>" in fragment  # the thread, out of band
    assert 'id="thread-poll"' in fragment and 'hx-swap-oob="true"' in fragment
    assert "Votre message est envoyé." in fragment
    assert re.search(r"<textarea[^>]*>\s*</textarea>", fragment)  # the box is empty again


def test_the_poll_of_a_draft_says_nothing(app, applicant_client, draft_dossier):
    assert applicant_client.get(f"{applicant_url(draft_dossier)}?etat=0-0-0", headers=HTMX).status_code == 204


def test_an_htmx_post_over_the_rate_limit_keeps_the_text_in_place(app, applicant_client, filed_dossier):
    for i in range(10):
        post_message(applicant_client, applicant_url(filed_dossier), f"Message {i}", **HTMX)
    response = post_message(applicant_client, applicant_url(filed_dossier), "Encore un", **HTMX)
    fragment = text_of(response)
    assert response.status_code == 200 and fragment.strip().startswith('<div id="reply">')
    assert "Encore un</textarea>" in fragment and "beaucoup de messages" in fragment
    assert len(messages_of(app, filed_dossier)) == 10
