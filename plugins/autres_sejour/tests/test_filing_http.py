"""Other residence cards are filed through the real screens, without JavaScript; an agent decides."""
import pytest

from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import login
from plugins.autres_sejour.samples import sample_answers


@pytest.mark.parametrize("motif", ["victime_traite", "admission_exceptionnelle"])
def test_another_card_is_filed_and_accepted(app, client, applicant, agent_75, motif):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "autres_sejour", {"motif": motif, "demande": "premiere"},
                                                   sample_answers(motif))
    assert ("timbre" in steps) is (motif != "victime_traite")
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    assert french("Synthèse « autres cartes de séjour »") in agent.get(f"/agent/dossiers/{reference}").get_data(
        as_text=True)
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)
