"""A visitor files through the real screens, without JavaScript, and an agent decides."""
from anef.i18n import Euros
from anef.procedure_kit.testing import file_through_screens, french, start, take_and_decide
from conftest import login
from plugins.visiteur.samples import sample_answers

ELIGIBLE = {"motif": "visite", "demande": "premiere", "vls_ts_non_valide": "non"}


def test_a_visitor_files_and_an_agent_accepts(app, client, applicant, agent_75):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "visiteur", ELIGIBLE, sample_answers())
    assert steps == ["situation", "identite", "passeport", "entree", "adresse", "ressources", "assurance",
                     "engagements", "timbre"]
    assert kinds == ["passeport", "visa", "acte_naissance", "justificatif_domicile", "ressources",
                     "assurance_maladie", "engagement_sans_activite"]
    page = client.get(f"/dossiers/{reference}").get_data(as_text=True)
    assert "Déposé" in page and "Préfecture Paris" in page
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    body = agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
    with app.test_request_context():
        amount = str(Euros(24000))
    assert french("Synthèse « visiteur »") in body and amount in body and "Carte de séjour temporaire" in body
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)


def test_a_student_is_sent_to_the_student_card(client, applicant):
    login(client, "usager@example.fr")
    body = client.post("/dossiers/nouveau/visiteur", data={**ELIGIBLE, "motif": "etudes"}).get_data(as_text=True)
    assert french("demandez la carte « étudiant »") in body and "/dossiers/nouveau/etudiant" in body


def test_a_missing_undertaking_is_shown_beside_the_box_and_nothing_is_lost(client, applicant):
    login(client, "usager@example.fr")
    reference, _first = start(client, "visiteur", ELIGIBLE)
    response = client.post(f"/dossiers/{reference}/etapes/engagements",
                           data={"situation_familiale": "marie", "go": "next"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "ne permet pas de travailler" in body
    assert 'selected value="marie"' in client.get(f"/dossiers/{reference}/etapes/engagements").get_data(as_text=True)
