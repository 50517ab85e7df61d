"""Avis: an agent asks another service's opinion; that service reads the dossier, read-only, only while the request
is open (audited), and answers; the answer shows on the instruction screen."""
import html

from sqlalchemy import select

from conftest import login


def service_id(app, code):
    from anef.agents.models import Service
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(Service.id).where(Service.code == code))


def avis_ids(app):
    from anef.avis.models import AvisRequest
    from anef.extensions import db

    with app.app_context():
        return db.session.scalars(select(AvisRequest.id).order_by(AvisRequest.id)).all()


def actions(app, action):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return [(e.actor_id, e.target) for e in db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))]


def text(response):
    return html.unescape(response.get_data(as_text=True))


def test_an_avis_is_asked_read_and_answered(app, client, agent_75, agent_69, filed_dossier):
    rhone = service_id(app, "pref-69")
    login(client, "instructeur75@example.fr")
    form = text(client.get(f"/agent/dossiers/{filed_dossier}/avis"))
    assert "Préfecture Rhône (Lyon) (pref-69)" in form and "(pref-75)" not in form
    # Bad input: the message beside the field, what was typed kept.
    response = client.post(f"/agent/dossiers/{filed_dossier}/avis", data={"service": "", "question": "Connu chez vous ?"})
    assert response.status_code == 422 and "Choisissez le service dont vous demandez l'avis." in text(response)
    assert "Connu chez vous ?" in text(response)
    response = client.post(f"/agent/dossiers/{filed_dossier}/avis", data={"service": str(rhone), "question": " "})
    assert response.status_code == 422 and "Écrivez la question posée au service." in text(response)
    response = client.post(f"/agent/dossiers/{filed_dossier}/avis",
                           data={"service": str(rhone), "question": "Cette personne a-t-elle un dossier chez vous ?"})
    assert response.status_code == 302 and response.location.endswith("#avis")
    page = text(client.get(f"/agent/dossiers/{filed_dossier}"))
    assert "Avis d'autres services" in page and "Préfecture Rhône (Lyon)" in page and "en attente" in page
    [avis_id] = avis_ids(app)

    rhone_agent = app.test_client()
    login(rhone_agent, "instructeur69@example.fr")
    # The asked service is told on its queue.
    assert "1 demande d'avis attend la réponse de votre service." in text(rhone_agent.get("/agent/"))
    inbox = text(rhone_agent.get("/agent/avis"))
    assert filed_dossier in inbox and "Cette personne a-t-elle un dossier chez vous ?" in inbox
    # Read-only: the dossier's answers, no action; the instruction screen itself stays 404.
    reading = text(rhone_agent.get(f"/agent/avis/{avis_id}"))
    assert "Lecture seule" in reading and "ZHANG" in reading and "EA1234567" in reading
    assert "Prendre en charge" not in reading and "Annotations du service" not in reading
    assert rhone_agent.get(f"/agent/dossiers/{filed_dossier}").status_code == 404
    assert (agent_69, filed_dossier) in actions(app, "dossier_view_avis")
    response = rhone_agent.post(f"/agent/avis/{avis_id}", data={"answer": ""})
    assert response.status_code == 422 and "Écrivez l'avis du service." in text(response)
    response = rhone_agent.post(f"/agent/avis/{avis_id}", data={"answer": "Oui : un titre en 2019, sans incident."})
    assert response.status_code == 302
    # Answered: the access ends.
    assert rhone_agent.get(f"/agent/avis/{avis_id}").status_code == 404
    assert rhone_agent.post(f"/agent/avis/{avis_id}", data={"answer": "encore"}).status_code == 404
    assert (agent_69, filed_dossier) in actions(app, "avis_access_denied")
    assert "Derniers avis rendus" in text(rhone_agent.get("/agent/avis"))
    assert "demande d'avis attend" not in text(rhone_agent.get("/agent/"))

    page = text(client.get(f"/agent/dossiers/{filed_dossier}"))
    assert "Oui : un titre en 2019, sans incident." in page and "avis rendu" in page
    assert "Avis de Mei Zhang le" in page  # the answering agent (fixture names)


def test_only_the_asked_service_reads_and_a_withdrawn_request_closes_the_access(app, client, make_user, agent_75,
                                                                               agent_69, filed_dossier):
    make_user("instructeur13@example.fr", role="instructeur", service="pref-13")
    rhone = service_id(app, "pref-69")
    login(client, "instructeur75@example.fr")
    client.post(f"/agent/dossiers/{filed_dossier}/avis", data={"service": str(rhone), "question": "Avis ?"})
    [avis_id] = avis_ids(app)
    marseille = app.test_client()
    login(marseille, "instructeur13@example.fr")
    assert marseille.get(f"/agent/avis/{avis_id}").status_code == 404
    assert filed_dossier not in marseille.get("/agent/avis").get_data(as_text=True)
    assert client.get(f"/agent/avis/{avis_id}").status_code == 404  # the asking service has the dossier itself
    # Another service cannot withdraw it; the asking one can, and then the other loses the access.
    assert marseille.post(f"/agent/dossiers/{filed_dossier}/avis/{avis_id}/retirer").status_code == 404
    rhone_agent = app.test_client()
    login(rhone_agent, "instructeur69@example.fr")
    assert rhone_agent.get(f"/agent/avis/{avis_id}").status_code == 200
    assert client.post(f"/agent/dossiers/{filed_dossier}/avis/{avis_id}/retirer").status_code == 302
    assert rhone_agent.get(f"/agent/avis/{avis_id}").status_code == 404
    assert "retirée" in text(client.get(f"/agent/dossiers/{filed_dossier}"))


def test_an_agent_cannot_ask_their_own_service(app, client, agent_75, filed_dossier):
    login(client, "instructeur75@example.fr")
    response = client.post(f"/agent/dossiers/{filed_dossier}/avis",
                           data={"service": str(service_id(app, "pref-75")), "question": "Avis ?"})
    assert response.status_code == 422 and avis_ids(app) == []
