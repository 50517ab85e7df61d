"""Jobs run inline by default and through RQ when Redis is configured."""
import os

import pytest
from sqlalchemy import select

ran = []


def record(**kwargs):
    ran.append(kwargs)


def test_jobs_run_inline_without_redis(app):
    from anef import jobs

    with app.app_context():
        saved = app.config["REDIS_URL"]
        app.config["REDIS_URL"] = None
        app.extensions.pop("anef_redis", None)
        try:
            jobs.enqueue("tests.core.test_jobs.record", value=1)
            assert jobs.backend_status() == "inline"
        finally:
            app.config["REDIS_URL"] = saved
    assert ran[-1] == {"value": 1}


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="runs in the PostgreSQL + Redis pass of make test")
def test_a_real_rq_worker_delivers_queued_mail(app, monkeypatch):
    """Queue on Redis, then let an RQ worker in burst mode deliver through a stub SMTP."""
    import smtplib

    from rq import SimpleWorker

    from anef import jobs
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage
    from anef.notifications.services import send_email

    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append((host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append(message["To"])

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    app.config.update(JOBS_SYNC=False, MAIL_SERVER="smtp.test")
    monkeypatch.setenv("ANEF_INSTANCE_PATH", app.instance_path)
    try:
        with app.test_request_context():
            assert jobs.backend_status() == "ok"
            message = send_email(recipient="a@example.fr", template="account_exists", locale="fr",
                                 login_url="x", reset_url="y")
            message_id = message.id
            assert db.session.get(OutboxMessage, message_id).sent_at is None
            queue = jobs.get_queue()
            assert queue.count == 1
        # The worker runs outside any application, as in its own process: it builds one from the
        # environment, pointed here at the test database.
        monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
        monkeypatch.setenv("MAIL_SERVER", "smtp.test")
        SimpleWorker([queue], connection=queue.connection).work(burst=True)
        with app.app_context():
            stored = db.session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id))
            assert stored.sent_at is not None and sent[-1] == "a@example.fr"
    finally:
        app.config.update(JOBS_SYNC=True, MAIL_SERVER=None)
        from anef import worker

        if worker._app is not None:
            with worker._app.app_context():
                db.session.remove()
                db.engine.dispose()
            worker._app = None
