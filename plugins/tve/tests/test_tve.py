"""Travel documents: eligibility, which document by status and card, dated fee, checks, documents, routing."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.tve import checks, forms
from plugins.tve.samples import ELIGIBLE, sample_answers

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


@pytest.mark.parametrize("answers,suggested,words", [
    ({**ELIGIBLE, "statut": "demandeur_asile"}, None, "demande d'asile"),
    ({**ELIGIBLE, "carte": "non"}, "bpi", "demandez d'abord la carte"),
    ({**ELIGIBLE, "statut": "aucun", "carte": "non"}, None, "Aucune démarche en ligne"),
    ({**ELIGIBLE, "statut": "aucun", "passeport_possible": "oui"}, None, "c'est avec lui que vous voyagez"),
])
def test_eligibility_sends_people_elsewhere_or_says_none_fits(hooks, answers, suggested, words):
    verdict = hooks.assess_eligibility(procedure="tve", answers=answers)
    assert not verdict.eligible and verdict.suggested_procedure == suggested and words in str(verdict.reason)


def test_a_foreigner_without_a_passport_is_eligible_to_the_tiv(hooks):
    verdict = hooks.assess_eligibility(procedure="tve", answers={**ELIGIBLE, "statut": "aucun"})
    assert verdict.eligible and verdict.initial_answers == {"situation": {"statut": "aucun"}}


@pytest.mark.parametrize("statut,card,code,amount", [
    ("refugie", "resident", "tv_5", 45), ("apatride", "resident", "tv_5", 45),
    ("protection_subsidiaire", "csp", "tv_4", 40), ("apatride", "csp", "tv_4", 40), ("aucun", "cst", "tiv", 15),
])
def test_the_document_and_its_fee_follow_status_and_card(ctx, statut, card, code, amount):
    answers = sample_answers(statut, card)
    assert checks.kind(answers).code == code
    assert checks.fee(answers, TODAY).amount == amount and not checks.fee(answers, TODAY).verify


def test_fees_apply_from_march_2020(ctx):
    assert checks.fee(sample_answers(), dt.date(2020, 2, 29)) is None
    assert checks.fee(sample_answers(), dt.date(2020, 3, 1)).amount == 45


def test_the_refugees_validity_stays_flagged(hooks):
    [doc] = hooks.decision_documents(procedure="tve", answers=sample_answers(), decision="accepte")
    assert doc.kind == "tv_5" and "à confirmer" in str(doc.validity) and "pays d'origine" in str(doc.detail)
    [doc] = hooks.decision_documents(procedure="tve", answers=sample_answers("aucun", "cst"), decision="accepte")
    assert (doc.kind, str(doc.validity), str(doc.detail)) == ("tiv", "1 an", "")


def test_steps_by_status(hooks):
    slugs = lambda a: [s.slug for s in hooks.procedure_steps(procedure="tve", answers=a)]  # noqa: E731
    assert slugs(sample_answers()) == ["situation", "identite", "protection", "titre", "voyage", "photo", "adresse",
                                       "timbre"]
    assert slugs(sample_answers("aucun", "cst"))[2] == "sans_passeport"
    forms_by_status = {s: hooks.procedure_steps(procedure="tve", answers=sample_answers(s))[4].form_class
                       for s in ("refugie", "aucun")}
    assert forms_by_status == {"refugie": forms.VoyageProtectionForm, "aucun": forms.VoyageForm}


def test_documents_by_answers(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="tve", answers=a)]  # noqa: E731
    assert kinds(sample_answers()) == ["titre_sejour", "decision_protection", "justificatif_domicile"]
    assert kinds(sample_answers("aucun", "cst")) == ["titre_sejour", "preuve_sans_passeport", "justificatif_domicile"]
    assert "ancien_titre_voyage" in kinds(sample_answers(previous=True))


@pytest.mark.parametrize("statut,card,status", [("refugie", "resident", "ok"), ("refugie", "csp", "warning"),
                                                ("protection_subsidiaire", "csp", "ok"),
                                                ("apatride", "cst", "warning")])
def test_the_card_matches_the_protection(ctx, statut, card, status):
    assert {c.code: c for c in checks.run(sample_answers(statut, card), TODAY)}["carte_statut"].status == status


@pytest.mark.parametrize("days_left,status", [(3000, "ok"), (60, "warning"), (-1, "error")])
def test_card_validity_on_the_filing_date(ctx, days_left, status):
    answers = sample_answers(today=TODAY)
    answers["titre"]["titre_expiration"] = (TODAY + dt.timedelta(days=days_left)).isoformat()
    assert {c.code: c for c in checks.run(answers, TODAY)}["validite_carte"].status == status


def test_agdref_and_decision_dates(ctx):
    results = {c.code: c for c in checks.run(sample_answers(), TODAY)}
    assert results["agdref"].status == "ok" and "date_decision" not in results
    wrong = sample_answers()
    wrong["protection"]["date_decision"] = "1980-01-01"
    wrong["titre"]["numero_etranger"] = "7512345613"
    results = {c.code: c for c in checks.run(wrong, TODAY)}
    assert results["date_decision"].blocking and results["agdref"].blocking


def test_routing_checklist_and_connectors(hooks):
    assert hooks.route_dossier(procedure="tve", answers=sample_answers(postcode="33000")) == "pref-33"
    items = [str(i) for i in hooks.agent_checklist(procedure="tve", answers=sample_answers())]
    assert any("exclu" in i for i in items) and any("OFPRA" in i for i in items)
    assert "ofpra" in hooks.procedure_connectors(procedure="tve", answers=sample_answers())


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.VoyageProtectionForm, {"ancien_titre": "non"}, "pays_exclu", "pays d'origine"),
    (forms.ProtectionForm, {"autorite": "ofpra", "date_decision": "2999-01-01"}, "date_decision", "futur"),
    (forms.SansPasseportForm, {"motif": "refus", "date_demarche": "2026-01-01"}, "explication", "Expliquez"),
    (forms.TitreForm, {"numero_etranger": "7512345678", "numero_carte": "FR5", "titre_type": "resident",
                       "titre_expiration": "2035-01-01"}, "numero_carte", "6 à 12"),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])
