"""Background jobs: inline by default, RQ on Redis when REDIS_URL is set.

A job is a plain function named by its import path; it runs inside an application context
(the worker builds its own application, see :mod:`anef.worker`).
"""
from __future__ import annotations

import importlib

from flask import current_app

QUEUE_NAME = "anef"


def _resolve(path: str):
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def redis_connection():
    """The Redis connection of the current application, or None in the embedded default."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    conn = current_app.extensions.get("anef_redis")
    if conn is None:
        from redis import Redis

        conn = Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
        current_app.extensions["anef_redis"] = conn
    return conn


def get_queue():
    """The RQ queue, or None when jobs run inline."""
    conn = redis_connection()
    if conn is None:
        return None
    from rq import Queue

    return Queue(QUEUE_NAME, connection=conn, is_async=not current_app.config["JOBS_SYNC"])


def enqueue(path: str, **kwargs) -> None:
    """Run the job ``path`` with ``kwargs``: queued on Redis when configured, else now."""
    queue = get_queue()
    if queue is None:
        try:
            _resolve(path)(**kwargs)
        except Exception:  # noqa: BLE001 - like a worker: log it, the request that asked goes on
            current_app.logger.exception("job %s failed", path)
        return
    from redis.exceptions import RedisError
    from rq import Retry

    try:
        queue.enqueue("anef.worker.run", path, kwargs, retry=Retry(max=3, interval=[10, 60, 300]),
                      job_timeout=120)
    except RedisError:
        # The change that asked for the job is already saved; the sweeper queues it again later.
        current_app.logger.warning("queue unavailable, job %s left for the sweeper", path)


def backend_status() -> str:
    """``inline``, ``ok`` (Redis answers) or ``unavailable``."""
    conn = redis_connection()
    if conn is None:
        return "inline"
    try:
        conn.ping()
    except Exception:  # noqa: BLE001 - any failure means the queue cannot be used
        return "unavailable"
    return "ok"


def requeue_abandoned(now: float | None = None) -> int:
    """Queue again jobs whose worker died mid-run (killed, host lost); return how many.

    A job counts as abandoned once its execution's lease has expired at ``now`` (default: the
    current time), that is when no live worker has renewed it.

    RQ delivers at least once: every job of ours is idempotent (a processed page, a sent e-mail
    are left alone), so running one again is safe.
    """
    queue = get_queue()
    if queue is None:
        return 0
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    started = StartedJobRegistry(queue=queue)
    # Jobs whose worker stopped sending heartbeats are moved to the failed registry by cleanup().
    before = queue.count
    started.cleanup(timestamp=now)
    retried = queue.count - before  # jobs with retries left are queued again by cleanup itself
    failed = FailedJobRegistry(queue=queue)
    ids = failed.get_job_ids()
    for job_id in ids:
        failed.requeue(job_id)
    return retried + len(ids)
