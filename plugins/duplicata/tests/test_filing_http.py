"""A duplicate is filed through the real screens, without JavaScript, and an agent decides."""
import pytest

from anef.procedure_kit.testing import file_through_screens, fill_steps, french, start, take_and_decide, upload_all
from conftest import login
from plugins.duplicata.samples import sample_answers


@pytest.mark.parametrize("motif,proof", [("perte", "declaration_perte"), ("vol", "recepisse_plainte")])
def test_a_duplicate_is_filed_and_accepted(app, client, applicant, agent_75, motif, proof):
    login(client, "usager@example.fr")
    eligibility = {"motif": motif, "en_france": "oui", "expire_bientot": "non", "plainte": "oui"}
    reference, steps, kinds = file_through_screens(client, "duplicata", eligibility, sample_answers(motif))
    assert steps == ["situation", "identite", "carte", "declaration", "adresse", "timbre"]
    assert kinds[0] == proof and "copie_titre" in kinds
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    body = agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
    assert french("Synthèse « duplicata »") in body and "FR1234567" in body
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)


def test_a_theft_without_a_report_cannot_start(client, applicant):
    login(client, "usager@example.fr")
    response = client.post("/dossiers/nouveau/duplicata",
                           data={"motif": "vol", "en_france": "oui", "expire_bientot": "non", "plainte": "non"})
    assert response.status_code == 200 and "récépissé de votre" in response.get_data(as_text=True)


def test_the_free_card_is_filed_without_a_timbre(client, applicant):
    login(client, "usager@example.fr")
    eligibility = {"motif": "perte", "en_france": "oui", "expire_bientot": "non", "plainte": "non"}
    reference, first = start(client, "duplicata", eligibility)
    assert "timbre" not in fill_steps(client, reference, first, sample_answers(card="ue"))
    upload_all(client, reference)
    assert "Montant dû" not in client.get(f"/dossiers/{reference}/recapitulatif").get_data(as_text=True)
    assert client.post(f"/dossiers/{reference}/deposer").status_code == 302


def test_an_expired_card_is_refused_beside_the_field(client, applicant):
    login(client, "usager@example.fr")
    reference, _first = start(client, "duplicata",
                              {"motif": "perte", "en_france": "oui", "expire_bientot": "non", "plainte": "non"})
    data = {**sample_answers()["carte"], "titre_expiration": "2020-01-01", "go": "next"}
    body = client.post(f"/dossiers/{reference}/etapes/carte", data=data).get_data(as_text=True)
    assert 'id="titre_expiration-error-1"' in body and "demandez son renouvellement" in body
