"""Faults: nothing submitted is lost, nothing happens twice."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from conftest import login

ROOT = Path(__file__).resolve().parents[2]


def outbox_count(app):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def state_of(app, ref):
    from anef.dossiers.models import Dossier, Transition
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == ref))
        submits = db.session.scalar(select(func.count()).select_from(Transition).where(
            Transition.dossier_id == dossier.id, Transition.action == "submit"))
        return dossier.state, submits


def test_database_lost_at_the_commit_of_a_submission(app, client, applicant, draft_dossier, monkeypatch):
    from anef.extensions import db

    login(client, "usager@example.fr")
    before = outbox_count(app)
    real_commit = db.session.commit
    calls = {"n": 0}

    def failing_commit():
        calls["n"] += 1
        raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(db.session, "commit", failing_commit)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error page, not a traceback
    try:
        response = client.post(f"/dossiers/{draft_dossier}/deposer")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
        monkeypatch.setattr(db.session, "commit", real_commit)
    assert calls["n"] >= 1 and response.status_code == 500
    body = response.get_data(as_text=True)
    assert "conservé" in body and "Traceback" not in body and "OperationalError" not in body
    assert state_of(app, draft_dossier) == ("brouillon", 0)
    assert outbox_count(app) == before  # the e-mail went with the failed transaction
    # The person tries again: the dossier is filed exactly once, with one e-mail.
    assert client.post(f"/dossiers/{draft_dossier}/deposer").status_code == 302
    assert state_of(app, draft_dossier) == ("depose", 1)
    assert outbox_count(app) == before + 1


def test_a_double_click_files_one_dossier(app, client, applicant, draft_dossier):
    login(client, "usager@example.fr")
    first = client.post(f"/dossiers/{draft_dossier}/deposer")
    second = client.post(f"/dossiers/{draft_dossier}/deposer")
    assert first.status_code == second.status_code == 302
    assert state_of(app, draft_dossier) == ("depose", 1)


def test_with_the_queue_down_filing_works_and_the_sweeper_sends_later(app, client, applicant, draft_dossier,
                                                                      monkeypatch):
    import smtplib

    from anef.extensions import db
    from anef.notifications.models import OutboxMessage
    from anef.notifications.services import sweep_outbox

    sent = []

    class FakeSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append(message["To"])

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    real_redis = app.config["REDIS_URL"]
    app.config.update(REDIS_URL="redis://127.0.0.1:1/0", MAIL_SERVER="smtp.test")
    app.extensions.pop("anef_redis", None)
    try:
        login(client, "usager@example.fr")
        assert client.post(f"/dossiers/{draft_dossier}/deposer").status_code == 302
        assert state_of(app, draft_dossier) == ("depose", 1)
        with app.app_context():
            [message] = db.session.scalars(select(OutboxMessage)).all()
            assert message.sent_at is None and not sent
        # The queue is back (or there is none): the sweeper dispatches what was left.
        app.config["REDIS_URL"] = real_redis
        app.extensions.pop("anef_redis", None)
        with app.app_context():
            assert sweep_outbox(older_than_seconds=0) == 1
            db.session.expire_all()
            assert db.session.get(OutboxMessage, message.id).sent_at is not None
        assert sent == ["usager@example.fr"]
    finally:
        app.config.update(REDIS_URL=real_redis, MAIL_SERVER=None)
        app.extensions.pop("anef_redis", None)


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="runs in the PostgreSQL + Redis pass of make test")
def test_a_worker_killed_mid_job_runs_it_again_and_the_effect_happens_once(app, tmp_path):
    from redis import Redis
    from rq import Queue

    from anef.jobs import requeue_abandoned

    url = os.environ["TEST_REDIS_URL"]
    connection = Redis.from_url(url)
    connection.flushdb()  # the suite's own Redis database: start from an empty queue and registries
    queue = Queue("anef", connection=connection)
    marker = str(tmp_path / "job")
    queue.enqueue("tests.security.fault_jobs.slow_effect", marker=marker, key="once", job_timeout=60)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen([sys.executable, "-m", "rq.cli", "worker", "anef", "--burst", "--url", url,
                               "--worker-ttl", "2", "-q"], cwd=ROOT, env=env, start_new_session=True)
    try:
        deadline = time.time() + 20
        while not Path(marker + ".started").exists():
            assert time.time() < deadline, "the worker never started the job"
            time.sleep(0.05)
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and its work horse
        worker.wait(timeout=10)
        # A work horse that left the process group dies too: nothing of the first run survives.
        subprocess.run(["pkill", "-9", "-f", f"rq.cli worker anef --burst --url {url} --worker-ttl 2"], check=False)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    assert not (Path(marker + ".effects") / "once").exists()
    # Later, once the dead worker's lease on the job has run out, the sweeper finds it.
    with app.app_context():
        assert requeue_abandoned(now=time.time() + 3600) == 1
    subprocess.run([sys.executable, "-m", "rq.cli", "worker", "anef", "--burst", "--url", url, "-q"], cwd=ROOT,
                   env=env, check=True, timeout=60)
    # And once more, as at-least-once delivery may do: the effect stays single.
    queue.enqueue("tests.security.fault_jobs.slow_effect", marker=marker, key="once")
    subprocess.run([sys.executable, "-m", "rq.cli", "worker", "anef", "--burst", "--url", url, "-q"], cwd=ROOT,
                   env=env, check=True, timeout=60)
    assert [p.name for p in Path(marker + ".effects").iterdir()] == ["once"]
    connection.close()
