"""Declaration of nationality by marriage: eligibility (sending the others to naturalisation), steps, documents by
answers, 4 or 5 years of marriage, B1 (B2 unconfirmed), fee, routing, its own legal deadlines, decisions."""
import datetime as dt
from types import SimpleNamespace

import pytest
from werkzeug.datastructures import MultiDict

from plugins.nationalite_declaration import checks, forms
from plugins.nationalite_declaration.samples import sample_answers, sample_eligibility

DAY = dt.date(2026, 3, 2)
CODE = "nationalite_declaration"


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def assess(hooks, **changes):
    answers = {**sample_eligibility(), **changes}
    if isinstance(answers.get("date_mariage"), str):
        answers["date_mariage"] = dt.date.fromisoformat(answers["date_mariage"])
    return hooks.assess_eligibility(procedure=CODE, answers=answers)


def years_ago(years, days=0):
    return dt.date.today() - dt.timedelta(days=round(365.25 * years) + days)


# ---------------------------------------------------------------- eligibility

def test_people_who_do_not_fit_are_sent_to_naturalisation(hooks):
    for changes in ({"motif": "aucun"}, {"conjoint_francais": "non"}, {"vie_commune": "non"}):
        verdict = assess(hooks, **changes)
        assert not verdict.eligible and verdict.suggested_procedure == "naturalisation", changes
    family = assess(hooks, motif="famille")
    assert not family.eligible and family.suggested_procedure is None and "plateforme" in str(family.reason)


def test_marriage_length_4_or_5_years_and_the_date_it_becomes_possible(hooks):
    recent = assess(hooks, date_mariage=years_ago(3))
    assert not recent.eligible and recent.suggested_procedure == "naturalisation" and "4 ans" in str(recent.reason)
    abroad = assess(hooks, date_mariage=years_ago(4, 30), residence_3ans="non")
    assert not abroad.eligible and "5 ans" in str(abroad.reason)
    verdict = assess(hooks)
    assert verdict.eligible
    assert verdict.initial_answers["mariage"]["residence_3ans"] == "oui"
    assert verdict.initial_answers["mariage"]["date_mariage"] == sample_eligibility()["date_mariage"]


def test_the_marriage_questions_are_required_only_for_a_marriage(ctx):
    form = forms.EligibilityForm(MultiDict({"motif": "mariage"}))
    assert not form.validate()
    assert {"date_mariage", "conjoint_francais", "vie_commune", "residence_3ans"} <= set(form.errors)
    assert forms.EligibilityForm(MultiDict({"motif": "aucun"})).validate()
    future = forms.EligibilityForm(MultiDict({**sample_eligibility(), "date_mariage": "2999-01-01"}))
    assert not future.validate() and "futur" in str(future.errors["date_mariage"])


# ---------------------------------------------------------------- steps and documents

def test_steps(hooks):
    assert [s.slug for s in hooks.procedure_steps(procedure=CODE, answers={})] == [
        "mariage", "conjoint", "identite", "passeport", "titre", "adresse", "langue", "francisation", "timbre"]


def test_documents_follow_the_answers(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure=CODE, answers=a)]  # noqa: E731
    assert kinds(sample_answers()) == [
        "passeport", "titre_sejour", "acte_naissance", "acte_mariage", "acte_naissance_conjoint", "nationalite_conjoint",
        "attestation_communaute_vie", "vie_commune", "justificatif_domicile", "preuves_residence",
        "attestation_francais"]
    answers = sample_answers()
    answers["mariage"].update(residence_3ans="non", inscription_consulaire="oui", union_anterieure="oui")
    answers["conjoint"]["conjoint_nationalite"] = "acquisition"
    answers["langue"]["justificatif"] = "diplome_francais"
    docs = {d.kind: d for d in hooks.required_documents(procedure=CODE, answers=answers)}
    assert "preuves_residence" not in docs and "inscription_consulaire" in docs and "unions_anterieures" in docs
    assert "décret" in str(docs["nationalite_conjoint"].help) and "diplome" in docs
    assert docs["acte_mariage"].max_age_days == 90


# ---------------------------------------------------------------- checks

def results(answers, day=DAY):
    return {c.code: c for c in checks.run(answers, day)}


