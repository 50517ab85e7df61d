"""A change of address filed through the real screens: the person's open dossiers in Paris move to Lyon."""
import html

import pytest
from sqlalchemy import select

from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import login
from plugins.changement_adresse.samples import sample_answers

ELIGIBLE = {"situation": "carte", "en_france": "oui", "expire_bientot": "non"}


def _dossier(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(Dossier).where(Dossier.reference == reference))


def test_moving_from_paris_to_lyon_moves_the_open_dossier_with_its_history(app, client, applicant, agent_75,
                                                                          agent_69, filed_dossier):
    paris = app.test_client()
    login(paris, "instructeur75@example.fr")
    assert paris.post(f"/agent/dossiers/{filed_dossier}/prendre").status_code == 302

    login(client, "usager@example.fr")
    declaration, steps, kinds = file_through_screens(client, "changement_adresse", ELIGIBLE, sample_answers())
    assert steps == ["situation", "identite", "adresse", "ancienne_adresse", "titre", "photo", "timbre"]
    assert kinds == ["justificatif_domicile", "passeport", "titre_sejour"]

    # The student dossier is now Lyon's, still in instruction, with nobody assigned; the history says why.
    moved = _dossier(app, filed_dossier)
    assert moved.service.code == "pref-69" and moved.state == "en_instruction" and moved.assigned_agent_id is None
    assert _dossier(app, declaration).service.code == "pref-69"
    page = html.unescape(client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True))
    assert "Préfecture Rhône (Lyon)" in page
    assert "Votre demande a été transmise au service désormais compétent." in page
    assert french(f"Dossier transféré de « Préfecture Paris (Paris) » à « Préfecture Rhône (Lyon) », après la "
                  f"déclaration de changement d'adresse {declaration}.") in page

    # Paris no longer reaches it; Lyon finds both in its queues and reads the transfer in the history.
    assert paris.get(f"/agent/dossiers/{filed_dossier}").status_code == 404
    lyon = app.test_client()
    login(lyon, "instructeur69@example.fr")
    assert filed_dossier in lyon.get("/agent/?onglet=en_instruction").get_data(as_text=True)
    assert declaration in lyon.get("/agent/").get_data(as_text=True)
    body = html.unescape(lyon.get(f"/agent/dossiers/{filed_dossier}").get_data(as_text=True))
    assert french("« Préfecture Paris (Paris) » à « Préfecture Rhône (Lyon) »") in body

    # The person's postal address is the new one.
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        user = db.session.get(User, applicant)
        assert (user.address_lines, user.postcode, user.town) == ("14 rue Paul Bert", "69003", "Lyon")

    # Lyon's agent sees the other request beside the declaration's synthesis, and decides.
    body = html.unescape(lyon.get(f"/agent/dossiers/{declaration}").get_data(as_text=True))
    assert french("Synthèse « changement d'adresse »") in body and "Paris → Rhône" in body
    assert f'href="/agent/dossiers/{filed_dossier}"' in body
    take_and_decide(lyon, declaration)
    assert "Accepté" in client.get(f"/dossiers/{declaration}").get_data(as_text=True)
    text = decision_attestation(client, declaration)
    assert "le changement d'adresse décrit ci-dessous a été enregistré" in text and "69003 Lyon" in text
    assert "séjour est régulier" not in text


def test_a_move_within_the_departement_moves_nothing(app, client, applicant, agent_75, filed_dossier):
    login(client, "usager@example.fr")
    answers = sample_answers("demande", postcode="75020")
    declaration, steps, kinds = file_through_screens(client, "changement_adresse",
                                                     {**ELIGIBLE, "situation": "demande"}, answers)
    assert "timbre" not in steps and kinds == ["justificatif_domicile", "passeport"]
    assert _dossier(app, filed_dossier).service.code == "pref-75"
    assert [t.action for t in _dossier(app, filed_dossier).transitions] == ["submit"]
    assert _dossier(app, declaration).service.code == "pref-75"


def test_another_persons_dossiers_never_move(app, client, applicant, other_applicant, filed_dossier):
    login(client, "autre@example.fr")
    file_through_screens(client, "changement_adresse", ELIGIBLE, sample_answers())
    assert _dossier(app, filed_dossier).service.code == "pref-75"


@pytest.mark.parametrize("field,value,message", [
    ("code_postal", "99999", "aucun département"),
    ("date_emmenagement", "2999-01-01", "une fois que vous y habitez"),
])
def test_a_wrong_address_is_refused_beside_the_field_and_kept(client, applicant, field, value, message):
    from anef.procedure_kit.testing import start

    login(client, "usager@example.fr")
    reference, _first = start(client, "changement_adresse", ELIGIBLE)
    data = {**sample_answers()["adresse"], field: value, "go": "next"}
    body = client.post(f"/dossiers/{reference}/etapes/adresse", data=data).get_data(as_text=True)
    assert f'id="{field}-error-1"' in body and message in body and 'value="14 rue Paul Bert"' in body


def decision_attestation(client, reference) -> str:
    """The text of the dossier's attestation de décision favorable, as the applicant opens it."""
    import re

    shown = client.get(f"/dossiers/{reference}").get_data(as_text=True)
    code = re.search(rf"/attestations/{reference}/([0-9A-Z]+)\"", shown).group(1)
    return html.unescape(client.get(f"/attestations/{reference}/{code}").get_data(as_text=True))
