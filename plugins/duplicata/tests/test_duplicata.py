"""The duplicate's rules: eligibility, steps, documents by motive, checks, fees by card, routing."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.duplicata import checks, forms
from plugins.duplicata.samples import sample_answers

ELIGIBLE = {"motif": "perte", "en_france": "oui", "expire_bientot": "non", "plainte": "non"}


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


@pytest.mark.parametrize("answers,suggested,words", [
    ({**ELIGIBLE, "motif": "autre"}, "changement_situation", "changement de situation"),
    ({**ELIGIBLE, "en_france": "non"}, None, "consulat"),
    ({**ELIGIBLE, "expire_bientot": "oui"}, None, "renouvellement"),
    ({**ELIGIBLE, "motif": "vol", "plainte": "non"}, None, "police ou à la gendarmerie"),
])
def test_eligibility_says_plainly_what_to_do_instead(hooks, answers, suggested, words):
    verdict = hooks.assess_eligibility(procedure="duplicata", answers=answers)
    assert not verdict.eligible and verdict.suggested_procedure == suggested and words in str(verdict.reason)


def test_a_reported_theft_is_eligible(hooks):
    verdict = hooks.assess_eligibility(procedure="duplicata", answers={**ELIGIBLE, "motif": "vol", "plainte": "oui"})
    assert verdict.eligible and verdict.initial_answers == {"situation": {"motif": "vol"}}


def test_steps_are_short_and_the_free_card_has_no_timbre(hooks):
    slugs = lambda a: [s.slug for s in hooks.procedure_steps(procedure="duplicata", answers=a)]  # noqa: E731
    assert slugs(sample_answers()) == ["situation", "identite", "carte", "declaration", "adresse", "timbre"]
    assert slugs(sample_answers(card="ue")) == ["situation", "identite", "carte", "declaration", "adresse"]
    forms_by_motive = {m: hooks.procedure_steps(procedure="duplicata", answers=sample_answers(m))[3].form_class
                       for m in ("perte", "vol")}
    assert forms_by_motive == {"perte": forms.PerteForm, "vol": forms.VolForm}


def test_a_loss_declaration_or_a_theft_report_is_required(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="duplicata", answers=a)  # noqa: E731
                       if d.mandatory]
    assert kinds(sample_answers()) == ["declaration_perte", "passeport", "acte_naissance", "justificatif_domicile"]
    assert kinds(sample_answers("vol"))[0] == "recepisse_plainte"


def test_declaration_check(ctx):
    today = dt.date(2026, 11, 24)
    for motif in ("perte", "vol"):
        result = {c.code: c for c in checks.run(sample_answers(motif, today=today), today)}["declaration"]
        assert result.status == "ok"
    theft = sample_answers("vol", today=today)
    del theft["declaration"]["date_plainte"]
    assert {c.code: c for c in checks.run(theft, today)}["declaration"].blocking
    loss = sample_answers(today=today)
    del loss["declaration"]["declaration_honneur"]
    assert {c.code: c for c in checks.run(loss, today)}["declaration"].blocking


@pytest.mark.parametrize("days_left,status", [(700, "ok"), (80, "error"), (-1, "error")])
def test_a_card_expiring_within_three_months_is_renewed_instead(ctx, days_left, status):
    today = dt.date(2026, 11, 24)
    answers = sample_answers(today=today)
    answers["carte"]["titre_expiration"] = (today + dt.timedelta(days=days_left)).isoformat()
    assert {c.code: c for c in checks.run(answers, today)}["validite_carte"].status == status


@pytest.mark.parametrize("card,before,after", [("normal", 225, 250), ("reduit", 75, 100), ("timbre_seul", 25, 50),
                                               ("ue", None, None)])
def test_fee_by_card_and_filing_date(ctx, card, before, after):
    answers = sample_answers(card=card)
    amount = lambda day: (checks.fee(answers, day) or None) and checks.fee(answers, day).amount  # noqa: E731
    assert amount(dt.date(2026, 4, 30)) == before and amount(dt.date(2026, 5, 1)) == after
    if after:
        assert checks.fee(answers, dt.date(2026, 5, 1)).verify


@pytest.mark.parametrize("postcode,service", [("75011", "pref-75"), ("13001", "pref-13"), ("98000", None)])
def test_routing_to_the_prefecture_of_the_address(hooks, postcode, service):
    assert hooks.route_dossier(procedure="duplicata", answers=sample_answers(postcode=postcode)) == service


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.CarteForm, {"numero_etranger": "12345", "numero_carte": "FR1234567", "titre_type": "normal",
                       "titre_expiration": "2030-01-01"}, "numero_etranger", "10 chiffres"),
    (forms.CarteForm, {"numero_etranger": "7501234567", "numero_carte": "FR1234567", "titre_type": "normal",
                       "titre_expiration": "2020-01-01"}, "titre_expiration", "renouvellement"),
    (forms.VolForm, {"date_evenement": "2026-03-10", "lieu": "L", "date_plainte": "2026-03-09",
                     "service_plainte": "S", "annulation": "y"}, "date_plainte", "antérieure au vol"),
    (forms.PerteForm, {"date_evenement": "2026-03-10", "lieu": "L", "circonstances": "C", "annulation": "y"},
     "declaration_honneur", "sur l'honneur"),
    (forms.PerteForm, {"date_evenement": "2026-03-10", "lieu": "L", "circonstances": "C",
                       "declaration_honneur": "y"}, "annulation", "annulée"),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])


def test_decision_documents(hooks):
    [doc] = hooks.decision_documents(procedure="duplicata", answers=sample_answers(), decision="accepte")
    assert doc.kind == "duplicata" and "annulée" in str(doc.detail)
