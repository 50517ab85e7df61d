"""The national-peak benchmark: ``make bench`` (or ``.venv/bin/python -m bench.national``).

1. Seeds PostgreSQL (BENCH_DOSSIERS dossiers, default 100,000) once per size and schema: the seeded database
   is kept as a template (``anef_bench_seed_<size>_<key>``) and copied into ``anef_bench`` for each run.
2. Starts the application under gunicorn (gunicorn.conf.py) on a port chosen by the system, an RQ worker,
   Redis db 9 (``BENCH_REDIS``), and the same gunicorn serving a bare Flask endpoint.
3. Counts the SQL statements of each scenario once (one worker, ``bench.counted``, not under load).
4. Drives locust (headless, a process of its own) through each scenario for BENCH_SECONDS (default 15),
   then the national mix at BENCH_RATE requests per second (default 400) for BENCH_MIX_SECONDS (default 60),
   sampling the workers' memory every 30 s.
5. Prints the table and writes ``bench/results/latest.json``.

Other settings: BENCH_USERS (concurrent users of a single-scenario run, 16), BENCH_SCENARIOS (comma-separated
subset), BENCH_SERVICES (agents of these services only, e.g. pref-75,pref-93), BENCH_MIX_SECONDS=0 (no mix),
BENCH_BARE=0 (no bare-Flask row), BENCH_RATE and BENCH_USER_RATE (the mix: requests per second in all and per
user), BENCH_OUTPUT (file name in bench/results/), BENCH_RESEED=1, BENCH_PG (server URL,
postgresql://postgres@127.0.0.1:5432), BENCH_REDIS, BENCH_PROFILE=mix or a scenario name (py-spy on the workers
during it), GUNICORN_* (see gunicorn.conf.py). Nothing is asserted: targets are read from the table.

A full run with the defaults takes about 7 minutes, plus the first seeding of a size (100,000 dossiers: about
a minute or two; 1,000,000: 6.5 to 8 minutes on 2 cores).
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
DB = "anef_bench"
# The servers' session key: the load generator signs the sessions of people already logged in with it.
SECRET_KEY = "bench-only-" + "k" * 40


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432").rstrip("/")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/9")
DOSSIERS = env_int("BENCH_DOSSIERS", 100_000)
SECONDS = env_int("BENCH_SECONDS", 15)
MIX_SECONDS = env_int("BENCH_MIX_SECONDS", 60)
USERS = env_int("BENCH_USERS", 16)
RATE = env_int("BENCH_RATE", 400)
USER_RATE = float(os.environ.get("BENCH_USER_RATE", "1"))


def log(*args) -> None:
    print(*args, flush=True)


# ------------------------------------------------------------------ database

def seed_key() -> str:
    """Changes when the seed changes: a cached seeded database of another seed is rebuilt."""
    return hashlib.sha256((ROOT / "bench" / "seed.py").read_bytes()).hexdigest()[:10]


def migration_hashes() -> dict[str, str]:
    """Each migration's revision id and a hash of its file: a migration edited after a seed means a reseed
    (its revision is already applied there), a new one is simply applied on the copy."""
    import re

    hashes = {}
    for path in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        text = path.read_text()
        found = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        if found:
            hashes[found.group(1)] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return hashes


def admin(sql: str, database: str = "postgres") -> list:
    import psycopg

    with psycopg.connect(f"{PG}/{database}", autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchall() if cur.description else []


def migrate(url: str, instance: str) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, check=True,
                   env=app_env(url, instance), stdout=subprocess.DEVNULL)


def prepare_database(instance: str) -> dict:
    """A fresh ``anef_bench`` copied from the cached seeded database of this size and seed.

    The template remembers the migrations it was built with (table ``bench_seed``): when one of them has
    changed since, it is rebuilt; migrations added since are applied to the copy (their tables stay empty).
    BENCH_RESEED=1 rebuilds it anyway.
    """
    from bench.seed import place_pdf, seed

    template = f"anef_bench_seed_{DOSSIERS}_{seed_key()}"
    current = migration_hashes()
    found = admin(f"SELECT 1 FROM pg_database WHERE datname = '{template}'")
    stale = []
    if found:
        seeded = dict(admin("SELECT revision, hash FROM bench_seed", template))
        stale = [rev for rev, digest in seeded.items() if current.get(rev) != digest]
        if stale or os.environ.get("BENCH_RESEED") == "1":
            log(f"cached seed {template} is stale (migrations changed since: {', '.join(stale) or 'BENCH_RESEED'})")
            found = []
    info = {"template": template, "cached": bool(found)}
    if not found:
        # Older seeds of this size only (compared in Python: "_" is a wildcard of LIKE, 100000_ would match 1000000_).
        for (old,) in admin("SELECT datname FROM pg_database WHERE datname LIKE 'anef\\_bench\\_seed\\_%'"):
            if old.startswith(f"anef_bench_seed_{DOSSIERS}_"):
                admin(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
        building = template + "_new"
        admin(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        admin(f'CREATE DATABASE "{building}"')
        migrate(f"{PG}/{building}", instance)
        log(f"seeding {DOSSIERS} dossiers into {building}…")
        started = time.perf_counter()
        info.update(seed(f"{PG}/{building}", DOSSIERS, str(Path(instance) / "files"), log=log))
        info["seed_seconds"] = round(time.perf_counter() - started, 1)
        admin("CREATE TABLE bench_seed (revision text PRIMARY KEY, hash text NOT NULL)", building)
        values = ", ".join(f"('{rev}', '{digest}')" for rev, digest in current.items())
        admin(f"INSERT INTO bench_seed VALUES {values}", building)  # nosec B608 (hex digests, revision ids)
        admin(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
        log(f"seeded in {info['seed_seconds']} s")
    else:
        added = sorted(set(current) - set(dict(admin("SELECT revision, hash FROM bench_seed", template))))
        if added:
            log(f"migrations added since the seed, applied to the copy (their tables are empty): {', '.join(added)}")
            info["added_migrations"] = added
    admin(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
    started = time.perf_counter()
    admin(f'CREATE DATABASE "{DB}" TEMPLATE "{template}"')
    info["copy_seconds"] = round(time.perf_counter() - started, 1)
    place_pdf(str(Path(instance) / "files"))
    migrate(f"{PG}/{DB}", instance)
    return info


def fixtures(path: Path, skipped: list[str]) -> dict:
    """What the load generator needs: accounts with a filed dossier and a draft, agents, search terms."""
    import psycopg

    from bench.seed import TOTP_SECRET

    with psycopg.connect(f"{PG}/{DB}") as conn:
        applicants = conn.execute("""
            SELECT u.email, f.reference, d.reference FROM users u
            JOIN dossiers d ON d.applicant_id = u.id AND d.state = 'brouillon'
            JOIN dossiers f ON f.applicant_id = u.id AND f.state <> 'brouillon'
            WHERE u.role = 'applicant' AND u.email LIKE '%%@bench.anef.fr' AND d.answers::jsonb ? 'identite'
            ORDER BY u.id LIMIT 3000""").fetchall()
        step = max(1, DOSSIERS // 4000)
        rows = conn.execute(f"""
            SELECT service_id, reference, answers->'identite'->>'nom', answers->'passeport'->>'numero',
                   answers->'titre'->>'numero_etranger'
            FROM dossiers WHERE id % {step} = 0 AND state <> 'brouillon'""").fetchall()  # nosec B608
        samples: dict[str, list] = {}
        for service_id, *terms in rows:
            samples.setdefault(str(service_id), []).append(terms)
        agents = conn.execute("""
            SELECT email, service_id FROM users WHERE role = 'instructeur' AND email LIKE '%%@bench.anef.fr'
            ORDER BY (email LIKE 'instructeur0.%%') DESC, id""").fetchall()
        agents = [(e, s) for e, s in agents if str(s) in samples]
        if os.environ.get("BENCH_SERVICES"):
            # Compare sizes on the same services (big ones fill a page at any size): agents of these only.
            codes = tuple(os.environ["BENCH_SERVICES"].split(","))
            chosen = {str(i) for (i,) in conn.execute("SELECT id FROM services WHERE code = ANY(%s)",
                                                      (list(codes),)).fetchall()}
            agents = [(e, s) for e, s in agents if str(s) in chosen]
        page_floor = conn.execute("SELECT coalesce(max(id), 0) FROM document_pages").fetchone()[0]
        emails = [row[0] for row in applicants] + [email for email, _service in agents]
        user_ids = {email: [ident, version] for email, ident, version in conn.execute(
            "SELECT email, id, session_version FROM users WHERE email = ANY(%s)", (emails,)).fetchall()}
        tokens = attestation_tokens(conn)
    half = len(agents) // 2
    data = {"applicants": applicants, "agents": agents[:half], "login_agents": agents[half:], "samples": samples,
            "totp_secret": TOTP_SECRET, "page_floor": page_floor, "attestation_tokens": tokens, "skipped": skipped,
            "user_ids": user_ids, "secret_key": SECRET_KEY}
    path.write_text(json.dumps(data))
    return data


def attestation_tokens(conn) -> list[str]:
    """Tokens of issued attestations for the public verification, once the attestations work has landed."""
    if not conn.execute("SELECT to_regclass('public.attestations') IS NOT NULL").fetchone()[0]:
        return []
    columns = {r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns "
                                          "WHERE table_name = 'attestations'").fetchall()}
    if "token" not in columns:
        return []
    return [r[0] for r in conn.execute("SELECT token FROM attestations LIMIT 2000").fetchall()]


def reset_second_factor_steps() -> None:
    """Agents may log in again with the current TOTP step (each run is a new day for them)."""
    admin("UPDATE users SET totp_last_step = 0 WHERE totp_secret IS NOT NULL", DB)


# ------------------------------------------------------------------ processes

def app_env(url: str, instance: str, **extra) -> dict:
    from bench.seed import bench_signing_key_pem

    env = dict(os.environ)
    env.update({
        # Production settings except the Secure cookie: the bench speaks plain HTTP on the loopback, where a
        # client keeps Secure cookies to itself (a TLS load balancer is in front in production).
        "DATABASE_URL": url, "REDIS_URL": REDIS, "ANEF_ENV": "development", "ANEF_DEV_PAGES": "0",
        "ANEF_INSTANCE_PATH": instance,
        "SECRET_KEY": SECRET_KEY, "STORAGE_PATH": str(Path(instance) / "files"),
        # Every simulated person comes from 127.0.0.1: per-address throttling would refuse most log-ins.
        "RATELIMIT_ENABLED": "0", "PYTHONPATH": str(ROOT), "ATTESTATION_SIGNING_KEY": bench_signing_key_pem(),
    })
    env.update(extra)
    return env


def listening_socket() -> socket.socket:
    """A socket on a port chosen by the system, handed to gunicorn (no fixed port, no race)."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", int(os.environ.get("PORT", 0) or 0)))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class Server:
    """A gunicorn master serving ``target`` on a system-chosen port."""

    def __init__(self, target: str, env: dict, logfile: Path, *extra: str):
        self.sock = listening_socket()
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(logfile, "w")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "-b", f"fd://{self.sock.fileno()}",
             *extra, target], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            pass_fds=(self.sock.fileno(),))
        self.wait_ready()

    def wait_ready(self, path: str = "/") -> None:
        import requests

        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: see {self.log.name}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url + path, timeout=5).status_code < 500:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer: see {self.log.name}")

    def workers(self) -> list:
        import psutil

        return psutil.Process(self.proc.pid).children()

    @staticmethod
    def database_cpu() -> dict[int, float]:
        """CPU seconds so far of each PostgreSQL backend serving the bench's database, by pid."""
        import psutil

        times = {}
        for (pid,) in admin(f"SELECT pid FROM pg_stat_activity WHERE datname = '{DB}' AND pid <> pg_backend_pid()"):
            with contextlib.suppress(psutil.Error):
                cpu = psutil.Process(pid).cpu_times()
                times[pid] = cpu.user + cpu.system
        return times

    def cpu_seconds(self) -> float:
        """CPU time used by the workers so far, recycled ones included (the master has waited for those)."""
        import psutil

        master = psutil.Process(self.proc.pid).cpu_times()
        total = master.children_user + master.children_system
        for worker in self.workers():
            with contextlib.suppress(psutil.Error):
                times = worker.cpu_times()
                total += times.user + times.system
        return total

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.sock.close()
        self.log.close()


