"""The DSFR stepper styles bars of 2 to 8 steps only; a student's request has 10 (8 steps, documents, review): our
stylesheet gives the bar its segments beyond 8, and it is drawn at 320 px without sideways scrolling."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from conftest import PASSWORD
from tests.browser.test_student_journey import log_in

pytestmark = pytest.mark.browser


def test_a_stepper_of_more_than_eight_steps_is_drawn_at_320_px(page: Page, app, make_user):
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db
    from plugins.etudiant.samples import sample_answers

    user_id = make_user("etapes@example.fr")
    with app.test_request_context():
        dossier = services.create_draft(db.session.get(User, user_id), "etudiant", sample_answers())
        reference, slugs = dossier.reference, [s.slug for s in services.steps_for(dossier)]
    total = len(slugs) + 2
    assert total > 8
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/")
    log_in(page, "etapes@example.fr", PASSWORD)
    page.goto(f"/dossiers/{reference}/etapes/{slugs[-1]}")
    bar = page.locator(".fr-stepper__steps")
    style = bar.evaluate("""e => { const s = getComputedStyle(e);
        return {steps: s.getPropertyValue('--steps').trim(), current: s.getPropertyValue('--current-step').trim(),
                image: s.backgroundImage, size: s.backgroundSize, width: e.getBoundingClientRect().width}; }""")
    assert style["steps"] == str(total)
    assert style["current"] == str(len(slugs))
    # Two gradients (done, to do), the first as wide as the steps done: without the rules it is 0 wide.
    assert style["image"].count("repeating-linear-gradient") == 2
    # Chromium keeps it as calc(P% - Npx): P is the share of the steps done.
    share = re.match(r"calc\(([\d.]+)%", style["size"])
    assert share and float(share.group(1)) == pytest.approx(100 * len(slugs) / total, abs=0.01), style["size"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
