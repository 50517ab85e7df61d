"""The national contact centre: a read-only agent without a service finds any filed dossier by its reference, or by
an exact family name and date of birth, reads what a caller needs (never the answers, documents or annotations),
and forwards a caller's question to the instructing service as a message both sides see. Everything is audited."""
import datetime as dt
import html
import io

import pytest
from sqlalchemy import select

from conftest import PASSWORD, login, student_answers

CCC_EMAIL = "ccc@example.fr"


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def audit(app, action):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return [(e.actor_id, e.target, e.detail) for e in
                db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))]


def dossier_messages(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.messages.models import Message

    with app.app_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
        return [(m.author_id, m.from_service, m.body, m.read_at) for m in
                db.session.scalars(select(Message).where(Message.dossier_id == dossier_id).order_by(Message.id))]


@pytest.fixture
def ccc(make_user):
    return make_user(CCC_EMAIL, role="ccc", given_names="Camille", family_name="Lemoine")


@pytest.fixture
def ccc_client(app, ccc):
    client = app.test_client()
    login(client, CCC_EMAIL)
    return client


def file_for(app, email, postcode):
    """Another account's filed étudiant dossier with the same sample identity (ZHANG, 14 March 2002), routed by
    ``postcode``; returns its reference."""
    from werkzeug.datastructures import FileStorage

    from anef.accounts.models import User
    from anef.documents.services import add_page
    from anef.dossiers import services
    from anef.extensions import db
    from conftest import PDF_BYTES

    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == email))
        dossier = services.create_draft(user, "etudiant", student_answers(postcode=postcode))
        for requirement in services.required_documents(dossier):
            add_page(dossier.id, requirement.kind, FileStorage(io.BytesIO(PDF_BYTES), filename="piece.pdf"), user.id)
        assert services.file_dossier(dossier, user).ok
        return dossier.reference


def new_draft(app, email="usager@example.fr"):
    """A fresh étudiant draft of that account; returns its reference."""
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == email))
        return services.create_draft(user, "etudiant", student_answers()).reference


# ---------------------------------------------------------------- who may come in

def test_the_contact_centre_logs_in_with_a_second_factor_and_lands_on_the_search(app, client, ccc):
    first = client.post("/compte/connexion", data={"email": CCC_EMAIL, "password": PASSWORD})
    assert first.status_code == 302 and first.location.endswith("/compte/second-facteur")
    assert client.get("/ccc/").status_code == 302  # not logged in before the code
    done = login(client, CCC_EMAIL)
    assert done.status_code == 302 and done.location.endswith("/ccc/")
    page = text(client.get("/ccc/"))
    assert "Rechercher un dossier" in page and 'href="/ccc/"' in page
    assert "File des dossiers" not in page and "Mes demandes" not in page


@pytest.mark.parametrize("who", [None, "usager@example.fr", "instructeur75@example.fr", "national@example.fr",
                                 "auditrice@example.fr"])
def test_nobody_else_reaches_the_contact_centre(app, client, make_user, applicant, agent_75, national_admin,
                                                filed_dossier, who):
    make_user("auditrice@example.fr", role="auditeur")
    if who:
        login(client, who)
    for url in ("/ccc/", f"/ccc/dossiers/{filed_dossier}", f"/ccc/?reference={filed_dossier}"):
        response = client.get(url)
        assert response.status_code == (302 if who is None else 404), url
        if who is None:
            assert "/compte/connexion" in response.location
    forwarded = client.post(f"/ccc/dossiers/{filed_dossier}/question", data={"question": "Où en est mon dossier ?"})
    assert forwarded.status_code == (302 if who is None else 404)
    assert dossier_messages(app, filed_dossier) == []


