"""Migration 0015 (inclusion) matches the models, keeps existing accounts, and goes back down."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text

from conftest import make_app

TABLES = ("one_time_codes", "kiosk_devices", "mandates", "mediation_acts", "substitute_declarations")


def test_0015_makes_e_mail_optional_adds_the_inclusion_tables_and_downgrades(tmp_path):
    from flask_migrate import downgrade, upgrade

    from anef.extensions import db

    app = make_app(str(tmp_path), {"url": f"sqlite:///{tmp_path}/m.sqlite3", "redis": None})
    with app.app_context():
        upgrade(revision="0015")
        downgrade(revision="-1")  # the revision 0015 comes after, whichever it is
        now = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.timezone.utc)
        db.session.execute(text("INSERT INTO users (email, password_hash, role, given_names, family_name, "
                                "active, session_version, totp_last_step, created_at) VALUES "
                                "('a@example.fr', 'x', 'applicant', 'A', 'B', 1, 1, 0, :now)"), {"now": now})
        db.session.commit()
        upgrade(revision="0015")
        inspector = inspect(db.engine)
        columns = {c["name"]: c for c in inspector.get_columns("users")}
        assert columns["email"]["nullable"] and {"login_phone", "access_id", "access_code_hash"} <= set(columns)
        uniques = {u["name"] for u in inspector.get_unique_constraints("users")}
        assert {"uq_users_email", "uq_users_login_phone", "uq_users_access_id"} <= uniques
        for table in TABLES:
            migrated = {c["name"]: c for c in inspector.get_columns(table)}
            for column in db.metadata.tables[table].columns:
                assert column.name in migrated, f"{table}.{column.name} missing from 0015"
                assert migrated[column.name]["nullable"] == column.nullable, f"{table}.{column.name} nullability"
            indexes = {i["name"] for i in inspector.get_indexes(table)}
            expected = {i.name for i in db.metadata.tables[table].indexes}
            assert expected <= indexes, f"{table}: {expected - indexes}"
        # The account kept, and one without e-mail now possible.
        db.session.execute(text("INSERT INTO users (email, login_phone, password_hash, role, given_names, "
                                "family_name, active, session_version, totp_last_step, created_at) VALUES "
                                "(NULL, '+33612345678', 'x', 'applicant', 'C', 'D', 1, 1, 0, :now)"), {"now": now})
        db.session.execute(text("DELETE FROM users WHERE email IS NULL"))
        db.session.commit()
        downgrade(revision="-1")
        inspector = inspect(db.engine)
        assert not set(TABLES) & set(inspector.get_table_names())
        assert db.session.execute(text("SELECT email FROM users")).scalars().all() == ["a@example.fr"]
        db.session.remove()
        db.engine.dispose()
