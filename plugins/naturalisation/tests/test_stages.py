"""Naturalisation's own stages: interview, enquiry, the platform's proposal, the ministry's decision by the national
service, the décret's publication (the acceptance) and the ceremony; who may record each; unfavourable outcomes
through the four-eyes refusal."""
import html

import pytest
from sqlalchemy import select

from anef.procedure_kit.testing import file_through_screens, french
from conftest import login
from plugins.naturalisation.samples import sample_answers
from plugins.naturalisation.tests.walk import ELIGIBILITY, record, stage_answers


@pytest.fixture
def people(app, applicant, make_user):
    make_user("instructeur.nat44@example.fr", role="instructeur", service="nat-44")
    make_user("valideur.nat44@example.fr", role="valideur", service="nat-44")
    make_user("instructeur.sdanf@example.fr", role="instructeur", service="sdanf")
    make_user("valideur.sdanf@example.fr", role="valideur", service="sdanf")
    make_user("instructeur.nat69@example.fr", role="instructeur", service="nat-69")


def _page(client, url):
    return html.unescape(client.get(url).get_data(as_text=True))


def _client(app, email):
    client = app.test_client()
    login(client, email)
    return client


@pytest.fixture
def filed(app, client, people):
    login(client, "usager@example.fr")
    reference, _steps, _kinds = file_through_screens(client, "naturalisation", ELIGIBILITY,
                                                     sample_answers(postcode="44000", city="Nantes"))
    return reference


