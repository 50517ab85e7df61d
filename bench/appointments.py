"""Slot search and booking throughput: 100 services, 10,000 bookings a day.

Usage: ``.venv/bin/python -m bench.appointments`` (SQLite in a temporary folder, or DATABASE_URL when set:
use an empty database). Prints figures; nothing is asserted.
"""
from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVICES = 100
BOOKINGS = int(os.environ.get("BENCH_BOOKINGS", 10_000))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ANEF_INSTANCE_PATH"] = tmp
        from flask_migrate import upgrade
        from sqlalchemy import select, text

        from anef import create_app
        from anef.accounts.models import User
        from anef.agents.models import Service
        from anef.appointments import services
        from anef.appointments.models import Motif, Slot
        from anef.extensions import db

        app = create_app({"SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/b.sqlite3"})
        with app.app_context():
            upgrade()
            monday = dt.date.today() + dt.timedelta(days=7 - dt.date.today().weekday())
            service_ids = db.session.scalars(select(Service.id).order_by(Service.id).limit(SERVICES)).all()
            start = time.perf_counter()
            for service_id in service_ids:
                services.seed_agenda(service_id, monday, days=5)
            slots_count = db.session.scalar(select(db.func.count()).select_from(Slot))
            print(f"agenda of {len(service_ids)} services, {slots_count} slots a week: "
                  f"{time.perf_counter() - start:.1f} s")
            db.session.execute(User.__table__.insert(), [
                {"email": f"p{i}@bench.fr", "password_hash": "x", "role": "applicant", "given_names": "P",
                 "family_name": str(i), "active": True, "session_version": 1, "totp_last_step": 0,
                 "created_at": dt.datetime.now(dt.timezone.utc)} for i in range(BOOKINGS)])
            db.session.commit()
            users = db.session.scalars(select(User.id).where(User.email.like("%@bench.fr"))).all()
            motifs = db.session.scalars(select(Motif).where(Motif.code == services.COLLECTION)).all()
            after = dt.datetime.combine(monday, dt.time(), dt.timezone.utc)
            before = after + dt.timedelta(days=28)
            searches = []
            for i in range(300):
                t = time.perf_counter()
                services.free_slots(motifs[i % len(motifs)].id, after, before)
                searches.append((time.perf_counter() - t) * 1000)
            print(f"free-slot search (4 weeks, one reason of one service): median {statistics.median(searches):.2f} ms,"
                  f" p95 {sorted(searches)[int(len(searches) * 0.95)]:.2f} ms")
            start = time.perf_counter()
            booked = refused = 0
            for i, user_id in enumerate(users):
                motif = motifs[i % len(motifs)]
                free = services.free_slots(motif.id, after, before, limit=1)
                try:
                    services.book(user_id=user_id, slot_id=free[0].id)
                    booked += 1
                except (services.BookingError, IndexError):
                    refused += 1
            elapsed = time.perf_counter() - start
            print(f"{booked} bookings (search + book each) in {elapsed:.1f} s: {booked / elapsed:.0f} bookings/s "
                  f"on one process; {refused} found no free slot")
            if db.engine.dialect.name == "postgresql":
                # Fresh planner statistics, as autovacuum would give a live database.
                db.session.commit()
                db.session.execute(text("ANALYZE"))
                db.session.commit()
            searches = []
            for i in range(300):
                t = time.perf_counter()
                services.free_slots(motifs[i % len(motifs)].id, after, before)
                searches.append((time.perf_counter() - t) * 1000)
            print(f"free-slot search after {booked} bookings: median {statistics.median(searches):.2f} ms")
            db.engine.dispose()


if __name__ == "__main__":
    main()
