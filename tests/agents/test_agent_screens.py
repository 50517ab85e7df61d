import datetime as dt
import html
import io
import re

import pyotp

from conftest import PDF_BYTES, login


def test_queue_shows_the_service_dossiers_by_tab(client, agent_75, filed_dossier):
    login(client, "instructeur75@example.fr")
    body = client.get("/agent/").get_data(as_text=True)
    assert filed_dossier in body and "À traiter (1)" in body
    assert filed_dossier not in client.get("/agent/?onglet=traites").get_data(as_text=True)
    assert client.get("/agent/?onglet=nimporte").status_code == 404


def test_instruct_request_complement_and_accept_through_the_screens(app, client, applicant, agent_75, filed_dossier):
    login(client, "instructeur75@example.fr")
    page = client.get(f"/agent/dossiers/{filed_dossier}").get_data(as_text=True)
    assert "Synthèse" in page and "Ressources suffisantes" in page and "FRA123456789" in page
    assert client.post(f"/agent/dossiers/{filed_dossier}/prendre").status_code == 302
    # A complement asking nothing is refused, and so is an item without its reason, beside the field.
    response = client.post(f"/agent/dossiers/{filed_dossier}/complement", data={"deadline": "2099-01-01"})
    assert response.status_code == 422
    assert "Choisissez au moins une réponse ou un document" in html.unescape(response.get_data(as_text=True))
    response = client.post(f"/agent/dossiers/{filed_dossier}/complement",
                           data={"deadline": "2099-01-01", "item": ["document:inscription"]})
    assert response.status_code == 422
    assert "Indiquez ce qui doit être corrigé et pourquoi" in html.unescape(response.get_data(as_text=True))
    deadline = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    response = client.post(f"/agent/dossiers/{filed_dossier}/complement",
                           data={"item": ["document:inscription"],
                                 "reason-document:inscription": "Envoyez le certificat définitif.",
                                 "deadline": deadline})
    assert response.status_code == 302
    applicant_client = app.test_client()
    login(applicant_client, "usager@example.fr")
    page = applicant_client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True)
    assert "Complément demandé" in page and "Envoyez le certificat définitif." in page
    # Answering without the requested document is refused; with it, instruction resumes.
    assert applicant_client.post(f"/dossiers/{filed_dossier}/complement", data={"reply": "ok"}).status_code == 422
    response = applicant_client.post(f"/dossiers/{filed_dossier}/documents", data={
        "kind": "inscription", "file": (io.BytesIO(PDF_BYTES + b"%new"), "certificat.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302 and "/complement" in response.location
    # Only the requested kinds may be replaced during a complement.
    response = applicant_client.post(f"/dossiers/{filed_dossier}/documents", data={
        "kind": "passeport", "file": (io.BytesIO(PDF_BYTES), "p.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert applicant_client.post(f"/dossiers/{filed_dossier}/complement", data={"reply": "Voici"}).status_code == 302
    assert "En cours d'instruction" in html.unescape(applicant_client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True))
    # A refusal needs a motivation; acceptance does not.
    response = client.post(f"/agent/dossiers/{filed_dossier}/decision", data={"decision": "refuse"})
    assert response.status_code == 422 and "Un refus doit être motivé" in response.get_data(as_text=True)
    assert client.post(f"/agent/dossiers/{filed_dossier}/decision", data={"decision": "accepte"}).status_code == 302
    assert "Accepté" in applicant_client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True)


def test_refusal_is_signed_by_a_valideur(app, client, applicant, agent_75, valideur_75, filed_dossier):
    login(client, "instructeur75@example.fr")
    client.post(f"/agent/dossiers/{filed_dossier}/prendre")
    client.post(f"/agent/dossiers/{filed_dossier}/decision", data={"decision": "refuse", "motivation": "Inscription non justifiée."})
    page = client.get(f"/agent/dossiers/{filed_dossier}").get_data(as_text=True)
    assert "Décision en cours de signature" in page and "Signer la décision" not in page
    valideur = app.test_client()
    login(valideur, "valideur75@example.fr")
    assert filed_dossier in valideur.get("/agent/?onglet=a_valider").get_data(as_text=True)
    assert valideur.post(f"/agent/dossiers/{filed_dossier}/signer").status_code == 302
    applicant_client = app.test_client()
    login(applicant_client, "usager@example.fr")
    page = applicant_client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True)
    assert "Refusé" in page and "Inscription non justifiée." in page and "Recours contentieux" in page


def test_a_local_admin_creates_agents_of_their_service(app, client, make_user):
    make_user("admin75@example.fr", role="admin", service="pref-75")
    login(client, "admin75@example.fr")
    response = client.post("/agent/service/agents", data={
        "given_names": "Nora", "family_name": "Leroy", "email": "nora@example.fr", "role": "instructeur",
        "password": "un mot de passe solide"})
    assert response.status_code == 302
    other = app.test_client()
    # First log-in: the new agent enrols a second factor before anything else.
    response = other.post("/compte/connexion", data={"email": "nora@example.fr", "password": "un mot de passe solide"})
    assert response.location.endswith("/compte/second-facteur")
    assert other.get("/agent/").status_code == 302  # not logged in yet
    page = other.get("/compte/second-facteur").get_data(as_text=True)
    secret = re.search(r"<code[^>]*>([A-Z2-7]{32})</code>", page).group(1)
    assert 'src="data:image/svg+xml' in page
    assert other.post("/compte/second-facteur", data={"code": "000000"}).status_code == 401
    response = other.post("/compte/second-facteur", data={"code": pyotp.TOTP(secret).now()})
    assert response.location.endswith("/agent/")
    assert "Préfecture Paris" in other.get("/agent/").get_data(as_text=True)
    response = client.post("/agent/service/agents", data={
        "given_names": "Nora", "family_name": "Leroy", "email": "nora@example.fr", "role": "instructeur",
        "password": "un mot de passe solide"})
    assert response.status_code == 422


def test_instructeur_cannot_manage_agents(client, agent_75):
    login(client, "instructeur75@example.fr")
    assert client.get("/agent/service/agents").status_code == 404


def test_queue_pages_by_keyset_without_gaps_or_repeats(app, client, applicant, agent_75):
    from anef.accounts.models import User
    from anef.agents import services as agent_services
    from anef.agents.models import Service
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.models import utcnow

    total = agent_services.PAGE_SIZE * 2 + 7
    with app.app_context():
        service = db.session.query(Service).filter_by(code="pref-75").one()
        agent = db.session.get(User, agent_75)
        now, today = utcnow(), dt.date.today()
        for i in range(total):
            # Many dossiers share a filing time and a rights date, a third have no date: the id breaks ties so
            # paging stays stable in both orders, across the dated and the undated parts.
            db.session.add(Dossier(procedure="etudiant", applicant_id=applicant, service_id=service.id,
                                   state="depose", reference=f"T-{i}", filed_at=now - dt.timedelta(minutes=i // 10),
                                   rights_expire_on=None if i % 3 == 0 else today + dt.timedelta(days=i % 7),
                                   answers={}))
        db.session.commit()
        for sort in agent_services.SORTS:
            seen, cursor = [], None
            while True:
                rows, cursor = agent_services.queue_page(agent, "a_traiter", sort=sort, after=cursor)
                seen += rows
                if cursor is None:
                    break
            assert len(seen) == len({r.id for r in seen}) == total
            if sort == agent_services.BY_RIGHTS:
                keys = [(r.rights_expire_on is None, r.rights_expire_on or today, r.filed_at, r.id) for r in seen]
            else:
                keys = [(r.filed_at, r.id) for r in seen]
            assert keys == sorted(keys)
    login(client, "instructeur75@example.fr")
    first = client.get("/agent/").get_data(as_text=True)
    assert "Dossiers suivants" in first
