"""An employer hires a foreign employee, on a 360 px phone, and the employee never types the job twice.

The employer signs up from « Espace employeur » with the company's SIRET (a mistyped one refused beside the field,
then the company found by API Entreprise shown for confirmation), confirms the address, files the work
authorisation; the instructeur of the platform covering the workplace grants it; the employer reads its number;
the employee, with an account of their own, starts the « salarié » card, types the number and the SIRET (a wrong
number refused first) and finds their identity, the employer, the job and the salary already filled.
Every distinct page type on the way goes through axe-core and the no-horizontal-scroll check.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from anef.procedure_kit.testing import french
from conftest import PASSWORD, PDF_BYTES
from tests.browser.conftest import assert_accessible
from tests.browser.test_student_journey import (choose, expect_step, log_in, log_out, save_and_continue, state_badge,
                                                upload)

pytestmark = pytest.mark.browser

SIRET = "73282932000074"
COMPANY = "Entreprise de démonstration 732829320"
AUTHORISATION = "Autorisation de travail d'un salarié étranger"
CARD = french("Carte de séjour pour travailler : salarié, travailleur temporaire, saisonnier ou détaché ICT")
EMPLOYER_PASSWORD = "une phrase de passe pour les RH"
DOCUMENTS = ["Passeport du salarié", "CV du salarié", "Lettre expliquant le recrutement",
             "Extrait Kbis et statuts (ou extrait K, carte d'artisan)",
             "Attestation de vigilance URSSAF de moins de 6 mois"]


def group(page: Page, start: str):
    """A fieldset by the start of its legend (the legend also holds its hint)."""
    return re.compile("^" + re.escape(french(start)))


def test_employer_files_the_platform_grants_and_the_employee_finds_the_job_filled(page: Page, live_server,
                                                                                 make_user, tmp_path):
    today = dt.date.today()
    make_user("paul.girard@moe.gouv.example.fr", role="instructeur", service="moe-75", given_names="Paul",
              family_name="Girard")
    make_user("van.an.nguyen@example.fr", given_names="Van An", family_name="Nguyen")

    # a. The employer space, the SIRET (a digit wrong first), the company to confirm, the account.
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Espace employeur").click()
    expect(page.get_by_role("heading", level=1, name="Espace employeur")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Créer un compte employeur").click()
    expect(page.get_by_role("heading", level=1, name="Créer un compte employeur")).to_be_visible()
    choose(page, "Vous êtes", french("L'employeur : l'entreprise ou l'établissement qui embauche"))
    page.get_by_label("Numéro SIRET de l'employeur").fill("732 829 320 00075")
    page.get_by_role("button", name="Vérifier le SIRET").click()
    expect(page.locator("#siret-messages")).to_have_text(french("Ce numéro SIRET n'existe pas : vérifiez chaque "
                                                                "chiffre."))
    expect(page.get_by_label("Numéro SIRET de l'employeur")).to_have_value("732 829 320 00075")
    assert_accessible(page)
    page.get_by_label("Numéro SIRET de l'employeur").fill("732 829 320 00074")
    page.get_by_role("button", name="Vérifier le SIRET").click()
    found = page.get_by_role("region", name="Entreprise trouvée par API Entreprise")
    expect(found).to_contain_text(COMPANY)
    expect(found).to_contain_text(SIRET)
    assert_accessible(page)
    page.get_by_label("Prénom(s)").fill("Claire")
    page.get_by_label("Nom de famille").fill("Durand")
    page.get_by_label("Adresse électronique").fill("claire.durand@entreprise.example.fr")
    page.get_by_label(re.compile(r"^Mot de passe\s*Au moins 12 caractères")).fill(EMPLOYER_PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(EMPLOYER_PASSWORD)
    page.get_by_role("button", name=french("C'est mon entreprise : créer le compte")).click()
    expect(page.get_by_role("heading", level=1, name="Consultez vos courriels")).to_be_visible()

    page.goto("/dev/outbox")
    page.get_by_role("table", name="Les 100 derniers courriels").get_by_role("row").nth(1).get_by_role("link").click()
    page.locator(".anef-outbox-body").get_by_role("link", name=re.compile(r"\/compte\/confirmation\/")).click()
    expect(page.get_by_role("status").filter(has_text="Votre adresse électronique est confirmée")).to_be_visible()
    page.get_by_label("Adresse électronique").fill("claire.durand@entreprise.example.fr")
    page.get_by_label("Mot de passe", exact=True).fill(EMPLOYER_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()

    # b. Only the employer's procedure is offered; the company comes from the account.
    expect(page.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name=re.compile("étudiant"))).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name=AUTHORISATION, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=AUTHORISATION)).to_be_visible()
    assert_accessible(page)
    choose(page, group(page, "Le salarié est-il ressortissant"), "Non")
    choose(page, group(page, "Le salarié a-t-il déjà un titre"), "Non")
    choose(page, french("Pour quel emploi ?"), "Un emploi salarié en CDI, ou en CDD de 12 mois ou plus")
    page.get_by_role("button", name="Vérifier et commencer").click()

    expect_step(page, "L'employeur")
    expect(page.get_by_label("Numéro SIRET de l'employeur")).to_have_value(SIRET)
    expect(page.get_by_label("Raison sociale")).to_have_value(COMPANY)
    expect(page.get_by_label("Raison sociale")).not_to_be_editable()
    page.get_by_label("Personne à contacter dans l'entreprise").fill("Claire Durand")
    page.get_by_label("Téléphone portable").fill("06 12 34 56 78")
    page.get_by_label("Nombre de salariés de l'entreprise").fill("42")
    choose(page, group(page, "L'employeur est-il dans l'une de ces situations"), "Aucune de ces situations")
    choose(page, group(page, "Avez-vous donné l'extrait Kbis"), "Non")
    page.locator("label[for=engagement]").click()
    save_and_continue(page)

    expect_step(page, "Le salarié", check=False)
    page.get_by_label("Nom de naissance").fill("NGUYEN")
    page.get_by_label("Prénom(s)").fill("Van An")
    choose(page, "Sexe (tel qu'indiqué sur le passeport)", "Masculin")
    page.get_by_label("Date de naissance").fill("1994-06-15")
    page.get_by_label("Ville de naissance").fill("Hanoï")
    page.get_by_label("Pays de naissance").fill("Viêt Nam")
    page.get_by_label("Nationalité").fill("vietnamienne")
    save_and_continue(page)

    expect_step(page, "Passeport du salarié", check=False)
    page.get_by_label("Numéro de passeport").fill("C1234567")
    page.get_by_label("Pays qui a délivré le passeport").fill("Viêt Nam")
    page.get_by_label("Date de délivrance").fill("2022-03-01")
    page.get_by_label("Date d'expiration").fill((today + dt.timedelta(days=2200)).isoformat())
    save_and_continue(page)

    expect_step(page, "Où vit le salarié", check=False)
    choose(page, french("Où vit le salarié aujourd'hui ?"), french("À l'étranger : il viendra en France avec un visa"))
    save_and_continue(page)
    expect_step(page, "Pays de résidence du salarié", check=False)
    page.get_by_label("Pays où vit le salarié").fill("Viêt Nam")
    page.get_by_label("Ville du consulat de France où il demandera son visa").fill("Hanoï")
    save_and_continue(page)

    expect_step(page, "L'emploi")
    page.get_by_label("Intitulé du poste").fill("Développeur logiciel")
    choose(page, group(page, "Le métier figure-t-il"), "Oui")
    choose(page, group(page, "S'agit-il d'une profession réglementée"), "Non")
    choose(page, "Contrat", "Contrat à durée indéterminée (CDI)")
    page.get_by_label("Date de début du contrat").fill((today + dt.timedelta(days=75)).isoformat())
    page.get_by_label("Heures de travail par semaine").fill("35")
    page.get_by_label("Salaire mensuel brut (en euros)").fill("2600")
    save_and_continue(page)

    expect_step(page, "Lieu de travail", check=False)
    page.get_by_label("Numéro et voie").fill("12 rue de la Roquette")
    page.get_by_label("Code postal").fill("75011")
    page.get_by_label("Commune").fill("Paris")
    save_and_continue(page)

    expect_step(page, "Documents", check=False)
    for index, label in enumerate(DOCUMENTS):
        scan = tmp_path / f"piece-{index + 1}.pdf"
        scan.write_bytes(PDF_BYTES + f"% {label}\n".encode())
        upload(page, label, scan)
    assert_accessible(page)
    page.get_by_role("link", name="Continuer vers la vérification").click()
    expect_step(page, "Vérification et dépôt")
    expect(page.get_by_role("main")).to_contain_text(french("Taxe OFII due par l'employeur : "))
    page.get_by_role("button", name="Déposer ma demande").click()
    expect(state_badge(page, "Déposé")).to_be_visible()
    reference = re.search(r"ANEF-\d{4}-\d{6}-[A-Z]", page.get_by_role("main").inner_text()).group(0)
    expect(page.get_by_role("main")).to_contain_text("Plateforme main-d'œuvre étrangère — Paris")

    # c. The platform covering Paris grants it.
    log_out(page)
    log_in(page, "paul.girard@moe.gouv.example.fr", PASSWORD)
    page.goto(f"/agent/dossiers/{reference}")
    expect(page.get_by_role("heading", level=2, name="Synthèse de l'autorisation de travail")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Van An NGUYEN")
    page.get_by_role("button", name="Prendre en charge").click()
    expect(state_badge(page, "En cours d'instruction")).to_be_visible()
    assert_accessible(page)
    page.get_by_text("Décider", exact=True).click()
    choose(page, "Décision", "Accepter")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(state_badge(page, "Accepté")).to_be_visible()

    # d. The employer reads the number to hand to the employee.
    log_out(page)
    log_in(page, "claire.durand@entreprise.example.fr", EMPLOYER_PASSWORD)
    page.get_by_role("link", name=AUTHORISATION, exact=True).first.click()
    expect(state_badge(page, "Accepté")).to_be_visible()
    granted = page.get_by_role("main").get_by_text(re.compile(r"^Numéro de l'autorisation"))
    number = re.search(r"AT-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", granted.inner_text()).group(0)
    assert_accessible(page)

    # e. The employee starts the « salarié » card: the number and the SIRET are all they type of the job.
    log_out(page)
    log_in(page, "van.an.nguyen@example.fr", PASSWORD)
    expect(page.get_by_role("main").get_by_role("link", name=AUTHORISATION)).to_have_count(0)
    page.get_by_role("link", name=CARD, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=CARD)).to_be_visible()
    choose(page, french("Quelle situation correspond à votre emploi en France ?"),
           french("Salarié : un CDI, ou un CDD de 12 mois ou plus"))
    choose(page, french("Que demandez-vous ?"), "Première demande, après mon arrivée en France avec un visa")
    choose(page, group(page, "Votre employeur a-t-il obtenu votre autorisation de travail"), "Oui")
    choose(page, group(page, "Êtes-vous arrivé en France depuis moins de 3 mois"), "Non")
    assert_accessible(page)
    page.get_by_role("button", name="Vérifier et commencer").click()
    expect_step(page, "Votre demande", check=False)
    save_and_continue(page)

    expect_step(page, "Autorisation de travail", check=False)
    page.get_by_label("Numéro de l'autorisation de travail").fill("AT-2026-0000-0000")
    page.get_by_label("Numéro SIRET de votre employeur").fill("732 829 320 00074")
    save_and_continue(page)
    expect(page.locator("#numero_autorisation-messages")).to_contain_text(
        "Aucune autorisation de travail de cet employeur ne porte ce numéro")
    assert_accessible(page)
    page.get_by_label("Numéro de l'autorisation de travail").fill(number.lower())
    save_and_continue(page)

    expect_step(page, "Identité")
    expect(page.get_by_label("Nom de naissance")).to_have_value("NGUYEN")
    expect(page.get_by_label("Date de naissance")).to_have_value("1994-06-15")
    page.get_by_label("Téléphone portable").fill("06 11 22 33 44")
    save_and_continue(page)
    expect_step(page, "Passeport", check=False)
    expect(page.get_by_label("Numéro de passeport")).to_have_value("C1234567")
    save_and_continue(page)

    expect_step(page, "Visa et entrée en France", check=False)
    entry = today - dt.timedelta(days=20)
    page.get_by_label("Numéro du visa").fill("FRA123456789")
    page.get_by_label("Type de visa").select_option(label="Visa de long séjour temporaire (VLS-T)")
    page.get_by_label("Début de validité du visa").fill((entry - dt.timedelta(days=5)).isoformat())
    page.get_by_label("Fin de validité du visa").fill((entry + dt.timedelta(days=80)).isoformat())
    page.get_by_label("Date d'entrée en France").fill(entry.isoformat())
    save_and_continue(page)
    expect_step(page, "Adresse en France", check=False)
    page.get_by_label("Numéro et voie").fill("3 rue des Vinaigriers")
    page.get_by_label("Code postal").fill("75010")
    page.get_by_label("Commune").fill("Paris")
    choose(page, "Votre logement", "Logement à mon nom (location, propriété)")
    save_and_continue(page)

    expect_step(page, "Votre emploi")
    expect(page.get_by_label("Autorisation de travail n°")).to_have_value(number)
    expect(page.get_by_label("Employeur", exact=True)).to_have_value(COMPANY)
    expect(page.get_by_label("Emploi", exact=True)).to_have_value("Développeur logiciel")
    expect(page.get_by_label("Salaire mensuel brut (en euros)")).to_have_value("2600")
    expect(page.get_by_label("Salaire mensuel brut (en euros)")).not_to_be_editable()
