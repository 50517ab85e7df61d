"""Changing a filed request: complement requests item by item, amendments, versions and the diff, the legal clock."""
import datetime as dt
import html

import pytest
from freezegun import freeze_time

from conftest import login, student_answers


def etudes(**changes) -> dict:
    """The études step as filed, with ``changes``."""
    return {**student_answers()["etudes"], **changes}


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def taken(app, client, applicant, agent_75, filed_dossier):
    """A filed dossier taken into instruction by the Paris instructeur; returns an agent client."""
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    assert agent.post(f"/agent/dossiers/{filed_dossier}/prendre").status_code == 302
    login(client, "usager@example.fr")
    return agent


def ask(agent, reference, **items):
    deadline = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    data = {"deadline": deadline, "item": list(items)}
    data.update({f"reason-{k}": v for k, v in items.items()})
    return agent.post(f"/agent/dossiers/{reference}/complement", data=data)


def test_the_applicant_corrects_only_what_was_asked_and_the_agent_reads_the_difference(client, taken, filed_dossier):
    response = ask(taken, filed_dossier, **{"answer:etudes": "Le nom de l'établissement est incomplet."})
    assert response.status_code == 302
    page = text(client.get(f"/dossiers/{filed_dossier}/complement"))
    assert "Le nom de l'établissement est incomplet." in page and "Études" in page
    # A step that was not asked cannot be opened, and its answers cannot change.
    assert client.get(f"/dossiers/{filed_dossier}/corriger/identite").status_code == 302
    form = text(client.get(f"/dossiers/{filed_dossier}/corriger/etudes"))
    assert "Le nom de l'établissement est incomplet." in form
    # Sending without changing the asked answers, and without a word, is refused.
    response = client.post(f"/dossiers/{filed_dossier}/complement", data={"reply": ""})
    assert response.status_code == 422 and "Modifiez les réponses demandées" in text(response)
    # A wrong value is kept and shown with its error; the right one is saved.
    response = client.post(f"/dossiers/{filed_dossier}/corriger/etudes",
                           data=etudes(etablissement="", formation="Master de chimie"))
    assert response.status_code == 422 and "Master de chimie" in text(response)
    response = client.post(f"/dossiers/{filed_dossier}/corriger/etudes",
                           data=etudes(etablissement="Sorbonne Université, faculté des sciences"))
    assert response.status_code == 302
    # Until the complement is sent, the agent still sees the answers as filed.
    assert "faculté des sciences" not in text(taken.get(f"/agent/dossiers/{filed_dossier}"))
    response = client.post(f"/dossiers/{filed_dossier}/complement", data={"reply": ""})
    assert response.status_code == 302, text(response)[text(response).find("fr-alert--error"):][:300]
    page = text(taken.get(f"/agent/dossiers/{filed_dossier}"))
    assert "Modifications du demandeur" in page and "réponse à un complément" in page
    assert "<ins>Sorbonne Université, faculté des sciences</ins>" in page
    assert "En cours d'instruction" in page


def test_the_applicant_amends_a_filed_request_and_the_agent_sees_it_marked(client, taken, filed_dossier):
    assert client.post(f"/dossiers/{filed_dossier}/modification").status_code == 302
    page = text(client.get(f"/dossiers/{filed_dossier}/modification"))
    assert "Modifier ma demande" in page and "Identité" in page and "Études" in page
    client.post(f"/dossiers/{filed_dossier}/corriger/etudes", data=etudes(formation="Licence de physique"))
    assert "modifiée par le demandeur" not in text(taken.get(f"/agent/dossiers/{filed_dossier}"))
    response = client.post(f"/dossiers/{filed_dossier}/modification/envoyer")
    assert response.status_code == 302
    assert "Vous avez modifié votre demande." in text(client.get(f"/dossiers/{filed_dossier}"))
    page = text(taken.get(f"/agent/dossiers/{filed_dossier}"))
    assert "modifiée par le demandeur le" in page and "<ins>Licence de physique</ins>" in page


def test_an_amendment_sends_a_proposed_decision_back_to_instruction(app, client, taken, filed_dossier):
    taken.post(f"/agent/dossiers/{filed_dossier}/decision", data={"decision": "refuse", "motivation": "Ressources"})
    assert "Décision en cours de signature" in text(client.get(f"/dossiers/{filed_dossier}"))
    client.post(f"/dossiers/{filed_dossier}/modification")
    client.post(f"/dossiers/{filed_dossier}/corriger/ressources", data={"montant_mensuel": "1400", "source": "bourse"})
    client.post(f"/dossiers/{filed_dossier}/modification/envoyer")
    page = text(client.get(f"/dossiers/{filed_dossier}"))
    assert "En cours d'instruction" in page and "son instruction reprend" in page