def test_the_contact_centre_reads_no_document_and_acts_through_no_agent_route(app, ccc_client, filed_dossier):
    from anef.documents.models import Document
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        document_ids = db.session.scalars(select(Document.id).where(Document.dossier_id == dossier.id)).all()
    assert document_ids
    for document_id in document_ids:
        for url in (f"/documents/{document_id}", f"/documents/{document_id}/pages/1.png",
                    f"/documents/{document_id}/telecharger"):
            assert ccc_client.get(url).status_code == 404, url
    for url in ("/agent/", f"/agent/dossiers/{filed_dossier}", f"/agent/dossiers/{filed_dossier}/messages",
                "/agent/audit", f"/agent/audit/dossiers/{filed_dossier}", "/pilotage/"):
        assert ccc_client.get(url).status_code == 404, url
    for action in ("prendre", "complement", "classer", "decision", "signer", "renvoyer", "messages"):
        url = f"/agent/dossiers/{filed_dossier}/{action}"
        assert ccc_client.post(url, data={"body": "x", "decision": "accepte"}).status_code in (403, 404, 405), url
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        assert dossier.state == "depose" and dossier.assigned_agent_id is None
    assert dossier_messages(app, filed_dossier) == []


# ---------------------------------------------------------------- searching

def test_search_by_reference_as_read_on_the_phone(app, ccc, ccc_client, filed_dossier):
    draft_dossier = new_draft(app)
    spoken = filed_dossier.lower().replace("-", " - ", 1)
    found = ccc_client.get("/ccc/", query_string={"reference": spoken})
    assert found.status_code == 302 and found.location.endswith(f"/ccc/dossiers/{filed_dossier}")
    # A well-formed reference of no filed dossier (here a draft's: drafts are nobody's business yet).
    missing = text(ccc_client.get("/ccc/", query_string={"reference": draft_dossier}))
    assert "Aucun dossier déposé ne porte cette référence." in missing
    typo = ccc_client.get("/ccc/", query_string={"reference": "ANEF-2026-12"})
    assert typo.status_code == 422 and "Cette référence n'est pas valide" in text(typo)
    empty = ccc_client.get("/ccc/", query_string={"reference": ""})
    assert empty.status_code == 422 and "Indiquez la référence du dossier." in text(empty)
    searches = audit(app, "dossier_search_ccc")
    assert [(actor, target, detail["found"]) for actor, target, detail in searches] == [
        (ccc, filed_dossier, 1), (ccc, draft_dossier, 0)]


def test_search_by_family_name_and_birth_date_across_the_country(app, ccc, ccc_client, other_applicant,
                                                                  filed_dossier):
    lyon = file_for(app, "autre@example.fr", "69007")  # the same identity, another account, the Rhône
    response = ccc_client.post("/ccc/", data={"nom": "  zhang ", "date_naissance": "2002-03-14"})
    page = text(response)
    assert response.status_code == 200 and "2 dossiers déposés à ce nom et à cette date de naissance." in page
    assert filed_dossier in page and lyon in page
    assert "Préfecture Paris (Paris)" in page and "Préfecture Rhône (Lyon)" in page
    assert f'href="/ccc/dossiers/{lyon}"' in page
    none = text(ccc_client.post("/ccc/", data={"nom": "Zhang", "date_naissance": "2002-03-15"}))
    assert "Aucun dossier déposé à ce nom et à cette date de naissance." in none and filed_dossier not in none
    detail = audit(app, "dossier_search_ccc")
    assert detail[0][:2] == (ccc, "ccc") and detail[0][2]["name"] == "ZHANG"
    assert detail[0][2]["birth_date"] == "2002-03-14" and sorted(detail[0][2]["found"]) == sorted([filed_dossier, lyon])
    assert detail[1][2]["found"] == []


def test_a_name_alone_or_a_birth_date_alone_lists_nothing(app, ccc_client, filed_dossier):
    name_only = ccc_client.post("/ccc/", data={"nom": "Zhang", "date_naissance": ""})
    assert name_only.status_code == 422
    assert "Indiquez la date de naissance de la personne." in text(name_only) and filed_dossier not in text(name_only)
    date_only = ccc_client.post("/ccc/", data={"nom": "", "date_naissance": "2002-03-14"})
    assert date_only.status_code == 422 and "Indiquez le nom de naissance de la personne." in text(date_only)
    garbled = ccc_client.post("/ccc/", data={"nom": "Zhang", "date_naissance": "14 mars"})
    assert garbled.status_code == 422
    assert "Indiquez une date de naissance valide, au format jj/mm/aaaa." in text(garbled)
    future = ccc_client.post("/ccc/", data={"nom": "Zhang",
                                            "date_naissance": (dt.date.today() + dt.timedelta(days=2)).isoformat()})
    assert future.status_code == 422 and "ne peut pas être dans le futur" in text(future)
    assert 'aria-invalid="true"' in text(future)
    assert audit(app, "dossier_search_ccc") == []


