"""The professional-immigration cards' rules: eligibility, steps, the link to a granted work authorisation (refused
beside the number when wrong or another's), what it fills, documents, checks, fees by date, routing, decisions."""
import datetime as dt

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from anef.procedure_kit import work_authorisation as wa
from anef.procedure_kit.testing import french
from plugins.immigration_pro import checks, forms
from plugins.immigration_pro.samples import eligibility, sample_answers
from plugins.autorisation_travail.tests.helpers import file_authorisation, grant

CODE = "immigration_pro"
IN_MARCH_2026 = dt.date(2026, 3, 2)
IN_JUNE_2026 = dt.date(2026, 6, 1)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def by_code(results):
    return {c.code: c for c in results}


# ---------------------------------------------------------------- eligibility

def test_no_card_fits_points_to_the_talent_card(hooks):
    verdict = hooks.assess_eligibility(procedure=CODE, answers={**eligibility(), "categorie": "aucune"})
    assert not verdict.eligible and verdict.suggested_procedure == "passeport_talent"


def test_without_a_granted_authorisation_the_employer_must_ask_first(hooks):
    verdict = hooks.assess_eligibility(procedure=CODE, answers={**eligibility("salarie"),
                                                                "autorisation_accordee": "non"})
    assert not verdict.eligible and "votre employeur qui la demande" in str(verdict.reason)


def test_an_unvalidated_vls_ts_goes_to_the_validation(hooks):
    verdict = hooks.assess_eligibility(procedure=CODE, answers={**eligibility("salarie"), "vls_ts_non_valide": "oui"})
    assert not verdict.eligible and verdict.suggested_procedure == "vlsts"


def test_an_ict_transfer_needs_no_authorisation(hooks):
    verdict = hooks.assess_eligibility(procedure=CODE, answers=eligibility())
    assert verdict.eligible and verdict.initial_answers == {"situation": {"categorie": "ict", "demande": "premiere"}}


# ---------------------------------------------------------------- steps and documents

@pytest.mark.parametrize("kind,request_,expected", [
    ("salarie", "premiere", ["situation", "autorisation", "identite", "passeport", "entree", "adresse", "emploi",
                             "timbre"]),
    ("travailleur_temporaire", "changement_statut", ["situation", "autorisation", "identite", "passeport", "titre",
                                                     "adresse", "emploi", "timbre"]),
    ("saisonnier", "premiere", ["situation", "autorisation", "identite", "passeport", "entree", "adresse", "emploi",
                                "saison", "timbre"]),
    ("ict", "renouvellement", ["situation", "identite", "passeport", "titre", "adresse", "emploi", "timbre"]),
])
def test_steps_by_card_and_request(hooks, kind, request_, expected):
    steps = hooks.procedure_steps(procedure=CODE, answers=sample_answers(kind, request=request_))
    assert [s.slug for s in steps] == expected


@pytest.mark.parametrize("kind,request_,expected", [
    ("salarie", "premiere", ["passeport", "visa", "acte_naissance", "justificatif_domicile", "contrat_travail"]),
    ("saisonnier", "premiere", ["passeport", "visa", "acte_naissance", "justificatif_domicile", "contrat_travail",
                                "residence_hors_france"]),
    ("ict", "premiere", ["passeport", "visa", "acte_naissance", "justificatif_domicile", "lettre_detachement",
                         "attestation_groupe"]),
    ("salarie", "renouvellement", ["passeport", "titre_sejour", "justificatif_domicile", "contrat_travail",
                                   "bulletins_salaire"]),
])
def test_documents_by_card_and_request(hooks, kind, request_, expected):
    docs = hooks.required_documents(procedure=CODE, answers=sample_answers(kind, request=request_))
    assert [d.kind for d in docs] == expected


def test_the_job_of_a_linked_card_is_shown_read_only_and_says_where_it_comes_from(ctx):
    form = forms.EmploiAutoriseForm(formdata=MultiDict({}))
    assert all("readonly" in field() for field in form)
    assert not form.validate()
    assert french("Indiquez d'abord le numéro de votre autorisation de travail") in str(form.errors["employeur"][0])


# ---------------------------------------------------------------- the link to the work authorisation

def link_errors(card, number, siret):
    form = forms.LINK_FORMS[card](formdata=MultiDict({"numero_autorisation": number, "siret_employeur": siret}))
    return None if form.validate() else form.errors


def test_a_granted_authorisation_links_with_its_number_and_siret(app, make_user):
    number, siret = grant(app, make_user)
    with app.test_request_context():
        assert link_errors("salarie", number, siret) is None
        assert link_errors("salarie", number.lower().replace("-", " "), "732 829 320 00074") is None
        # Another employer's SIRET, or an unknown number: the same answer, beside the number.
        for typed_number, typed_siret in ((number, "44306184100047"), ("AT-2026-0000-0000", siret)):
            errors = link_errors("salarie", typed_number, typed_siret)
            assert list(errors) == ["numero_autorisation"]
            assert "Aucune autorisation de travail de cet employeur" in str(errors["numero_autorisation"][0])
        # An authorisation for a permanent job does not give the « travailleur temporaire » card.
        errors = link_errors("travailleur_temporaire", number, siret)
        assert french("emploi de « salarié »") in str(errors["numero_autorisation"][0])


