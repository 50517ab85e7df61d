from sqlalchemy import select


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_agents_are_created_on_the_command_line_in_a_service(app):
    from anef.accounts.models import User
    from anef.extensions import db

    result = run(app, "agents", "create", "--email", "Cli.Agent@example.fr", "--role", "instructeur", "--service",
                 "pref-13", "--password", "un mot de passe solide")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "cli.agent@example.fr"))
        assert user.role == "instructeur" and user.service.code == "pref-13" and user.email_verified_at
    assert run(app, "agents", "create", "--email", "x@example.fr", "--role", "instructeur", "--service", "pref-99",
               "--password", "un mot de passe solide").exit_code == 1
    assert run(app, "agents", "create", "--email", "y@example.fr", "--role", "valideur", "--service", "pref-75",
               "--password", "prefecture").exit_code == 1


def test_demo_load_is_idempotent(app):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    first = run(app, "demo", "load")
    assert first.exit_code == 0, first.output
    with app.app_context():
        count = db.session.scalar(select(db.func.count()).select_from(Dossier))
        states = set(db.session.scalars(select(Dossier.state)))
    assert run(app, "demo", "load").exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Dossier)) == count
    assert {"brouillon", "depose", "en_instruction", "complement_demande", "accepte"} <= states


def test_services_sync_has_all_101_prefectures(app):
    from anef.agents.models import Service
    from anef.extensions import db

    assert run(app, "services", "sync").output.startswith("0 service")
    with app.app_context():
        # Platforms (naturalisation, work authorisations) are services too: count the préfectures.
        assert db.session.scalar(select(db.func.count()).select_from(Service)
                                 .where(Service.kind == "prefecture")) == 101
