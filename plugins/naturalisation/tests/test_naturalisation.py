"""Naturalisation: the territorial calendar, eligibility, steps and documents by answers, dated conditions, fee,
routing to the platform of the applicant's département, the agent's checklist, decisions and the legal clock."""
import datetime as dt

import pytest
from freezegun import freeze_time

from plugins.naturalisation import OPENINGS, checks
from plugins.naturalisation.samples import FONDEMENTS, sample_answers

DAY = dt.date(2026, 3, 2)
PILOT_DAY = dt.date(2021, 9, 1)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def eligibility(postcode="63000", **changes):
    return {"code_postal": postcode, "majeur": "oui", "sejour_regulier": "oui", "conjoint_francais": "non", **changes}


# ---------------------------------------------------------------- the calendar, territory by territory

def test_the_calendar_opens_the_pilot_then_lyon_and_grenoble_then_everywhere(ctx):
    from anef.calendar.services import availability

    before = availability("naturalisation", dt.date(2021, 7, 25))
    assert before.status == "scheduled" and before.opens_on == dt.date(2021, 7, 26)
    pilot = availability("naturalisation", PILOT_DAY)
    assert pilot.is_open and len(pilot.territories) == 23
    assert pilot.open_in("15") and pilot.open_in("92") and not pilot.open_in("69") and not pilot.open_in("13")
    assert pilot.opens_for("69") == dt.date(2022, 1, 18) and pilot.opens_for("38") == dt.date(2022, 1, 18)
    assert pilot.opens_for("13") == dt.date(2023, 2, 5) and pilot.opens_for("63") == dt.date(2021, 7, 26)
    lyon = availability("naturalisation", dt.date(2022, 1, 18))
    assert lyon.open_in("69") and lyon.open_in("74") and not lyon.open_in("75")
    everywhere = availability("naturalisation", dt.date(2023, 2, 5))
    assert everywhere.territories == () and everywhere.open_in("13") and everywhere.open_in("976")


def test_procedures_list_shows_the_territories_open_that_day(app):
    with freeze_time("2022-03-01 10:00:00"):
        output = app.test_cli_runner().invoke(args=["procedures", "list"]).output
    line = next(line for line in output.splitlines() if line.startswith("naturalisation\t"))
    assert line.startswith("naturalisation\topen\t2021-07-26\t01,03,07,")
    assert ",69," in line and ",75," not in line


def test_a_national_admin_setting_overrides_the_staged_calendar(app, client, national_admin):
    from anef.calendar.services import availability
    from conftest import login

    login(client, "national@example.fr")
    client.post("/admin/calendrier/naturalisation", data={"opens_on": "2021-07-26", "territories": "75"})
    with app.test_request_context():
        avail = availability("naturalisation", dt.date(2024, 1, 1))
        assert avail.territories == ("75",) and not avail.open_in("63")


def test_every_departement_of_the_calendar_has_its_platform(ctx):
    from sqlalchemy import select

    from anef.agents.models import Service
    from anef.extensions import db

    covered = {d for ds in db.session.scalars(select(Service.departements)
                                              .where(Service.kind == "plateforme_naturalisation")) for d in ds}
    assert {d for stage in OPENINGS for d in stage.territories} <= covered


# ---------------------------------------------------------------- eligibility

def test_eligibility_says_plainly_who_cannot_apply_and_sends_spouses_to_the_declaration(hooks):
    minor = hooks.assess_eligibility(procedure="naturalisation", answers=eligibility(majeur="non"))
    assert not minor.eligible and minor.suggested_procedure is None and "18 ans" in str(minor.reason)
    irregular = hooks.assess_eligibility(procedure="naturalisation", answers=eligibility(sejour_regulier="non"))
    assert not irregular.eligible and "séjour régulier" in str(irregular.reason)
    spouse = hooks.assess_eligibility(procedure="naturalisation", answers=eligibility(conjoint_francais="oui"))
    assert not spouse.eligible and spouse.suggested_procedure == "nationalite_declaration"


def test_eligibility_says_when_the_request_opens_in_the_persons_departement(hooks):
    with freeze_time("2021-09-01 10:00:00"):
        lyon = hooks.assess_eligibility(procedure="naturalisation", answers=eligibility("69003"))
        marseille = hooks.assess_eligibility(procedure="naturalisation", answers=eligibility("13001"))
        cantal = hooks.assess_eligibility(procedure="naturalisation", answers=eligibility("15000"))
    assert not lyon.eligible and "(Rhône)" in str(lyon.reason) and "18 janvier 2022" in str(lyon.reason)
    assert not marseille.eligible and "5 février 2023" in str(marseille.reason)
    assert cantal.eligible and cantal.initial_answers == {"adresse": {"code_postal": "15000"}}


