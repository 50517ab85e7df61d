"""A talent card is filed through the real screens, without JavaScript, and an agent decides."""
import pytest

from anef.procedure_kit.testing import file_through_screens, french, start, take_and_decide
from conftest import login
from plugins.passeport_talent.samples import sample_answers


@pytest.mark.parametrize("kind,own_steps", [("salarie_qualifie", ["qualification", "autorisation", "emploi"]),
                                            ("investisseur", ["investissement"])])
def test_a_talent_card_is_filed_and_accepted(app, client, applicant, agent_75, kind, own_steps):
    login(client, "usager@example.fr")
    eligibility = {"categorie": kind, "demande": "premiere", "vls_ts_non_valide": "non"}
    reference, steps, kinds = file_through_screens(client, "passeport_talent", eligibility, sample_answers(kind))
    assert steps == ["situation", "identite", "passeport", "entree", "adresse", *own_steps, "timbre"]
    assert "acte_naissance" in kinds
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    body = agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
    assert french("Synthèse « talent »") in body
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)


def test_a_salary_under_the_threshold_blocks_filing_with_its_reason(client, applicant):
    login(client, "usager@example.fr")
    reference, first = start(client, "passeport_talent",
                             {"categorie": "salarie_qualifie", "demande": "premiere", "vls_ts_non_valide": "non"})
    answers = sample_answers()
    answers["emploi"]["salaire_annuel"] = "30000"
    from anef.procedure_kit.testing import fill_steps, upload_all

    fill_steps(client, reference, first, answers)
    upload_all(client, reference)
    response = client.post(f"/dossiers/{reference}/deposer")
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "Rémunération inférieure au seuil" in body


def test_a_wrong_siret_is_shown_beside_the_field(client, applicant):
    login(client, "usager@example.fr")
    reference, _first = start(client, "passeport_talent",
                              {"categorie": "carte_bleue", "demande": "premiere", "vls_ts_non_valide": "non"})
    data = {**sample_answers("carte_bleue")["emploi"], "siret": "552 100 554 00014", "go": "next"}
    body = client.post(f"/dossiers/{reference}/etapes/emploi", data=data).get_data(as_text=True)
    assert "id=\"siret-error-1\"" in body and french("Ce numéro SIRET n'existe pas :") in body.replace("&#39;", "'")
    assert 'value="552 100 554 00014"' in client.get(f"/dossiers/{reference}/etapes/emploi").get_data(as_text=True)
