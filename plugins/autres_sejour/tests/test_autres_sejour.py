"""Other residence cards: eligibility, steps and documents by motive, checks, fees by motive and date."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.autres_sejour import checks, forms
from plugins.autres_sejour.samples import KINDS, sample_answers

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def test_nothing_fits_is_said_plainly(hooks):
    verdict = hooks.assess_eligibility(procedure="autres_sejour", answers={"motif": "autre", "demande": "premiere"})
    assert not verdict.eligible and "Aucune des cartes" in str(verdict.reason)


@pytest.mark.parametrize("motif,expected", [
    ("stagiaire", ["situation", "identite", "passeport", "entree", "adresse", "stage", "timbre"]),
    ("etranger_malade", ["situation", "identite", "passeport", "adresse", "soins", "timbre"]),
    ("victime_traite", ["situation", "identite", "passeport", "adresse", "plainte"]),
    ("admission_exceptionnelle", ["situation", "identite", "passeport", "adresse", "presence", "timbre"]),
])
def test_steps_by_motive(hooks, motif, expected):
    assert [s.slug for s in hooks.procedure_steps(procedure="autres_sejour", answers=sample_answers(motif))] == expected


def test_documents_by_motive_and_route(hooks):
    kinds = lambda a: [d.kind for d in hooks.required_documents(procedure="autres_sejour", answers=a)]  # noqa: E731
    assert kinds(sample_answers())[-2:] == ["convention_stage", "ressources"]
    assert kinds(sample_answers("admission_exceptionnelle"))[-3:] == ["preuves_presence", "contrat_travail",
                                                                     "bulletins_salaire"]
    assert "contrat_travail" not in kinds(sample_answers("admission_exceptionnelle", voie="vie_privee"))


@pytest.mark.parametrize("motif", KINDS)
def test_every_check_passes_on_the_samples(ctx, motif):
    results = checks.run(sample_answers(motif, today=DAY), DAY)
    assert results and all(c.status == "ok" for c in results), results


def test_the_shortage_route_needs_three_years_and_closes_at_the_end_of_2026(ctx):
    answers = sample_answers("admission_exceptionnelle", today=DAY)
    answers["presence"]["date_arrivee"] = "2023-06-01"
    assert {c.code: c for c in checks.run(answers, DAY)}["metiers_en_tension"].blocking
    later = dt.date(2027, 1, 4)
    assert {c.code: c for c in checks.run(sample_answers("admission_exceptionnelle", today=later),
                                          later)}["metiers_en_tension"].blocking


def test_an_internship_already_over_blocks(ctx):
    answers = sample_answers(today=DAY)
    answers["stage"].update(date_debut="2025-01-01", date_fin="2025-06-30")
    assert {c.code: c for c in checks.run(answers, DAY)}["stage"].blocking


@pytest.mark.parametrize("motif,renewal,day,amount", [
    ("stagiaire", False, dt.date(2026, 4, 30), 75), ("stagiaire", False, dt.date(2026, 5, 1), 150),
    ("etranger_malade", False, dt.date(2026, 4, 30), 25), ("etranger_malade", True, dt.date(2026, 4, 30), 225),
    ("victime_traite", False, dt.date(2026, 4, 30), None),
    ("admission_exceptionnelle", False, dt.date(2026, 4, 30), 425),  # 200 + 25 + 50 at filing + 150 at issue
    ("admission_exceptionnelle", False, dt.date(2026, 5, 1), 650),   # 300 + 50 + 100 + 200
])
def test_fee_by_motive_and_filing_date(ctx, motif, renewal, day, amount):
    fee = checks.fee(sample_answers(motif, renewal=renewal), day)
    assert (fee.amount if fee else None) == amount


@pytest.mark.parametrize("data,field,message", [
    ({"voie": "salarie", "date_arrivee": "2021-01-01", "debut_emploi": "2022-01-01", "employeur": "E", "metier": "M"},
     "siret", "SIRET"),
    ({"voie": "salarie", "date_arrivee": "2021-01-01", "debut_emploi": "2022-01-01", "employeur": "E", "metier": "M",
      "siret": "73282932000075"}, "siret", "n'existe pas"),
    ({"voie": "vie_privee", "date_arrivee": "2021-01-01", "debut_emploi": "2020-01-01"}, "debut_emploi",
     "précéder votre arrivée"),
])
def test_validation_messages(ctx, data, field, message):
    form = forms.PresenceForm(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])


def test_the_humanitarian_route_needs_no_employer(ctx):
    form = forms.PresenceForm(formdata=MultiDict({"voie": "vie_privee", "date_arrivee": "2021-01-01",
                                                  "debut_emploi": "2022-01-01"}))
    assert form.validate(), form.errors


def test_routing(hooks):
    assert hooks.route_dossier(procedure="autres_sejour", answers=sample_answers(postcode="31000")) == "pref-31"
