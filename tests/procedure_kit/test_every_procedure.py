"""Every installed procedure, through the real screens: filed with its sample answers, each field refused with a
message beside it and nothing typed lost, and no start while the calendar says it is closed."""
import importlib
from importlib.metadata import entry_points

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from anef.procedure_kit.testing import file_through_screens, start
from conftest import PASSWORD, login

PROCEDURES = sorted(ep.name for ep in entry_points(group="anef.procedures"))
GARBAGE = "§§"


def samples(code):
    return importlib.import_module(f"plugins.{code}.samples")


def log_in_filer(app, client, module):
    """Log in who files the procedure: the applicant, or an employer account of the samples' company for a
    procedure filed by an employer (``FILED_BY = "employer"`` and ``EMPLOYER`` in its samples)."""
    if getattr(module, "FILED_BY", "applicant") == "employer":
        from anef.employers.testing import make_employer

        with app.app_context():
            make_employer("employeur@example.fr", PASSWORD, module.EMPLOYER["siret"])
        return login(client, "employeur@example.fr")
    return login(client, "usager@example.fr")


def saved_answers(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(Dossier.answers).where(Dossier.reference == reference)) or {}


@pytest.mark.parametrize("code", PROCEDURES)
def test_sample_answers_file_through_the_screens(app, client, applicant, code):
    module = samples(code)
    log_in_filer(app, client, module)
    reference, steps, kinds = file_through_screens(client, code, module.ELIGIBLE, module.sample_answers())
    assert steps and kinds
    page = client.get(f"/dossiers/{reference}").get_data(as_text=True)
    assert "Déposé" in page or "Accepté" in page


def _invalid_value(form_class, data, name):
    """A value of field ``name`` that the step refuses (empty, else garbage), or None if it takes anything."""
    for value in ("", GARBAGE):
        form = form_class(formdata=MultiDict({**data, name: value}))
        if not form.validate() and name in form.errors:
            return value
    return None


@pytest.mark.parametrize("code", PROCEDURES)
def test_each_field_is_refused_beside_itself_and_nothing_typed_is_lost(app, client, applicant, code):
    module = samples(code)
    log_in_filer(app, client, module)
    answers = module.sample_answers()
    reference, _first = start(client, code, module.ELIGIBLE)
    from anef.dossiers import services

    refused = 0
    with app.test_request_context():
        steps = services.steps_for_answers(code, answers)
    for step in steps:
        valid = answers[step.slug]
        client.post(f"/dossiers/{reference}/etapes/{step.slug}", data=valid)
        with app.test_request_context():
            names = [f.name for f in step.form_class()]
            invalid = {name: _invalid_value(step.form_class, valid, name) for name in names}
        for name, value in invalid.items():
            if value is None:
                continue
            typed = {**valid, name: value}
            response = client.post(f"/dossiers/{reference}/etapes/{step.slug}", data={**typed, "go": "next"})
            body = response.get_data(as_text=True)
            assert response.status_code == 200, (step.slug, name)
            assert f'id="{name}-error-1"' in body, (step.slug, name)
            kept = saved_answers(app, reference)[step.slug]
            assert kept == {k: v.strip() for k, v in typed.items() if k in names}, (step.slug, name)
            client.post(f"/dossiers/{reference}/etapes/{step.slug}", data=valid)
            refused += 1
    assert refused >= len(steps)


@pytest.mark.parametrize("code", PROCEDURES)
def test_a_closed_procedure_cannot_be_started(app, client, applicant, code):
    from anef.calendar.services import set_schedule

    with app.app_context():
        set_schedule(code, opens_on=None, territories=[], closed=True, by_user_id=None)
    log_in_filer(app, client, samples(code))
    assert client.get(f"/dossiers/nouveau/{code}").status_code == 403
    assert client.post(f"/dossiers/nouveau/{code}", data=samples(code).ELIGIBLE).status_code == 403
