"""Protection cards: eligibility, steps without a national passport, documents, the card by status, fees."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.bpi import checks, forms
from plugins.bpi.samples import sample_answers

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def test_asylum_seekers_and_others_are_told_plainly(hooks):
    seeker = hooks.assess_eligibility(procedure="bpi", answers={"statut": "demandeur_asile", "demande": "premiere"})
    assert not seeker.eligible and "guichet unique" in str(seeker.reason) and seeker.suggested_procedure is None
    other = hooks.assess_eligibility(procedure="bpi", answers={"statut": "autre", "demande": "premiere"})
    assert not other.eligible and other.suggested_procedure == "autres_sejour"


def test_no_national_passport_is_asked(hooks):
    first = [s.slug for s in hooks.procedure_steps(procedure="bpi", answers=sample_answers())]
    assert first == ["situation", "identite", "protection", "adresse", "famille", "timbre"]
    renewal = [s.slug for s in hooks.procedure_steps(procedure="bpi", answers=sample_answers(renewal=True))]
    assert "titre" in renewal and "passeport" not in renewal


def test_documents(hooks):
    docs = hooks.required_documents(procedure="bpi", answers=sample_answers())
    assert [(d.kind, d.mandatory) for d in docs] == [("decision_protection", True), ("etat_civil_ofpra", False),
                                                     ("justificatif_domicile", True)]
    renewal = [d.kind for d in hooks.required_documents(procedure="bpi", answers=sample_answers(renewal=True))]
    assert renewal == ["decision_protection", "titre_sejour", "justificatif_domicile"]


@pytest.mark.parametrize("statut,renewal", [("refugie", False), ("apatride", True)])
def test_every_check_passes_on_the_samples(ctx, statut, renewal):
    results = checks.run(sample_answers(statut, renewal=renewal, today=DAY), DAY)
    assert results and all(c.status == "ok" for c in results), results


def test_a_decision_before_birth_blocks(ctx):
    answers = sample_answers(today=DAY)
    answers["protection"]["date_decision"] = "1990-01-01"
    assert {c.code: c for c in checks.run(answers, DAY)}["decision"].blocking


@pytest.mark.parametrize("renewal,before,after", [(False, 25, 50), (True, 225, 250)])
def test_first_card_costs_the_timbre_only(ctx, renewal, before, after):
    answers = sample_answers(renewal=renewal)
    assert checks.fee(answers, dt.date(2026, 4, 30)).amount == before
    assert checks.fee(answers, dt.date(2026, 5, 1)).amount == after and checks.fee(answers, dt.date(2026, 5, 1)).verify


@pytest.mark.parametrize("statut,title,validity", [("refugie", "résident", "10 ans"),
                                                   ("protection_subsidiaire", "protection subsidiaire", "4 ans"),
                                                   ("apatride", "apatride", "4 ans")])
def test_the_card_follows_the_status(hooks, statut, title, validity):
    [card] = hooks.decision_documents(procedure="bpi", answers=sample_answers(statut), decision="accepte")
    assert title in str(card.title) and str(card.validity) == validity


def test_ofpra_number_and_routing(hooks, ctx):
    form = forms.ProtectionForm(formdata=MultiDict({"autorite": "ofpra", "date_decision": "2026-01-01",
                                                    "numero_ofpra": "12 34"}))
    assert not form.validate() and "OFPRA" in str(form.errors["numero_ofpra"][0])
    assert hooks.route_dossier(procedure="bpi", answers=sample_answers(postcode="93200")) == "pref-93"
