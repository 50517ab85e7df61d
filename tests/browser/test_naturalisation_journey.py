"""A naturalisation at phone width, from filing to the décret and the ceremony, through the real screens.

The applicant answers the questions and every step, gives each document and files; the Nantes platform's agent takes
the dossier and records the convocation, the interview, the enquiry and a favourable proposal; the national service
(SDANF) records the ministry's decision and the décret, which a valideur signs; the platform records the ceremony.
After each stage the applicant's dossier page says where they stand and what comes next. Every page type goes
through axe-core and the no-horizontal-scroll check.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, PDF_BYTES
from plugins.naturalisation.samples import sample_answers
from plugins.naturalisation.tests.walk import ELIGIBILITY, stage_answers
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import log_in, log_out

pytestmark = pytest.mark.browser

PROCEDURE = "Naturalisation par décret"


def fill(page: Page, answers: dict) -> None:
    """Fill a form's fields by name, as typed: radios and checkboxes by clicking their label, selects by value."""
    form = page.get_by_role("main").locator("form").filter(has=page.locator(f"[name='{next(iter(answers))}']")).first
    for name, value in answers.items():
        field = form.locator(f"[name='{name}']")
        kind = field.first.get_attribute("type")
        tag = field.first.evaluate("e => e.tagName.toLowerCase()")
        if kind == "radio":
            form.locator(f"label[for='{form.locator(f'[name={name!r}][value={value!r}]').get_attribute('id')}']").click()
        elif kind == "checkbox":
            form.locator(f"label[for='{field.first.get_attribute('id')}']").click()
        elif tag == "select":
            field.select_option(value)
        else:
            field.fill(value)


def stage(page: Page, title: str, answers: dict) -> None:
    """Record a stage from the agent's dossier page."""
    expect(page.get_by_role("heading", name=f"Enregistrer\u00a0: {title}")).to_be_visible()
    fill(page, {k: v for k, v in answers.items() if v})
    page.get_by_role("button", name="Enregistrer l'étape").click()


def applicant_sees(page: Page, reference: str, *texts: str) -> None:
    page.goto(f"/dossiers/{reference}")
    main = page.get_by_role("main")
    for text in texts:
        expect(main).to_contain_text(text)
    assert_accessible(page)


def test_naturalisation_from_filing_to_the_ceremony(page: Page, browser, make_user, tmp_path, live_server):
    make_user("amina.diallo@example.fr", given_names="Amina", family_name="Diallo")
    make_user("claire.robin@nantes.gouv.example.fr", role="instructeur", service="nat-44")
    make_user("marc.leroy@interieur.gouv.example.fr", role="instructeur", service="sdanf")
    make_user("sophie.henry@interieur.gouv.example.fr", role="valideur", service="sdanf")
    answers = sample_answers(postcode="44000", city="Nantes")
    stages = stage_answers()

    # The applicant files.
    page.goto("/")
    log_in(page, "amina.diallo@example.fr", PASSWORD)
    page.goto("/dossiers/nouveau/naturalisation")
    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    fill(page, ELIGIBILITY)
    page.get_by_role("button", name="Vérifier et commencer").click()
    while "/etapes/" in page.url:
        slug = page.url.rsplit("/", 1)[1]
        step = answers[slug]
        if slug == "situation":
            assert_accessible(page)
        fill(page, {k: v for k, v in step.items() if v != ""})
        page.get_by_role("button", name="Enregistrer et continuer").click()
        expect(page).not_to_have_url(re.compile(rf"/etapes/{slug}$"))
    reference = re.search(r"/dossiers/([^/]+)/documents", page.url).group(1)
    for index, section in enumerate(page.locator("section.anef-document").all()):
        scan = tmp_path / f"scan-{index}.pdf"
        scan.write_bytes(PDF_BYTES + f"% {index}\n".encode())
        kind = section.get_attribute("id").removeprefix("doc-")
        page.locator(f"#file-{kind}").set_input_files(scan)
        page.locator(f"#doc-{kind}").get_by_role("button", name=re.compile("^Envoyer")).click()
        expect(page.locator(f"#doc-{kind}").get_by_role("link", name=scan.name)).to_be_visible()
    page.goto(f"/dossiers/{reference}/recapitulatif")
    assert_accessible(page)
    page.get_by_role("button", name="Déposer ma demande").click()
    applicant_sees(page, reference, "Déposé", "Convocation à l'entretien", "Étape 1 sur 7")
    log_out(page)

    # The platform's agent takes it and records the first four stages.
    log_in(page, "claire.robin@nantes.gouv.example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{reference}")
    page.get_by_role("button", name="Prendre en charge").click()
    expect(page.get_by_role("heading", name="Étapes de la procédure")).to_be_visible()
    assert_accessible(page)
    for code, title in (("convocation", "Convocation à l'entretien d'assimilation"),
                        ("entretien", "Entretien d'assimilation"),
                        ("enquete", "Enquête administrative (police ou gendarmerie)"),
                        ("proposition", "Proposition de la préfecture")):
        stage(page, title, stages[code])
        if code != "proposition":
            expect(page.get_by_role("status").filter(has_text="est enregistrée")).to_be_visible()
    # Favourable: the dossier has left for the national service.
    page.goto(f"/agent/dossiers/{reference}")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("introuvable|Page non trouvée", re.I))
    log_out(page)

    page.goto("/")
    log_in(page, "amina.diallo@example.fr", PASSWORD)
    applicant_sees(page, reference, "Vous êtes convoqué(e) le", "L'enquête administrative est terminée.",
                   "Décision du ministre", "Étape 5 sur 7", "Sous-direction de l'accès à la nationalité française")
    log_out(page)

    # The national service decides; the décret is proposed by one agent and signed by another.
    log_in(page, "marc.leroy@interieur.gouv.example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{reference}")
    assert_accessible(page)
    stage(page, "Décision du ministre (SDANF)", stages["decision"])
    stage(page, "Publication du décret au Journal officiel", stages["decret"])
    expect(page.get_by_role("status").filter(has_text="attend la signature")).to_be_visible()
    log_out(page)
    log_in(page, "sophie.henry@interieur.gouv.example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{reference}")
    page.get_by_role("button", name="Signer la décision").click()
    expect(page.get_by_role("status").filter(has_text="La décision est signée.")).to_be_visible()
    log_out(page)

    page.goto("/")
    log_in(page, "amina.diallo@example.fr", PASSWORD)
    applicant_sees(page, reference, "Accepté", "Décret n° INTN2612345D", "Cérémonie d'accueil", "Vous êtes français")
    expect(page.get_by_role("main")).not_to_contain_text("retirer votre titre")
    log_out(page)

    # Back at the platform: the ceremony.
    log_in(page, "claire.robin@nantes.gouv.example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{reference}")
    expect(page.get_by_role("main")).not_to_contain_text("Titre prêt")
    stage(page, "Cérémonie d'accueil dans la citoyenneté française", stages["ceremonie"])
    expect(page.get_by_role("status").filter(has_text="est enregistrée")).to_be_visible()
    log_out(page)

    page.goto("/")
    log_in(page, "amina.diallo@example.fr", PASSWORD)
    applicant_sees(page, reference, "Vous êtes invité(e) à la cérémonie le", "salon d'honneur",
                   "Étape franchie\u00a0: Cérémonie d'accueil")
