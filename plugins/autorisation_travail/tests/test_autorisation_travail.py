"""The work authorisation's rules: eligibility, steps, documents by answers, checks and the OFII tax by date,
routing to the platform of the workplace, the agent's checklist, decisions and the authorisation's number."""
import datetime as dt
import re

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from anef.procedure_kit.testing import french
from plugins.autorisation_travail import checks, forms
from plugins.autorisation_travail.samples import ELIGIBLE, EMPLOYER, sample_answers

CODE = "autorisation_travail"
IN_2026 = dt.date(2026, 3, 2)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def by_code(results):
    return {c.code: c for c in results}


# ---------------------------------------------------------------- eligibility

@pytest.mark.parametrize("answers,words", [
    ({**ELIGIBLE, "ressortissant_ue": "oui"}, "Union européenne"),
    ({**ELIGIBLE, "titre_autorisant": "oui"}, "aucune autorisation de travail"),
    ({**ELIGIBLE, "emploi": "talent"}, "carte « talent »"),
])
def test_no_authorisation_is_needed_and_the_employer_is_told_why(hooks, answers, words):
    verdict = hooks.assess_eligibility(procedure=CODE, answers=answers)
    assert not verdict.eligible and french(words) in str(verdict.reason) and verdict.suggested_procedure is None


def test_the_kind_of_job_chosen_first_is_kept_in_the_draft(hooks):
    assert hooks.assess_eligibility(procedure=CODE, answers=ELIGIBLE).initial_answers == {}
    verdict = hooks.assess_eligibility(procedure=CODE, answers={**ELIGIBLE, "emploi": "saisonnier"})
    assert verdict.eligible and verdict.initial_answers == {"emploi": {"type_contrat": "saisonnier"}}


# ---------------------------------------------------------------- steps and their validation

def slugs(hooks, answers):
    return [s.slug for s in hooks.procedure_steps(procedure=CODE, answers=answers)]


def test_steps_follow_where_the_employee_lives_and_the_labour_market_test(hooks):
    base = ["employeur", "identite", "passeport", "residence"]
    assert slugs(hooks, sample_answers()) == [*base, "etranger", "emploi", "lieu_travail"]
    assert slugs(hooks, sample_answers(abroad=False, tension=False)) == [*base, "titre", "emploi", "recrutement",
                                                                         "lieu_travail"]


def test_a_mandataire_sees_its_agency_beside_the_employer(hooks):
    answers = sample_answers()
    answers["employeur"].update(mandataire_nom="Agence Talents", mandataire_siret="44306184100047")
    step = hooks.procedure_steps(procedure=CODE, answers=answers)[0]
    assert step.form_class is forms.MandataireEmployeurForm


def test_the_company_fields_are_shown_read_only(ctx):
    form = forms.EmployeurForm()
    assert 'readonly' in form.siret() and 'readonly' in form.raison_sociale()
    assert 'readonly' not in form.contact_nom()


@pytest.mark.parametrize("change,field,message", [
    ({"type_contrat": "cdd", "duree_mois": ""}, "duree_mois", "Indiquez la durée du contrat en mois."),
    ({"type_contrat": "saisonnier", "duree_mois": "8"}, "duree_mois", "au plus 6 mois"),
    ({"heures_hebdo": "60"}, "heures_hebdo", "entre 1 et 48"),
    ({"salaire_mensuel_brut": "deux mille"}, "salaire_mensuel_brut", "montant"),
])
def test_job_answers_are_refused_beside_the_field(ctx, change, field, message):
    form = forms.EmploiForm(formdata=MultiDict({**sample_answers()["emploi"], **change}))
    assert not form.validate()
    assert any(message in str(e) for e in form.errors[field]), form.errors


def test_the_publication_must_end_after_it_starts(ctx):
    answers = sample_answers(tension=False)["recrutement"]
    form = forms.RecrutementForm(formdata=MultiDict({**answers, "offre_fin": answers["offre_debut"],
                                                     "offre_debut": answers["offre_fin"]}))
    assert not form.validate() and "offre_fin" in form.errors


def test_the_employee_may_be_16_but_not_younger(ctx):
    today = dt.date.today()
    identity = sample_answers()["identite"]
    sixteen = today.replace(year=today.year - 16) - dt.timedelta(days=1)
    assert forms.SalarieForm(formdata=MultiDict({**identity, "date_naissance": sixteen.isoformat()})).validate()
    fifteen = today.replace(year=today.year - 15)
    form = forms.SalarieForm(formdata=MultiDict({**identity, "date_naissance": fifteen.isoformat()}))
    assert not form.validate() and "date_naissance" in form.errors


# ---------------------------------------------------------------- documents

def kinds(hooks, answers):
    return {d.kind: d for d in hooks.required_documents(procedure=CODE, answers=answers)}


