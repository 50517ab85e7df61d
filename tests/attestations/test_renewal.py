"""The prolongation is renewed before it ends while the dossier is examined, once, with notice; never after a decision."""
from __future__ import annotations

import datetime as dt

from freezegun import freeze_time
from sqlalchemy import select

from tests.attestations.conftest import act, attestations_of, current, file_dossier

FILED_ON = dt.date(2026, 1, 12)


def renew(app, today=None):
    from anef.attestations.services import renew_prolongations

    with app.app_context():
        return renew_prolongations(today)


def outbox_subjects(app):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        return db.session.scalars(select(OutboxMessage.subject).order_by(OutboxMessage.id)).all()


def test_a_pending_dossiers_prolongation_is_renewed_before_it_ends_once_with_notice(app, applicant):
    with freeze_time("2026-01-12 10:00:00"):
        reference = file_dossier(app, applicant, renewal=True, today=FILED_ON)
    first = current(app, reference, "prolongation")
    assert (first.valid_from, first.valid_until) == (FILED_ON, dt.date(2026, 4, 11))

    # 16 days before its end: not yet.
    with freeze_time("2026-03-26 06:00:00"):
        assert renew(app) == 0
    # 15 days before: renewed, 3 months from the old end, the old one superseded, the person told.
    before = len(outbox_subjects(app))
    with freeze_time("2026-03-27 06:00:00"):
        assert renew(app) == 1
        # Idempotent: the same day again, nothing more.
        assert renew(app) == 0
    second = current(app, reference, "prolongation")
    assert second.id != first.id
    assert (second.valid_from, second.valid_until) == (dt.date(2026, 3, 27), dt.date(2026, 7, 11))
    assert second.authorises_work == first.authorises_work and second.holder_name == first.holder_name
    old = next(a for a in attestations_of(app, reference) if a.id == first.id)
    assert old.status == "superseded" and old.superseded_by_id == second.id
    new_messages = outbox_subjects(app)[before:]
    assert new_messages and all("attestation de prolongation d'instruction est renouvelée" in s for s in new_messages)
    assert any("ANEF" in s or reference in s for s in new_messages)

    # And again three months later while the dossier is still examined.
    with freeze_time("2026-06-30 06:00:00"):
        assert renew(app) == 1
    assert current(app, reference, "prolongation").valid_until == dt.date(2026, 10, 11)


def test_no_renewal_after_a_decision(app, applicant, agent_75):
    with freeze_time("2026-01-12 10:00:00"):
        reference = file_dossier(app, applicant, renewal=True, today=FILED_ON)
        act(app, reference, "take")
        act(app, reference, "accept")
    with freeze_time("2026-04-05 06:00:00"):
        assert renew(app) == 0
    assert current(app, reference, "prolongation") is None


def test_no_renewal_once_withdrawn(app, applicant):
    with freeze_time("2026-01-12 10:00:00"):
        reference = file_dossier(app, applicant, renewal=True, today=FILED_ON)
        act(app, reference, "withdraw")
    assert renew(app, dt.date(2026, 4, 5)) == 0
    assert [a.status for a in attestations_of(app, reference) if a.kind == "prolongation"] == ["revoked"]


def test_the_renewal_horizon_is_a_setting(app, applicant, monkeypatch):
    with freeze_time("2026-01-12 10:00:00"):
        reference = file_dossier(app, applicant, renewal=True, today=FILED_ON)
    monkeypatch.setitem(app.config, "ATTESTATION_RENEWAL_DAYS", 30)
    assert renew(app, dt.date(2026, 3, 12)) == 1
    assert current(app, reference, "prolongation").valid_until == dt.date(2026, 7, 11)


def test_a_missed_month_of_runs_still_leaves_a_current_attestation_beyond_the_horizon(app, applicant):
    with freeze_time("2026-01-12 10:00:00"):
        reference = file_dossier(app, applicant, renewal=True, today=FILED_ON)
    # The job did not run for months: the new attestation still ends after the renewal horizon.
    assert renew(app, dt.date(2026, 7, 5)) == 1
    assert current(app, reference, "prolongation").valid_until == dt.date(2026, 10, 11)
    assert renew(app, dt.date(2026, 7, 5)) == 0


def test_the_dossier_and_verification_pages_make_as_many_queries_with_many_renewals(app, applicant):
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from conftest import login
    from tests.core.test_query_counts import queries_for

    with freeze_time("2026-01-12 10:00:00"):
        reference = file_dossier(app, applicant, renewal=True, today=FILED_ON)
    with freeze_time("2026-04-01 06:00:00"):
        applicant_client = app.test_client()
        login(applicant_client, "usager@example.fr")
        dossier_page = queries_for(app, applicant_client, f"/dossiers/{reference}")
        verification = queries_for(app, app.test_client(), f"/verifier/{current(app, reference, 'prolongation').token}")
        with app.app_context():
            version = db.session.query(Dossier.version).filter_by(reference=reference).scalar()
        for day in ("2026-03-30", "2026-06-30", "2026-09-30", "2026-12-30"):
            assert renew(app, dt.date.fromisoformat(day)) == 1
        assert len(attestations_of(app, reference)) == 6
        assert queries_for(app, applicant_client, f"/dossiers/{reference}") == dossier_page
        token = current(app, reference, "prolongation").token
        assert queries_for(app, app.test_client(), f"/verifier/{token}") == verification
    # A renewal touches no column of the dossier: an agent acting at the same moment is not refused as stale.
    with app.app_context():
        assert db.session.query(Dossier.version).filter_by(reference=reference).scalar() == version
