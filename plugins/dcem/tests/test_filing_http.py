"""A parent files a DCEM for their child through the real screens, without JavaScript; a Paris agent decides."""
import html
import re

from anef.procedure_kit.testing import file_through_screens, french, start, take_and_decide
from conftest import login
from plugins.dcem.samples import ELIGIBLE, sample_answers


def test_a_mother_files_for_her_son_and_the_prefecture_accepts(app, client, applicant, agent_75):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "dcem", ELIGIBLE, sample_answers())
    assert steps == ["situation", "identite", "passeport", "parent", "titre", "photo", "adresse", "timbre"]
    assert kinds == ["passeport_enfant", "acte_naissance_enfant", "autorite_parentale", "titre_sejour", "passeport",
                     "certificat_scolarite", "justificatif_domicile"]
    page = html.unescape(client.get(f"/dossiers/{reference}").get_data(as_text=True))
    assert "Document de circulation pour étranger mineur (DCEM)" in page and "Préfecture Paris (Paris)" in page

    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    body = html.unescape(agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True))
    assert french("Synthèse « document de circulation pour étranger mineur »") in body
    assert "Chidi OKAFOR" in body and "7509876541" in body and "Numéro étranger connu d'AGDREF" in body
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)
    text = decision_attestation(client, reference)
    assert "un document de circulation pour étranger mineur a été accordé" in text and "Chidi OKAFOR" in text
    assert "séjour est régulier" not in text
    code = re.search(rf"/attestations/{reference}/([0-9A-Z]+)\"", client.get(f"/dossiers/{reference}")
                     .get_data(as_text=True)).group(1)
    pdf = client.get(f"/attestations/{reference}/{code}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_an_unknown_parent_number_blocks_filing_on_the_review_page(client, applicant):
    from anef.procedure_kit.testing import fill_steps, upload_all

    login(client, "usager@example.fr")
    answers = sample_answers()
    answers["titre"]["numero_etranger"] = "0098765432"
    reference, first = start(client, "dcem", ELIGIBLE)
    fill_steps(client, reference, first, answers)
    upload_all(client, reference)
    review = html.unescape(client.get(f"/dossiers/{reference}/recapitulatif").get_data(as_text=True))
    assert "Numéro étranger inconnu" in review and french("l'étape « Votre titre de séjour »") in review
    assert client.post(f"/dossiers/{reference}/deposer").status_code != 302


def test_an_adult_child_is_refused_beside_the_field_and_kept(client, applicant):
    login(client, "usager@example.fr")
    reference, _first = start(client, "dcem", ELIGIBLE)
    data = {**sample_answers()["identite"], "date_naissance": "2001-02-03", "go": "next"}
    body = client.post(f"/dossiers/{reference}/etapes/identite", data=data).get_data(as_text=True)
    assert 'id="date_naissance-error-1"' in body and "réservé aux" in body and 'value="2001-02-03"' in body


def decision_attestation(client, reference) -> str:
    """The text of the dossier's attestation de décision favorable, as the applicant opens it."""
    shown = client.get(f"/dossiers/{reference}").get_data(as_text=True)
    code = re.search(rf"/attestations/{reference}/([0-9A-Z]+)\"", shown).group(1)
    return html.unescape(client.get(f"/attestations/{reference}/{code}").get_data(as_text=True))
