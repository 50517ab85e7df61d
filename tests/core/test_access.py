"""Who may see what: every route is checked, and a dossier of someone else is a plain 404."""
import re

import pytest

from conftest import login

# Attestations: the public verification (by QR link or typed code), how to verify offline, the public keys.
VERIFY_PUBLIC = {"verify.form", "verify.result", "verify.offline", "verify.public_key", "verify.key_pem",
                 "verify.jwks"}
# Inclusion (issue 8): sign-up without e-mail, first log-in with a printed code, kiosk enrolment and visits
# (kiosk-only pages answer 404 elsewhere), the substitute channel's form and its receipt (this session's only).
# Employers: the employer space and its sign-up (the SIRET checked with API Entreprise).
EMPLOYER_PUBLIC = {"employers.home", "employers.signup"}
INCLUSION_PUBLIC = {"accounts.signup_phone", "accounts.signup_phone_code", "accounts.signup_phone_resend",
                    "accounts.first_password", "accounts.forgot_password_phone", "accounts.reset_password_phone",
                    "kiosk.enrol", "kiosk.end", "kiosk.resume", "kiosk.presence", "kiosk.access_account",
                    "declarations.new", "declarations.receipt", "declarations.receipt_pdf"}
PUBLIC = {"public.home", "public.accessibility", "static", "health.healthz", "accounts.signup", "accounts.login",
          "accounts.verify_email", "accounts.resend_verification", "accounts.forgot_password",
          "accounts.reset_password", "accounts.second_factor", "dev.outbox", "dev.outbox_message",
          "dev.totp_codes", "dev.sms"} | INCLUSION_PUBLIC | VERIFY_PUBLIC | EMPLOYER_PUBLIC


def fill(rule, reference):
    url = rule.rule
    for name in rule.arguments:
        value = {"reference": reference, "procedure": "etudiant", "slug": "identite", "code": "etudiant",
                 "kind": "passeport", "action": "retirer"}.get(name, "1")
        url = re.sub(rf"<(?:[\w(),]+:)?{name}>", value, url)
    return url


def without_token(response):
    """The body with its CSRF token and script nonce masked (both change with every response)."""
    return re.sub(r'(X-CSRFToken": "|name="csrf_token" value="|nonce=")[^"]+', r"\1…", response.get_data(as_text=True))


def routes(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint not in PUBLIC
            and not r.endpoint.startswith("proc_")]


def test_every_non_public_route_requires_log_in(app, client, filed_dossier):
    for rule in routes(app):
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(fill(rule, filed_dossier), method=method)
        assert response.status_code == 302 and "/compte/connexion" in response.location, rule.rule


def test_another_applicant_gets_the_same_404_as_for_a_missing_dossier(app, client, other_applicant, filed_dossier):
    login(client, "autre@example.fr")
    missing = client.get("/dossiers/ANEF-2026-999999-A")
    for rule in routes(app):
        if "reference" not in rule.arguments and "document_id" not in rule.arguments:
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(fill(rule, filed_dossier), method=method)
        if rule.endpoint.startswith("agents."):
            assert response.status_code == 404, rule.rule
            continue
        assert response.status_code == 404, rule.rule
        assert without_token(response) == without_token(missing), rule.rule


def test_an_applicant_cannot_reach_agent_or_admin_screens(client, applicant):
    login(client, "usager@example.fr")
    for url in ["/agent/", "/agent/service/agents", "/admin/calendrier/", "/admin/calendrier/etudiant"]:
        assert client.get(url).status_code == 404, url


def test_an_agent_of_another_service_gets_404(client, agent_69, filed_dossier, draft_dossier):
    login(client, "instructeur69@example.fr")
    assert client.get(f"/agent/dossiers/{filed_dossier}").status_code == 404
    assert client.post(f"/agent/dossiers/{filed_dossier}/prendre").status_code == 404
    body = client.get("/agent/").get_data(as_text=True)
    assert filed_dossier not in body


def test_agents_never_see_drafts(client, agent_75, draft_dossier):
    login(client, "instructeur75@example.fr")
    assert client.get(f"/agent/dossiers/{draft_dossier}").status_code == 404


def test_documents_are_visible_to_their_applicant_and_the_instructing_service_only(
        app, client, applicant, other_applicant, agent_75, agent_69, filed_dossier):
    from anef.documents.models import Document
    from anef.extensions import db

    with app.app_context():
        doc_id = db.session.query(Document.id).first()[0]
    url = f"/documents/{doc_id}"
    for email, status in [("usager@example.fr", 200), ("autre@example.fr", 404),
                          ("instructeur75@example.fr", 200), ("instructeur69@example.fr", 404)]:
        c = app.test_client()
        login(c, email)
        response = c.get(url)
        response.close()
        assert response.status_code == status, email
        if status == 200:
            assert response.headers["Content-Type"] == "application/pdf"
            assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/compte/connexion"])
def test_security_headers(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_posting_state_or_service_fields_changes_nothing(app, client, applicant, draft_dossier):
    login(client, "usager@example.fr")
    client.post(f"/dossiers/{draft_dossier}/etapes/identite",
                data={"nom": "ZHANG", "state": "accepte", "service_id": "2", "applicant_id": "99"})
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        d = db.session.query(Dossier).filter_by(reference=draft_dossier).one()
        assert (d.state, d.service_id, d.applicant_id) == ("brouillon", None, applicant)
        assert "state" not in d.answers["identite"]


def test_csp_nonce_is_fresh_per_response_and_on_every_script(client):
    first, second = client.get("/"), client.get("/")
    nonces = [re.search(r"'nonce-([^']+)'", r.headers["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    body = first.get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts and all(f'nonce="{nonces[0]}"' in tag for tag in scripts)
    assert "Strict-Transport-Security" not in first.headers  # plain-HTTP development


def test_hsts_over_https(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")