@pytest.mark.parametrize("number,siret,field,words", [
    ("ANEF-2026", "73282932000074", "numero_autorisation", "n'est pas celui d'une autorisation de travail"),
    ("", "73282932000074", "numero_autorisation", "Indiquez le numéro"),
    ("AT-2026-K7M2-Q9XD", "73282932000075", "siret_employeur", "n'existe pas"),
])
def test_malformed_answers_are_refused_beside_their_field(ctx, number, siret, field, words):
    errors = link_errors("salarie", number, siret)
    assert words in str(errors[field][0])


def test_a_request_not_yet_granted_or_refused_is_refused_with_its_reason(app, make_user):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    reference = file_authorisation(app)
    with app.test_request_context():
        errors = link_errors("salarie", reference, "73282932000074")
        assert "pas encore accordée" in str(errors["numero_autorisation"][0])
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        dossier.state = "refuse"
        db.session.commit()
        errors = link_errors("salarie", reference, "73282932000074")
        assert "n'a pas été accordée" in str(errors["numero_autorisation"][0])


def test_the_authorisation_fills_the_job_and_what_the_person_left_empty(app, make_user):
    number, siret = grant(app, make_user, contract="cdd", months="6", salary="2500")
    with app.test_request_context():
        answers = {"situation": {"categorie": "travailleur_temporaire", "demande": "premiere"},
                   "autorisation": {"numero_autorisation": number, "siret_employeur": siret},
                   "identite": {"nom": "NGUYEN-TRAN"}}
        from anef.procedure_kit import forms as kit_forms

        filled = wa.prefill(answers, forms.EmploiAutoriseForm, identity_form=kit_forms.IdentiteContactForm,
                            passport_form=kit_forms.PasseportForm)
    assert filled["emploi"]["numero_autorisation"] == number and filled["emploi"]["duree_mois"] == "6"
    assert filled["emploi"]["salaire_mensuel_brut"] == "2500" and filled["emploi"]["lieu_travail"] == "75011 Paris"
    assert filled["identite"]["nom"] == "NGUYEN-TRAN"  # typed by the person: kept
    assert filled["identite"]["prenoms"] == "Van An" and filled["passeport"]["numero"] == "C1234567"


def test_the_link_check_blocks_a_number_that_no_longer_matches(app, make_user):
    number, siret = grant(app, make_user)
    with app.test_request_context():
        answers = sample_answers("salarie", number=number, siret=siret)
        assert by_code(checks.run(answers, dt.date.today()))["autorisation_travail"].status == "ok"
        answers["autorisation"]["siret_employeur"] = "44306184100047"
        assert by_code(checks.run(answers, dt.date.today()))["autorisation_travail"].status == "error"


# ---------------------------------------------------------------- checks, fees, routing, decisions

def test_every_check_passes_on_the_ict_sample(ctx):
    results = checks.run(sample_answers(today=IN_MARCH_2026), IN_MARCH_2026)
    assert results and all(c.status == "ok" for c in results), results


@pytest.mark.parametrize("field,value,code", [("anciennete_groupe_mois", "2", "anciennete_groupe"),
                                              ("duree_mission_mois", "48", "duree_mission")])
def test_ict_conditions_left_to_the_agent(ctx, field, value, code):
    answers = sample_answers(today=IN_MARCH_2026)
    answers["emploi"][field] = value
    assert by_code(checks.run(answers, IN_MARCH_2026))[code].status == "warning"


@pytest.mark.parametrize("kind,request_,day,amount,verify", [
    ("salarie", "premiere", IN_MARCH_2026, 225, False),
    ("salarie", "premiere", IN_JUNE_2026, 350, True),   # LFI 2026: 300 + 50, its date flagged
    ("saisonnier", "premiere", IN_MARCH_2026, 75, False),  # reduced rate
    ("saisonnier", "premiere", IN_JUNE_2026, 150, True),
    ("salarie", "renouvellement", IN_JUNE_2026, 250, True),
    ("ict", "changement_statut", IN_MARCH_2026, 225, False),
])
def test_fee_by_card_request_and_filing_date(hooks, kind, request_, day, amount, verify):
    fee = hooks.fee_due(procedure=CODE, answers=sample_answers(kind, request=request_), filed_on=day)
    assert (fee.amount, fee.verify) == (amount, verify)


def test_routed_to_the_prefecture_of_the_address(hooks):
    assert hooks.route_dossier(procedure=CODE, answers=sample_answers()) == "pref-69"


def test_a_renewal_on_time_keeps_the_right_to_work(hooks):
    answers = sample_answers("salarie", request="renouvellement", today=IN_MARCH_2026)
    extension = hooks.instruction_extension(procedure=CODE, answers=answers, filed_on=IN_MARCH_2026)
    assert extension.due and extension.authorises_work


@pytest.mark.parametrize("kind,title", [("salarie", "« salarié »"), ("saisonnier", "« travailleur saisonnier »"),
                                        ("ict", "« salarié détaché ICT »")])
def test_decision_documents_by_card(hooks, kind, title):
    [document] = hooks.decision_documents(procedure=CODE, answers=sample_answers(kind), decision="accepte")
    assert french(title) in str(document.title)
    assert hooks.decision_requires_signature(procedure=CODE, decision="refuse") is True


def test_the_checklist_asks_to_compare_the_contract_with_the_authorisation(hooks):
    items = [str(i) for i in hooks.agent_checklist(procedure=CODE, answers=sample_answers("salarie"))]
    assert any("emploi autorisé" in i for i in items)
    assert not any("emploi autorisé" in i for i in hooks.agent_checklist(procedure=CODE, answers=sample_answers()))