def _dossier(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        return {"state": dossier.state, "stage": dossier.stage, "service": dossier.service.code,
                "data": dict(dossier.stage_data or {}), "motivation": dossier.decision_motivation}


def _outbox(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
        return [m.event for m in db.session.scalars(select(OutboxMessage).where(OutboxMessage.dossier_id == dossier_id))]


def test_every_stage_from_the_platform_to_the_ceremony(app, client, filed):
    reference = filed
    platform = _client(app, "instructeur.nat44@example.fr")
    page = _page(client, f"/dossiers/{reference}")
    assert "Convocation à l'entretien" in page and "Étape 1 sur 7" in page

    # Before it is taken, no stage may be recorded; taken, the first stage's form is offered.
    assert record(platform, reference, "convocation").status_code == 409
    assert platform.post(f"/agent/dossiers/{reference}/prendre").status_code == 302
    screen = _page(platform, f"/agent/dossiers/{reference}")
    assert "Étapes de la procédure" in screen and "Enregistrer l'étape" in screen
    assert "Enregistrer la décision" not in screen  # decided through its stages only
    assert platform.post(f"/agent/dossiers/{reference}/decision",
                         data={"decision": "accepte", "motivation": "x"}).status_code == 409

    # Stages are recorded in order: the enquiry cannot come before the interview.
    assert record(platform, reference, "enquete").status_code == 409
    assert record(platform, reference, "convocation").status_code == 302
    state = _dossier(app, reference)
    assert state["stage"] == "convocation" and state["data"]["convocation"]["heure_entretien"] == "10:30:00"
    page = _page(client, f"/dossiers/{reference}")
    assert "Vous êtes convoqué(e) le" in page and "bureau 12" in page and "Étape 2 sur 7" in page
    assert "dossier_stage" in _outbox(app, reference)

    # An invalid form is refused beside its fields, nothing recorded.
    response = record(platform, reference, "entretien", {"date_tenue": "", "appreciation": "satisfaisante"})
    assert response.status_code == 422
    body = html.unescape(response.get_data(as_text=True))
    assert "Indiquez la date de l'entretien." in body and "Charte" in body
    assert _dossier(app, reference)["stage"] == "convocation"

    for code in ("entretien", "enquete"):
        assert record(platform, reference, code).status_code == 302
    page = _page(client, f"/dossiers/{reference}")
    assert "L'enquête administrative est terminée." in page
    assert "Bonne connaissance" not in page  # the agents' notes stay theirs

    # A favourable proposal sends the dossier to the national service: the platform loses it (404).
    assert record(platform, reference, "proposition").status_code == 302
    state = _dossier(app, reference)
    assert state["service"] == "sdanf" and state["state"] == "en_instruction"
    assert platform.get(f"/agent/dossiers/{reference}").status_code == 404
    assert record(platform, reference, "decision").status_code == 404

    national = _client(app, "instructeur.sdanf@example.fr")
    assert record(national, reference, "decision").status_code == 302
    # The décret's publication is the acceptance, proposed by the instructeur and signed by a valideur.
    assert record(national, reference, "decret").status_code == 302
    state = _dossier(app, reference)
    assert state["state"] == "decision_proposee" and state["stage"] == "decision"
    assert national.post(f"/agent/dossiers/{reference}/signer").status_code == 409  # not by the proposer
    valideur = _client(app, "valideur.sdanf@example.fr")
    assert valideur.post(f"/agent/dossiers/{reference}/signer").status_code == 302
    state = _dossier(app, reference)
    assert state["state"] == "accepte" and state["stage"] == "decret"
    assert "INTN2612345D" in state["motivation"]
    # The ceremony is the platform's again.
    assert state["service"] == "nat-44"
    assert national.get(f"/agent/dossiers/{reference}").status_code == 404
    page = _page(client, f"/dossiers/{reference}")
    assert "Décret n° INTN2612345D" in page and "Vous êtes français" in page
    assert "retirer votre titre" not in page and "Titre prêt" not in page
    screen = _page(platform, f"/agent/dossiers/{reference}")
    assert "Titre prêt" not in screen and "Cérémonie d'accueil" in screen

    assert record(platform, reference, "ceremonie").status_code == 302
    state = _dossier(app, reference)
    assert state["stage"] == "ceremonie" and state["state"] == "accepte"
    page = _page(client, f"/dossiers/{reference}")
    assert "salon d'honneur" in page and french("Étape franchie : Cérémonie d'accueil") in page
    assert "Vous êtes français" in page
    # Every stage is told to the applicant; the acceptance in the procedure's words, not a card's.
    events = _outbox(app, reference)
    assert events.count("dossier_stage") >= 5 and "dossier_accept" in events
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        accept = db.session.scalars(select(OutboxMessage).where(OutboxMessage.event == "dossier_accept")).first()
        assert "retirer votre titre" not in accept.body and "état civil" in accept.body


def test_an_unfavourable_proposal_is_a_refusal_signed_by_a_valideur(app, client, filed):
    reference = filed
    platform = _client(app, "instructeur.nat44@example.fr")
    platform.post(f"/agent/dossiers/{reference}/prendre")
    for code in ("convocation", "entretien", "enquete"):
        assert record(platform, reference, code).status_code == 302
    # Unfavourable without motivation, or an ajournement without its length: refused beside the fields.
    response = record(platform, reference, "proposition", {"avis": "ajournement", "motivation": ""})
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and "doit être motivé" in body and "durée de l'ajournement" in body
    assert record(platform, reference, "proposition",
                  {"avis": "ajournement", "motivation": "Insertion professionnelle insuffisante.",
                   "delai_mois": "24"}).status_code == 302
    state = _dossier(app, reference)
    assert state["state"] == "decision_proposee" and state["stage"] == "enquete" and state["service"] == "nat-44"
    # Sent back by the valideur: the proposal stage is to be recorded again.
    valideur = _client(app, "valideur.nat44@example.fr")
    assert valideur.post(f"/agent/dossiers/{reference}/renvoyer", data={"reason": "Motivation à compléter"}).status_code == 302
    assert "_pending" not in _dossier(app, reference)["data"]
    assert record(platform, reference, "proposition",
                  {"avis": "ajournement", "motivation": "Insertion professionnelle insuffisante à ce jour.",
                   "delai_mois": "24"}).status_code == 302
    assert valideur.post(f"/agent/dossiers/{reference}/signer").status_code == 302
    state = _dossier(app, reference)
    assert state["state"] == "refuse" and state["stage"] == "proposition" and state["service"] == "nat-44"
    assert state["motivation"].startswith("Ajournement de 24 mois.")
    page = _page(client, f"/dossiers/{reference}")
    assert "décision défavorable" in page and "non atteinte" in page
    assert french("Recours administratif préalable obligatoire (RAPO)") in page


def test_the_ministry_may_reject(app, client, filed):
    reference = filed
    platform = _client(app, "instructeur.nat44@example.fr")
    platform.post(f"/agent/dossiers/{reference}/prendre")
    for code in ("convocation", "entretien", "enquete", "proposition"):
        assert record(platform, reference, code).status_code == 302
    national = _client(app, "instructeur.sdanf@example.fr")
    assert record(national, reference, "decision", {"decision": "rejet", "motivation": "Condamnation."}).status_code == 302
    valideur = _client(app, "valideur.sdanf@example.fr")
    assert valideur.post(f"/agent/dossiers/{reference}/signer").status_code == 302
    state = _dossier(app, reference)
    assert state["state"] == "refuse" and state["stage"] == "decision" and state["service"] == "sdanf"


def test_who_may_record_a_stage(app, client, filed):
    reference = filed
    # Another platform's agent, and the national service before the dossier reaches it: 404, as for any page.
    for email in ("instructeur.nat69@example.fr", "instructeur.sdanf@example.fr"):
        other = _client(app, email)
        assert other.get(f"/agent/dossiers/{reference}").status_code == 404
        assert record(other, reference, "convocation").status_code == 404
    # The applicant cannot record a stage (agents' routes), nor can anyone logged out.
    assert client.post(f"/agent/dossiers/{reference}/etapes/convocation",
                       data=stage_answers()["convocation"]).status_code in (302, 403, 404)
    assert _dossier(app, reference)["stage"] is None
    # An unknown stage code is 404.
    platform = _client(app, "instructeur.nat44@example.fr")
    assert platform.post(f"/agent/dossiers/{reference}/etapes/inconnue", data={}).status_code == 404