def test_every_check_passes_on_the_samples(ctx):
    found = checks.run(sample_answers(today=DAY), DAY)
    assert found and all(c.status == "ok" for c in found), found


def test_years_of_marriage_depend_on_residence_and_the_consular_register(ctx):
    answers = sample_answers(today=DAY)
    answers["mariage"]["date_mariage"] = "2021-09-01"  # 4.5 years
    assert results(answers)["duree_mariage"].status == "ok"
    answers["mariage"]["inscription_consulaire"] = "non"
    late = results(answers)["duree_mariage"]
    assert late.blocking and "5 ans" in str(late.detail) and "2026" in str(late.detail)


def test_marriage_conditions_block_filing(ctx):
    answers = sample_answers(today=DAY)
    answers["mariage"].update(conjoint_francais="non", vie_commune="non", celebration="non_transcrit")
    found = results(answers)
    assert found["nationalite_conjoint"].blocking and found["vie_commune"].blocking and found["transcription"].blocking


def test_french_b1_and_the_unconfirmed_b2(ctx):
    answers = sample_answers(today=DAY)
    answers["langue"]["niveau_francais"] = "B1"
    assert results(answers, dt.date(2025, 6, 1))["langue"].status == "ok"
    unconfirmed = results(answers)["langue"]
    assert unconfirmed.status == "warning" and "en cours de confirmation" in str(unconfirmed.detail)
    answers["langue"]["niveau_francais"] = "A2"
    assert results(answers)["langue"].blocking


# ---------------------------------------------------------------- fee, routing, deadlines, decisions

def test_fee_and_routing(hooks):
    assert hooks.fee_due(procedure=CODE, answers=sample_answers(), filed_on=dt.date(2026, 4, 30)).amount == 55
    raised = hooks.fee_due(procedure=CODE, answers=sample_answers(), filed_on=dt.date(2026, 5, 1))
    assert raised.amount == 255 and raised.verify
    assert hooks.route_dossier(procedure=CODE, answers=sample_answers()) == "nat-44"
    assert hooks.route_dossier(procedure=CODE, answers=sample_answers(postcode="13001")) == "pref-13"


def test_deadlines_silence_and_appeal_are_procedure_data(app):
    from anef.plugins import procedures

    with app.app_context():
        info = procedures()[CODE]
    assert info.silence_months == 0
    assert [(d.months, d.after_decision) for d in info.deadlines] == [(12, False), (24, True)]
    (route,) = info.appeal_routes
    assert route.months == 6 and "tribunal judiciaire" in str(route.authority)


def test_the_legal_clock_shows_the_declarations_deadlines(ctx):
    from anef.dossiers.clock import legal_clock

    filed = dt.datetime(2024, 3, 4, 10, tzinfo=dt.timezone.utc)
    dossier = SimpleNamespace(procedure=CODE, filed_at=filed, complete_at=filed, state="en_instruction",
                              complement_deadline=None, decided_at=None)
    lines = legal_clock(dossier, on=dt.date(2024, 6, 1))
    assert [(str(line.label), line.on) for line in lines] == [
        ("Demande déposée", dt.date(2024, 3, 4)), ("Date limite d'un refus d'enregistrement", dt.date(2025, 3, 4)),
        ("Fin du délai d'opposition du Gouvernement", dt.date(2026, 3, 4))]
    dossier.state, dossier.decided_at = "accepte", dt.datetime(2024, 9, 2, 10, tzinfo=dt.timezone.utc)
    assert [str(line.label) for line in legal_clock(dossier, on=dt.date(2024, 10, 1))] == [
        "Demande déposée", "Décision", "Fin du délai d'opposition du Gouvernement"]


def test_checklist_decisions_and_four_eyes_on_refusals(hooks):
    checklist = " ".join(str(i) for i in hooks.agent_checklist(procedure=CODE, answers=sample_answers()))
    assert "26-4" in checklist and "communauté de vie" in checklist
    assert hooks.decision_requires_signature(procedure=CODE, decision="refuse")
    assert not hooks.decision_requires_signature(procedure=CODE, decision="accepte")
    registered = hooks.decision_documents(procedure=CODE, answers={}, decision="accepte")[0]
    assert registered.kind == "declaration_enregistree" and "souscrite" in str(registered.detail)
