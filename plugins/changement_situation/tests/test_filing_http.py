"""A change of situation filed through the real screens: a marriage with a married name, then a birth."""
import html

from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import login
from plugins.changement_situation.samples import ELIGIBLE, sample_answers


def test_a_marriage_with_a_married_name_is_filed_and_the_card_remade(app, client, applicant, agent_69):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "changement_situation", ELIGIBLE, sample_answers())
    assert steps == ["situation", "identite", "titre", "evenement", "photo", "adresse", "timbre"]
    assert kinds[0] == "acte_mariage"
    agent = app.test_client()
    login(agent, "instructeur69@example.fr")
    body = html.unescape(agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True))
    assert french("Synthèse « changement de situation »") in body and "Julien MARTIN" in body
    assert "Carte de séjour mise à jour" in body
    take_and_decide(agent, reference)
    assert "Accepté" in client.get(f"/dossiers/{reference}").get_data(as_text=True)
    text = decision_attestation(client, reference)
    assert "Une carte de séjour à jour est en cours de fabrication" in text and "séjour est régulier" not in text


def test_a_birth_is_recorded_without_a_new_card_nor_a_fee(client, applicant):
    login(client, "usager@example.fr")
    reference, steps, kinds = file_through_screens(client, "changement_situation",
                                                   {**ELIGIBLE, "changement": "naissance"}, sample_answers("naissance"))
    assert "timbre" not in steps and "photo" not in steps and kinds[0] == "acte_naissance_enfant"
    assert "Montant dû" not in client.get(f"/dossiers/{reference}/recapitulatif").get_data(as_text=True)


def decision_attestation(client, reference) -> str:
    """The text of the dossier's attestation de décision favorable, as the applicant opens it."""
    import re

    shown = client.get(f"/dossiers/{reference}").get_data(as_text=True)
    code = re.search(rf"/attestations/{reference}/([0-9A-Z]+)\"", shown).group(1)
    return html.unescape(client.get(f"/attestations/{reference}/{code}").get_data(as_text=True))
