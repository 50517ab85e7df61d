"""The EU citizens' card: eligibility, steps for citizens and family members, documents, checks, no fee."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.citoyen_ue import checks, forms
from plugins.citoyen_ue.samples import sample_answers

DAY = dt.date(2026, 6, 1)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def test_people_outside_the_union_are_sent_elsewhere(hooks):
    verdict = hooks.assess_eligibility(procedure="citoyen_ue", answers={"qui": "autre", "carte": "sejour"})
    assert not verdict.eligible and verdict.suggested_procedure == "autres_sejour"
    verdict = hooks.assess_eligibility(procedure="citoyen_ue", answers={"qui": "famille", "carte": "permanent"})
    assert verdict.eligible and verdict.initial_answers == {"situation": {"qui": "famille", "carte": "permanent"}}


def test_citizens_and_family_members_have_their_own_steps(hooks):
    slugs = lambda a: [s.slug for s in hooks.procedure_steps(procedure="citoyen_ue", answers=a)]  # noqa: E731
    assert slugs(sample_answers()) == ["situation", "identite", "piece_identite", "sejour", "adresse"]
    assert slugs(sample_answers("famille")) == ["situation", "identite", "passeport", "citoyen", "sejour", "adresse"]


@pytest.mark.parametrize("answers,expected", [
    (sample_answers(), ["carte_identite", "justificatif_domicile", "contrat_travail", "bulletins_salaire"]),
    (sample_answers(activite="retraite"), ["carte_identite", "justificatif_domicile", "ressources",
                                           "assurance_maladie"]),
    (sample_answers("famille", "permanent", activite="independant"),
     ["passeport", "acte_mariage", "piece_identite_citoyen", "activite_citoyen", "justificatif_domicile",
      "justificatif_activite", "preuves_residence"]),
])
def test_documents_follow_the_answers(hooks, answers, expected):
    assert [d.kind for d in hooks.required_documents(procedure="citoyen_ue", answers=answers)] == expected


def test_a_passport_instead_of_an_identity_card(hooks):
    answers = sample_answers()
    answers["piece_identite"]["type_document"] = "passeport"
    [first, *_] = hooks.required_documents(procedure="citoyen_ue", answers=answers)
    assert first.kind == "passeport" and first.expiry_answer == ("piece_identite", "date_expiration")


def test_permanent_residence_needs_five_years(ctx):
    answers = sample_answers(carte="permanent", today=DAY)
    assert {c.code: c for c in checks.run(answers, DAY)}["duree_sejour"].status == "ok"
    answers["sejour"]["date_arrivee"] = "2021-06-02"
    assert {c.code: c for c in checks.run(answers, DAY)}["duree_sejour"].blocking
    answers["sejour"]["date_arrivee"] = "2021-06-01"
    assert {c.code: c for c in checks.run(answers, DAY)}["duree_sejour"].status == "ok"


def test_people_without_work_need_health_insurance(ctx):
    answers = sample_answers(activite="inactif", today=DAY)
    answers["sejour"]["assurance_maladie"] = "non"
    assert {c.code: c for c in checks.run(answers, DAY)}["assurance"].status == "warning"
    assert "assurance" not in {c.code for c in checks.run(sample_answers(today=DAY), DAY)}


@pytest.mark.parametrize("variant", [{}, {"qui": "famille"}, {"carte": "permanent"}, {"activite": "inactif"}])
def test_every_check_passes_on_the_samples(ctx, variant):
    results = checks.run(sample_answers(today=DAY, **variant), DAY)
    assert results and all(c.status == "ok" for c in results), results


def test_the_card_is_free_and_routed_to_the_prefecture(hooks):
    assert hooks.fee_due(procedure="citoyen_ue", answers=sample_answers(), filed_on=DAY) is None
    assert hooks.route_dossier(procedure="citoyen_ue", answers=sample_answers(postcode="33000")) == "pref-33"


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.SejourForm, {"date_arrivee": "2020-01-01", "activite": "inactif", "assurance_maladie": "oui"},
     "ressources_mensuelles", "ressources mensuelles"),
    (forms.CitoyenForm, {"nom": "R", "prenoms": "M", "nationalite": "US", "lien": "conjoint", "activite": "salarie"},
     "nationalite", ""),
    (forms.PieceIdentiteForm, {"type_document": "carte_identite", "numero": "1", "pays_delivrance": "IT",
                               "date_delivrance": "2024-01-01", "date_expiration": "2023-01-01"},
     "date_expiration", "après la date de délivrance"),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])


def test_decision_documents_name_the_card(hooks):
    [card] = hooks.decision_documents(procedure="citoyen_ue", answers=sample_answers("famille", "permanent"),
                                      decision="accepte")
    assert "permanent" in str(card.title) and "famille" in str(card.title) and "gratuitement" in str(card.detail)
