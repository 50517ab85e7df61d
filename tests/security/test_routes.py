"""Deny by default: every route declares who may use it, and a route without a rule answers 404."""
from anef.security import PUBLIC, SIGNED_IN

from conftest import login

# Public on purpose; anything else must be limited to signed-in people or to roles.
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
EXPECTED_PUBLIC = {"public.home", "public.accessibility", "health.healthz", "accounts.signup", "accounts.login",
                   "accounts.verify_email", "accounts.resend_verification", "accounts.forgot_password",
                   "accounts.reset_password", "accounts.second_factor", "dev.outbox", "dev.outbox_message",
                   "dev.totp_codes", "dev.sms"} | INCLUSION_PUBLIC | VERIFY_PUBLIC | EMPLOYER_PUBLIC


def test_every_route_declares_an_access_rule(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        access = getattr(view, "access", None)
        assert access is not None, f"{rule.rule} ({rule.endpoint}) has no access rule"
        if access == PUBLIC:
            assert rule.endpoint in EXPECTED_PUBLIC, f"{rule.endpoint} is public: is that intended?"
        else:
            assert access == SIGNED_IN or isinstance(access, tuple)


def test_a_route_without_a_rule_is_refused(instance_dir, _database):
    from anef.extensions import db
    from conftest import make_app

    app = make_app(instance_dir, _database)

    @app.route("/forgotten")
    def forgotten():
        return "secret"

    assert app.test_client().get("/forgotten").status_code == 404
    with app.app_context():
        db.engine.dispose()


def test_agent_roles_never_reach_applicant_pages(client, agent_75):
    login(client, "instructeur75@example.fr")
    for url in ["/dossiers/", "/dossiers/nouveau/etudiant"]:
        assert client.get(url).status_code == 404, url