# ---------------------------------------------------------------- steps and documents by answers

def slugs(hooks, answers):
    return [s.slug for s in hooks.procedure_steps(procedure="naturalisation", answers=answers)]


def kinds(hooks, answers):
    return [d.kind for d in hooks.required_documents(procedure="naturalisation", answers=answers)]


def test_steps_follow_the_ground_and_the_family(hooks):
    assert slugs(hooks, sample_answers()) == ["situation", "identite", "passeport", "titre", "adresse", "conjoint",
                                              "langue", "ressources", "parcours", "timbre"]
    assert slugs(hooks, sample_answers("refugie", married=False)) == [
        "situation", "identite", "titre", "adresse", "langue", "ressources", "parcours", "timbre"]
    assert "etudes" in slugs(hooks, sample_answers("etudes"))


def test_documents_follow_the_answers(hooks):
    assert kinds(hooks, sample_answers()) == [
        "passeport", "titre_sejour", "acte_naissance", "actes_parents", "justificatif_domicile", "acte_mariage",
        "actes_naissance_enfants", "attestation_francais", "attestation_examen_civique", "avis_imposition",
        "contrat_travail", "bulletins_salaire", "casier_judiciaire_etranger"]
    refugee = sample_answers("refugie", married=False, children=0)
    refugee["situation"]["situation_familiale"] = "divorce"
    refugee["langue"].update(justificatif="diplome_francais", examen_civique="dispense")
    refugee["ressources"]["activite"] = "independant"
    docs = {d.kind: d for d in hooks.required_documents(procedure="naturalisation", answers=refugee)}
    assert "passeport" not in docs and "actes_parents" not in docs and "decision_ofpra" in docs
    assert "OFPRA" in str(docs["acte_naissance"].help) and "acte_divorce" in docs and "extrait_kbis" in docs
    assert "diplome" in docs and "attestation_francais" not in docs
    assert not docs["dispense_examen_civique"].mandatory and not docs["casier_judiciaire_etranger"].mandatory
    always_in_france = sample_answers()
    always_in_france["parcours"]["pays_residence"] = ""
    assert "casier_judiciaire_etranger" not in kinds(hooks, always_in_france)
    assert "diplome_etudes_superieures" in kinds(hooks, sample_answers("etudes"))


def test_invalid_answers_get_messages_beside_the_fields(ctx):
    from werkzeug.datastructures import MultiDict

    from plugins.naturalisation import forms

    form = forms.RessourcesForm(MultiDict({"activite": "salarie", "annees_activite": "3", "revenus_annuels": "abc"}))
    assert not form.validate()
    assert "employeur" in form.errors and "revenus_annuels" in form.errors
    form = forms.SituationForm(MultiDict({**sample_answers()["situation"], "debut_residence": "2999-01-01"}))
    assert not form.validate() and "futur" in str(form.errors["debut_residence"])
    eligibility_form = forms.EligibilityForm(MultiDict(eligibility("99999")))
    assert not eligibility_form.validate() and "code_postal" in eligibility_form.errors


# ---------------------------------------------------------------- checks with dated thresholds

def results(answers, day=DAY):
    return {c.code: c for c in checks.run(answers, day)}


@pytest.mark.parametrize("fondement", FONDEMENTS)
def test_every_check_passes_on_the_samples(ctx, fondement):
    found = checks.run(sample_answers(fondement, today=DAY), DAY)
    assert found and all(c.status == "ok" for c in found), found


def test_residence_length_by_ground_blocks_filing_and_gives_the_date(ctx):
    answers = sample_answers(today=DAY)
    answers["situation"]["debut_residence"] = "2022-06-01"
    residence = results(answers)["residence"]
    assert residence.blocking and "1 juin 2027" in str(residence.detail).replace("1er", "1")
    answers["situation"]["fondement"] = "etudes"
    assert results(answers)["residence"].status == "ok"
    answers["situation"].update(fondement="refugie", debut_residence="2025-12-01")
    assert results(answers)["residence"].status == "ok"


def test_french_b1_then_b2_and_the_civic_exam_from_2026(ctx):
    answers = sample_answers(today=DAY)
    answers["langue"].update(niveau_francais="B1", examen_civique="non")
    before = results(answers, dt.date(2025, 12, 31))
    assert before["langue"].status == "ok" and "examen_civique" not in before
    after = results(answers)
    assert after["langue"].blocking and "B2" in str(after["langue"].label) and after["examen_civique"].blocking
    answers["langue"]["justificatif"] = "diplome_francais"
    assert results(answers)["langue"].status == "ok"
    answers["langue"].update(justificatif="aucun", niveau_francais="C1")
    assert results(answers)["langue"].blocking


