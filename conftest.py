"""Fixtures shared by the core's tests and every plugin's tests.

The suite runs on SQLite by default; with TEST_DATABASE_URL (and TEST_REDIS_URL) it runs on a
PostgreSQL database of its own, created and dropped here, and on a Redis database it empties.
"""
from __future__ import annotations

import io
import os
import tempfile

import pytest
from sqlalchemy import delete

from anef.demo import minimal_pdf

PASSWORD = "correct horse battery staple"


def _postgres_database(url: str):
    """Create the suite's own PostgreSQL database (dropping a leftover one); return a dropper."""
    import psycopg
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = target.set(database="postgres").render_as_string(hide_password=False).replace("+psycopg", "")
    name = target.database

    def run(sql):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    return lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def instance_dir():
    with tempfile.TemporaryDirectory(prefix="anef-test-") as path:
        yield path


def _for_worker(url: str | None, kind: str) -> str | None:
    """Under pytest-xdist (``make test`` runs a worker per core), each worker gets its own PostgreSQL database
    (``anef_test_gw1``…) and Redis database (15, 14, …): the workers never see each other's rows or jobs."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker or worker == "gw0":
        return url
    from sqlalchemy.engine import make_url

    index = int(worker.removeprefix("gw"))
    target = make_url(url)
    if kind == "postgresql":
        return target.set(database=f"{target.database}_{worker}").render_as_string(hide_password=False)
    return target.set(database=str(int(target.database or 0) - index)).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _database(instance_dir):
    url = _for_worker(os.environ.get("TEST_DATABASE_URL"), "postgresql")
    dropper = _postgres_database(url) if url else None
    redis_url = _for_worker(os.environ.get("TEST_REDIS_URL"), "redis")
    if redis_url:
        from redis import Redis

        Redis.from_url(redis_url).flushdb()
    yield {"url": url or f"sqlite:///{instance_dir}/test.sqlite3", "redis": redis_url}
    if dropper:
        dropper()


def make_app(instance_dir, database, **overrides):
    """An application on the suite's database, as a test or a live server needs it."""
    from anef import create_app

    os.environ["ANEF_INSTANCE_PATH"] = instance_dir
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database["url"].replace("postgresql://", "postgresql+psycopg://"),
        "REDIS_URL": database["redis"],
        "JOBS_SYNC": True,
        "STORAGE_PATH": os.path.join(instance_dir, "files"),
        "PUBLIC_URL": None,
        "SERVER_NAME": None,
        "DEV_PAGES": True,
        # Tests log agents in many times a minute: accept a wide window of unused steps.
        "TOTP_VALID_WINDOW": 20,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def app(instance_dir, _database):
    from flask_migrate import upgrade

    from anef.extensions import db

    application = make_app(instance_dir, _database, WTF_CSRF_ENABLED=False)
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request, app):
    """Each test starts from the migrated database: every row it wrote is removed after it."""
    yield
    from anef.extensions import db

    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            if table.name != "services":
                db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()
    app.extensions.pop("anef_redis", None)
    app.extensions.pop("anef_page_cache", None)  # pages rendered from the rows just removed
    from anef.extensions import limiter

    with app.app_context():
        limiter.reset()


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


@pytest.fixture
def client(app):
    return app.test_client()


def _service_id(code):
    from sqlalchemy import select

    from anef.agents.models import Service
    from anef.extensions import db

    return db.session.scalar(select(Service.id).where(Service.code == code))


@pytest.fixture
def make_user(app):
    def factory(email="usager@example.fr", role="applicant", service=None, verified=True, **fields):
        from anef.accounts.models import User
        from anef.accounts.services import hash_password
        from anef.extensions import db
        from anef.models import utcnow

        with app.app_context():
            agent = role != "applicant"
            user = User(email=email, password_hash=hash_password(PASSWORD), role=role,
                        totp_secret=TOTP_SECRET if agent and fields.get("totp", True) else None,
                        totp_confirmed_at=utcnow() if agent and fields.get("totp", True) else None,
                        service_id=_service_id(service) if service else None,
                        given_names=fields.get("given_names", "Mei"), family_name=fields.get("family_name", "Zhang"),
                        locale=fields.get("locale", "fr"), email_verified_at=utcnow() if verified else None)
            db.session.add(user)
            db.session.commit()
            return user.id
    return factory


@pytest.fixture
def applicant(make_user):
    return make_user("usager@example.fr")


@pytest.fixture
def other_applicant(make_user):
    return make_user("autre@example.fr", given_names="Youssef", family_name="Benali")


@pytest.fixture
def agent_75(make_user):
    return make_user("instructeur75@example.fr", role="instructeur", service="pref-75", given_names="Inès",
                     family_name="Martin")


@pytest.fixture
def valideur_75(make_user):
    return make_user("valideur75@example.fr", role="valideur", service="pref-75", given_names="Vincent",
                     family_name="Petit")


@pytest.fixture
def agent_69(make_user):
    return make_user("instructeur69@example.fr", role="instructeur", service="pref-69")


@pytest.fixture
def national_admin(make_user):
    return make_user("national@example.fr", role="national_admin")


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def login(client, email, password=PASSWORD):
    """Log a test client in, through the second factor for agents; returns the last response."""
    response = client.post("/compte/connexion", data={"email": email, "password": password})
    if response.status_code == 302 and response.location.endswith("/compte/second-facteur"):
        response = client.post("/compte/second-facteur", data={"code": totp_code(client.application, email)})
    return response


def totp_code(app, email):
    """The next code the application accepts for an agent."""
    from sqlalchemy import select

    from anef.accounts.mfa import next_code
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        return next_code(db.session.scalar(select(User).where(User.email == email)))


def student_answers(postcode="75011", renewal=False, today=None):
    """Complete, valid answers of the étudiant procedure."""
    from plugins.etudiant.samples import sample_answers

    return sample_answers(postcode=postcode, renewal=renewal, today=today)


PDF_BYTES = minimal_pdf()


@pytest.fixture
def draft_dossier(app, applicant):
    """A complete étudiant draft of ``applicant`` in Paris, with every document; returns its reference."""
    from anef.accounts.models import User
    from anef.documents.services import add_page
    from anef.dossiers import services
    from anef.extensions import db
    from werkzeug.datastructures import FileStorage

    with app.test_request_context():
        user = db.session.get(User, applicant)
        dossier = services.create_draft(user, "etudiant", student_answers())
        for req in services.required_documents(dossier):
            add_page(dossier.id, req.kind, FileStorage(io.BytesIO(PDF_BYTES), filename=f"{req.kind}.pdf"), user.id)
        return dossier.reference


@pytest.fixture
def filed_dossier(app, applicant, draft_dossier):
    """The draft above, filed: routed to pref-75 and in state ``depose``; returns its reference."""
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        user = db.session.get(User, applicant)
        dossier = services.applicant_dossier(draft_dossier, user)
        assert services.file_dossier(dossier, user).ok
        return draft_dossier


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]}
