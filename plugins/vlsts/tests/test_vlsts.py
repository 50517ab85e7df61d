"""The VLS-TS validation's rules: eligibility, steps, checks that decide it automatically, fees, routing."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.vlsts import checks, forms
from plugins.vlsts.samples import sample_answers

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def test_eligibility_says_plainly_when_nothing_is_to_validate(hooks):
    no_mention = hooks.assess_eligibility(procedure="vlsts", answers={"mention": "non", "algerien": "non",
                                                                      "motif": "salarie"})
    assert not no_mention.eligible and no_mention.suggested_procedure is None and "VLS-T" in str(no_mention.reason)
    algerian = hooks.assess_eligibility(procedure="vlsts", answers={"mention": "oui", "algerien": "oui",
                                                                    "motif": "salarie"})
    assert not algerian.eligible and "certificat de résidence" in str(algerian.reason)
    ok = hooks.assess_eligibility(procedure="vlsts", answers={"mention": "oui", "algerien": "non", "motif": "etudiant"})
    assert ok.eligible and ok.initial_answers == {"visa": {"motif": "etudiant"}}


def test_steps_and_documents(hooks):
    answers = sample_answers()
    assert [s.slug for s in hooks.procedure_steps(procedure="vlsts", answers=answers)] == [
        "visa", "identite", "famille", "passeport", "adresse", "timbre"]
    docs = hooks.required_documents(procedure="vlsts", answers=answers)
    assert [d.kind for d in docs] == ["visa", "passeport"] and docs[0].expiry_answer == ("visa", "visa_fin")


def test_the_sample_is_granted_automatically(ctx):
    results = checks.run(sample_answers(today=DAY), DAY)
    assert {c.code for c in results} >= checks.DECIDING_CHECKS and checks.decides_automatically(results)


@pytest.mark.parametrize("change,code", [
    ({"entered_days_ago": 95}, "delai_validation"),
])
def test_a_late_validation_goes_to_an_agent(ctx, change, code):
    results = checks.run(sample_answers(today=DAY, **change), DAY)
    result = {c.code: c for c in results}[code]
    assert result.status == "warning" and not result.blocking
    assert not checks.decides_automatically(results)


def test_entry_on_the_last_day_of_the_three_months_is_in_time(ctx):
    answers = sample_answers(today=DAY)
    answers["visa"]["date_entree"] = "2025-12-02"
    assert {c.code: c for c in checks.run(answers, DAY)}["delai_validation"].status == "ok"
    answers["visa"]["date_entree"] = "2025-12-01"
    assert {c.code: c for c in checks.run(answers, DAY)}["delai_validation"].status == "warning"


def test_an_expired_visa_or_an_odd_length_goes_to_an_agent(ctx):
    expired = sample_answers(today=DAY)
    expired["visa"]["visa_fin"] = (DAY - dt.timedelta(days=1)).isoformat()
    assert not checks.decides_automatically(checks.run(expired, DAY))
    long_visa = sample_answers(today=DAY)
    long_visa["visa"]["visa_fin"] = "2028-01-01"
    results = {c.code: c for c in checks.run(long_visa, DAY)}
    assert results["duree_visa"].status == "warning" and results["visa_en_cours"].status == "ok"


def test_missing_checks_never_grant(ctx):
    answers = sample_answers(today=DAY)
    del answers["passeport"]
    assert not checks.decides_automatically(checks.run(answers, DAY))
    assert not checks.decides_automatically([])


def test_the_hook_decides_only_for_vlsts(hooks):
    results = checks.run(sample_answers(), dt.date.today())
    assert hooks.decide_automatically(procedure="vlsts", answers=sample_answers(), checks=results) is True
    assert hooks.decide_automatically(procedure="etudiant", answers={}, checks=results) is None


@pytest.mark.parametrize("motif,day,amount,verify", [
    ("etudiant", dt.date(2019, 6, 1), 60, False), ("etudiant", dt.date(2026, 4, 30), 50, False),
    ("etudiant", dt.date(2026, 5, 1), 100, True), ("stagiaire", dt.date(2026, 4, 30), 50, False),
    ("salarie", dt.date(2019, 6, 1), 250, False), ("visiteur", dt.date(2026, 4, 30), 200, False),
    ("talent", dt.date(2026, 5, 1), 300, True),
])
def test_fee_by_purpose_and_filing_date(ctx, motif, day, amount, verify):
    fee = checks.fee(sample_answers(motif), day)
    assert fee.amount == amount and fee.verify is verify and len(fee.parts) == 1  # no droit de timbre


@pytest.mark.parametrize("postcode,service", [("75011", "pref-75"), ("69003", "pref-69"), ("98000", None)])
def test_routing_to_the_prefecture_of_the_address(hooks, postcode, service):
    assert hooks.route_dossier(procedure="vlsts", answers=sample_answers(postcode=postcode)) == service


@pytest.mark.parametrize("data,field,message", [
    ({"visa_numero": "DEU123456789"}, "visa_numero", "commence par FRA"),
    ({"visa_debut": "2025-11-01", "date_delivrance": "2025-11-05"}, "visa_debut", "avant la délivrance"),
    ({"date_entree": "2027-06-01"}, "date_entree", "futur"),
    ({"date_entree": "2025-10-01"}, "date_entree", "comprise dans la validité"),
])
def test_validation_messages(ctx, data, field, message):
    visa = {**sample_answers(today=DAY)["visa"], "visa_debut": "2025-11-10", "visa_fin": "2026-11-09",
            "date_delivrance": "2025-10-20", "date_entree": "2025-11-20", **data}
    form = forms.VisaForm(formdata=MultiDict(visa))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])
