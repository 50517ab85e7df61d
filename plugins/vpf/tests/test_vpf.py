"""The « vie privée et familiale » card: eligibility, steps and documents by situation, checks, fees, routing."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.vpf import checks, forms
from plugins.vpf.samples import MOTIFS, sample_answers

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


@pytest.mark.parametrize("answers,suggested", [
    ({"motif": "conjoint_europeen", "demande": "premiere", "vls_ts_non_valide": "non"}, "citoyen_ue"),
    ({"motif": "autre", "demande": "premiere", "vls_ts_non_valide": "non"}, "autres_sejour"),
    ({"motif": "conjoint_francais", "demande": "premiere", "vls_ts_non_valide": "oui"}, "vlsts"),
])
def test_eligibility_sends_people_to_the_procedure_that_fits(hooks, answers, suggested):
    verdict = hooks.assess_eligibility(procedure="vpf", answers=answers)
    assert not verdict.eligible and verdict.suggested_procedure == suggested


def test_a_parent_never_needs_a_visa_to_validate(hooks):
    verdict = hooks.assess_eligibility(procedure="vpf", answers={"motif": "parent_enfant_francais",
                                                                 "demande": "premiere", "vls_ts_non_valide": "oui"})
    assert verdict.eligible


@pytest.mark.parametrize("motif,renewal,expected", [
    ("conjoint_francais", False, ["situation", "identite", "passeport", "entree", "adresse", "conjoint", "timbre"]),
    ("parent_enfant_francais", False, ["situation", "identite", "passeport", "adresse", "parent", "timbre"]),
    ("liens_personnels", False, ["situation", "identite", "passeport", "adresse", "liens", "timbre"]),
    ("regroupement_familial", True, ["situation", "identite", "passeport", "titre", "adresse", "regroupement",
                                     "integration", "timbre"]),
])
def test_steps_by_situation(hooks, motif, renewal, expected):
    assert [s.slug for s in hooks.procedure_steps(procedure="vpf", answers=sample_answers(motif, renewal=renewal))] \
        == expected


def test_documents_by_situation(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="vpf", answers=a)]  # noqa: E731
    assert kinds(sample_answers()) == ["passeport", "visa", "acte_naissance", "justificatif_domicile",
                                       "acte_mariage", "nationalite_conjoint", "vie_commune"]
    assert kinds(sample_answers("liens_personnels"))[-2:] == ["preuves_presence", "preuves_liens"]
    renewal = kinds(sample_answers("parent_enfant_francais", renewal=True))
    assert "titre_sejour" in renewal and "acte_naissance" not in renewal and "attestation_francais" in renewal


@pytest.mark.parametrize("motif", MOTIFS)
@pytest.mark.parametrize("renewal", [False, True])
def test_every_check_passes_on_the_samples(ctx, motif, renewal):
    results = checks.run(sample_answers(motif, renewal=renewal, today=DAY), DAY)
    assert results and all(c.status == "ok" for c in results), results


def test_spouse_conditions(ctx):
    answers = sample_answers(today=DAY)
    answers["conjoint"].update(transcription="non", conjoint_francais="non", vie_commune="non")
    results = {c.code: c for c in checks.run(answers, DAY)}
    assert results["transcription"].blocking and results["nationalite_conjoint"].blocking
    assert results["vie_commune"].status == "warning"


def test_parent_conditions(ctx):
    answers = sample_answers("parent_enfant_francais", today=DAY)
    answers["parent"].update(enfant_naissance="2008-03-01", contribution_depuis="2025-01-01", enfant_en_france="non")
    results = {c.code: c for c in checks.run(answers, DAY)}
    assert results["enfant_mineur"].blocking and results["enfant_en_france"].blocking
    assert results["contribution"].status == "warning"
    answers["parent"].update(contribution_depuis="2024-03-02")
    assert {c.code: c for c in checks.run(answers, DAY)}["contribution"].status == "ok"


def test_personal_ties_are_weighed_after_about_five_years(ctx):
    answers = sample_answers("liens_personnels", today=DAY)
    answers["liens"]["date_arrivee"] = "2023-01-01"
    assert {c.code: c for c in checks.run(answers, DAY)}["anciennete"].status == "warning"


def test_a_first_multi_year_card_asks_french_a2_and_the_civic_exam_from_2026(ctx):
    answers = sample_answers(renewal=True, today=DAY)
    answers["integration"].update(niveau_francais="A1")
    assert {c.code: c for c in checks.run(answers, DAY)}["integration"].status == "warning"
    before = sample_answers(renewal=True, today=dt.date(2025, 12, 1))
    before["integration"].update(niveau_francais="A1")
    assert "integration" not in {c.code for c in checks.run(before, dt.date(2025, 12, 1))}
    answers["integration"].update(algerien="oui")
    assert {c.code: c for c in checks.run(answers, DAY)}["integration"].status == "ok"
    answers["titre"]["titre_type"] = "csp_vpf"  # renewing a multi-year card: no new condition
    assert "integration" not in {c.code for c in checks.run(answers, DAY)}


def test_fee_normal_or_reduced_by_filing_date(ctx):
    assert checks.fee(sample_answers(), dt.date(2026, 4, 30)).amount == 225
    assert checks.fee(sample_answers(), dt.date(2026, 5, 1)).amount == 350
    assert checks.fee(sample_answers("regroupement_familial"), dt.date(2026, 4, 30)).amount == 75
    assert checks.fee(sample_answers(renewal=True), dt.date(2026, 5, 1)).amount == 250


@pytest.mark.parametrize("postcode,service", [("75011", "pref-75"), ("59000", "pref-59"), ("98000", None)])
def test_routing_to_the_prefecture_of_the_address(hooks, postcode, service):
    assert hooks.route_dossier(procedure="vpf", answers=sample_answers(postcode=postcode)) == service


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.ConjointForm, {"conjoint_nom": "M", "conjoint_prenoms": "C", "conjoint_francais": "oui",
                          "date_mariage": "2024-01-01", "lieu_mariage": "etranger", "transcription": "sans_objet",
                          "vie_commune": "oui"}, "transcription", "transcrit"),
    (forms.ParentForm, {"enfant_nom": "B", "enfant_prenoms": "L", "enfant_naissance": "2021-03-08",
                        "enfant_en_france": "oui", "contribution_depuis": "2020-01-01"}, "contribution_depuis",
     "antérieure à la naissance"),
    (forms.RegroupementForm, {"regroupant_nom": "B", "regroupant_prenoms": "S", "regroupant_numero_etranger": "69012",
                              "regroupant_carte": "resident", "lien": "conjoint"}, "regroupant_numero_etranger",
     "10 chiffres"),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])


def test_decision_documents(hooks):
    [first] = hooks.decision_documents(procedure="vpf", answers=sample_answers(), decision="accepte")
    [renewal] = hooks.decision_documents(procedure="vpf", answers=sample_answers(renewal=True), decision="accepte")
    assert "temporaire" in str(first.title) and "pluriannuelle" in str(renewal.title)
