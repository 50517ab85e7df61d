"""Helpers of the message tests: URLs, posting as a person, reading the database."""
from __future__ import annotations

import html
import io

import pytest
from sqlalchemy import select

from conftest import PDF_BYTES, login


def applicant_url(reference: str) -> str:
    return f"/dossiers/{reference}/messages"


def agent_url(reference: str) -> str:
    return f"/agent/dossiers/{reference}/messages"


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def post_message(client, url, body, attachment=None, **headers):
    data = {"body": body}
    if attachment is not None:
        name, content = attachment
        data["attachment"] = (io.BytesIO(content), name)
    return client.post(url, data=data, content_type="multipart/form-data", headers=headers)


def messages_of(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.messages.models import Message

    with app.app_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
        rows = db.session.scalars(select(Message).where(Message.dossier_id == dossier_id).order_by(Message.id)).all()
        return [{"id": m.id, "body": m.body, "from_service": m.from_service, "read_at": m.read_at,
                 "read_by_id": m.read_by_id, "document_id": m.document_id, "author_id": m.author_id} for m in rows]


def audit_actions(app):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return [(e.action, e.target, e.actor_id) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


@pytest.fixture
def applicant_client(app, applicant):
    client = app.test_client()
    login(client, "usager@example.fr")
    return client


@pytest.fixture
def agent_client(app, agent_75):
    client = app.test_client()
    login(client, "instructeur75@example.fr")
    return client


@pytest.fixture
def pdf_bytes():
    return PDF_BYTES
