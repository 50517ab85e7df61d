"""A change of situation: eligibility, the event's step and documents by kind, whether the card is remade, fee."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.changement_situation import checks, forms
from plugins.changement_situation.samples import ELIGIBLE, sample_answers

TODAY = dt.date(2026, 11, 24)
KINDS = ["mariage", "pacs", "divorce", "naissance", "deces", "nom", "etat_civil"]


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


@pytest.mark.parametrize("answers,suggested,words", [
    ({**ELIGIBLE, "changement": "adresse"}, "changement_adresse", "changement d'adresse"),
    ({**ELIGIBLE, "changement": "perte"}, "duplicata", "duplicata"),
    ({**ELIGIBLE, "changement": "motif"}, None, "nouveau titre"),
    ({**ELIGIBLE, "carte": "non"}, None, "messagerie"),
    ({**ELIGIBLE, "expire_bientot": "oui"}, None, "renouvellement"),
])
def test_eligibility_sends_people_to_the_right_procedure(hooks, answers, suggested, words):
    verdict = hooks.assess_eligibility(procedure="changement_situation", answers=answers)
    assert not verdict.eligible and verdict.suggested_procedure == suggested and words in str(verdict.reason)


@pytest.mark.parametrize("kind,married_name,remade", [
    ("mariage", True, True), ("mariage", False, False), ("pacs", True, False), ("divorce", True, True),
    ("divorce", False, False), ("naissance", True, False), ("deces", True, False), ("nom", True, True),
    ("etat_civil", True, True)])
def test_the_card_is_remade_only_when_what_it_prints_changes(hooks, kind, married_name, remade):
    answers = sample_answers(kind, married_name=married_name)
    steps = hooks.procedure_steps(procedure="changement_situation", answers=answers)
    slugs = [s.slug for s in steps]
    assert slugs[:4] == ["situation", "identite", "titre", "evenement"]
    assert steps[3].form_class is forms.EVENT_FORMS[kind][1]
    assert ("photo" in slugs, "timbre" in slugs) == (remade, remade)
    fee = hooks.fee_due(procedure="changement_situation", answers=answers, filed_on=TODAY)
    assert (fee is not None) == remade


@pytest.mark.parametrize("day,amount,verify", [(dt.date(2026, 4, 30), 25, False), (dt.date(2026, 5, 1), 50, True)])
def test_the_droit_de_timbre_by_filing_date(ctx, day, amount, verify):
    fee = checks.fee(sample_answers("nom"), day)
    assert (fee.amount, fee.verify) == (amount, verify)
    assert checks.fee(sample_answers("nom", card="ue"), day) is None


@pytest.mark.parametrize("kind,first", [("mariage", "acte_mariage"), ("pacs", "attestation_pacs"),
                                        ("divorce", "jugement_divorce"), ("naissance", "acte_naissance_enfant"),
                                        ("deces", "acte_deces"), ("nom", "decision_nom"),
                                        ("etat_civil", "acte_naissance")])
def test_documents_by_kind(hooks, kind, first):
    docs = hooks.required_documents(procedure="changement_situation", answers=sample_answers(kind))
    assert docs[0].kind == first
    assert {"titre_sejour", "passeport", "justificatif_domicile"} <= {d.kind for d in docs}


def test_checks(ctx):
    results = {c.code: c for c in checks.run(sample_answers(today=TODAY), TODAY)}
    assert results["agdref"].status == "ok" and results["validite_carte"].status == "ok"
    soon = sample_answers("nom", today=TODAY)
    soon["titre"]["titre_expiration"] = (TODAY + dt.timedelta(days=40)).isoformat()
    assert {c.code: c for c in checks.run(soon, TODAY)}["validite_carte"].blocking
    birth = sample_answers("naissance", today=TODAY)
    birth["titre"]["titre_expiration"] = (TODAY + dt.timedelta(days=40)).isoformat()
    assert {c.code: c for c in checks.run(birth, TODAY)}["validite_carte"].status == "ok"
    early = sample_answers("deces", today=TODAY)
    early["evenement"]["date_evenement"] = "1980-01-01"
    assert {c.code: c for c in checks.run(early, TODAY)}["dates"].blocking


def test_a_marriage_abroad_with_a_french_national_asks_for_the_transcription(ctx):
    abroad = sample_answers(today=TODAY)
    abroad["evenement"]["pays"] = "Brésil"
    assert {c.code: c for c in checks.run(abroad, TODAY)}["transcription"].status == "warning"
    assert "transcription" not in {c.code for c in checks.run(sample_answers(today=TODAY), TODAY)}


def test_routing_checklist_decisions(hooks):
    assert hooks.route_dossier(procedure="changement_situation", answers=sample_answers()) == "pref-69"
    items = [str(i) for i in hooks.agent_checklist(procedure="changement_situation", answers=sample_answers("pacs"))]
    assert any("PACS" in i for i in items) and not any("timbre" in i for i in items)
    [doc] = hooks.decision_documents(procedure="changement_situation", answers=sample_answers("nom"),
                                     decision="accepte")
    assert doc.kind == "carte_mise_a_jour"
    [doc] = hooks.decision_documents(procedure="changement_situation", answers=sample_answers("naissance"),
                                     decision="accepte")
    assert doc.kind == "changement_situation"


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.NomForm, {"date_evenement": "2026-01-01", "autorite": "T", "ancien_nom": "SANTOS Maria",
                     "nouveau_nom": "santos maria"}, "nouveau_nom", "identique"),
    (forms.EtatCivilForm, {"champ": "nom", "motif": "erreur", "valeur_carte": "A", "valeur_correcte": "a",
                           "date_evenement": "2026-01-01"}, "valeur_correcte", "différente"),
    (forms.MariageForm, {"date_evenement": "2999-01-01", "lieu": "L", "pays": "P", "conjoint_nom": "N",
                         "conjoint_prenoms": "P", "conjoint_nationalite": "N", "nom_usage": "non"}, "date_evenement",
     "futur"),
    (forms.TitreForm, {"numero_etranger": "6901234568", "numero_carte": "FR9988776", "titre_type": "normal",
                       "titre_expiration": "2020-01-01"}, "titre_expiration", "renouvellement"),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])