# ---------------------------------------------------------------- reading a dossier

def test_the_dossier_page_shows_what_a_caller_needs_and_nothing_more(app, ccc, ccc_client, agent_75, filed_dossier):
    from anef.accounts.models import User
    from anef.annotations.services import add_annotation
    from anef.dossiers import corrections
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        agent = db.session.get(User, agent_75)
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        services.take(dossier, agent)
        add_annotation(dossier, agent, "Note interne : vérifier la bourse auprès du CROUS.")
        corrections.request_complement(
            dossier, agent, items=[corrections.ItemRequest("answer", "etudes", "Précisez l'établissement.")],
            deadline=dt.date(2031, 5, 20), message="Merci de compléter.")
    response = ccc_client.get(f"/ccc/dossiers/{filed_dossier}")
    page = text(response)
    assert response.status_code == 200
    assert "Carte de séjour" in page or "étudiant" in page.lower()
    assert "Complément demandé" in page and "20 mai 2031" in page
    assert "Précisez l'établissement." in page and "Merci de compléter." in page
    assert "Préfecture Paris (Paris)" in page and "Compte de Mei Zhang" in page
    assert "Dates et délais" in page and "Historique, tel que la personne le lit" in page
    assert "Aucun rendez-vous pris pour ce dossier." in page
    # Never the answers, the documents, nor the private annotations.
    for secret in ("EA1234567", "Sorbonne Université", "1234567812345678", "/documents/", "Note interne", "CROUS",
                   "Shanghai"):
        assert secret not in page, secret
    assert (ccc, filed_dossier) in [(a, t) for a, t, _ in audit(app, "dossier_view_ccc")]


def test_a_draft_or_an_unknown_reference_is_404(app, ccc_client, applicant):
    draft_dossier = new_draft(app)
    assert ccc_client.get(f"/ccc/dossiers/{draft_dossier}").status_code == 404
    assert ccc_client.get("/ccc/dossiers/ANEF-2026-999999-A").status_code == 404
    assert ccc_client.post(f"/ccc/dossiers/{draft_dossier}/question", data={"question": "Bonjour"}).status_code == 404
    assert audit(app, "dossier_view_ccc") == []


def test_the_applicant_sees_that_the_contact_centre_consulted_the_dossier(app, client, applicant, ccc_client,
                                                                          filed_dossier):
    ccc_client.get(f"/ccc/dossiers/{filed_dossier}")
    login(client, "usager@example.fr")
    page = text(client.get(f"/dossiers/{filed_dossier}"))
    assert "Centre de contact citoyen (1 consultation)" in page
    assert "Lemoine" not in page


def test_appointments_are_listed_without_their_code(app, ccc_client, agent_75, filed_dossier):
    from anef.accounts.models import User
    from anef.agents.models import Service
    from anef.appointments.models import Booking
    from anef.appointments.services import PARIS, book, collection_motif, free_slots, mark_card_ready, seed_agenda
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.models import utcnow

    with app.test_request_context():
        service = db.session.scalar(select(Service).where(Service.code == "pref-75"))
        seed_agenda(service.id, dt.datetime.now(PARIS).date(), 28)
        agent = db.session.get(User, agent_75)
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        services.take(dossier, agent)
        services.decide(dossier, agent, decision="accepte", motivation="")
        mark_card_ready(dossier, agent)
        motif = collection_motif(dossier).id
        slot = free_slots(motif, utcnow() + dt.timedelta(days=3), utcnow() + dt.timedelta(days=20))[0]
        booking = book(user_id=dossier.applicant_id, slot_id=slot.id, dossier_id=dossier.id, motif_id=motif)
        token = db.session.get(Booking, booking.id).token
    page = text(ccc_client.get(f"/ccc/dossiers/{filed_dossier}"))
    assert "Titre prêt depuis le" in page and "— prévu" in page
    assert token not in page


