"""The load generator (locust, headless), run by :mod:`bench.national` in a process of its own.

Environment: ``BENCH_FIXTURES`` (JSON written by the harness: accounts, dossiers, search terms),
``BENCH_SCENARIO`` (one scenario name, as fast as the users can go; or ``mix`` for the national mix at
``BENCH_USER_RATE`` requests per second per user).
"""
from __future__ import annotations

import itertools
import json
import os
import random

from locust import constant, constant_throughput, events, task
from locust.contrib.fasthttp import FastHttpUser

from bench import scenarios
from bench.scenarios import Person

SCENARIO = os.environ.get("BENCH_SCENARIO", "mix")
with open(os.environ["BENCH_FIXTURES"]) as f:
    FIXTURES = json.load(f)
SKIPPED = set(FIXTURES.get("skipped", ()))
_applicants = itertools.count(random.randrange(1_000))
_agents = itertools.count(random.randrange(100))
_login_agents = itertools.count(random.randrange(100))


def applicant() -> Person:
    email, filed, draft = FIXTURES["applicants"][next(_applicants) % len(FIXTURES["applicants"])]
    return Person(email=email, role="applicant", filed=filed, draft=draft, page_floor=FIXTURES["page_floor"])


def agent(pool: str = "agents", counter=_agents) -> Person:
    email, service_id = FIXTURES[pool][next(counter) % len(FIXTURES[pool])]
    return Person(email=email, role="instructeur", service_id=service_id, totp_secret=FIXTURES["totp_secret"],
                  samples=FIXTURES["samples"][str(service_id)])


def _run(user, name):
    fn = scenarios.SCENARIOS[name][0] if name != "bare_flask" else scenarios.bare
    if name == "login" and user.person.role != "applicant":
        # A fresh agent each time: TOTP codes cannot be used twice.
        user.person = agent("login_agents", _login_agents)
    fn(user.client, user.person)


class Base(FastHttpUser):
    abstract = True
    role = "anonymous"
    # Keep-alive connections, as a browser behind a load balancer has.
    concurrency = 1

    def on_start(self):
        if self.role in ("applicant", "agent"):
            self.person = applicant() if self.role == "applicant" else agent()
            if SCENARIO == "mix":
                # At the peak most people are already logged in: their sessions are opened without the password.
                user_id, version = FIXTURES["user_ids"][self.person.email]
                scenarios.open_session(self.client, self.person, secret_key=FIXTURES["secret_key"], user_id=user_id,
                                       version=version, home="/dossiers/" if self.role == "applicant" else "/agent/")
            else:
                scenarios.log_in(self.client, self.person, "setup:login")
        elif self.role == "verifier":
            self.person = Person(samples=FIXTURES.get("attestation_tokens") or [""])
        else:
            self.person = Person()


def _single(name: str):
    """Users that run one scenario back to back."""
    role = "anonymous" if name == "bare_flask" else scenarios.SCENARIOS[name][1]
    if name == "login":
        role = "anonymous"

    class One(Base):
        wait_time = constant(0)

        @task
        def act(self):
            if name == "login":
                # Nine applicants for one agent.
                self.person = applicant() if random.random() < 0.9 else agent("login_agents", _login_agents)
            _run(self, name)

    One.role = role
    return One


def _mix_class(role: str, share: int):
    names = [n for n, (_fn, who, _w) in scenarios.SCENARIOS.items() if who == role and n not in SKIPPED]
    weights = [scenarios.SCENARIOS[n][2] for n in names]
    rate = float(os.environ.get("BENCH_USER_RATE", "1"))

    class Mix(Base):
        weight = share
        wait_time = constant_throughput(rate)

        @task
        def act(self):
            _run(self, random.choices(names, weights)[0])

    Mix.role = role
    Mix.__name__ = f"Mix_{role}"
    return Mix


if SCENARIO == "mix":
    _shares = {}
    for _name, (_fn, _who, _weight) in scenarios.SCENARIOS.items():
        if _name not in SKIPPED:
            _shares[_who] = _shares.get(_who, 0) + _weight
    for _who, _share in _shares.items():
        globals()[f"Mix_{_who}"] = _mix_class(_who, _share)
else:
    BenchUser = _single(SCENARIO)


WARMUP = float(os.environ.get("BENCH_WARMUP", "0"))
_environment = None


@events.init.add_listener
def _keep(environment, **_kw):
    global _environment
    _environment = environment


@events.spawning_complete.add_listener
def _warm_up(user_count, **_kw):
    """Figures start after the warm-up: the users' log-ins at start and cold caches are not the steady state."""
    import gevent

    gevent.spawn_later(WARMUP, _environment.stats.reset_all)


_all_requests = [0]


@events.request.add_listener
def _count(**_kw):
    _all_requests[0] += 1


@events.quitting.add_listener
def _exit_zero(environment, **_kw):
    # Every request of the run, warm-up included: the harness divides the servers' CPU time by it.
    if os.environ.get("BENCH_TOTAL_FILE"):
        with open(os.environ["BENCH_TOTAL_FILE"], "w") as f:
            f.write(str(_all_requests[0]))
    # Failures are reported in the table; the harness decides what they mean.
    environment.process_exit_code = 0
