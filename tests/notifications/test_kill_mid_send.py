"""A worker killed in the middle of sending an e-mail: the e-mail still arrives, exactly once (RQ on Redis)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[2]
LEASE = 2  # seconds a delivery holds its claim, in the workers of this test


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _run_due_retries(queue) -> int:
    """What RQ's scheduler does once a retry is due: queue the scheduled jobs now."""
    from rq.job import Job
    from rq.registry import ScheduledJobRegistry

    registry = ScheduledJobRegistry(queue=queue)
    ids = registry.get_job_ids()
    for job_id in ids:
        registry.remove(job_id)
        queue.enqueue_job(Job.fetch(job_id, connection=queue.connection))
    return len(ids)


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="runs in the PostgreSQL + Redis pass of make test")
def test_a_worker_killed_mid_send_leaves_exactly_one_e_mail(app, applicant, smtp_server, tmp_path):
    """The first worker is killed half-way through DATA (a fault-injection setting makes it pause there); the
    abandoned job is queued again and a second worker sends the e-mail: the server holds one e-mail.

    This covers a death before the server accepted the message. A death after the server's final "250" and
    before the worker records "envoye" would send it twice: that window, milliseconds, is bounded by the claim's
    lease and the same Message-ID marks the repeat (see ``anef.notifications.services.deliver``).
    """
    from redis import Redis
    from rq import Queue
    from rq.registry import StartedJobRegistry

    from anef.accounts.models import User
    from anef.extensions import db
    from anef.jobs import requeue_abandoned
    from anef.notifications.models import OutboxMessage
    from anef.notifications.services import message_id_header, notify

    url = app.config["REDIS_URL"]  # the suite's own Redis database (one per xdist worker)
    connection = Redis.from_url(url)
    connection.flushdb()
    queue = Queue("anef", connection=connection)
    marker = tmp_path / "horse.pid"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANEF_INSTANCE_PATH": app.instance_path,
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": url,
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp_server.port), "NOTIFY_CLAIM_LEASE_SECONDS": str(LEASE)}
    worker_args = [sys.executable, "-m", "rq.cli", "worker", "anef", "--burst", "--url", url, "-q"]

    app.config.update(JOBS_SYNC=False)  # queued on Redis for real workers, as in production
    try:
        with app.test_request_context():
            notify(db.session.get(User, applicant), "card_ready", key="card:kill", commit=True,
                   link="https://anef.test/rdv")
        assert queue.count == 1
    finally:
        app.config.update(JOBS_SYNC=True)

    # Worker 1 pauses in the middle of DATA; it and its work horse are killed there, as a lost machine would be.
    first = subprocess.Popen(worker_args + ["--worker-ttl", "2"], cwd=ROOT, start_new_session=True,
                             env={**env, "FAULT_SMTP_PAUSE_SECONDS": "60", "FAULT_SMTP_PAUSE_MARKER": str(marker)})
    try:
        deadline = time.time() + 30
        while not (marker.exists() and marker.read_text().strip()):
            assert first.poll() is None and time.time() < deadline, "the worker never reached the SMTP DATA step"
            time.sleep(0.05)
        horse = int(marker.read_text())
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        _kill(horse)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    time.sleep(0.5)
    assert smtp_server.messages == []  # the server never got the end of DATA: nothing was delivered
    with app.app_context():
        stored = db.session.scalar(select(OutboxMessage).where(OutboxMessage.idempotency_key == "card:kill"))
        assert stored.status == "en_attente" and stored.attempts == 1 and stored.claimed_at is not None
        message_id = stored.id

    # Later the sweeper finds the job its dead worker abandoned, and the retry comes due.
    with app.app_context():
        requeue_abandoned(now=time.time() + 3600)
    assert StartedJobRegistry(queue=queue).get_job_ids() == []
    _run_due_retries(queue)
    assert queue.count == 1
    time.sleep(LEASE + 0.5)  # the dead run's claim has run out
    subprocess.run(worker_args, cwd=ROOT, env=env, check=True, timeout=60)
    assert len(smtp_server.wait_for(1)) == 1

    # At-least-once delivery may run the job yet again, and the sweeper may look: nothing more is sent.
    with app.app_context():
        from anef.jobs import enqueue

        app.config.update(JOBS_SYNC=False)
        try:
            enqueue("anef.notifications.services.deliver", message_id=message_id)
        finally:
            app.config.update(JOBS_SYNC=True)
    subprocess.run(worker_args, cwd=ROOT, env=env, check=True, timeout=60)
    time.sleep(0.5)
    [received] = smtp_server.messages
    with app.app_context():
        stored = db.session.get(OutboxMessage, message_id)
        assert stored.status == "envoye" and stored.attempts == 2
        assert received["message"]["Message-ID"] == message_id_header(stored) == stored.provider_id
    connection.flushdb()
    connection.close()
