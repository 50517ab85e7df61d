"""Dossiers at each point of the lifecycle where attestations are issued, and helpers to read them."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select

from conftest import PDF_BYTES, login, student_answers


def file_dossier(app, user_id, *, renewal=False, card_expires_in=90, today=None):
    """File a complete étudiant dossier of ``user_id`` in Paris; returns its reference."""
    from werkzeug.datastructures import FileStorage

    from anef.accounts.models import User
    from anef.documents.services import add_page
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        user = db.session.get(User, user_id)
        answers = student_answers(renewal=renewal, today=today)
        if renewal:
            answers["titre"]["titre_expiration"] = ((today or dt.date.today())
                                                   + dt.timedelta(days=card_expires_in)).isoformat()
        dossier = services.create_draft(user, "etudiant", answers)
        for req in services.required_documents(dossier):
            add_page(dossier.id, req.kind, FileStorage(io.BytesIO(PDF_BYTES), filename=f"{req.kind}.pdf"), user.id)
        result = services.file_dossier(dossier, user)
        assert result.ok, result
        return dossier.reference


@pytest.fixture
def renewal_dossier(app, applicant):
    """A renewal of a student card filed on time (the card expires in 90 days): it has a prolongation."""
    return file_dossier(app, applicant, renewal=True)


def attestations_of(app, reference):
    """The dossier's attestations, oldest first, detached from the session (for assertions)."""
    from anef.attestations.models import Attestation
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        rows = db.session.scalars(select(Attestation).join(Dossier, Dossier.id == Attestation.dossier_id)
                                  .where(Dossier.reference == reference).order_by(Attestation.id)).all()
        db.session.expunge_all()
        return rows


def current(app, reference, kind):
    rows = [a for a in attestations_of(app, reference) if a.kind == kind and a.status == "current"]
    assert len(rows) <= 1
    return rows[0] if rows else None


def act(app, reference, action, *, agent_email="instructeur75@example.fr", **kwargs):
    """Apply a lifecycle action as an agent (or the applicant for ``withdraw``)."""
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        if action == "withdraw":
            services.withdraw(dossier, dossier.applicant, reason=kwargs.get("reason"))
            return
        agent = db.session.scalar(select(User).where(User.email == agent_email))
        if action == "take":
            services.take(dossier, agent)
        elif action == "accept":
            services.decide(dossier, agent, decision="accepte", motivation="")
        elif action == "refuse":
            # A refusal is proposed by the instructeur, then signed by a valideur.
            services.decide(dossier, agent, decision="refuse", motivation=kwargs["motivation"])
            valideur = db.session.scalar(select(User).where(User.email == "valideur75@example.fr"))
            services.decide(dossier, valideur, decision="refuse", motivation="")
        elif action == "hand_over":
            services.hand_over_card(dossier, agent)
        else:
            raise ValueError(action)


@pytest.fixture
def applicant_client(app, applicant):
    client = app.test_client()
    login(client, "usager@example.fr")
    return client
