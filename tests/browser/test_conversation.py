"""The whole conversation with the administration, on phones, with e-mails read from a real SMTP server.

The applicant writes with an attachment; the instructeur answers, then asks for a complement on one step;
the e-mail announcing it arrives (aiosmtpd on loopback) and its link leads to the dossier; the applicant
corrects only that step; the agent reads the difference and accepts; the decision's e-mail arrives; the
applicant downloads the attestation de décision favorable, and its QR code leads to the public page that
says it is genuine and current.
"""
from __future__ import annotations

import asyncio
import io
import logging
import re
import threading

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from conftest import PASSWORD, PDF_BYTES, make_app
from tests.browser.conftest import PHONE_HEIGHT, PHONE_WIDTH, assert_accessible
from tests.browser.test_student_journey import log_in
from tests.notifications.conftest import SmtpServer, _Handler

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
expect.set_options(timeout=10_000)


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1, port chosen by the system."""
    from aiosmtpd.smtp import SMTP

    state, loop, ready, holder = SmtpServer(), asyncio.new_event_loop(), threading.Event(), {}

    def run():
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(loop.create_server(
            lambda: SMTP(_Handler(state), hostname="smtp.test.localhost"), "127.0.0.1", 0))
        holder["server"] = server
        state.port = server.sockets[0].getsockname()[1]
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="conversation-smtp", daemon=True)
    thread.start()
    assert ready.wait(10)
    yield state

    async def shutdown():
        holder["server"].close()
        await holder["server"].wait_closed()

    asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


@pytest.fixture
def site(app, instance_dir, _database, smtp):
    """A live server like the suite's, whose e-mails go to the SMTP server above."""
    from anef.extensions import db

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    served = make_app(instance_dir, _database, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_USE_TLS=False)
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="conversation-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    with served.app_context():
        db.session.remove()
        db.engine.dispose()
    thread.join(10)


def mail_to(smtp, address: str, subject_start: str, timeout: float = 15):
    """The first e-mail received for ``address`` whose subject starts so; waits for it."""
    import time

    deadline = time.time() + timeout
    while time.time() < deadline:
        for item in smtp.messages:
            message = item["message"]
            if address in item["to"] and str(message["Subject"]).startswith(subject_start):
                return message
        time.sleep(0.1)
    subjects = [str(m["message"]["Subject"]) for m in smtp.messages]
    pytest.fail(f"no e-mail to {address} starting {subject_start!r}; received: {subjects}")


def read_qr(png: bytes) -> str:
    import zxingcpp
    from PIL import Image

    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    return result.text


