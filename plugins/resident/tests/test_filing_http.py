"""A resident card is filed through the real screens, without JavaScript; an agent decides."""
import pytest

from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import login
from plugins.resident.samples import sample_answers


@pytest.mark.parametrize("motif,renewal", [("longue_duree_ue", False), ("conjoint_francais", True)])
def test_a_resident_card_is_filed_and_accepted(app, client, applicant, agent_75, motif, renewal):
    login(client, "usager@example.fr")
    eligibility = {"motif": motif, "demande": "renouvellement" if renewal else "premiere"}
    reference, steps, _kinds = file_through_screens(client, "resident", eligibility,
                                                    sample_answers(motif, renewal=renewal))
    assert ("integration" in steps) is not renewal
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    assert french("Synthèse « carte de résident »") in agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)