def rq_worker(env: dict, logfile: Path) -> subprocess.Popen:
    """One RQ worker for the upload jobs, at a lower priority than the app servers (in production it has a host)."""
    return subprocess.Popen(["nice", "-n", "10", str(BIN / "rq"), "worker", "anef", "--with-scheduler", "--url", REDIS],
                            cwd=ROOT, env=env, stdout=open(logfile, "w"), stderr=subprocess.STDOUT)  # noqa: SIM115


# ------------------------------------------------------------------ measuring

class CountingHttp:
    """The scenarios' HTTP interface over requests, adding up the X-SQL-Queries of every response."""

    def __init__(self, base: str):
        import requests

        self.base = base
        self.session = requests.Session()
        self.cookiejar = self.session.cookies
        self.queries: dict[str, int] = {}
        self.requests: dict[str, int] = {}

    def _note(self, name, response):
        for r in [*response.history, response]:
            self.queries[name] = self.queries.get(name, 0) + int(r.headers.get("X-SQL-Queries", 0))
            self.requests[name] = self.requests.get(name, 0) + 1
        response.raise_for_status()
        return response

    def get(self, path, name=None, headers=None):
        return self._note(name, self.session.get(self.base + path, headers=headers, timeout=30))

    def post(self, path, name=None, data=None, headers=None):
        return self._note(name, self.session.post(self.base + path, data=data, headers=headers, timeout=30))