def test_documents_by_answers(hooks):
    base = kinds(hooks, sample_answers())
    assert list(base) == ["passeport_salarie", "cv_salarie", "diplomes_salarie", "lettre_recrutement", "kbis",
                          "attestation_urssaf"]
    assert base["kbis"].mandatory and base["attestation_urssaf"].max_age_days == 180
    assert not base["diplomes_salarie"].mandatory
    assert "titre_sejour_salarie" in kinds(hooks, sample_answers(abroad=False))
    assert {"offre_emploi", "preuve_publication", "bilan_candidatures"} <= set(kinds(hooks, sample_answers(
        tension=False)))
    assert "logement_saisonnier" in kinds(hooks, sample_answers(contract="saisonnier", months="5"))


def test_company_documents_given_within_12_months_are_not_asked_again(hooks):
    answers = sample_answers()
    answers["employeur"]["documents_recents"] = "oui"
    docs = kinds(hooks, answers)
    assert not docs["kbis"].mandatory and not docs["attestation_urssaf"].mandatory


def test_a_mandate_a_home_employer_and_a_regulated_profession_each_add_their_document(hooks):
    answers = sample_answers()
    answers["employeur"].update(mandataire_nom="Agence Talents", mandataire_siret="44306184100047",
                                exoneration_taxe="particulier")
    answers["emploi"]["profession_reglementee"] = "oui"
    assert {"mandat", "avis_imposition", "exercice_profession"} <= set(kinds(hooks, answers))


# ---------------------------------------------------------------- checks

def test_every_check_passes_on_the_samples(ctx):
    results = checks.run(sample_answers(today=IN_2026), IN_2026)
    assert results and all(c.status == "ok" for c in results), results
    assert {"passeport", "entreprise", "smic", "date_debut", "taxe_ofii"} <= set(by_code(results))


@pytest.mark.parametrize("salary,hours,status", [
    ("1823", "35", "error"),   # just under the 2026 SMIC (1 823.03 €)
    ("1824", "35", "ok"),
    ("915", "17", "ok"),       # part-time: the SMIC pro rata (885.47 € for 17 hours)
    ("880", "17", "error"),
])
def test_pay_is_at_least_the_smic_even_part_time(ctx, salary, hours, status):
    answers = sample_answers(today=IN_2026, salary=salary)
    answers["emploi"]["heures_hebdo"] = hours
    assert by_code(checks.run(answers, IN_2026))["smic"].status == status


def test_the_smic_follows_the_filing_date(ctx):
    answers = sample_answers(today=dt.date(2025, 6, 2), salary="1810")
    assert by_code(checks.run(answers, dt.date(2025, 6, 2)))["smic"].status == "ok"  # SMIC 1 801.80 €
    assert by_code(checks.run(answers, IN_2026))["smic"].status == "error"


def test_a_pay_under_the_collective_agreement_blocks(ctx):
    answers = sample_answers(today=IN_2026)
    answers["emploi"]["minimum_conventionnel"] = "2800"
    assert by_code(checks.run(answers, IN_2026))["minimum_conventionnel"].status == "error"


@pytest.mark.parametrize("start,end,status", [(-60, -30, "ok"), (-60, -45, "error"), (-200, -170, "error")])
def test_the_labour_market_test(ctx, start, end, status):
    answers = sample_answers(tension=False, today=IN_2026)
    answers["recrutement"].update(offre_debut=(IN_2026 + dt.timedelta(days=start)).isoformat(),
                                  offre_fin=(IN_2026 + dt.timedelta(days=end)).isoformat())
    assert by_code(checks.run(answers, IN_2026))["publication_offre"].status == status


def test_a_closed_establishment_blocks(ctx):
    answers = sample_answers(today=IN_2026)
    answers["employeur"]["siret"] = "73282932090000"  # NIC starting with 9: closed in API Entreprise's simulator
    result = by_code(checks.run(answers, IN_2026))["entreprise"]
    assert result.status == "error" and "fermé" in str(result.detail)


# ---------------------------------------------------------------- the employer's OFII tax (DOMAIN §3)

@pytest.mark.parametrize("contract,months,salary,day,amount", [
    ("cdi", "", "2600", IN_2026, 1430.0),              # 55 % of the monthly pay
    ("cdi", "", "6000", IN_2026, 2506.67),             # pay capped at 2.5 × SMIC (1 823.03 €)
    ("cdi", "", "6000", dt.date(2025, 3, 3), 2477.48),  # the SMIC of the filing date (1 801.80 €)
    ("cdd", "18", "2600", IN_2026, 1430.0),
    ("cdd", "6", "1800", IN_2026, 74),                 # 3–12 months, up to the SMIC
    ("cdd", "6", "2500", IN_2026, 210),                # up to 1.5 SMIC
    ("cdd", "6", "3000", IN_2026, 300),
    ("saisonnier", "5", "1900", IN_2026, 250),         # 50 € a month
])
def test_the_ofii_tax_by_contract_and_date(ctx, contract, months, salary, day, amount):
    tax = checks.ofii_tax(sample_answers(contract=contract, months=months, salary=salary, today=day), day)
    assert tax is not None and tax.amount == amount


