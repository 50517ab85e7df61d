"""Scheduled work: `flask jobs tick` on the embedded default, RQ's cron scheduler when Redis is configured."""
import datetime as dt
import os

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from conftest import login


@pytest.fixture
def complement_due(app, client, applicant, agent_75, filed_dossier):
    """A complement request on the filed dossier, due in 20 days; returns its deadline."""
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    agent.post(f"/agent/dossiers/{filed_dossier}/prendre")
    deadline = dt.date.today() + dt.timedelta(days=20)
    response = agent.post(f"/agent/dossiers/{filed_dossier}/complement", data={
        "deadline": deadline.isoformat(), "item": ["document:inscription"],
        "reason-document:inscription": "Le certificat définitif"})
    assert response.status_code == 302
    return deadline


def reminders(app) -> int:
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(OutboxMessage)
                                 .where(OutboxMessage.event == "complement_reminder"))


def test_the_tick_command_runs_every_task_and_says_what_each_did(app, complement_due):
    with freeze_time(complement_due - dt.timedelta(days=7)):
        result = app.test_cli_runner().invoke(args=["jobs", "tick"])
    assert result.exit_code == 0, result.output
    assert "complement_reminders: 1" in result.output and "appointment_reminders: 0" in result.output
    assert "FAILED" not in result.output
    assert reminders(app) >= 1
    # Run again the same day: nothing is sent twice.
    with freeze_time(complement_due - dt.timedelta(days=7)):
        again = app.test_cli_runner().invoke(args=["jobs", "tick"])
    assert "complement_reminders: 0" in again.output


def test_a_failing_task_does_not_stop_the_others(app, monkeypatch):
    from anef import scheduler

    monkeypatch.setattr(scheduler, "TASKS", (("broken", "tests.core.test_scheduler.explode"),
                                             ("fine", "tests.core.test_scheduler.one")))
    with app.app_context():
        assert scheduler.tick() == {"broken": -1, "fine": 1}


def explode():
    raise RuntimeError("boom")


def one():
    return 1


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="runs in the PostgreSQL + Redis pass of make test")
def test_rq_cron_queues_the_tick_and_a_worker_runs_it(app, complement_due, monkeypatch):
    from rq import SimpleWorker
    from rq.cron import CronScheduler

    from anef import jobs, worker

    app.config.update(JOBS_SYNC=False)
    monkeypatch.setenv("ANEF_INSTANCE_PATH", app.instance_path)
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with app.app_context():
            queue = jobs.get_queue()
            queue.empty()
            cron = CronScheduler(connection=queue.connection)
            cron.load_config_from_file("anef.cron")
            assert [j.func_name for j in cron.get_jobs()] == ["anef.worker.run"]
            cron.enqueue_jobs()
            assert queue.count == 1
        with freeze_time(complement_due - dt.timedelta(days=2)):
            SimpleWorker([queue], connection=queue.connection).work(burst=True)
        assert reminders(app) == 1
    finally:
        app.config.update(JOBS_SYNC=True)
        if worker._app is not None:
            from anef.extensions import db

            with worker._app.app_context():
                db.session.remove()
                db.engine.dispose()
            worker._app = None
