"""CSRF: every state-changing request needs the token, htmx included; an expired form keeps what was typed."""
import re

from conftest import PASSWORD


def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True


def test_posts_without_a_token_are_refused_and_typed_text_comes_back(app, client, applicant, draft_dossier):
    csrf_on(app)
    try:
        # Log in properly with a token first.
        page = client.get("/compte/connexion").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        assert client.post("/compte/connexion", data={"email": "usager@example.fr", "password": PASSWORD,
                                                      "csrf_token": token}).status_code == 302
        response = client.post(f"/dossiers/{draft_dossier}/etapes/identite",
                               data={"nom": "ZHANG", "lieu_naissance": "Chengdu", "csrf_token": "expired"})
        body = response.get_data(as_text=True)
        assert response.status_code == 400 and "Formulaire expiré" in body
        assert 'name="lieu_naissance" value="Chengdu"' in body
        fresh = re.search(r'<form method="post" action="[^"]+">\s*<input type="hidden" name="csrf_token" value="([^"]+)"',
                          body).group(1)
        again = client.post(f"/dossiers/{draft_dossier}/etapes/identite",
                            data={"nom": "ZHANG", "lieu_naissance": "Chengdu", "csrf_token": fresh})
        assert again.status_code == 200  # saved (and shown with what is still missing)
        # htmx requests carry the token in a header; without it they are refused too.
        assert client.post(f"/dossiers/{draft_dossier}/etapes/identite", data={"nom": "X"},
                           headers={"HX-Request": "true"}).status_code == 400
        assert client.post(f"/dossiers/{draft_dossier}/etapes/identite", data={"nom": "X"},
                           headers={"HX-Request": "true", "X-CSRFToken": fresh}).status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_passwords_never_come_back_in_the_expired_form(app, client):
    csrf_on(app)
    try:
        response = client.post("/compte/inscription", data={"email": "a@example.fr", "password": "secret secret 1",
                                                             "password_confirm": "secret secret 1"})
        body = response.get_data(as_text=True)
        assert response.status_code == 400 and "secret secret 1" not in body and 'value="a@example.fr"' in body
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
