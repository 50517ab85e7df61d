"""An EU citizen and a family member file through the real screens, without JavaScript; an agent decides."""
import pytest

from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import login
from plugins.citoyen_ue.samples import sample_answers


@pytest.mark.parametrize("qui,carte", [("citoyen", "sejour"), ("famille", "permanent")])
def test_a_card_is_filed_for_free_and_accepted(app, client, applicant, agent_75, qui, carte):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "citoyen_ue", {"qui": qui, "carte": carte},
                                                   sample_answers(qui, carte))
    assert "timbre" not in steps and ("citoyen" in steps) is (qui == "famille")
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    body = agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
    assert french("Synthèse « citoyen européen »") in body and "Timbre fiscal dû" not in body
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)


def test_a_permanent_card_before_five_years_cannot_be_filed(client, applicant):
    from anef.procedure_kit.testing import fill_steps, start, upload_all

    login(client, "usager@example.fr")
    reference, first = start(client, "citoyen_ue", {"qui": "citoyen", "carte": "permanent"})
    answers = sample_answers(carte="permanent")
    answers["sejour"]["date_arrivee"] = "2024-01-01"
    fill_steps(client, reference, first, answers)
    upload_all(client, reference)
    response = client.post(f"/dossiers/{reference}/deposer")
    assert response.status_code == 422 and "Moins de 5 ans de séjour en France" in response.get_data(as_text=True)
