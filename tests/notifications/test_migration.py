"""Migration 0009 matches the models and keeps the outbox written before it valid."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text

from conftest import make_app


def test_existing_outbox_rows_stay_valid_and_the_schema_matches_the_models(tmp_path):
    from flask_migrate import upgrade

    from anef.extensions import db

    app = make_app(str(tmp_path), {"url": f"sqlite:///{tmp_path}/m.sqlite3", "redis": None})
    with app.app_context():
        upgrade(revision="0008")
        now = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.timezone.utc)
        db.session.execute(text(
            "INSERT INTO outbox_messages (recipient, subject, body, created_at, sent_at) VALUES "
            "('a@example.fr', 'Envoyé', 'corps', :now, :now), ('b@example.fr', 'Pas encore', 'corps', :now, NULL)"),
            {"now": now})
        db.session.commit()
        upgrade(revision="0009")
        rows = db.session.execute(text("SELECT recipient, channel, status, attempts, idempotency_key "
                                       "FROM outbox_messages ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [("a@example.fr", "email", "envoye", 0, None),
                                            ("b@example.fr", "email", "en_attente", 0, None)]
        inspector = inspect(db.engine)
        for table in ("outbox_messages", "users"):
            migrated = {c["name"]: c for c in inspector.get_columns(table)}
            for column in db.metadata.tables[table].columns:
                if table == "users" and (column.name not in migrated or column.name == "email"):
                    continue  # columns of later migrations (not this one's); email is nullable since 0015
                assert column.name in migrated, f"{table}.{column.name} missing from the migrations"
                assert migrated[column.name]["nullable"] == column.nullable, f"{table}.{column.name} nullability"
        uniques = {u["name"] for u in inspector.get_unique_constraints("outbox_messages")}
        assert "uq_outbox_messages_idempotency_key_channel" in uniques
        indexes = {i["name"] for i in inspector.get_indexes("outbox_messages")}
        assert {"ix_outbox_messages_status_created", "ix_outbox_messages_service_status",
                "ix_outbox_messages_dossier_id"} <= indexes
        # And back: the downgrade removes what 0009 added.
        from flask_migrate import downgrade

        downgrade(revision="0008")
        assert "channel" not in {c["name"] for c in inspect(db.engine).get_columns("outbox_messages")}
        assert "mobile_phone" not in {c["name"] for c in inspect(db.engine).get_columns("users")}
        db.session.remove()
        db.engine.dispose()
