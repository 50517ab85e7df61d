"""Stateless app servers: two gunicorn servers and two RQ workers on one PostgreSQL and one Redis.

A person logs in on server A, uploads on server B, sees the processed page on A; every job is run by one of
the two workers, whichever server enqueued it; a log-out on B ends the session on A too. Files are shared
through one local storage folder given to every process (STORAGE_PATH), as a shared NFS folder would be in
production; S3 (STORAGE_BACKEND=s3) shares them the same way.

Runs only with TEST_DATABASE_URL and TEST_REDIS_URL (PostgreSQL and Redis): skipped otherwise.
"""
from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(
    not (os.environ.get("TEST_DATABASE_URL") and os.environ.get("TEST_REDIS_URL")),
    reason="needs PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL)")

CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"|name="csrf_token" value="([^"]+)"')


def _token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) or found.group(2)


class Server:
    """A gunicorn app server on a port the system chooses, with an instance folder of its own."""

    def __init__(self, env: dict, instance: Path):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.set_inheritable(True)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        instance.mkdir()
        self.log = instance / "gunicorn.log"
        self.output = self.log.open("w")
        self.proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "-b", f"fd://{self.sock.fileno()}",
             "-w", "1", "--threads", "2", "wsgi:app"],
            cwd=ROOT, env=dict(env, ANEF_INSTANCE_PATH=str(instance)), pass_fds=(self.sock.fileno(),),
            stdout=self.output, stderr=subprocess.STDOUT)

    def wait(self):
        import requests

        deadline = time.time() + 60
        while time.time() < deadline:
            assert self.proc.poll() is None, self.log.read_text()
            try:
                if requests.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise AssertionError(f"server did not start: {self.log.read_text()}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)
        self.sock.close()
        self.output.close()


@pytest.fixture
def cluster(app, _database, tmp_path):
    """Two app servers and two RQ workers sharing the suite's PostgreSQL, Redis and a storage folder."""
    env = dict(os.environ)
    for name in list(env):
        if name.startswith(("S3_", "CLAMD_", "MAIL_")):
            env.pop(name)
    env.update({
        "DATABASE_URL": _database["url"], "REDIS_URL": _database["redis"],
        # The same secret everywhere: a session signed by one server is read by the other.
        "SECRET_KEY": "deploy-test-" + "s" * 40,
        "STORAGE_BACKEND": "local", "STORAGE_PATH": str(tmp_path / "shared-files"),
        "ANEF_ENV": "development", "ANEF_DEV_PAGES": "0", "RATELIMIT_ENABLED": "0", "JOBS_SYNC": "0",
        "PYTHONPATH": str(ROOT), "GUNICORN_ACCESSLOG": "",
    })
    servers = [Server(env, tmp_path / name) for name in ("server-a", "server-b")]
    logs = [(tmp_path / f"{name}.log").open("w") for name in ("deploy-worker-1", "deploy-worker-2")]
    workers = [subprocess.Popen([str(BIN / "rq"), "worker", "anef", "--with-scheduler", "--url", _database["redis"],
                                 "--name", name],
                                cwd=ROOT, env=dict(env, ANEF_INSTANCE_PATH=str(tmp_path / name)),
                                stdout=log, stderr=subprocess.STDOUT)
               for name, log in zip(("deploy-worker-1", "deploy-worker-2"), logs, strict=True)]
    try:
        for server in servers:
            server.wait()
        yield {"a": servers[0], "b": servers[1], "workers": workers, "tmp": tmp_path}
    finally:
        for server in servers:
            server.stop()
        for worker, log in zip(workers, logs, strict=True):
            worker.terminate()
            worker.wait(30)
            log.close()


def _photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.linear_gradient("L").resize((600, 800)).convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()


def _wait_for_pages(app, dossier_reference, count, timeout=90):
    """The dossier's pages once ``count`` of them are processed (by a worker), or fail after ``timeout``."""
    from sqlalchemy import select

    from anef.documents.models import Document, DocumentPage
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    deadline = time.time() + timeout
    while time.time() < deadline:
        with app.app_context():
            pages = db.session.scalars(
                select(DocumentPage).join(Document).join(Dossier, Dossier.id == Document.dossier_id)
                .where(Dossier.reference == dossier_reference).order_by(DocumentPage.id)).all()
            states = [(p.id, p.status) for p in pages]
            db.session.remove()
        if len(states) >= count and all(status != "en_cours" for _id, status in states):
            return states
        time.sleep(0.3)
    raise AssertionError(f"pages not processed in {timeout} s: {states}")


def test_session_uploads_and_jobs_work_whichever_server_answers(app, cluster, applicant):
    import requests
    from redis import Redis
    from rq import Queue
    from rq.job import Job
    from rq.registry import FinishedJobRegistry

    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db
    from conftest import PASSWORD, student_answers

    with app.test_request_context():
        reference = services.create_draft(db.session.get(User, applicant), "etudiant", student_answers()).reference
    a, b = cluster["a"].url, cluster["b"].url
    browser = requests.Session()  # one browser; the load balancer sends each request to either server

    # Log in on A; B knows the session.
    form = browser.get(f"{a}/compte/connexion")
    landed = browser.post(f"{a}/compte/connexion", data={"csrf_token": _token(form.text),
                                                         "email": "usager@example.fr", "password": PASSWORD})
    assert landed.url.endswith("/dossiers/") and reference in landed.text
    page = browser.get(f"{b}/dossiers/{reference}/documents")
    assert page.status_code == 200 and page.url.startswith(b) and "/compte/connexion" not in page.url

    # Jobs finished before this point belong to other tests sharing the suite's Redis database.
    redis = Redis.from_url(app.config["REDIS_URL"])
    earlier = set(FinishedJobRegistry(queue=Queue("anef", connection=redis)).get_job_ids())

    # Upload on B (with the CSRF token B gave), then a second page on A.
    photo = _photo()
    for server, body in ((b, photo), (a, photo + b"\xff\xd9")):
        token = _token(browser.get(f"{server}/dossiers/{reference}/documents").text)
        sent = browser.post(f"{server}/dossiers/{reference}/documents", data={"csrf_token": token, "kind": "passeport"},
                            files={"file": ("photo.jpg", body, "image/jpeg")})
        assert sent.status_code == 200 and "page ajoutée" in sent.text
    # The workers process both pages; A shows them ready and serves the processed file stored by a worker.
    pages = _wait_for_pages(app, reference, 2)
    assert [status for _id, status in pages] == ["pret", "pret"]
    row = browser.get(f"{a}/dossiers/{reference}/documents/passeport/etat", headers={"HX-Request": "true"}).text
    assert row.count("prêt") >= 2
    for page_id, _status in pages:
        served = browser.get(f"{a}/dossiers/{reference}/documents/pages/{page_id}/fichier")
        assert served.status_code == 200 and served.content[:3] == b"\xff\xd8\xff"
    assert any((cluster["tmp"] / "shared-files").rglob("*")), "the processed files are in the shared folder"

    # Every job, from A or B, was run by one of the two workers.
    finished = set(FinishedJobRegistry(queue=Queue("anef", connection=redis)).get_job_ids()) - earlier
    assert len(finished) >= 2
    workers = {Job.fetch(job_id, connection=redis).worker_name for job_id in finished}
    assert workers <= {"deploy-worker-1", "deploy-worker-2"} and workers

    # Log out on B: the session ends on A as well.
    token = _token(browser.get(f"{b}/dossiers/").text)
    browser.post(f"{b}/compte/deconnexion", data={"csrf_token": token})
    after = browser.get(f"{a}/dossiers/")
    assert "/compte/connexion" in after.url
