"""The visitor procedure's rules: eligibility, steps, documents, checks, fees, routing."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.visiteur import checks, forms
from plugins.visiteur.samples import sample_answers

ELIGIBLE = {"motif": "visite", "demande": "premiere", "vls_ts_non_valide": "non"}


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


@pytest.mark.parametrize("answers,suggested,words", [
    ({**ELIGIBLE, "motif": "etudes"}, "etudiant", "étudiant"),
    ({**ELIGIBLE, "motif": "travail"}, "passeport_talent", "ne permet pas de travailler"),
    ({**ELIGIBLE, "motif": "famille"}, "vpf", "vie privée et familiale"),
    ({**ELIGIBLE, "motif": "autre"}, "autres_sejour", "propres ressources"),
    ({**ELIGIBLE, "vls_ts_non_valide": "oui"}, "vlsts", "validez ce visa"),
])
def test_eligibility_sends_people_to_the_procedure_that_fits(hooks, answers, suggested, words):
    verdict = hooks.assess_eligibility(procedure="visiteur", answers=answers)
    assert not verdict.eligible and verdict.suggested_procedure == suggested and words in str(verdict.reason)


def test_eligible_visitors_start_with_their_kind_of_request(hooks):
    verdict = hooks.assess_eligibility(procedure="visiteur", answers={**ELIGIBLE, "demande": "renouvellement",
                                                                       "vls_ts_non_valide": "oui"})
    assert verdict.eligible and verdict.initial_answers == {"situation": {"demande": "renouvellement"}}


def test_first_card_and_renewal_steps(hooks):
    slugs = lambda a: [s.slug for s in hooks.procedure_steps(procedure="visiteur", answers=a)]  # noqa: E731
    assert slugs(sample_answers()) == ["situation", "identite", "passeport", "entree", "adresse", "ressources",
                                       "assurance", "engagements", "timbre"]
    assert "titre" in slugs(sample_answers(renewal=True)) and "entree" not in slugs(sample_answers(renewal=True))


def test_documents_follow_the_answers(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="visiteur", answers=a)]  # noqa: E731
    assert kinds(sample_answers()) == ["passeport", "visa", "acte_naissance", "justificatif_domicile", "ressources",
                                       "assurance_maladie", "engagement_sans_activite"]
    married_hosted = sample_answers(renewal=True)
    married_hosted["engagements"]["situation_familiale"] = "marie"
    married_hosted["adresse"]["hebergement"] = "tiers"
    got = kinds(married_hosted)
    assert "titre_sejour" in got and "attestation_hebergement" in got and "declaration_non_polygamie" in got


def test_resources_against_the_net_smic_over_a_year(ctx):
    day = dt.date(2026, 3, 1)
    answers = sample_answers(today=day)
    answers["ressources"]["montant_annuel"] = "17318"
    assert {c.code: c for c in checks.run(answers, day)}["ressources"].status == "ok"
    answers["ressources"]["montant_annuel"] = "17000"
    low = {c.code: c for c in checks.run(answers, day)}["ressources"]
    assert low.status == "warning" and "abaissé" not in str(low.detail)
    answers["adresse"]["hebergement"] = "proprietaire"
    assert "abaissé" in str({c.code: c for c in checks.run(answers, day)}["ressources"].detail)


def test_insurance_must_cover_the_year(ctx):
    day = dt.date(2026, 3, 1)
    answers = sample_answers(today=day)
    assert {c.code: c for c in checks.run(answers, day)}["assurance"].status == "ok"
    answers["assurance"]["couverture_fin"] = "2026-12-31"
    assert {c.code: c for c in checks.run(answers, day)}["assurance"].status == "warning"


def test_every_check_passes_on_the_sample(ctx):
    day = dt.date(2026, 11, 24)
    for renewal in (False, True):
        results = checks.run(sample_answers(renewal=renewal, today=day), day)
        assert results and all(c.status == "ok" for c in results), results


def test_fee_follows_the_filing_date(ctx):
    first, renewal = sample_answers(), sample_answers(renewal=True)
    assert checks.fee(first, dt.date(2026, 4, 30)).amount == 225
    assert checks.fee(first, dt.date(2026, 5, 1)).amount == 350 and checks.fee(first, dt.date(2026, 5, 1)).verify
    assert checks.fee(renewal, dt.date(2026, 4, 30)).amount == 225
    assert checks.fee(renewal, dt.date(2026, 5, 1)).amount == 250


@pytest.mark.parametrize("postcode,service", [("75011", "pref-75"), ("69003", "pref-69"), ("97200", "pref-972"),
                                              ("98000", None)])
def test_routing_to_the_prefecture_of_the_address(hooks, postcode, service):
    assert hooks.route_dossier(procedure="visiteur", answers=sample_answers(postcode=postcode)) == service


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.EngagementsForm, {"situation_familiale": "celibataire"}, "sans_activite", "ne permet pas de travailler"),
    (forms.AssuranceForm, {"assureur": "A", "numero_contrat": "1", "couverture_fin": "2020-01-01"}, "couverture_fin",
     "est passée"),
    (forms.RessourcesForm, {"source": "pension", "montant_annuel": "beaucoup"}, "montant_annuel", ""),
    (forms.AdresseForm, {"adresse": "1 rue", "code_postal": "75011", "commune": "Paris", "hebergement": "chateau"},
     "hebergement", ""),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])


def test_renewal_filed_on_time_gets_an_attestation_de_prolongation_without_work(hooks):
    today = dt.date.today()
    extension = hooks.instruction_extension(procedure="visiteur", answers=sample_answers(renewal=True, today=today),
                                            filed_on=today)
    assert extension.due and not extension.authorises_work
    late = sample_answers(renewal=True, today=today)
    late["titre"]["titre_expiration"] = (today + dt.timedelta(days=10)).isoformat()
    assert not hooks.instruction_extension(procedure="visiteur", answers=late, filed_on=today).due


def test_decision_documents_and_four_eyes(hooks):
    [card] = hooks.decision_documents(procedure="visiteur", answers=sample_answers(), decision="accepte")
    assert card.kind == "carte_visiteur" and card.attestation == "decision_favorable"
    assert hooks.decision_requires_signature(procedure="visiteur", decision="refuse") is True
