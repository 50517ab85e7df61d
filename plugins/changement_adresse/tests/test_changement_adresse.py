"""The change of address's rules: eligibility, steps and documents by situation, checks, fee, routing, decisions."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.changement_adresse import checks, forms
from plugins.changement_adresse.samples import sample_answers

ELIGIBLE = {"situation": "carte", "en_france": "oui", "expire_bientot": "non"}
NBSP = "\u00a0"


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


@pytest.mark.parametrize("answers,words", [
    ({**ELIGIBLE, "situation": "aucun"}, "Mes coordonnées et notifications"),
    ({**ELIGIBLE, "en_france": "non"}, "à l'étranger"),
    ({**ELIGIBLE, "expire_bientot": "oui"}, "Demandez son renouvellement"),
])
def test_eligibility_says_plainly_what_to_do_instead(hooks, answers, words):
    verdict = hooks.assess_eligibility(procedure="changement_adresse", answers=answers)
    assert not verdict.eligible and verdict.suggested_procedure is None and words in str(verdict.reason)


def test_a_pending_request_is_eligible_even_when_a_card_expires_soon(hooks):
    verdict = hooks.assess_eligibility(procedure="changement_adresse",
                                       answers={**ELIGIBLE, "situation": "demande", "expire_bientot": "oui"})
    assert verdict.eligible and verdict.initial_answers == {"situation": {"statut": "demande"}}


def test_steps_a_card_holder_gives_the_card_and_a_photo_a_pending_request_only_the_addresses(hooks):
    slugs = lambda a: [s.slug for s in hooks.procedure_steps(procedure="changement_adresse", answers=a)]  # noqa: E731
    assert slugs(sample_answers()) == ["situation", "identite", "adresse", "ancienne_adresse", "titre", "photo",
                                       "timbre"]
    assert slugs(sample_answers(card="ue")) == ["situation", "identite", "adresse", "ancienne_adresse", "titre",
                                                "photo"]
    assert slugs(sample_answers("demande")) == ["situation", "identite", "adresse", "ancienne_adresse"]


def test_documents_by_situation_and_housing(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="changement_adresse", answers=a)]  # noqa
    assert kinds(sample_answers()) == ["justificatif_domicile", "passeport", "titre_sejour"]
    assert kinds(sample_answers("demande")) == ["justificatif_domicile", "passeport"]
    hosted = sample_answers()
    hosted["adresse"]["hebergement"] = "tiers"
    assert "attestation_hebergement" in kinds(hosted)
    [proof] = [d for d in hooks.required_documents(procedure="changement_adresse", answers=hosted)
               if d.kind == "justificatif_domicile"]
    assert proof.max_age_days == 90


@pytest.mark.parametrize("days_ago,status", [(20, "ok"), (92, "ok"), (95, "warning")])
def test_a_move_is_declared_within_three_months(ctx, days_ago, status):
    today = dt.date(2026, 11, 24)
    answers = sample_answers(today=today)
    answers["adresse"]["date_emmenagement"] = (today - dt.timedelta(days=days_ago)).isoformat()
    result = {c.code: c for c in checks.run(answers, today)}["delai_declaration"]
    assert result.status == status
    if status == "warning":
        assert "R.431-23" in str(result.detail)


def test_the_applicant_is_told_before_filing_where_their_requests_go(ctx):
    moved = {c.code: c for c in checks.run(sample_answers(), dt.date.today())}["departement"]
    assert str(moved.label) == "Nouveau département" and "préfecture de Lyon (Rhône)" in str(moved.detail)
    same = {c.code: c for c in checks.run(sample_answers(postcode="75020"), dt.date.today())}["departement"]
    assert str(same.label) == "Même département" and "Paris" in str(same.detail)


@pytest.mark.parametrize("days_left,status", [(700, "ok"), (80, "error")])
def test_a_card_expiring_within_three_months_is_not_remade(ctx, days_left, status):
    today = dt.date(2026, 11, 24)
    answers = sample_answers(today=today)
    answers["titre"]["titre_expiration"] = (today + dt.timedelta(days=days_left)).isoformat()
    assert {c.code: c for c in checks.run(answers, today)}["validite_carte"].status == status


@pytest.mark.parametrize("numero,status", [("7501234567", "ok"), ("0012345678", "error"), ("7501234513", "error")])
def test_the_card_is_looked_up_in_agdref(ctx, numero, status):
    answers = sample_answers()
    answers["titre"]["numero_etranger"] = numero
    assert {c.code: c for c in checks.run(answers, dt.date.today())}["agdref"].status == status
    assert "agdref" not in {c.code for c in checks.run(sample_answers("demande"), dt.date.today())}


@pytest.mark.parametrize("statut,card,before,after", [("carte", "normal", 25, 50), ("carte", "ue", None, None),
                                                      ("demande", "normal", None, None)])
def test_fee_is_the_droit_de_timbre_of_a_new_card_by_filing_date(hooks, statut, card, before, after):
    answers = sample_answers(statut, card)
    fee = lambda day: hooks.fee_due(procedure="changement_adresse", answers=answers, filed_on=day)  # noqa: E731
    amount = lambda day: fee(day).amount if fee(day) else None  # noqa: E731
    assert amount(dt.date(2026, 4, 30)) == before and amount(dt.date(2026, 5, 1)) == after
    if after:
        assert fee(dt.date(2026, 5, 1)).verify and not fee(dt.date(2026, 4, 30)).verify


@pytest.mark.parametrize("postcode,service", [("69003", "pref-69"), ("13001", "pref-13"), ("97400", "pref-974")])
def test_routing_to_the_prefecture_of_the_new_address(hooks, postcode, service):
    assert hooks.route_dossier(procedure="changement_adresse", answers=sample_answers(postcode=postcode)) == service


def test_checklist_and_decision_documents(hooks):
    card = [str(i) for i in hooks.agent_checklist(procedure="changement_adresse", answers=sample_answers())]
    assert any("numéro de carte" in i for i in card) and any("timbre" in i for i in card)
    pending = [str(i) for i in hooks.agent_checklist(procedure="changement_adresse", answers=sample_answers("demande"))]
    assert not any("timbre" in i for i in pending) and any("transférées" in i for i in pending)
    [doc] = hooks.decision_documents(procedure="changement_adresse", answers=sample_answers(), decision="accepte")
    assert doc.kind == "carte_nouvelle_adresse"
    [doc] = hooks.decision_documents(procedure="changement_adresse", answers=sample_answers("demande"),
                                     decision="accepte")
    assert doc.kind == "changement_adresse"
    assert hooks.decision_requires_signature(procedure="changement_adresse", decision="refuse")


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.NouvelleAdresseForm, {"adresse": "1 rue A", "code_postal": "6900", "commune": "Lyon",
                                 "hebergement": "personnel", "date_emmenagement": "2026-01-01"}, "code_postal",
     "5 chiffres"),
    (forms.NouvelleAdresseForm, {"adresse": "1 rue A", "code_postal": "69003", "commune": "Lyon",
                                 "hebergement": "personnel", "date_emmenagement": "2999-01-01"}, "date_emmenagement",
     "une fois que vous y habitez"),
    (forms.TitreForm, {"numero_etranger": "75012345", "numero_carte": "FR1234567", "titre_type": "normal",
                       "titre_expiration": "2030-01-01"}, "numero_etranger", "10 chiffres"),
    (forms.TitreForm, {"numero_etranger": "7501234567", "numero_carte": "FR1234567", "titre_type": "normal",
                       "titre_expiration": "2020-01-01"}, "titre_expiration", "renouvellement"),
    (forms.AncienneAdresseForm, {"code_postal": "75011"}, "commune", "commune de votre ancienne adresse"),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])
