"""The student procedure's rules: steps, documents, checks, fees, routing, eligibility."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from conftest import student_answers
from plugins.etudiant import checks, forms


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def test_first_card_and_renewal_have_different_steps(hooks):
    first = [s.slug for s in hooks.procedure_steps(procedure="etudiant", answers=student_answers())]
    renewal = [s.slug for s in hooks.procedure_steps(procedure="etudiant", answers=student_answers(renewal=True))]
    assert first == ["situation", "identite", "passeport", "entree", "adresse", "etudes", "ressources", "timbre"]
    assert renewal == ["situation", "identite", "passeport", "titre", "adresse", "etudes", "parcours", "ressources",
                       "timbre"]


def test_other_procedures_are_not_answered(hooks):
    # Every plugin answers for its own code only: a code no plugin owns gets no answer at all.
    assert hooks.procedure_steps(procedure="inconnue", answers={}) is None
    assert hooks.route_dossier(procedure="inconnue", answers={}) is None


def test_documents_follow_the_answers(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="etudiant", answers=a)]  # noqa: E731
    assert kinds(student_answers()) == ["passeport", "visa", "justificatif_domicile", "inscription", "ressources"]
    hosted = student_answers()
    hosted["adresse"]["hebergement"] = "tiers"
    assert "attestation_hebergement" in kinds(hosted)
    phd = student_answers(renewal=True)
    phd["etudes"]["niveau"] = "doctorat"
    assert kinds(phd) == ["passeport", "titre_sejour", "justificatif_domicile", "inscription", "releves_notes",
                          "attestation_these", "ressources"]


@pytest.mark.parametrize("postcode,service", [("75011", "pref-75"), ("69003", "pref-69"), ("20000", "pref-2A"),
                                              ("97400", "pref-974"), ("98000", None)])
def test_routing_to_the_prefecture_of_the_address(hooks, postcode, service):
    assert hooks.route_dossier(procedure="etudiant", answers=student_answers(postcode=postcode)) == service


def test_resources_threshold_follows_the_filing_date():
    low = student_answers()
    low["ressources"]["montant_mensuel"] = "700"
    before = {c.code: c for c in checks.run(low, dt.date(2026, 7, 31))}["ressources"]
    after = {c.code: c for c in checks.run(low, dt.date(2026, 8, 1))}["ressources"]
    assert before.status == "ok" and after.status == "warning"
    assert checks.resources_threshold(dt.date(2026, 8, 1)).verify  # a VERIFY fact stays flagged


def test_fee_follows_the_filing_date_and_the_kind_of_request():
    first, renewal = student_answers(), student_answers(renewal=True)
    assert checks.fee(first, dt.date(2026, 4, 30)).amount == 75
    assert checks.fee(first, dt.date(2026, 5, 1)).amount == 150
    assert checks.fee(first, dt.date(2026, 5, 1)).verify
    assert checks.fee(renewal, dt.date(2026, 4, 30)).amount == 75
    assert checks.fee(renewal, dt.date(2026, 5, 1)).amount == 100


@pytest.mark.parametrize("days_left,status,code_label", [(150, "warning", "anticipée"), (90, "ok", "dans les délais"),
                                                          (30, "warning", "tardif"), (-30, "warning", "expiré"),
                                                          (-200, "warning", "plus de 6 mois")])
def test_renewal_window(days_left, status, code_label):
    today = dt.date(2026, 11, 24)
    answers = student_answers(renewal=True, today=today)
    answers["titre"]["titre_expiration"] = (today + dt.timedelta(days=days_left)).isoformat()
    result = {c.code: c for c in checks.run(answers, today)}["delai_renouvellement"]
    assert result.status == status and code_label in str(result.label)


def test_late_first_application_is_flagged():
    today = dt.date(2026, 11, 24)
    answers = student_answers(today=today)
    answers["entree"]["date_entree"] = (today - dt.timedelta(days=90)).isoformat()
    result = {c.code: c for c in checks.run(answers, today)}["delai_premiere_demande"]
    assert result.status == "warning"


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.TimbreForm, {"numero_timbre": "1234 5678 1234 567"}, "numero_timbre", "16 chiffres"),
    (forms.TitreForm, {"numero_etranger": "123456789", "titre_type": "carte_etudiant", "titre_expiration": "2027-01-01"},
     "numero_etranger", "10 chiffres"),
    (forms.EntreeForm, {"visa_numero": "FR123456789", "visa_type": "autre", "visa_debut": "2026-09-01",
                        "visa_fin": "2027-08-31", "date_entree": "2026-09-02"}, "visa_numero", "3 lettres"),
    (forms.AdresseForm, {"adresse": "1 rue", "code_postal": "98000", "commune": "Monaco", "hebergement": "personnel"},
     "code_postal", "aucun département"),
    (forms.EntreeForm, {"visa_numero": "FRA123456789", "visa_type": "autre", "visa_debut": "2026-09-01",
                        "visa_fin": "2027-08-31", "date_entree": "2026-08-01"}, "date_entree", "comprise dans la validité"),
    (forms.EtudesForm, {"etablissement": "U", "formation": "M", "niveau": "M1", "date_debut": "2026-09-01",
                        "date_fin": "2026-01-01"}, "date_fin", "après son début"),
    (forms.ParcoursForm, {"redoublement": "oui", "changement": "non"}, "explication", "Expliquez"),
    (forms.RessourcesForm, {"source": "bourse", "montant_mensuel": "beaucoup"}, "montant_mensuel", ""),
    (forms.IdentiteForm, {"telephone": "12"}, "telephone", "numéro de téléphone"),
])
def test_validation_messages(app, form_class, data, field, message):
    with app.test_request_context():
        form = form_class(formdata=MultiDict(data))
        assert not form.validate()
        assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])


def test_valid_identifiers_are_normalised(app):
    with app.test_request_context():
        form = forms.TimbreForm(formdata=MultiDict({"numero_timbre": "1234 5678 1234 5678"}))
        assert form.validate() and form.numero_timbre.data == "1234567812345678"


def test_refusals_take_a_valideur_signature(hooks):
    assert hooks.decision_requires_signature(procedure="etudiant", decision="refuse") is True
    assert hooks.decision_requires_signature(procedure="etudiant", decision="accepte") is False