def count_queries(url: str, data: dict, names: list[str]) -> dict[str, dict]:
    """Each scenario once, on a warm worker: SQL statements and HTTP requests of its named request."""
    from bench import scenarios

    agent_pool = iter(data["login_agents"][::-1])

    def agent():
        email, service_id = next(agent_pool)
        return scenarios.Person(email=email, role="instructeur", service_id=service_id,
                                totp_secret=data["totp_secret"], samples=data["samples"][str(service_id)])

    email, filed, draft = data["applicants"][-1]
    people = {"applicant": scenarios.Person(email=email, role="applicant", filed=filed, draft=draft,
                                            page_floor=data["page_floor"]),
              "agent": agent(), "anonymous": scenarios.Person(),
              "verifier": scenarios.Person(samples=data["attestation_tokens"] or [""])}
    sessions = {role: CountingHttp(url) for role in people}
    for role in ("applicant", "agent"):
        scenarios.log_in(sessions[role], people[role], "setup")
    result = {}
    for name in names:
        fn, role, _weight = scenarios.SCENARIOS[name]
        http = sessions[role]
        person = people[role]
        if name == "login":
            http, person = CountingHttp(url), scenarios.Person(email=email, role="applicant")
        fn(http, person)  # warm: first-time caches are not the steady cost
        http.queries.clear()
        http.requests.clear()
        fn(http, person)
        result[name] = {"queries": http.queries.get(name, 0), "requests": http.requests.get(name, 0),
                        "other_queries": sum(q for n, q in http.queries.items() if n != name)}
    return result


