"""Every procedure's pages on a 360 px phone: its eligibility questions, each step filled in, the documents and
the review, all through axe-core and the no-horizontal-scroll check."""
from __future__ import annotations

import importlib
import os

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in

# Markup does not depend on the database engine: these pages go through axe in the SQLite pass of ``make test`` only
# (the PostgreSQL pass runs every journey that writes and reads, and keeps CI within its time).
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")), reason="axe runs in the SQLite pass")]

PROCEDURES = ["vlsts", "visiteur", "passeport_talent", "duplicata", "citoyen_ue", "vpf", "resident", "bpi",
              "autres_sejour", "changement_adresse", "dcem", "tve", "changement_situation"]


@pytest.mark.parametrize("code", PROCEDURES)
def test_every_page_of_a_procedure_is_accessible(page: Page, app, make_user, code):
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    user_id = make_user(f"pages.{code}@example.fr")
    samples = importlib.import_module(f"plugins.{code}.samples")
    with app.test_request_context():
        dossier = services.create_draft(db.session.get(User, user_id), code, samples.sample_answers())
        reference, slugs = dossier.reference, [s.slug for s in services.steps_for(dossier)]
    page.goto("/")
    log_in(page, f"pages.{code}@example.fr", PASSWORD)
    page.goto(f"/dossiers/nouveau/{code}")
    expect(page.get_by_role("button", name="Vérifier et commencer")).to_be_visible()
    assert_accessible(page)
    for slug in slugs:
        page.goto(f"/dossiers/{reference}/etapes/{slug}")
        expect(page.get_by_role("button", name="Enregistrer et continuer")).to_be_visible()
        assert_accessible(page)
    page.goto(f"/dossiers/{reference}/documents")
    assert_accessible(page)
    page.goto(f"/dossiers/{reference}/recapitulatif")
    assert_accessible(page)
