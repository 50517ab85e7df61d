"""The employee's « salarié » card filed through the real screens: the work authorisation's number and the
employer's SIRET fill the job, the identity and the passport; the préfecture of the address decides."""
from sqlalchemy import select

from anef.procedure_kit.testing import fill_steps, french, start, take_and_decide, upload_all
from conftest import login
from plugins.immigration_pro.samples import eligibility, sample_answers
from plugins.autorisation_travail.tests.helpers import grant

CODE = "immigration_pro"


def saved(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(Dossier.answers).where(Dossier.reference == reference))


def page(client, url):
    return client.get(url).get_data(as_text=True).replace("&#39;", "'")


def test_the_authorisation_fills_the_card_request_which_is_filed_and_granted(app, client, applicant, agent_69,
                                                                             make_user):
    number, siret = grant(app, make_user)
    login(client, "usager@example.fr")
    reference, first = start(client, CODE, eligibility("salarie"))
    assert first == "situation"
    response = client.post(f"/dossiers/{reference}/etapes/situation",
                           data={"categorie": "salarie", "demande": "premiere", "go": "next"})
    assert response.location.endswith("/etapes/autorisation")

    # A wrong number is refused beside the field, with what was typed kept.
    response = client.post(f"/dossiers/{reference}/etapes/autorisation",
                           data={"numero_autorisation": "AT-2026-0000-0000", "siret_employeur": siret, "go": "next"})
    body = response.get_data(as_text=True).replace("&#39;", "'")
    assert response.status_code == 200 and 'id="numero_autorisation-error-1"' in body
    assert 'value="AT-2026-0000-0000"' in body and saved(app, reference).get("emploi") is None

    response = client.post(f"/dossiers/{reference}/etapes/autorisation",
                           data={"numero_autorisation": number, "siret_employeur": siret, "go": "next"})
    assert response.status_code == 302 and response.location.endswith("/etapes/identite")
    identity = page(client, f"/dossiers/{reference}/etapes/identite")
    assert 'value="NGUYEN"' in identity and 'value="1994-06-15"' in identity
    job = page(client, f"/dossiers/{reference}/etapes/emploi")
    for shown in (number, "Entreprise de démonstration 732829320", "Développeur logiciel", 'value="2600"'):
        assert shown in job
    assert "readonly" in job

    answers = sample_answers("salarie", number=number, siret=siret, job=saved(app, reference)["emploi"])
    # Typing another salary changes nothing: the job is the authorisation's.
    tampered = {**answers, "emploi": {**answers["emploi"], "salaire_mensuel_brut": "9000"}}
    fill_steps(client, reference, "identite", tampered)
    assert saved(app, reference)["emploi"]["salaire_mensuel_brut"] == "2600"
    assert "contrat_travail" in upload_all(client, reference)
    review = page(client, f"/dossiers/{reference}/recapitulatif")
    assert "Autorisation de travail accordée" in review
    assert client.post(f"/dossiers/{reference}/deposer").status_code == 302

    shown = page(client, f"/dossiers/{reference}")
    assert "Votre autorisation de travail" in shown and number in shown

    agent = app.test_client()
    login(agent, "instructeur69@example.fr")
    body = page(agent, f"/agent/dossiers/{reference}")
    assert french("Synthèse « immigration professionnelle »") in body and number in body
    take_and_decide(agent, reference)
    assert "Accepté" in page(client, f"/dossiers/{reference}")