def run_locust(server: Server, fixtures_path: Path, scenario: str, seconds: int, users: int, out: Path,
               spawn_rate: int | None = None, user_rate: float | None = None, warmup: int = 3) -> dict[str, dict]:
    """One headless locust run in its own process; returns its statistics by request name.

    Users start at ``spawn_rate`` a second and log in; figures are reset ``warmup`` seconds after the last
    one started, then taken for ``seconds``. ``_cpu`` holds the CPU milliseconds per request of the app
    servers and of the load generator over the whole run (a figure that holds on a busy machine, where
    requests per second do not).
    """
    import resource

    url = server.url
    prefix = out / f"locust-{scenario}"
    env = dict(os.environ, BENCH_FIXTURES=str(fixtures_path), BENCH_SCENARIO=scenario, PYTHONPATH=str(ROOT),
               BENCH_USER_RATE=str(user_rate or USER_RATE), BENCH_WARMUP=str(warmup),
               BENCH_TOTAL_FILE=f"{prefix}_total.txt")
    reset_second_factor_steps()
    spawn_rate = spawn_rate or users
    total = seconds + warmup + -(-users // spawn_rate)
    command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--host", url,
               "-u", str(users), "-r", str(spawn_rate), "-t", f"{total}s", "--csv", str(prefix),
               "--only-summary", "--stop-timeout", "5", "--loglevel", "ERROR"]
    with open(out / f"locust-{scenario}.log", "w") as logfile:
        started = time.time()
        server_cpu = server.cpu_seconds()
        database_before = server.database_cpu()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        load = os.getloadavg()[0]
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT)
        proc.wait(total + 120)
        server_cpu = server.cpu_seconds() - server_cpu
        # Backends that ended during the run are missed: the pools keep theirs open, so few do.
        database_cpu = sum(t - database_before.get(pid, 0.0) for pid, t in server.database_cpu().items())
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        generator_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    stats = {}
    with open(f"{prefix}_stats.csv") as f:
        for row in csv.DictReader(f):
            count = int(row["Request Count"])
            stats[row["Name"]] = {
                "requests": count, "errors": int(row["Failure Count"]), "rps": round(float(row["Requests/s"]), 1),
                "p50": _ms(row["50%"]), "p95": _ms(row["95%"]), "p99": _ms(row["99%"]),
            }
    with contextlib.suppress(FileNotFoundError), open(f"{prefix}_failures.csv") as f:
        failures = list(csv.DictReader(f))
        if failures:
            stats["_failures"] = [{k: v for k, v in r.items()} for r in failures[:10]]
    stats["_wall"] = round(time.time() - started, 1)
    requests_made = int(Path(f"{prefix}_total.txt").read_text() or 0)
    stats["_cpu"] = {"server_ms": round(server_cpu * 1000 / max(requests_made, 1), 2),
                     "generator_ms": round(generator_cpu * 1000 / max(requests_made, 1), 2),
                     "database_ms": round(database_cpu * 1000 / max(requests_made, 1), 2),
                     "requests": requests_made, "load_before": round(load, 1),
                     "load_after": round(os.getloadavg()[0], 1)}
    return stats


