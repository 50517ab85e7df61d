"""The DCEM's rules: eligibility, steps and documents by the child's situation, dated checks, fee, routing."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.dcem import checks, forms
from plugins.dcem.samples import ELIGIBLE, sample_answers

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def by_code(answers, day=TODAY):
    return {c.code: c for c in checks.run(answers, day)}


@pytest.mark.parametrize("answers,words", [
    ({**ELIGIBLE, "lien": "autre"}, "autorité parentale"),
    ({**ELIGIBLE, "mineur": "non"}, "réservé aux mineurs"),
    ({**ELIGIBLE, "francais": "oui"}, "carte nationale d'identité française"),
    ({**ELIGIBLE, "fondement": "ase"}, "aide sociale à l'enfance"),
    ({**ELIGIBLE, "fondement": "aucun"}, "Aucune démarche en ligne ne correspond"),
])
def test_eligibility_says_plainly_what_to_do_instead(hooks, answers, words):
    verdict = hooks.assess_eligibility(procedure="dcem", answers=answers)
    assert not verdict.eligible and words in str(verdict.reason)


@pytest.mark.parametrize("fondement,middle", [
    ("parent_titre", ["titre"]),
    ("parent_francais_ue", ["piece_parent"]),
    ("entree_avant_13", ["titre", "entree"]),
    ("visa_long_sejour", ["entree"]),
    ("mayotte", ["titre"]),
])
def test_steps_follow_the_childs_situation(hooks, fondement, middle):
    steps = hooks.procedure_steps(procedure="dcem", answers=sample_answers(fondement))
    assert [s.slug for s in steps] == ["situation", "identite", "passeport", "parent", *middle, "photo", "adresse",
                                       "timbre"]
    if fondement == "visa_long_sejour":
        assert steps[4].form_class is forms.VisaEnfantForm


def test_a_parent_with_an_eu_or_withdrawal_card_pays_nothing(hooks):
    for card in ("ue", "retrait"):
        slugs = [s.slug for s in hooks.procedure_steps(procedure="dcem", answers=sample_answers(card=card))]
        assert "timbre" not in slugs
        assert hooks.fee_due(procedure="dcem", answers=sample_answers(card=card), filed_on=TODAY) is None


@pytest.mark.parametrize("day,amount,verify", [(dt.date(2026, 4, 30), 50, False), (dt.date(2026, 5, 1), 50, True)])
def test_fee_by_filing_date_keeps_the_verify_flag(hooks, day, amount, verify):
    fee = hooks.fee_due(procedure="dcem", answers=sample_answers(), filed_on=day)
    assert (fee.amount, fee.verify) == (amount, verify)


def test_a_french_parent_pays_a_european_one_does_not(ctx):
    answers = sample_answers("parent_francais_ue")
    assert checks.fee(answers, TODAY).amount == 50
    answers["piece_parent"]["nationalite_parent"] = "ue"
    assert checks.fee(answers, TODAY) is None


def test_documents_follow_the_answers(hooks):
    docs = {d.kind: d for d in hooks.required_documents(procedure="dcem", answers=sample_answers())}
    assert list(docs) == ["passeport_enfant", "acte_naissance_enfant", "autorite_parentale", "titre_sejour",
                          "passeport", "certificat_scolarite", "justificatif_domicile"]
    assert str(docs["autorite_parentale"].label) == "Acte de mariage des parents"
    assert docs["passeport_enfant"].expiry_answer == ("passeport", "date_expiration")
    separated = sample_answers()
    separated["parent"]["situation_parents"] = "separes"
    label = {d.kind: d for d in hooks.required_documents(procedure="dcem", answers=separated)}["autorite_parentale"]
    assert "divorce" in str(label.label)
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="dcem", answers=a)]  # noqa: E731
    assert "piece_identite_parent" in kinds(sample_answers("parent_francais_ue"))
    assert "visa" in kinds(sample_answers("visa_long_sejour"))
    assert "preuve_entree_enfant" in kinds(sample_answers("entree_avant_13"))


def test_the_school_certificate_is_asked_from_school_age(hooks):
    baby = sample_answers()
    baby["identite"]["date_naissance"] = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    [cert] = [d for d in hooks.required_documents(procedure="dcem", answers=baby) if d.kind == "certificat_scolarite"]
    assert not cert.mandatory
    [cert] = [d for d in hooks.required_documents(procedure="dcem", answers=sample_answers())
              if d.kind == "certificat_scolarite"]
    assert cert.mandatory


@pytest.mark.parametrize("born,status", [(dt.date(2008, 11, 25), "ok"), (dt.date(2008, 11, 24), "error")])
def test_the_child_is_a_minor_on_the_filing_date(ctx, born, status):
    answers = sample_answers(today=TODAY)
    answers["identite"]["date_naissance"] = born.isoformat()
    answers["passeport"]["date_delivrance"] = "2024-01-01"
    assert by_code(answers)["mineur"].status == status


@pytest.mark.parametrize("years_after_birth,days,status", [(12, 364, "ok"), (13, 0, "error"), (0, -5, "error")])
def test_entry_before_thirteen(ctx, years_after_birth, days, status):
    answers = sample_answers("entree_avant_13", today=TODAY)
    born = dt.date.fromisoformat(answers["identite"]["date_naissance"]).replace(year=2010)
    answers["identite"]["date_naissance"] = born.isoformat()
    entry = born.replace(year=born.year + years_after_birth) + dt.timedelta(days=days)
    answers["entree"]["date_entree"] = entry.isoformat()
    assert by_code(answers)["entree_avant_13"].status == status


def test_mayotte_only_for_an_address_in_mayotte(ctx):
    assert by_code(sample_answers("mayotte", today=TODAY))["mayotte"].status == "ok"
    elsewhere = sample_answers("mayotte", today=TODAY)
    elsewhere["adresse"].update(code_postal="75011", commune="Paris")
    assert by_code(elsewhere)["mayotte"].blocking


def test_the_parents_card_is_looked_up_in_agdref_under_the_parents_name(ctx):
    assert by_code(sample_answers(today=TODAY))["agdref_parent"].status == "ok"
    unknown = sample_answers(today=TODAY)
    unknown["titre"]["numero_etranger"] = "0098765432"
    assert by_code(unknown)["agdref_parent"].blocking
    assert "agdref_parent" not in by_code(sample_answers("visa_long_sejour", today=TODAY))


def test_a_parent_younger_than_the_child_is_refused(ctx):
    answers = sample_answers(today=TODAY)
    answers["parent"]["date_naissance"] = "2020-01-01"
    assert by_code(answers)["dates_parent"].blocking


@pytest.mark.parametrize("postcode,service", [("75011", "pref-75"), ("97600", "pref-976")])
def test_routing(hooks, postcode, service):
    assert hooks.route_dossier(procedure="dcem", answers=sample_answers(postcode=postcode)) == service


def test_checklist_decision_and_connectors(hooks):
    items = [str(i) for i in hooks.agent_checklist(procedure="dcem", answers=sample_answers())]
    assert any("filiation" in i for i in items) and any("AGDREF" in i for i in items)
    assert any("FPR" in i for i in items)
    [doc] = hooks.decision_documents(procedure="dcem", answers=sample_answers("mayotte"), decision="accepte")
    assert doc.kind == "dcem" and "Mayotte" in str(doc.detail) and "5 ans" in str(doc.validity)
    assert hooks.procedure_connectors(procedure="dcem", answers=sample_answers()) == ["fpr", "sis", "visabio"]
    assert hooks.decision_requires_signature(procedure="dcem", decision="refuse")


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.EnfantForm, {"nom": "A", "prenoms": "B", "sexe": "M", "date_naissance": "2000-01-01", "lieu_naissance": "L",
                        "pays_naissance": "P", "nationalite": "N"}, "date_naissance", "réservé aux mineurs"),
    (forms.TitreParentForm, {"numero_etranger": "750987654", "numero_carte": "FR7654321", "titre_type": "csp",
                             "titre_expiration": "2035-01-01"}, "numero_etranger", "10 chiffres"),
    (forms.TitreParentForm, {"numero_etranger": "7509876541", "numero_carte": "FR7654321", "titre_type": "csp",
                             "titre_expiration": "2020-01-01"}, "titre_expiration", "renouvellement"),
    (forms.PieceParentForm, {"nationalite_parent": "francaise", "piece_type": "cni", "piece_numero": "AB 12",
                             "piece_expiration": "2035-01-01"}, "piece_numero", "6 à 12"),
    (forms.ParentForm, {"lien": "mere", "nom": "A", "prenoms": "B", "date_naissance": "1980-01-01",
                        "nationalite": "N", "telephone": "06 11 22 33 44"}, "situation_parents", "situation des parents"),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])
