"""Scheduled work: reminders, renewals and the sweeping of what a failure left behind.

Every task is idempotent (each reminder and renewal is recorded once), so running them more often
than needed is harmless. Two ways to run them:
- embedded default (no Redis): ``flask --app wsgi jobs tick`` from cron, e.g. every five minutes;
- with Redis: ``rq cron anef.cron`` (see :mod:`anef.cron`) queues :func:`tick` every five minutes,
  and any ``rq worker`` runs it.
"""
from __future__ import annotations

from flask import current_app

from anef.jobs import _resolve

# (name shown in reports, job function): run in this order at each tick.
TASKS = (
    ("requeued_jobs", "anef.jobs.requeue_abandoned"),
    ("complement_reminders", "anef.dossiers.corrections.remind_complements"),
    ("attestations_renewed", "anef.attestations.services.renew_prolongations"),
    ("appointment_reminders", "anef.appointments.reminders.send_reminders"),
    ("notifications_requeued", "anef.notifications.services.sweep_outbox"),
    ("documents_requeued", "anef.documents.services.retry_all_stuck"),
)


def tick() -> dict[str, int]:
    """Run every scheduled task once; return how much each did. A failing task does not stop the others."""
    from anef.extensions import db

    report = {}
    for name, path in TASKS:
        try:
            report[name] = int(_resolve(path)() or 0)
        except Exception:  # noqa: BLE001 - one broken task must not starve the rest; it is logged
            db.session.rollback()
            current_app.logger.exception("scheduled task %s failed", name)
            report[name] = -1
    return report
