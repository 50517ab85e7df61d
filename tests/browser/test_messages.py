"""Messages on a phone: the applicant writes with an attachment; the agent sees the unread count, opens the thread
and replies with a template; the applicant's open page shows the reply (htmx poll) and the read receipt."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, PDF_BYTES
from tests.browser.conftest import PHONE_HEIGHT, PHONE_WIDTH, assert_accessible
from tests.browser.test_student_journey import log_in

pytestmark = pytest.mark.browser


def test_a_conversation_between_the_applicant_and_the_service(page: Page, app, new_context, make_user,
                                                               filed_dossier):
    from anef.extensions import db
    from anef.messages.models import ReplyTemplate

    make_user("instructeur75@example.fr", role="instructeur", service="pref-75", given_names="Inès",
              family_name="Martin")
    with app.app_context():
        db.session.add(ReplyTemplate(service_id=None, title="Accusé de réception",
                                     body="Bonjour {nom},\n\nNous avons bien reçu votre message sur la demande "
                                          "{reference}.\n\n{service}"))
        db.session.commit()

    # The applicant writes from the dossier page, with a PDF attached.
    page.goto("/")
    log_in(page, "usager@example.fr", PASSWORD)
    page.goto(f"/dossiers/{filed_dossier}")
    page.get_by_role("link", name="Voir les messages").click()
    expect(page.get_by_role("heading", level=1, name="Messages")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer le message").click()  # nothing typed: said beside the field
    expect(page.get_by_text("Écrivez votre message ou joignez un fichier.")).to_be_visible()
    expect(page.get_by_label(re.compile("^Votre message"))).to_be_focused()
    assert_accessible(page)
    page.get_by_label(re.compile("^Votre message")).fill("Bonjour, voici mon nouveau bail.")
    page.get_by_label(re.compile("^Joindre un fichier")).set_input_files(
        files=[{"name": "bail.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_role("status").filter(has_text="Votre message est envoyé.")).to_be_visible()
    thread = page.locator("#thread")
    expect(thread.get_by_text("Bonjour, voici mon nouveau bail.")).to_be_visible()
    expect(thread.get_by_role("link", name="bail.pdf")).to_be_visible()
    expect(thread.get_by_text("Pas encore lu")).to_be_visible()
    expect(page.get_by_label(re.compile("^Votre message"))).to_have_value("")
    assert_accessible(page)

    # The agent, on another phone, sees the unread count in the queue and on the dossier, then opens the thread.
    agent_context = new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, bypass_csp=True,
                                locale="fr-FR")
    agent_context.set_default_timeout(10_000)
    agent = agent_context.new_page()
    agent.goto("/")
    log_in(agent, "instructeur75@example.fr", PASSWORD)
    row = agent.get_by_role("row").filter(has_text=filed_dossier)
    expect(row.get_by_text("1 nouveau message")).to_be_visible()
    row.get_by_role("link", name=filed_dossier).click()
    expect(agent.get_by_text("1 nouveau message")).to_be_visible()
    agent.get_by_role("link", name="Ouvrir la conversation").click()
    expect(agent.get_by_text("Bonjour, voici mon nouveau bail.")).to_be_visible()
    expect(agent.get_by_text("ZHANG Mei (demandeur)")).to_be_visible()
    assert_accessible(agent)
    href = agent.locator("#thread").get_by_role("link", name="bail.pdf").get_attribute("href")
    opened = agent_context.request.get(href)  # as the browser would fetch it, with the agent's session
    assert opened.status == 200 and opened.headers["content-type"] == "application/pdf"

    # A template pre-fills the reply (htmx swaps the box), then the agent sends it.
    agent.get_by_label(re.compile("^Modèle de réponse")).select_option(label="Accusé de réception")
    agent.get_by_role("button", name="Insérer le modèle").click()
    box = agent.get_by_label(re.compile("^Votre message"))
    expect(box).to_have_value(re.compile(rf"^Bonjour Mei Zhang,\n\n.*{filed_dossier}.*Préfecture Paris", re.S))
    expect(box).to_be_focused()
    agent.get_by_role("button", name="Envoyer le message").click()
    expect(agent.get_by_role("status").filter(has_text="Votre message est envoyé.")).to_be_visible()
    expect(agent.locator("#thread").get_by_text("Inès Martin (vous)")).to_be_visible()
    assert_accessible(agent)

    # The applicant's page, still open, shows the reply by its poll, with the service's name and the receipt.
    expect(thread.get_by_text("Nous avons bien reçu votre message")).to_be_visible(timeout=25_000)
    expect(page.get_by_role("status").filter(has_text="1 nouveau message de Préfecture Paris (Paris).")).to_be_visible()
    expect(thread.get_by_text(re.compile(r"^Lu le "))).to_be_visible()
    expect(thread.get_by_role("heading", name="Préfecture Paris (Paris)")).to_be_visible()
    expect(thread.get_by_text("Martin")).to_have_count(0)
    assert_accessible(page)

    # And the agent's page, by its own poll, the applicant's receipt of the reply.
    expect(agent.locator("#thread").get_by_text(re.compile(r"^Lu le "))).to_have_count(1, timeout=25_000)
    agent_context.close()


def test_the_reply_templates_screen_of_a_local_admin_is_accessible(page: Page, app, make_user):
    make_user("admin75@example.fr", role="admin", service="pref-75", given_names="Alice", family_name="Durand")
    page.goto("/")
    log_in(page, "admin75@example.fr", PASSWORD)
    page.goto("/agent/service/modeles")
    expect(page.get_by_role("heading", level=1, name=re.compile("^Modèles de réponse"))).to_be_visible()
    page.get_by_label(re.compile("^Texte du modèle")).fill("Bonjour {prenom}")
    page.get_by_role("button", name="Créer le modèle").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label(re.compile("^Texte du modèle"))).to_have_value("Bonjour {prenom}")
    assert_accessible(page)
    page.get_by_label(re.compile("^Titre du modèle")).fill("Rendez-vous")
    page.get_by_label(re.compile("^Texte du modèle")).fill("Bonjour {nom}, votre dossier {reference} avance.")
    page.get_by_role("button", name="Créer le modèle").click()
    expect(page.get_by_role("status").filter(has_text="Le modèle « Rendez-vous » est créé.")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Rendez-vous")).to_be_visible()
    assert_accessible(page)
