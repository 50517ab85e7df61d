"""The RAPO against a refused naturalisation, linked to the person's own decision within 2 months of its notification,
and the francisation within a year of becoming French: both through the real screens, decided by the national
service."""
import datetime as dt
import html

import pytest
from sqlalchemy import select

from anef.procedure_kit.testing import file_through_screens, french, start
from conftest import login
from plugins.nationalite_declaration.samples import sample_answers

CODE = "nationalite_declaration"
TODAY = dt.date.today()


def _refused_naturalisation(app, email, decided_days_ago=10, motivation="Ajournement de 24 mois. Ressources."):
    from anef.accounts.models import User
    from anef.agents.models import Service
    from anef.dossiers.models import Dossier
    from anef.dossiers.services import make_reference
    from anef.extensions import db
    from anef.models import utcnow

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        service = db.session.scalar(select(Service).where(Service.code == "nat-44"))
        decided = utcnow() - dt.timedelta(days=decided_days_ago)
        dossier = Dossier(procedure="naturalisation", applicant_id=user.id, service_id=service.id, state="refuse",
                          answers={}, filed_at=decided - dt.timedelta(days=200), decided_at=decided,
                          decision_motivation=motivation)
        db.session.add(dossier)
        db.session.flush()
        dossier.reference = make_reference(decided.year, dossier.id)
        db.session.commit()
        return dossier.reference


def _rapo_answers(reference, notified):
    answers = sample_answers(today=TODAY)
    return {"recours": {"decision": reference, "date_notification": notified.isoformat(),
                        "motifs": "J'ai depuis un contrat à durée indéterminée.", "elements_nouveaux": ""},
            "identite": answers["identite"], "adresse": answers["adresse"]}


def _page(client, url):
    return html.unescape(client.get(url).get_data(as_text=True))


@pytest.fixture
def national(app, make_user):
    make_user("instructeur.sdanf@example.fr", role="instructeur", service="sdanf")
    client = app.test_client()
    login(client, "instructeur.sdanf@example.fr")
    return client


def test_a_rapo_is_linked_to_the_persons_own_refused_naturalisation(app, client, applicant, other_applicant, national):
    own = _refused_naturalisation(app, "usager@example.fr")
    theirs = _refused_naturalisation(app, "autre@example.fr")
    login(client, "usager@example.fr")
    reference, first = start(client, CODE, {"motif": "rapo"})
    assert first == "recours"
    page = _page(client, f"/dossiers/{reference}/etapes/recours")
    assert own in page and theirs not in page  # only the person's own refused requests are offered

    # Another person's decision, typed in by hand: refused beside the field.
    answers = _rapo_answers(theirs, TODAY)
    response = client.post(f"/dossiers/{reference}/etapes/recours", data={**answers["recours"], "go": "next"})
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code != 302 and "une décision défavorable qui vous concerne" in body

    # Notified before the decision was taken, or more than 2 months ago: refused with the reason.
    old = _refused_naturalisation(app, "usager@example.fr", decided_days_ago=80)
    for contested, notified, message in (
            (own, TODAY - dt.timedelta(days=30), "avant d'être prise"),
            (old, TODAY - dt.timedelta(days=75), "dans les 2 mois qui suivent la notification")):
        data = _rapo_answers(contested, notified)["recours"]
        response = client.post(f"/dossiers/{reference}/etapes/recours", data={**data, "go": "next"})
        assert response.status_code != 302 and message in html.unescape(response.get_data(as_text=True))


def test_a_rapo_filed_in_time_goes_to_the_national_service_which_sees_the_decision(app, client, applicant, national):
    own = _refused_naturalisation(app, "usager@example.fr")
    login(client, "usager@example.fr")
    reference, steps, _kinds = file_through_screens(client, CODE, {"motif": "rapo"},
                                                    _rapo_answers(own, TODAY - dt.timedelta(days=5)))
    assert steps == ["recours", "identite", "adresse"]
    page = _page(client, f"/dossiers/{reference}")
    assert "Déposé" in page and "Sous-direction de l'accès à la nationalité française" in page
    assert own in page and "Ajournement de 24 mois. Ressources." in page
    screen = _page(national, f"/agent/dossiers/{reference}")
    assert "Décision de naturalisation contestée" in screen and own in screen and "Ressources." in screen
    assert "Recours formé dans les 2 mois" in screen
    # The platform that refused holds the naturalisation: the national agent has no link to it.
    assert f'href="/agent/dossiers/{own}"' not in screen


def test_no_rapo_without_a_refused_naturalisation(app, client, applicant):
    login(client, "usager@example.fr")
    response = client.post(f"/dossiers/nouveau/{CODE}", data={"motif": "rapo"})
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and "aucune de vos demandes de naturalisation n'a été refusée" in body


def _francisation_answers(acquired):
    answers = sample_answers(today=TODAY)
    return {"acquisition": {"mode": "naturalisation", "date_acquisition": acquired.isoformat(),
                            "reference_acte": "INTN2512345D"},
            "identite": answers["identite"],
            "francisation": {"nom_choix": "aucune", "prenoms_choix": "ajout", "prenoms_souhaites": "Chioma Claire"},
            "adresse": answers["adresse"]}


def test_francisation_within_a_year_of_becoming_french(app, client, applicant, national):
    login(client, "usager@example.fr")
    reference, first = start(client, CODE, {"motif": "francisation"})
    assert first == "acquisition"
    late = _francisation_answers(TODAY - dt.timedelta(days=400))["acquisition"]
    response = client.post(f"/dossiers/{reference}/etapes/acquisition", data={**late, "go": "next"})
    assert response.status_code != 302
    assert french("dans l'année qui suit l'acquisition de la nationalité française :") in html.unescape(
        response.get_data(as_text=True))
    # Nothing to francise, or a choice without the name asked: refused beside the fields.
    response = client.post(f"/dossiers/{reference}/etapes/francisation",
                           data={"nom_choix": "traduction", "prenoms_choix": "aucune", "go": "next"})
    assert response.status_code != 302 and "Indiquez le nom que vous demandez." in html.unescape(
        response.get_data(as_text=True))

    other = app.test_client()
    login(other, "usager@example.fr")
    reference, steps, kinds = file_through_screens(other, CODE, {"motif": "francisation"},
                                                   _francisation_answers(TODAY - dt.timedelta(days=100)))
    assert steps == ["acquisition", "identite", "francisation", "adresse"]
    assert "acte_naissance_francais" in kinds and "acte_acquisition" in kinds
    screen = _page(national, f"/agent/dossiers/{reference}")
    assert french("Synthèse « francisation »") in screen and "Chioma Claire" in screen