def test_resources_employment_and_conduct_are_warnings_for_the_agent(ctx):
    answers = sample_answers(today=DAY)
    answers["ressources"].update(revenus_annuels="9000", annees_activite="2")
    answers["parcours"]["condamnation"] = "oui"
    found = results(answers)
    assert found["ressources"].status == "warning" and found["conduite"].status == "warning"
    assert found["insertion"].status == "warning" and "en cours de confirmation" in str(found["insertion"].detail)
    assert "insertion" not in results(answers, dt.date(2025, 6, 1))
    assert not any(c.blocking for c in found.values())


def test_an_expired_card_is_flagged(ctx):
    answers = sample_answers(today=DAY)
    answers["titre"]["titre_expiration"] = "2026-01-01"
    assert results(answers)["sejour_regulier"].status == "warning"


# ---------------------------------------------------------------- fee, routing, agent, decisions, clock

def test_fee_by_filing_date_and_in_guyane(hooks):
    fee = lambda answers, day: hooks.fee_due(procedure="naturalisation", answers=answers, filed_on=day)  # noqa: E731
    assert fee(sample_answers(), dt.date(2026, 4, 30)).amount == 55
    raised = fee(sample_answers(), dt.date(2026, 5, 1))
    assert raised.amount == 255 and raised.verify
    assert fee(sample_answers(postcode="97300", city="Cayenne"), dt.date(2025, 1, 1)).amount == 27.5


@pytest.mark.parametrize("postcode,service", [("63000", "nat-63"), ("15000", "nat-63"), ("31000", "nat-31"),
                                              ("85000", "nat-44"), ("69003", "nat-69"), ("38000", "nat-38"),
                                              ("75011", "nat-75"), ("33000", "nat-33"), ("13001", "pref-13")])
def test_routing_to_the_platform_covering_the_departement(hooks, postcode, service):
    assert hooks.route_dossier(procedure="naturalisation", answers=sample_answers(postcode=postcode)) == service


def test_checklist_decisions_and_four_eyes(hooks):
    checklist = " ".join(str(item) for item in hooks.agent_checklist(procedure="naturalisation",
                                                                      answers=sample_answers()))
    assert "entretien d'assimilation" in checklist and "enquête" in checklist and "SDANF" in checklist
    assert hooks.decision_requires_signature(procedure="naturalisation", decision="accepte")
    assert hooks.decision_requires_signature(procedure="naturalisation", decision="refuse")
    granted = hooks.decision_documents(procedure="naturalisation", answers={}, decision="accepte")
    assert granted[0].kind == "decret_naturalisation" and "cérémonie" in str(granted[0].detail)
    refused = hooks.decision_documents(procedure="naturalisation", answers={}, decision="refuse")
    assert "ajournement" in str(refused[0].title)
    assert hooks.procedure_connectors(procedure="naturalisation", answers=sample_answers("refugie"))[-1] == "ofpra"


def test_appeal_route_and_silence_are_procedure_data(app):
    from anef.plugins import procedures

    with app.app_context():
        info = procedures()["naturalisation"]
    assert info.silence_months == 18
    (rapo,) = info.appeal_routes
    assert rapo.months == 2 and "RAPO" in str(rapo.name) and "tribunal administratif de Nantes" in str(rapo.detail)


def test_the_legal_clock_counts_18_months_from_the_complete_file(ctx):
    from types import SimpleNamespace

    from anef.dossiers.clock import legal_clock

    filed = dt.datetime(2024, 3, 4, 10, tzinfo=dt.timezone.utc)
    dossier = SimpleNamespace(procedure="naturalisation", filed_at=filed, complete_at=filed, state="en_instruction",
                              complement_deadline=None, decided_at=None)
    lines = legal_clock(dossier, on=dt.date(2025, 1, 1))
    assert [line.on for line in lines] == [dt.date(2024, 3, 4), dt.date(2025, 9, 4)]
    assert "refus implicite" in str(lines[1].label)


def test_a_draft_whose_address_moves_outside_the_open_territories_cannot_be_filed(app, applicant):
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    with freeze_time("2021-09-01 10:00:00"), app.test_request_context():
        user = db.session.get(User, applicant)
        dossier = services.create_draft(user, "naturalisation", sample_answers(postcode="69003", today=PILOT_DAY))
        assert services.routed_service(dossier).code == "nat-69"
        assert any("pas encore ouverte dans votre département" in reason
                   for reason in services.completeness(dossier).other)
        dossier.answers = sample_answers(postcode="43000", city="Le Puy-en-Velay", today=PILOT_DAY)
        assert services.routed_service(dossier).code == "nat-63" and not services.completeness(dossier).other
