"""Reply templates: managed by the service's local admin, national defaults for all, placeholders filled on insert."""
from __future__ import annotations

import re

from sqlalchemy import select

from conftest import login
from tests.messages.conftest import agent_url, text_of

HTMX = {"HX-Request": "true"}
BODY = "Bonjour {nom},\n\nVotre dossier {reference} est complet.\n\n{service}"


def add_template(app, service_code, title, body=BODY):
    from anef.agents.models import Service
    from anef.extensions import db
    from anef.messages.models import ReplyTemplate

    with app.app_context():
        service_id = db.session.scalar(select(Service.id).where(Service.code == service_code)) if service_code else None
        template = ReplyTemplate(service_id=service_id, title=title, body=body)
        db.session.add(template)
        db.session.commit()
        return template.id


def templates(app):
    from anef.extensions import db
    from anef.messages.models import ReplyTemplate

    with app.app_context():
        return {t.title: (t.service_id, t.body) for t in db.session.scalars(select(ReplyTemplate))}


def admin_client(app, make_user, email="admin75@example.fr", service="pref-75"):
    make_user(email, role="admin", service=service)
    client = app.test_client()
    login(client, email)
    return client


def test_the_local_admin_creates_edits_and_deletes_the_service_templates(app, make_user):
    admin = admin_client(app, make_user)
    assert admin.get("/agent/service/modeles").status_code == 200
    response = admin.post("/agent/service/modeles", data={"title": "Dossier complet", "body": BODY})
    assert response.status_code == 302
    [(service_id, body)] = [v for k, v in templates(app).items() if k == "Dossier complet"]
    assert service_id is not None and body == BODY
    template_id = add_template(app, "pref-75", "Autre")
    assert "Dossier complet" in text_of(admin.get("/agent/service/modeles"))

    edit = admin.post(f"/agent/service/modeles/{template_id}", data={"title": "Autre modèle", "body": "Bonjour {nom}"})
    assert edit.status_code == 302 and templates(app)["Autre modèle"][1] == "Bonjour {nom}"
    assert admin.post(f"/agent/service/modeles/{template_id}/supprimer").status_code == 302
    assert "Autre modèle" not in templates(app)


def test_bad_templates_are_refused_beside_the_field(app, make_user):
    admin = admin_client(app, make_user)
    response = admin.post("/agent/service/modeles", data={"title": "", "body": "Bonjour {prenom} {nom}"})
    page = text_of(response)
    assert response.status_code == 422
    assert "Donnez un titre au modèle." in page and "Champ inconnu" in page and "{prenom}" in page
    assert "Bonjour {prenom} {nom}</textarea>" in page  # what was typed is kept
    assert templates(app) == {}


def test_national_templates_and_other_services_templates_cannot_be_changed_here(app, make_user):
    national = add_template(app, None, "National")
    lyon = add_template(app, "pref-69", "Lyon")
    admin = admin_client(app, make_user)
    page = text_of(admin.get("/agent/service/modeles"))
    assert "National" in page and "Lyon" not in page
    for template_id in (national, lyon):
        assert admin.get(f"/agent/service/modeles/{template_id}").status_code == 404
        assert admin.post(f"/agent/service/modeles/{template_id}/supprimer").status_code == 404
    assert set(templates(app)) == {"National", "Lyon"}


def test_only_local_admins_manage_templates(app, agent_client, applicant_client):
    assert agent_client.get("/agent/service/modeles").status_code == 404
    assert agent_client.post("/agent/service/modeles", data={"title": "x", "body": "y"}).status_code == 404
    assert applicant_client.get("/agent/service/modeles").status_code == 404


def test_choosing_a_template_prefills_the_reply_with_placeholders_filled(app, agent_client, filed_dossier):
    own = add_template(app, "pref-75", "Dossier complet")
    national = add_template(app, None, "Accusé", body="Bonjour {nom}, bien reçu ({reference}) {inconnu}.")
    lyon = add_template(app, "pref-69", "Lyon")
    page = text_of(agent_client.get(agent_url(filed_dossier)))
    assert "Dossier complet" in page and "Accusé" in page and "Lyon" not in page
    assert re.search(r'<optgroup label="Modèles nationaux">', page)

    # Without JavaScript: a GET parameter reloads the page with the reply box filled.
    page = text_of(agent_client.get(f"{agent_url(filed_dossier)}?modele={own}"))
    assert f"Bonjour Mei Zhang,\n\nVotre dossier {filed_dossier} est complet.\n\nPréfecture Paris (Paris)</textarea>" in page
    page = text_of(agent_client.get(f"{agent_url(filed_dossier)}?modele={national}"))
    assert f"Bonjour Mei Zhang, bien reçu ({filed_dossier}) {{inconnu}}.</textarea>" in page
    # Another service's template is not offered, even by its number.
    page = text_of(agent_client.get(f"{agent_url(filed_dossier)}?modele={lyon}"))
    assert re.search(r"<textarea[^>]*>\s*</textarea>", page)

    # With htmx: only the box comes back, the template added after what was already typed.
    fragment = text_of(agent_client.get(f"{agent_url(filed_dossier)}?modele={national}&body=Déjà+écrit",
                                        headers=HTMX))
    assert fragment.strip().startswith('<div id="message-body-group">') and "autofocus" in fragment
    assert f"Déjà écrit\n\nBonjour Mei Zhang, bien reçu ({filed_dossier}) {{inconnu}}.</textarea>" in fragment


def test_a_fresh_database_has_the_national_templates(tmp_path, _database):
    """The migration seeds a few national defaults (the suite's own database is emptied between tests)."""
    import os

    from flask_migrate import upgrade

    from anef.extensions import db
    from anef.messages.models import ReplyTemplate
    from conftest import make_app

    previous = os.environ.get("ANEF_INSTANCE_PATH")
    try:
        fresh = make_app(str(tmp_path), {"url": f"sqlite:///{tmp_path}/fresh.sqlite3", "redis": _database["redis"]})
        with fresh.app_context():
            upgrade()
            rows = db.session.scalars(select(ReplyTemplate)).all()
            assert len(rows) >= 3 and all(t.service_id is None for t in rows)
            assert all("{nom}" in t.body and "{reference}" in t.body for t in rows)
            db.session.remove()
            db.engine.dispose()
    finally:
        if previous is not None:
            os.environ["ANEF_INSTANCE_PATH"] = previous