def cpu_fields(stats: dict) -> dict:
    """The CPU columns of a row: app and database milliseconds per request, and what they allow on every core."""
    cpu = stats["_cpu"]
    spent = cpu["server_ms"] + cpu["database_ms"]
    return {"cpu_ms": cpu["server_ms"], "db_ms": cpu["database_ms"], "generator_ms": cpu["generator_ms"],
            "capacity": round((os.cpu_count() or 1) * 1000 / spent) if spent else None, "load": cpu["load_before"]}


def _ms(value: str) -> float | None:
    return None if value in ("N/A", "") else float(value)


class MemorySampler(threading.Thread):
    """Resident memory of each gunicorn worker every ``every`` seconds (workers are recycled: pids change)."""

    def __init__(self, server: Server, every: int = 30):
        super().__init__(daemon=True)
        self.server, self.every, self.samples, self.stop = server, every, [], threading.Event()

    def run(self):
        started = time.time()
        while not self.stop.is_set():
            with contextlib.suppress(Exception):
                rss = sorted(round(w.memory_info().rss / 2**20) for w in self.server.workers())
                self.samples.append({"t": round(time.time() - started), "rss_mb": rss})
            self.stop.wait(self.every)


LAYERS = (("argon2", "argon2 (password checks)"), ("psycopg", "PostgreSQL driver and waits"),
          ("sqlalchemy", "SQLAlchemy (ORM, SQL compilation)"), ("jinja2", "Jinja templates"),
          (".html", "Jinja templates"), ("markupsafe", "Jinja templates"), ("redis", "Redis client"),
          ("werkzeug", "Flask, Werkzeug, extensions"), ("flask", "Flask, Werkzeug, extensions"),
          ("itsdangerous", "Flask, Werkzeug, extensions"), ("wtforms", "Flask, Werkzeug, extensions"),
          ("babel", "Babel (translations, dates)"), ("gunicorn", "gunicorn (HTTP, sockets)"),
          ("selectors", "gunicorn (HTTP, sockets)"), ("(anef/", "ANEF code"), ("(plugins/", "ANEF code"),
          ("/anef/", "ANEF code"))


