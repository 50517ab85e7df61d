"""A protection card is filed through the real screens, without JavaScript; an agent decides."""
from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import login
from plugins.bpi.samples import sample_answers


def test_a_refugee_card_is_filed_without_a_passport_and_accepted(app, client, applicant, agent_75):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "bpi", {"statut": "refugie", "demande": "premiere"},
                                                   sample_answers())
    assert "passeport" not in steps and "passeport" not in kinds
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    body = agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
    assert french("Synthèse « protection internationale »") in body and "2401234567" in body
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)
