"""A work authorisation filed through the real screens by an employer account, instructed by the platform of the
workplace, granted with a number shown to the employer and on the decision; persons' accounts do not see it."""
import re

import pytest
from sqlalchemy import select

from anef.procedure_kit.testing import file_through_screens, french, take_and_decide
from conftest import PASSWORD, login
from plugins.autorisation_travail.samples import ELIGIBLE, EMPLOYER, sample_answers

CODE = "autorisation_travail"


@pytest.fixture
def employer(app):
    from anef.employers.testing import make_employer

    with app.app_context():
        return make_employer("rh@example.fr", PASSWORD, EMPLOYER["siret"])


@pytest.fixture
def platform_agent(make_user):
    return make_user("instructeur.moe75@example.fr", role="instructeur", service="moe-75", given_names="Paul",
                     family_name="Girard")


def page(client, url):
    return client.get(url).get_data(as_text=True).replace("&#39;", "'")


def test_an_employer_files_and_the_platform_grants_with_a_number(app, client, employer, platform_agent):
    login(client, "rh@example.fr")
    dashboard = page(client, "/dossiers/")
    assert "Autorisation de travail d'un salarié étranger" in dashboard
    assert "/dossiers/nouveau/etudiant" not in dashboard
    reference, steps, kinds = file_through_screens(client, CODE, ELIGIBLE, sample_answers())
    assert steps == ["employeur", "identite", "passeport", "residence", "etranger", "emploi", "lieu_travail"]
    assert "passeport_salarie" in kinds and "kbis" in kinds

    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier.service.code == "moe-75" and dossier.applicant_id == employer
        assert dossier.answers["employeur"]["siret"] == EMPLOYER["siret"]

    agent = app.test_client()
    login(agent, "instructeur.moe75@example.fr")
    body = page(agent, f"/agent/dossiers/{reference}")
    assert "Synthèse de l'autorisation de travail" in body and "Van An NGUYEN" in body
    assert french("Taxe OFII due par l'employeur") in body
    take_and_decide(agent, reference)

    shown = page(client, f"/dossiers/{reference}")
    number = re.search(r"Numéro de l'autorisation\u00a0: (AT-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", shown).group(1)
    assert "Accepté" in shown and EMPLOYER["siret"] in shown
    code = re.search(rf"/attestations/{reference}/([0-9A-Z]+)\"", shown).group(1)
    decision = page(client, f"/attestations/{reference}/{code}")
    assert number in decision and "NGUYEN" in decision
    assert f"l'autorisation de travail n° {number} a été accordée" in decision
    assert french("Elle ne vaut pas titre de séjour ni visa : le salarié doit les demander.") in decision


def test_a_persons_account_is_not_offered_the_employers_procedure(client, applicant):
    login(client, "usager@example.fr")
    assert "/dossiers/nouveau/autorisation_travail" not in page(client, "/dossiers/")
    response = client.get("/dossiers/nouveau/autorisation_travail")
    assert response.status_code == 403
    assert "Cette démarche est faite par l'employeur" in response.get_data(as_text=True).replace("&#39;", "'")
    assert client.post("/dossiers/nouveau/autorisation_travail", data=ELIGIBLE).status_code == 403


def test_an_employer_account_does_not_file_a_persons_card(client, employer):
    login(client, "rh@example.fr")
    response = client.get("/dossiers/nouveau/etudiant")
    assert response.status_code == 403 and "compte employeur" in response.get_data(as_text=True)


def test_the_company_cannot_be_changed_from_the_step(app, client, employer):
    from anef.procedure_kit.testing import start

    login(client, "rh@example.fr")
    reference, first = start(client, CODE, ELIGIBLE)
    assert first == "employeur"
    step = page(client, f"/dossiers/{reference}/etapes/employeur")
    assert f'value="{EMPLOYER["siret"]}"' in step and "readonly" in step
    answers = {**sample_answers()["employeur"], "siret": "44306184100047", "raison_sociale": "Autre", "go": "next"}
    assert client.post(f"/dossiers/{reference}/etapes/employeur", data=answers).status_code == 302
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        saved = db.session.scalar(select(Dossier.answers).where(Dossier.reference == reference))["employeur"]
    assert saved["siret"] == EMPLOYER["siret"] and saved["raison_sociale"] == EMPLOYER["raison_sociale"]
    assert saved["contact_nom"] == "Claire Durand"
