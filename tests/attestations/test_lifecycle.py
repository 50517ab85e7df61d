"""Attestations follow the dossier: dépôt and prolongation on filing, decision on accept or refuse, revoked on
withdrawal, superseded when the card is handed over."""
from __future__ import annotations

import datetime as dt

from tests.attestations.conftest import act, attestations_of, current, file_dossier


def test_filing_a_first_card_issues_only_the_attestation_de_depot(app, filed_dossier):
    rows = attestations_of(app, filed_dossier)
    assert [(a.kind, a.status) for a in rows] == [("depot", "current")]
    depot = rows[0]
    assert depot.holder_name == "Mei ZHANG" and depot.holder_birth_date == dt.date(2002, 3, 14)
    assert depot.valid_until is None and depot.authorises_work is False
    assert len(depot.code) == 12 and set(depot.code) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert depot.display_code.count("-") == 2


def test_a_renewal_filed_on_time_also_gets_a_prolongation_of_three_months_keeping_work_rights(app, renewal_dossier):
    prolongation = current(app, renewal_dossier, "prolongation")
    assert prolongation is not None and current(app, renewal_dossier, "depot") is not None
    assert prolongation.valid_from == dt.date.today()
    months_later = prolongation.valid_until + dt.timedelta(days=1)
    assert (months_later.year * 12 + months_later.month) - (dt.date.today().year * 12 + dt.date.today().month) == 3
    assert prolongation.authorises_work is True


def test_a_late_renewal_gets_no_prolongation_as_of_right(app, applicant):
    reference = file_dossier(app, applicant, renewal=True, card_expires_in=30)
    assert current(app, reference, "prolongation") is None
    assert current(app, reference, "depot") is not None


def test_acceptance_supersedes_the_prolongation_with_a_decision_valid_three_months_and_hand_over_ends_it(
        app, renewal_dossier, agent_75):
    prolongation = current(app, renewal_dossier, "prolongation")
    act(app, renewal_dossier, "take")
    act(app, renewal_dossier, "accept")
    decision = current(app, renewal_dossier, "decision_favorable")
    assert decision is not None and decision.authorises_work is True
    assert decision.valid_from == dt.date.today() and (decision.valid_until - decision.valid_from).days <= 92
    old = next(a for a in attestations_of(app, renewal_dossier) if a.id == prolongation.id)
    assert old.status == "superseded" and old.superseded_by_id == decision.id and old.superseded_at
    act(app, renewal_dossier, "hand_over")
    assert current(app, renewal_dossier, "decision_favorable") is None
    assert current(app, renewal_dossier, "depot") is not None


def test_a_refusal_is_issued_with_its_motivation_and_appeal_routes_and_ends_the_prolongation(
        app, renewal_dossier, agent_75, valideur_75, applicant_client):
    act(app, renewal_dossier, "take")
    act(app, renewal_dossier, "refuse", motivation="Absence de progression dans les études.")
    refusal = current(app, renewal_dossier, "refus")
    assert refusal is not None and current(app, renewal_dossier, "prolongation") is None
    page = applicant_client.get(f"/attestations/{renewal_dossier}/{refusal.code}").get_data(as_text=True)
    assert "Absence de progression dans les études." in page
    for words in ("Recours gracieux", "Recours hiérarchique", "Recours contentieux", "tribunal administratif",
                  "dans les 2 mois qui suivent la notification"):
        assert words in page


def test_the_appeal_routes_are_procedure_data_with_defaults(app):
    from anef.procedures import DEFAULT_APPEAL_ROUTES, ProcedureInfo

    info = ProcedureInfo(code="x", title="X", summary="")
    assert info.appeal_routes == DEFAULT_APPEAL_ROUTES
    assert [r.months for r in DEFAULT_APPEAL_ROUTES] == [2, 2, 2]
    assert "tribunal administratif" in str(DEFAULT_APPEAL_ROUTES[2].authority)


def test_withdrawing_revokes_the_prolongation(app, renewal_dossier):
    act(app, renewal_dossier, "withdraw")
    prolongation = next(a for a in attestations_of(app, renewal_dossier) if a.kind == "prolongation")
    assert prolongation.status == "revoked" and prolongation.revoked_reason == "withdraw" and prolongation.revoked_at


def test_the_student_plugin_says_when_a_prolongation_is_due():
    from plugins.etudiant.checks import instruction_extension
    from plugins.etudiant.samples import sample_answers

    today = dt.date(2026, 3, 1)
    renewal = sample_answers(renewal=True, today=today)
    renewal["titre"]["titre_expiration"] = (today + dt.timedelta(days=60)).isoformat()
    assert instruction_extension(renewal, today).due
    renewal["titre"]["titre_expiration"] = (today + dt.timedelta(days=59)).isoformat()
    assert not instruction_extension(renewal, today).due
    renewal["titre"]["titre_type"] = "autre"
    renewal["titre"]["titre_expiration"] = (today + dt.timedelta(days=100)).isoformat()
    assert instruction_extension(renewal, today).due and not instruction_extension(renewal, today).authorises_work
    assert not instruction_extension(sample_answers(today=today), today).due
