"""The national contact centre on a phone: an agent of the centre logs in with the second factor, finds the caller's
dossier by family name and date of birth, reads its state and history, and forwards the caller's question; the
instructing agent finds it in the dossier's messages, marked as forwarded by the contact centre."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import PHONE_HEIGHT, PHONE_WIDTH, assert_accessible
from tests.browser.test_student_journey import log_in

pytestmark = pytest.mark.browser


def test_the_contact_centre_answers_a_caller_and_forwards_a_question(page: Page, new_context, make_user, agent_75,
                                                                      filed_dossier):
    make_user("ccc@example.fr", role="ccc", given_names="Camille", family_name="Lemoine")

    # The centre's agent logs in (second factor) and lands on the search.
    page.goto("/")
    log_in(page, "ccc@example.fr", PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Rechercher un dossier")).to_be_visible()
    expect(page.get_by_role("navigation", name="Menu du compte").get_by_role(
        "link", name="Rechercher un dossier")).to_be_visible()
    assert_accessible(page)

    # The caller does not know the reference: a name without the birth date is refused beside the field.
    page.get_by_label(re.compile("^Nom de naissance")).fill("zhang")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.get_by_text("Indiquez la date de naissance de la personne.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("^Date de naissance")).fill("2002-03-14")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="1 dossier déposé à ce nom")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=filed_dossier).click()

    # State and history, read to the caller.
    expect(page.get_by_role("heading", level=1)).to_contain_text("étudiant")
    expect(page.get_by_text("Déposé", exact=True)).to_be_visible()
    expect(page.get_by_text("Service instructeur\u00a0: Préfecture Paris (Paris)")).to_be_visible()
    expect(page.get_by_role("heading", name="Historique, tel que la personne le lit")).to_be_visible()
    expect(page.get_by_text("Demande déposée. L'attestation de dépôt est disponible.")).to_be_visible()
    expect(page.get_by_role("heading", name="Dates et délais")).to_be_visible()
    assert_accessible(page)

    # The question: nothing written is said beside the field, then it is forwarded.
    page.get_by_role("button", name="Transmettre la question").click()
    expect(page.get_by_text("Écrivez la question de la personne.")).to_be_visible()
    box = page.get_by_label(re.compile("^Question de la personne"))
    expect(box).to_be_focused()
    assert_accessible(page)
    box.fill("La personne demande si elle peut voyager en Italie en juin pendant l'instruction.")
    page.get_by_role("button", name="Transmettre la question").click()
    expect(page.get_by_role("status").filter(has_text="La question est transmise à Préfecture Paris (Paris).")) \
        .to_be_visible()
    expect(page.get_by_text("pas encore lue par le service")).to_be_visible()
    assert_accessible(page)

    # The instructing agent, on another phone, sees it unread and reads it in the dossier's messages.
    agent_context = new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, bypass_csp=True,
                                locale="fr-FR")
    agent_context.set_default_timeout(10_000)
    agent = agent_context.new_page()
    agent.goto("/")
    log_in(agent, "instructeur75@example.fr", PASSWORD)
    row = agent.get_by_role("row").filter(has_text=filed_dossier)
    expect(row.get_by_text("1 nouveau message")).to_be_visible()
    row.get_by_role("link", name=filed_dossier).click()
    agent.get_by_role("link", name="Ouvrir la conversation").click()
    thread = agent.locator("#thread")
    expect(thread.get_by_role("heading", name="Transmis par le centre de contact")).to_be_visible()
    expect(thread.get_by_text("Question reçue au téléphone par Camille Lemoine (centre de contact citoyen).")) \
        .to_be_visible()
    expect(thread.get_by_text("voyager en Italie en juin")).to_be_visible()
    assert_accessible(agent)

    # Back at the centre, the next caller hears that the service has read it.
    page.reload()
    expect(page.get_by_text(re.compile("lue par le service le"))).to_be_visible()
