"""A VLS-TS is validated through the real screens: at once when every check passes, by an agent otherwise."""
import html

from sqlalchemy import select

from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import login
from plugins.vlsts.samples import sample_answers

ELIGIBLE = {"mention": "oui", "algerien": "non", "motif": "salarie"}


def dossier_rows(app, reference):
    from anef.attestations.models import Attestation
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        transitions = [(t.action, t.actor_id) for t in dossier.transitions]
        kinds = sorted(a.kind for a in db.session.scalars(select(Attestation).where(Attestation.dossier_id == dossier.id)))
        return dossier.state, dossier.service.code, transitions, kinds


def test_a_validation_with_every_check_passed_is_granted_at_once(app, client, applicant):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "vlsts", ELIGIBLE, sample_answers())
    assert steps == ["visa", "identite", "famille", "passeport", "adresse", "timbre"] and kinds == ["visa", "passeport"]
    state, service, transitions, attestations = dossier_rows(app, reference)
    assert state == "accepte" and service == "pref-75"
    assert [action for action, _ in transitions] == ["submit", "examine_automatically", "accept"]
    assert [actor for action, actor in transitions if action != "submit"] == [None, None]
    assert attestations == ["decision_favorable", "depot"]
    page = client.get(f"/dossiers/{reference}").get_data(as_text=True)
    assert "Accepté" in page and "Toutes les vérifications automatiques de votre demande sont concluantes" in page


def test_a_late_validation_waits_for_an_agent_who_decides(app, client, applicant, agent_75):
    login(client, "usager@example.fr")
    reference, _steps, _kinds = file_through_screens(client, "vlsts", ELIGIBLE, sample_answers(entered_days_ago=100))
    state, _service, transitions, attestations = dossier_rows(app, reference)
    assert state == "depose" and [a for a, _ in transitions] == ["submit"] and attestations == ["depot"]
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    body = agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
    assert french("Synthèse « VLS-TS »") in body and "Validation plus de 3 mois après" in body
    take_and_decide(agent, reference)
    assert dossier_rows(app, reference)[0] == "accepte"


def test_a_visa_without_the_mention_is_told_plainly(client, applicant):
    login(client, "usager@example.fr")
    response = client.post("/dossiers/nouveau/vlsts", data={**ELIGIBLE, "mention": "non"})
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and "vous n'avez rien à valider" in body
