"""Per-page figures: SQL queries, time and weight, on a database of BENCH_DOSSIERS dossiers.

Usage: ``make bench`` (or ``.venv/bin/python -m bench.pages``). Prints a table; nothing is asserted.
Runs on a throw-away SQLite database, or on DATABASE_URL when it is set (use an empty database).
"""
from __future__ import annotations

import datetime as dt
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed(app, count: int):
    """An applicant with a few dossiers, and ``count`` filed dossiers in Paris from other people."""
    from conftest import PASSWORD, TOTP_SECRET, student_answers
    from anef.accounts.models import User
    from anef.accounts.services import hash_password
    from anef.agents.models import Service
    from anef.dossiers.models import Dossier, Transition
    from anef.extensions import db
    from anef.models import utcnow

    with app.app_context():
        paris = db.session.query(Service).filter_by(code="pref-75").one()
        password = hash_password(PASSWORD)
        me = User(email="bench@example.fr", password_hash=password, role="applicant", given_names="Bench",
                  family_name="User", email_verified_at=utcnow())
        agent = User(email="agent@example.fr", password_hash=password, role="instructeur", service_id=paris.id,
                     email_verified_at=utcnow(), totp_secret=TOTP_SECRET, totp_confirmed_at=utcnow())
        db.session.add_all([me, agent])
        db.session.flush()
        answers = student_answers()
        now = utcnow()
        others = [User(email=f"p{i}@example.fr", password_hash=password, role="applicant", given_names="P",
                       family_name=str(i)) for i in range(max(1, count // 10))]
        db.session.add_all(others)
        db.session.flush()
        states = ["depose", "en_instruction", "complement_demande", "accepte"]
        for i in range(count):
            owner = me.id if i < 5 else others[i % len(others)].id
            d = Dossier(procedure="etudiant", applicant_id=owner, service_id=paris.id, state=states[i % 4],
                        reference=f"ANEF-2026-{i + 1:06d}-B", filed_at=now - dt.timedelta(minutes=i), answers=answers)
            db.session.add(d)
            if i % 500 == 0:
                db.session.flush()
        db.session.flush()
        db.session.execute(Transition.__table__.insert(), [
            {"dossier_id": d_id, "action": "submit", "from_state": "brouillon", "to_state": "depose",
             "actor_id": None, "at": now}
            for (d_id,) in db.session.query(Dossier.id)])
        db.session.commit()


def measure(app, client, url, runs=30):
    from anef.extensions import db
    from anef.testing.queries import count_queries

    with app.app_context():
        engine = db.engine
    with count_queries(engine) as statements:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    body = response.get_data()
    return len(statements), statistics.median(times), len(body), len(gzip.compress(body))


def static_weight(html: str) -> tuple[int, int]:
    """Bytes and gzip bytes of the CSS and JS a page loads (fonts and icons come on demand)."""
    import re

    total = gz = 0
    for path in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        data = (ROOT / "anef/static" / path).read_bytes()
        if "nomodule" in path:
            continue  # modern browsers skip it
        total += len(data)
        gz += len(gzip.compress(data))
    return total, gz


def main():
    count = int(os.environ.get("BENCH_DOSSIERS", 2000))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ANEF_INSTANCE_PATH"] = tmp
        from flask_migrate import upgrade

        from anef import create_app
        from conftest import login

        app = create_app({"WTF_CSRF_ENABLED": False, "SQLALCHEMY_DATABASE_URI":
                          os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"})
        with app.app_context():
            upgrade()
        t = time.perf_counter()
        seed(app, count)
        print(f"seeded {count} dossiers in {time.perf_counter() - t:.1f} s")
        applicant, agent = app.test_client(), app.test_client()
        login(applicant, "bench@example.fr")
        login(agent, "agent@example.fr")  # through the second factor
        rows = [
            ("home (anonymous)", app.test_client(), "/"),
            ("applicant dashboard", applicant, "/dossiers/"),
            ("applicant dossier page", applicant, "/dossiers/ANEF-2026-000001-B"),
            ("dossier status fragment", applicant, "/dossiers/ANEF-2026-000001-B"),
            ("agent queue", agent, "/agent/"),
            ("agent queue, tab traités", agent, "/agent/?onglet=traites"),
            ("agent dossier page", agent, "/agent/dossiers/ANEF-2026-000001-B"),
            ("healthz", app.test_client(), "/healthz"),
        ]
        print(f"{'page':28} {'queries':>7} {'median ms':>9} {'HTML B':>8} {'gzip B':>7}")
        for name, client, url in rows:
            if name == "dossier status fragment":
                client.environ_base["HTTP_HX_REQUEST"] = "true"
            q, ms, size, gz = measure(app, client, url)
            client.environ_base.pop("HTTP_HX_REQUEST", None)
            print(f"{name:28} {q:7d} {ms:9.1f} {size:8d} {gz:7d}")
        html = applicant.get("/dossiers/ANEF-2026-000001-B").get_data(as_text=True)
        css_js, css_js_gz = static_weight(html)
        print(f"dossier page weight: HTML {len(html.encode())} B + CSS/JS {css_js} B "
              f"(gzip {css_js_gz} B) + fonts on first visit")
        with app.app_context():
            from anef.extensions import db

            db.engine.dispose()


if __name__ == "__main__":
    main()
