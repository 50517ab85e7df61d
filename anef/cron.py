"""RQ's cron configuration: ``rq cron anef.cron --url $REDIS_URL`` queues the scheduler's tick.

The tick itself (:func:`anef.scheduler.tick`) runs in an ``rq worker`` like any job.
"""
import os

from rq import cron

from anef.jobs import QUEUE_NAME
from anef.worker import run

TICK_SECONDS = int(os.environ.get("SCHEDULER_TICK_SECONDS", "300"))

cron.register(run, QUEUE_NAME, args=("anef.scheduler.tick", {}), interval=TICK_SECONDS, job_timeout=600,
              name="anef-tick")
