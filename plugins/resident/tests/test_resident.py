"""The resident card: eligibility, steps and documents by ground, years required, B1 and civic exam, fees."""
import datetime as dt

import pytest

from plugins.resident import checks
from plugins.resident.samples import MOTIFS, sample_answers

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def test_refugees_go_to_the_protection_procedure_and_others_are_told_plainly(hooks):
    refugee = hooks.assess_eligibility(procedure="resident", answers={"motif": "refugie", "demande": "premiere"})
    assert not refugee.eligible and refugee.suggested_procedure == "bpi"
    other = hooks.assess_eligibility(procedure="resident", answers={"motif": "autre", "demande": "premiere"})
    assert not other.eligible and other.suggested_procedure is None and "plusieurs années" in str(other.reason)


def test_steps_of_a_first_card_and_of_a_renewal(hooks):
    slugs = lambda a: [s.slug for s in hooks.procedure_steps(procedure="resident", answers=a)]  # noqa: E731
    assert slugs(sample_answers("longue_duree_ue")) == ["situation", "identite", "passeport", "titre", "adresse",
                                                        "longue_duree", "integration", "timbre"]
    assert slugs(sample_answers(renewal=True)) == ["situation", "identite", "passeport", "titre", "adresse", "timbre"]


def test_documents_by_ground(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="resident", answers=a)]  # noqa: E731
    assert kinds(sample_answers()) == ["passeport", "titre_sejour", "justificatif_domicile", "acte_naissance",
                                       "acte_mariage", "nationalite_conjoint", "vie_commune", "attestation_francais"]
    assert kinds(sample_answers(renewal=True)) == ["passeport", "titre_sejour", "justificatif_domicile"]


@pytest.mark.parametrize("motif", MOTIFS)
def test_every_check_passes_on_the_samples(ctx, motif):
    results = checks.run(sample_answers(motif, today=DAY), DAY)
    assert results and all(c.status == "ok" for c in results), results


@pytest.mark.parametrize("motif,step,field,value", [
    ("conjoint_francais", "mariage", "date_mariage", "2023-03-03"),
    ("regroupement_familial", "regroupement", "date_arrivee", "2023-03-03"),
    ("parent_enfant_francais", "parent", "premiere_carte_vpf", "2023-03-03"),
    ("longue_duree_ue", "longue_duree", "debut_sejour_regulier", "2020-03-01"),  # 6 years, 2 of them as a student
])
def test_years_required_block_filing(ctx, motif, step, field, value):
    answers = sample_answers(motif, today=DAY)
    answers[step][field] = value
    assert {c.code: c for c in checks.run(answers, DAY)}["anciennete"].blocking


def test_long_term_residents_need_resources_and_insurance(ctx):
    answers = sample_answers("longue_duree_ue", today=DAY)
    answers["longue_duree"].update(ressources_annuelles="15000", assurance_maladie="non")
    results = {c.code: c for c in checks.run(answers, DAY)}
    assert results["ressources"].status == "warning" and results["assurance"].status == "warning"


def test_b1_and_the_civic_exam_from_2026(ctx):
    answers = sample_answers(today=DAY)
    answers["integration"]["niveau_francais"] = "A2"
    assert {c.code: c for c in checks.run(answers, DAY)}["integration"].blocking
    assert "integration" not in {c.code for c in checks.run(answers, dt.date(2025, 12, 31))}
    answers["integration"].update(niveau_francais="B2", examen_civique="dispense")
    assert {c.code: c for c in checks.run(answers, DAY)}["integration"].status == "ok"


def test_fee_and_routing(hooks):
    assert hooks.fee_due(procedure="resident", answers=sample_answers(), filed_on=dt.date(2026, 4, 30)).amount == 225
    renewal = hooks.fee_due(procedure="resident", answers=sample_answers(renewal=True), filed_on=dt.date(2026, 5, 1))
    assert renewal.amount == 250 and renewal.verify
    assert hooks.route_dossier(procedure="resident", answers=sample_answers(postcode="69003")) == "pref-69"


def test_renewal_filed_on_time_keeps_the_right_to_work(hooks):
    today = dt.date.today()
    extension = hooks.instruction_extension(procedure="resident", answers=sample_answers(renewal=True, today=today),
                                            filed_on=today)
    assert extension.due and extension.authorises_work