def profile(server: Server, seconds: int, out: Path) -> dict:
    """py-spy on every worker at once: time by layer (the sampled frame's library), the busiest frames
    (self time) and the ANEF functions with their callees (inclusive)."""
    procs = []
    for worker in server.workers():
        raw = out / f"profile-{worker.pid}.txt"
        procs.append((raw, subprocess.Popen(
            [str(BIN / "py-spy"), "record", "-p", str(worker.pid), "-d", str(seconds), "-r", "100", "-f", "raw",
             "-o", str(raw), "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
    layers: dict[str, int] = {}
    leaves: dict[str, int] = {}
    inclusive: dict[str, int] = {}
    samples = 0
    for raw, proc in procs:
        proc.wait(seconds + 60)
        if not raw.exists():
            continue
        for line in raw.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            frames = stack.split(";")
            n = int(count)
            samples += n
            leaf = frames[-1]
            layer = next((name for key, name in LAYERS if key in leaf), "Python standard library, other")
            layers[layer] = layers.get(layer, 0) + n
            leaves[leaf] = leaves.get(leaf, 0) + n
            for frame in set(frames):
                if "(anef/" in frame or "(plugins/" in frame or "/anef/" in frame:
                    inclusive[frame] = inclusive.get(frame, 0) + n
    if not samples:
        return {}

    def top(counts, k):
        return [(name, round(c / samples, 3)) for name, c in sorted(counts.items(), key=lambda x: -x[1])[:k]]

    return {"samples": samples, "layers": top(layers, 20), "self": top(leaves, 25), "anef": top(inclusive, 25)}


# ------------------------------------------------------------------ the run

def pending_scenarios() -> dict[str, str]:
    """Scenarios whose routes are not on main yet, with why."""
    from bench.scenarios import PENDING

    os.environ.setdefault("ANEF_INSTANCE_PATH", tempfile.mkdtemp(prefix="anef-bench-probe-"))
    from anef import create_app

    rules = {r.rule for r in create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).url_map.iter_rules()}
    return {name: f"no route {rule} on main yet" for name, rule in PENDING.items() if rule not in rules}


def table(rows: list[dict], bare_rps: float | None) -> str:
    """rps, p50/p95/p99 (ms), errors, SQL statements, the ratio to bare Flask, the CPU milliseconds per request of
    the app servers and of PostgreSQL, the requests per second those would allow if they had every core
    (``cap/s``), and the load average when the row started (above the core count, other work shared the
    machine and the measured rps are lower than the machine's)."""
    lines = [f"{'scenario':22} {'rps':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6} {'SQL':>4} {'×bare':>6} "
             f"{'app ms':>7} {'db ms':>6} {'cap/s':>6} {'load':>5}"]
    for row in rows:
        if "skipped" in row:
            lines.append(f"{row['name']:22} skipped: {row['skipped']}")
            continue
        ratio = f"{row['rps'] / bare_rps:.2f}" if bare_rps and row["name"] != "bare_flask" else ""
        queries = row.get("queries")
        lines.append(f"{row['name']:22} {row['rps']:8.1f} {row['p50'] or 0:7.0f} {row['p95'] or 0:7.0f} "
                     f"{row['p99'] or 0:7.0f} {row['errors']:6d} {'' if queries is None else queries:>4} {ratio:>6} "
                     f"{row.get('cpu_ms') or 0:7.1f} {row.get('db_ms') or 0:6.1f} {row.get('capacity') or 0:6.0f} "
                     f"{row.get('load') or 0:5.1f}")
    return "\n".join(lines)


def run_mix(server: Server, fixtures_path: Path, out: Path, mix_users: int, rows: list, details: dict,
            profile_box: dict) -> None:
    """The national mix: every kind of visitor at once, at BENCH_RATE requests per second in all."""
    log(f"national mix: {mix_users} users at {USER_RATE} req/s each, {MIX_SECONDS} s…")
    if os.environ.get("BENCH_PROFILE") in ("1", "mix"):
        threading.Timer(20 + mix_users // 40 + 5, lambda: profile_box.update(
            top=profile(server, min(30, MIX_SECONDS // 2), out))).start()
    mix = run_locust(server, fixtures_path, "mix", MIX_SECONDS, mix_users, out, spawn_rate=40,
                     warmup=20)
    details["mix"] = mix
    rows.append({"name": "national_peak_mix", **mix["Aggregated"], **cpu_fields(mix)})


def main() -> None:
    from bench import scenarios

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="anef-bench-"))
    instance = str(Path(tempfile.gettempdir()) / "anef-bench-instance")
    Path(instance, "files").mkdir(parents=True, exist_ok=True)
    started = time.time()
    skipped = pending_scenarios()
    wanted = [n for n in os.environ.get("BENCH_SCENARIOS", ",".join(scenarios.SCENARIOS)).split(",") if n]
    names = [n for n in wanted if n in scenarios.SCENARIOS and n not in skipped]
    log(f"ANEF national bench: {DOSSIERS} dossiers, {SECONDS} s per scenario, mix {MIX_SECONDS} s at {RATE} req/s; "
        f"logs in {out}")
    db_info = prepare_database(instance)
    log(f"database {DB}: copied from {db_info['template']} in {db_info['copy_seconds']} s"
        f"{' (cached seed)' if db_info['cached'] else ''}")
    fixtures_path = out / "fixtures.json"
    data = fixtures(fixtures_path, sorted(skipped))
    from redis import Redis

    Redis.from_url(REDIS).flushdb()
    env = app_env(f"{PG}/{DB}", instance)
    counted = Server("bench.counted:app", env, out / "counted.log", "-w", "1", "--threads", "1")
    try:
        queries = count_queries(counted.url, data, names)
    finally:
        counted.stop()
    log("SQL statements per scenario: " + ", ".join(f"{n} {q['queries']}" for n, q in queries.items()))
    worker = rq_worker(env, out / "rq.log")
    server = Server("wsgi:app", env, out / "gunicorn.log")
    sampler = MemorySampler(server)
    sampler.start()
    rows: list[dict] = []
    details: dict[str, dict] = {}
    profile_box: dict = {}
    try:
        for name in names:
            if os.environ.get("BENCH_PROFILE") == name:
                threading.Timer(5, lambda: profile_box.update(top=profile(server, max(5, SECONDS - 5), out))).start()
            stats = run_locust(server, fixtures_path, name, SECONDS, USERS, out)
            details[name] = stats
            row = stats.get(name) or {"requests": 0, "errors": 0, "rps": 0.0, "p50": None, "p95": None, "p99": None}
            rows.append({"name": name, **row, "queries": queries.get(name, {}).get("queries"), **cpu_fields(stats)})
            log(table(rows[-1:], None).splitlines()[1])
        mix_users = max(1, round(RATE / USER_RATE))
        if MIX_SECONDS > 0:
            run_mix(server, fixtures_path, out, mix_users, rows, details, profile_box)
    finally:
        sampler.stop.set()
        server.stop()
        worker.terminate()
        worker.wait(10)
    if os.environ.get("BENCH_BARE", "1") == "1":
        bare = Server("bench.bare:app", dict(os.environ, PYTHONPATH=str(ROOT)), out / "bare.log")
        try:
            stats = run_locust(bare, fixtures_path, "bare_flask", SECONDS, USERS, out)
            rows.append({"name": "bare_flask", **stats["bare_flask"], **cpu_fields(stats)})
            details["bare_flask"] = stats
        finally:
            bare.stop()
    for name, why in skipped.items():
        if name in wanted:
            rows.append({"name": name, "skipped": why})
    bare_rps = next((r["rps"] for r in rows if r["name"] == "bare_flask"), None)
    print()
    print(table(rows, bare_rps))
    print("\nworker memory (RSS MB, every 30 s):")
    for sample in sampler.samples:
        print(f"  t={sample['t']:>4} s  {sample['rss_mb']}")
    if profile_box.get("top"):
        top = profile_box["top"]
        print(f"\nprofile of the workers during {os.environ['BENCH_PROFILE']} ({top['samples']} samples): "
              "time by layer")
        for name, share in top["layers"]:
            print(f"  {share * 100:5.1f} %  {name}")
        print("busiest frames (self):")
        for name, share in top["self"][:12]:
            print(f"  {share * 100:5.1f} %  {name}")
        print("ANEF functions (with what they call):")
        for name, share in top["anef"][:15]:
            print(f"  {share * 100:5.1f} %  {name}")
    result = {
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "settings": {"dossiers": DOSSIERS, "seconds": SECONDS, "mix_seconds": MIX_SECONDS, "users": USERS,
                     "rate": RATE, "cores": os.cpu_count(),
                     "gunicorn": {k: v for k, v in os.environ.items() if k.startswith("GUNICORN_")}},
        "database": db_info,
        "scenarios": rows,
        "mix_breakdown": {k: v for k, v in details.get("mix", {}).items() if not k.startswith("_")},
        "failures": {k: v["_failures"] for k, v in details.items() if "_failures" in v},
        "cpu": {k: v["_cpu"] for k, v in details.items() if "_cpu" in v},
        "queries": queries,
        "memory": sampler.samples,
        "profile": profile_box.get("top", {}),
        "wall_seconds": round(time.time() - started),
    }
    target = RESULTS / os.environ.get("BENCH_OUTPUT", "latest.json")
    target.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"\nwritten {target} ({result['wall_seconds']} s in all)")


if __name__ == "__main__":
    main()