def test_no_ofii_tax_for_short_jobs_and_exempt_employers(ctx):
    assert checks.ofii_tax(sample_answers(contract="cdd", months="2"), IN_2026) is None
    answers = sample_answers()
    answers["employeur"]["exoneration_taxe"] = "recherche"
    assert checks.ofii_tax(answers, IN_2026) is None
    assert by_code(checks.run(answers, IN_2026))["taxe_ofii"].label == "Pas de taxe OFII"


def test_nothing_is_paid_at_filing(hooks):
    assert hooks.fee_due(procedure=CODE, answers=sample_answers(), filed_on=IN_2026) is None


# ---------------------------------------------------------------- routing

@pytest.mark.parametrize("postcode,platform", [
    ("75011", "moe-75"), ("93200", "moe-75"), ("62000", "moe-62"), ("29200", "moe-62"), ("69003", "moe-63"),
    ("33000", "moe-19"), ("97600", "moe-19"), ("44000", "moe-44"), ("13001", "moe-13"), ("20000", "moe-13"),
])
def test_the_platform_covering_the_workplace_instructs(hooks, postcode, platform):
    assert hooks.route_dossier(procedure=CODE, answers=sample_answers(postcode=postcode)) == platform


def test_seasonal_work_goes_to_the_national_platform(hooks):
    answers = sample_answers(contract="saisonnier", months="4", postcode="13001")
    assert hooks.route_dossier(procedure=CODE, answers=answers) == "moe-saisonnier"


def test_every_departement_has_exactly_one_platform(ctx):
    from anef.agents.models import Service
    from anef.extensions import db
    from anef.territories import DEPARTEMENTS

    covered = [d for row in db.session.scalars(select(Service.departements).where(
        Service.kind == "plateforme_travail")) for d in row]
    assert sorted(covered) == sorted(code for code, _name, _city in DEPARTEMENTS)


# ---------------------------------------------------------------- the agent, decisions, the number

def test_the_checklist_follows_the_answers(hooks):
    plain = hooks.agent_checklist(procedure=CODE, answers=sample_answers())
    answers = sample_answers(contract="saisonnier", months="4")
    answers["employeur"].update(mandataire_nom="Agence", mandataire_siret="44306184100047")
    more = hooks.agent_checklist(procedure=CODE, answers=answers)
    assert len(plain) == 4 and any("logement" in str(i) for i in more) and any("mandat" in str(i) for i in more)


def test_a_refusal_needs_a_valideur(hooks):
    assert hooks.decision_requires_signature(procedure=CODE, decision="refuse") is True
    assert hooks.decision_requires_signature(procedure=CODE, decision="accepte") is False


def test_decision_documents(hooks):
    accepted = hooks.decision_documents(procedure=CODE, answers=sample_answers(), decision="accepte")
    assert [d.kind for d in accepted] == ["autorisation_travail"]
    assert [d.kind for d in hooks.decision_documents(procedure=CODE, answers={}, decision="refuse")] == ["refus"]


def test_numbers_are_random_well_formed_and_found_back_only_with_their_siret(app, hooks, applicant):
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.procedure_kit import work_authorisation as wa

    numbers = {hooks.decision_reference(procedure=CODE, dossier=None) for _ in range(20)}
    assert len(numbers) == 20 and all(re.fullmatch(r"AT-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", n) for n in numbers)
    assert all(wa.normalise_number(n.lower().replace("-", " ")) == n for n in numbers)
    number = numbers.pop()
    dossier = Dossier(procedure=CODE, applicant_id=applicant, state="accepte", reference="ANEF-2026-000001-X",
                      answers=sample_answers(), decision_reference=number)
    db.session.add(dossier)
    db.session.commit()
    found = hooks.find_work_authorisation(number=number.lower(), siret="732 829 320 00074")
    assert found.granted and found.employer_name == EMPLOYER["raison_sociale"] and found.card == wa.SALARIE
    assert found.identity["nom"] == "NGUYEN" and found.job["salaire_mensuel_brut"] == "2600"
    assert hooks.find_work_authorisation(number=number, siret="44306184100047") is None
    assert hooks.find_work_authorisation(number="AT-2026-0000-0000", siret=EMPLOYER["siret"]) is None
    dossier.state = "en_instruction"
    db.session.commit()
    assert hooks.find_work_authorisation(number="ANEF-2026-000001-X", siret=EMPLOYER["siret"]).state == wa.PENDING
