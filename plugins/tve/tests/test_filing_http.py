"""A refugee's travel document and a titre d'identité et de voyage, filed through the real screens and decided."""
import html

import pytest

from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import login
from plugins.tve.samples import ELIGIBLE, sample_answers


@pytest.mark.parametrize("statut,card,proof,amount", [("refugie", "resident", "decision_protection", "45"),
                                                      ("aucun", "cst", "preuve_sans_passeport", "15")])
def test_a_travel_document_is_filed_and_accepted(app, client, applicant, agent_75, statut, card, proof, amount):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "tve", {**ELIGIBLE, "statut": statut},
                                                   sample_answers(statut, card))
    assert steps[-1] == "timbre" and kinds[1] == proof
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    body = html.unescape(agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True))
    assert french("Synthèse « titre de voyage »") in body and f"{amount},00" in body
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)
    text = decision_attestation(client, reference)
    assert "le document de voyage décrit ci-dessous a été accordé" in text and "séjour est régulier" not in text


def test_an_asylum_seeker_cannot_start(client, applicant):
    login(client, "usager@example.fr")
    response = client.post("/dossiers/nouveau/tve", data={**ELIGIBLE, "statut": "demandeur_asile"})
    assert response.status_code == 200 and "aucun titre de voyage" in html.unescape(response.get_data(as_text=True))


def decision_attestation(client, reference) -> str:
    """The text of the dossier's attestation de décision favorable, as the applicant opens it."""
    import re

    shown = client.get(f"/dossiers/{reference}").get_data(as_text=True)
    code = re.search(rf"/attestations/{reference}/([0-9A-Z]+)\"", shown).group(1)
    return html.unescape(client.get(f"/attestations/{reference}/{code}").get_data(as_text=True))