def test_an_abandoned_amendment_changes_nothing(client, taken, filed_dossier):
    client.post(f"/dossiers/{filed_dossier}/modification")
    client.post(f"/dossiers/{filed_dossier}/corriger/etudes", data=etudes(formation="Autre"))
    assert client.post(f"/dossiers/{filed_dossier}/modification/annuler").status_code == 302
    page = text(taken.get(f"/agent/dossiers/{filed_dossier}"))
    assert "Modifications du demandeur" not in page and "modifiée par le demandeur" not in page


def test_no_amendment_after_the_decision(client, taken, filed_dossier):
    taken.post(f"/agent/dossiers/{filed_dossier}/decision", data={"decision": "accepte"})
    response = client.post(f"/dossiers/{filed_dossier}/modification", follow_redirects=True)
    assert "ne peut plus être modifiée" in text(response)
    assert client.get(f"/dossiers/{filed_dossier}/corriger/etudes").status_code == 302


def test_withdrawal_says_what_it_means_then_closes_the_dossier(client, taken, filed_dossier):
    page = text(client.get(f"/dossiers/{filed_dossier}/retirer"))
    assert "Ce choix est définitif" in page
    assert client.post(f"/dossiers/{filed_dossier}/retirer", data={"reason": "Je rentre"}).status_code == 302
    page = text(client.get(f"/dossiers/{filed_dossier}"))
    assert "Classé sans suite" in page and "Vous avez retiré votre demande." in page
    assert "Retirer ma demande" not in page


def test_classer_sans_suite_is_offered_only_after_the_deadline(app, client, taken, filed_dossier):
    ask(taken, filed_dossier, **{"document:inscription": "Certificat définitif"})
    page = text(taken.get(f"/agent/dossiers/{filed_dossier}"))
    assert "Classer sans suite" not in page
    response = taken.post(f"/agent/dossiers/{filed_dossier}/classer", data={"reason": "Sans réponse"})
    assert response.status_code == 409 and "pas encore passé" in text(response)
    with freeze_time(dt.date.today() + dt.timedelta(days=21)):
        login(taken, "instructeur75@example.fr")
        page = text(taken.get(f"/agent/dossiers/{filed_dossier}"))
        assert "Le délai est passé sans réponse." in page and "Classer sans suite" in page
        assert taken.post(f"/agent/dossiers/{filed_dossier}/classer", data={"reason": "Sans réponse"}).status_code == 302
    assert "Classé sans suite" in text(client.get(f"/dossiers/{filed_dossier}"))


def test_reminders_go_once_at_each_threshold_before_the_deadline(app, client, taken, filed_dossier):
    from anef.dossiers.corrections import remind_complements
    from anef.notifications.models import OutboxMessage
    from anef.extensions import db

    ask(taken, filed_dossier, **{"document:inscription": "Certificat définitif"})
    deadline = dt.date.today() + dt.timedelta(days=20)
    with app.test_request_context():
        before = db.session.query(OutboxMessage).count()
        assert remind_complements(deadline - dt.timedelta(days=10)) == 0
        assert remind_complements(deadline - dt.timedelta(days=7)) == 1
        assert remind_complements(deadline - dt.timedelta(days=6)) == 0
        assert remind_complements(deadline - dt.timedelta(days=2)) == 1
        assert remind_complements(deadline - dt.timedelta(days=1)) == 0
        assert db.session.query(OutboxMessage).count() == before + 2


def test_the_legal_clock_counts_four_months_from_the_complete_file(app, client, taken, valideur_75, filed_dossier):
    from flask_babel import format_date

    from anef.calendar.services import add_months

    assert add_months(dt.date(2026, 10, 31), 4) == dt.date(2027, 2, 28)
    page = text(client.get(f"/dossiers/{filed_dossier}"))
    with app.test_request_context():
        silence = format_date(add_months(dt.date.today(), 4), "long")
        appeal = format_date(add_months(dt.date.today(), 2), "long")
    assert "Dates et délais" in page and f"{silence}</time></strong> — Sans décision à cette date" in page
    # After a signed refusal: no more silence date, the appeal routes with their deadlines instead.
    taken.post(f"/agent/dossiers/{filed_dossier}/decision", data={"decision": "refuse", "motivation": "Ressources"})
    signer = app.test_client()
    login(signer, "valideur75@example.fr")
    assert signer.post(f"/agent/dossiers/{filed_dossier}/signer").status_code == 302
    page = text(client.get(f"/dossiers/{filed_dossier}"))
    assert "refus implicite" not in page
    assert f"{appeal}</time></strong> — Recours contentieux" in page and "devant le tribunal administratif" in page