def state_badge(page: Page, label: str):
    return page.get_by_role("main").locator(".fr-badge").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def test_the_whole_conversation_with_the_administration(page: Page, new_context, site, smtp, make_user,
                                                        filed_dossier):
    make_user("instructeur75@example.fr", role="instructeur", service="pref-75", given_names="Inès",
              family_name="Martin")
    reference = filed_dossier
    # The filing's own notice arrived before this server existed: the conversation starts now.

    # 1. The applicant writes to the service with an attachment.
    page.goto(site + "/")
    log_in(page, "usager@example.fr", PASSWORD)
    page.goto(f"{site}/dossiers/{reference}")
    page.get_by_role("link", name="Voir les messages").click()
    page.get_by_label(re.compile("^Votre message")).fill("Bonjour, je joins mon nouveau bail.")
    page.get_by_label(re.compile("^Joindre un fichier")).set_input_files(
        files=[{"name": "bail.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES + b"% bail\n"}])
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_role("status").filter(has_text="Votre message est envoyé.")).to_be_visible()

    # 2. The instructeur, on another phone: sees the message, takes the dossier, answers.
    agent_context = new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, bypass_csp=True,
                                locale="fr-FR")
    agent_context.set_default_timeout(10_000)
    agent = agent_context.new_page()
    agent.goto(site + "/")
    log_in(agent, "instructeur75@example.fr", PASSWORD)
    row = agent.get_by_role("row").filter(has_text=reference)
    expect(row.get_by_text("1 nouveau message")).to_be_visible()
    row.get_by_role("link", name=reference).click()
    agent.get_by_role("button", name="Prendre en charge").click()
    expect(state_badge(agent, "En cours d'instruction")).to_be_visible()
    agent.get_by_role("link", name="Ouvrir la conversation").click()
    expect(agent.locator("#thread").get_by_role("link", name="bail.pdf")).to_be_visible()
    agent.get_by_label(re.compile("^Votre message")).fill("Merci, le bail est bien reçu. Une précision va vous être demandée.")
    agent.get_by_role("button", name="Envoyer le message").click()
    expect(agent.get_by_role("status").filter(has_text="Votre message est envoyé.")).to_be_visible()
    notice = mail_to(smtp, "usager@example.fr", "Nouveau message au sujet de votre demande")
    assert "Merci, le bail" not in notice.get_content()  # the e-mail says a message waits, never what it says

    # 3. A complement on one step, with its reason.
    agent.goto(f"{site}/agent/dossiers/{reference}")
    agent.get_by_text("Demander un complément", exact=True).click()
    items = agent.get_by_role("group", name=re.compile("^Ce que le demandeur doit corriger"))
    items.get_by_text(f"Réponses{NBSP}: Études", exact=True).click()
    agent.get_by_label("Motif — Études").fill("Indiquez le nom complet de l'établissement, avec la faculté.")
    assert_accessible(agent)
    agent.get_by_role("button", name="Envoyer la demande de complément").click()
    expect(state_badge(agent, "Complément demandé")).to_be_visible()

    # 4. The e-mail arrives; its link leads the applicant to the dossier, where only that step can change.
    email = mail_to(smtp, "usager@example.fr", f"Complément demandé{NBSP}: {reference}")
    body = email.get_content()
    assert "Indiquez le nom complet de l'établissement" in body
    link = re.search(r"https?://\S+/dossiers/" + re.escape(reference), body).group(0)
    page.goto(link)
    expect(state_badge(page, "Complément demandé")).to_be_visible()
    page.get_by_role("link", name="Répondre à la demande").click()
    expect(page.get_by_role("heading", level=1, name="Répondre à la demande de complément")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("link", name=re.compile("^Modifier"))).to_have_count(1)
    page.get_by_role("link", name=re.compile("^Modifier")).click()
    expect(page.get_by_role("heading", level=1, name="Études")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Établissement").fill("")
    page.get_by_role("button", name="Enregistrer").click()  # an empty answer: said beside the field, kept
    expect(page.get_by_text("Indiquez le nom de votre établissement.").first).to_be_visible()
    page.get_by_label("Établissement").fill("Sorbonne Université, faculté des sciences et ingénierie")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1, name="Répondre à la demande de complément")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("faculté des sciences et ingénierie")
    page.get_by_role("button", name="Envoyer mon complément").click()
    expect(page.get_by_role("status").filter(has_text="Votre complément est envoyé.")).to_be_visible()
    expect(state_badge(page, "En cours d'instruction")).to_be_visible()

    # 5. The agent reads the difference, then accepts.
    agent.goto(f"{site}/agent/dossiers/{reference}")
    changes = agent.locator("#modifications")
    expect(changes.locator("del")).to_contain_text(["Sorbonne Université"])
    expect(changes.locator("ins")).to_contain_text(["Sorbonne Université, faculté des sciences et ingénierie"])
    assert_accessible(agent)
    agent.get_by_text("Décider", exact=True).click()
    agent.get_by_role("group", name="Décision").get_by_text("Accepter", exact=True).click()
    agent.get_by_role("button", name="Enregistrer la décision").click()
    expect(state_badge(agent, "Accepté")).to_be_visible()
    agent_context.close()

    # 6. The decision's e-mail; the attestation de décision favorable, downloaded, then verified from its QR code.
    decision = mail_to(smtp, "usager@example.fr", "Décision sur votre demande")
    assert reference in decision["Subject"]
    page.goto(f"{site}/dossiers/{reference}")
    expect(state_badge(page, "Accepté")).to_be_visible()
    attestations = page.get_by_role("region", name="Vos attestations")
    attestations.get_by_role("link", name="Attestation de décision favorable").click()
    expect(page.get_by_role("heading", level=1, name="Attestation de décision favorable")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    url = read_qr(page.get_by_role("img", name=re.compile("Code QR")).screenshot())
    assert url.startswith(site + "/verifier/")
    page.goto(url)
    expect(page.get_by_role("heading", level=2, name="Attestation authentique et en cours de validité")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text(reference)
    assert_accessible(page)