# ---------------------------------------------------------------- forwarding a question

def test_a_forwarded_question_reaches_the_service_and_the_applicant(app, client, applicant, agent_75, ccc,
                                                                    ccc_client, filed_dossier):
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.messages.services import applicant_unread_counts, service_unread_counts

    question = "La personne demande si elle peut voyager en Italie pendant l'instruction.\r\nElle part le 3 juin."
    sent = ccc_client.post(f"/ccc/dossiers/{filed_dossier}/question", data={"question": question})
    assert sent.status_code == 302 and sent.location.endswith(f"/ccc/dossiers/{filed_dossier}#questions")
    [(author, from_service, body, read_at)] = dossier_messages(app, filed_dossier)
    assert (author, from_service, read_at) == (ccc, False, None)
    assert body == "La personne demande si elle peut voyager en Italie pendant l'instruction.\nElle part le 3 juin."
    [(actor, target, _detail)] = audit(app, "question_forwarded")
    assert (actor, target) == (ccc, filed_dossier)
    after = text(ccc_client.get(f"/ccc/dossiers/{filed_dossier}"))
    assert "La question est transmise à Préfecture Paris (Paris)." in after
    assert "voyager en Italie" in after and "pas encore lue par le service" in after

    # The service counts it unread, and reads it as forwarded by the contact centre, with the agent's name.
    with app.test_request_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == filed_dossier))
        assert service_unread_counts([dossier_id]) == {dossier_id: 1}
        assert applicant_unread_counts(applicant) == {}
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    assert "1 nouveau message" in text(agent.get(f"/agent/dossiers/{filed_dossier}"))
    thread = text(agent.get(f"/agent/dossiers/{filed_dossier}/messages"))
    assert "Transmis par le centre de contact" in thread and "Camille Lemoine" in thread
    assert "voyager en Italie" in thread and "(demandeur)" not in thread
    assert dossier_messages(app, filed_dossier)[0][3] is not None  # read by the service
    assert "lue par le service le" in text(ccc_client.get(f"/ccc/dossiers/{filed_dossier}"))

    # The applicant sees it in their thread, forwarded on their behalf, never the agent's name.
    login(client, "usager@example.fr")
    mine = text(client.get(f"/dossiers/{filed_dossier}/messages"))
    assert "Le centre de contact, pour vous" in mine and "transmise au service en votre nom" in mine
    assert "voyager en Italie" in mine
    assert "Camille" not in mine and "Lemoine" not in mine


def test_a_bad_question_is_said_beside_the_field_with_the_text_kept(app, ccc_client, filed_dossier):
    empty = ccc_client.post(f"/ccc/dossiers/{filed_dossier}/question", data={"question": "  \r\n "})
    assert empty.status_code == 422 and "Écrivez la question de la personne." in text(empty)
    assert 'aria-invalid="true"' in text(empty)
    long = "Une question très longue. " * 100
    too_long = ccc_client.post(f"/ccc/dossiers/{filed_dossier}/question", data={"question": long})
    page = text(too_long)
    assert too_long.status_code == 422
    assert f"La question compte {len(long.strip())} caractères\u00a0: 2000 au plus sont acceptés." in page
    assert long.strip()[:200] in page  # what was typed comes back in the box
    assert dossier_messages(app, filed_dossier) == [] and audit(app, "question_forwarded") == []


def test_forwarding_is_rate_limited_like_messages(app, ccc_client, filed_dossier):
    for n in range(10):
        assert ccc_client.post(f"/ccc/dossiers/{filed_dossier}/question",
                               data={"question": f"Question {n}"}).status_code == 302
    refused = ccc_client.post(f"/ccc/dossiers/{filed_dossier}/question", data={"question": "Encore une question"})
    assert refused.status_code == 429
    page = text(refused)
    assert "Vous avez transmis beaucoup de questions en peu de temps." in page and "Encore une question" in page
    assert len(dossier_messages(app, filed_dossier)) == 10
