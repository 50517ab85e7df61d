"""A student files a request with the keyboard only: Tab and Shift+Tab to move, Enter and Space to act, arrow keys
in radio groups and lists; no click. On the way: the skip link is the first stop and leads to the content, every
stop shows a visible focus ring, and an htmx swap (the step's autosave) is announced in a live region while the
focus stays where the person is typing."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import PASSWORD, PDF_BYTES
from tests.browser.test_student_journey import DOCUMENTS, NBSP, PROCEDURE, state_badge

pytestmark = pytest.mark.browser

expect.set_options(timeout=10_000)

# What the focused element is called: its label (fields), or its text (links, buttons); and whether its focus
# ring shows (the DSFR draws the radios' and checkboxes' boxes, and their ring, on the label's ::before).
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {name: '', ring: false, tag: ''};
  const label = e.labels && e.labels.length ? e.labels[0] : null;
  const name = ((label ? label.innerText : e.innerText || e.value || '') || '').replace(/[ \\t\\r\\n]+/g, ' ').trim();
  const ringOf = (style) => style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
                            || (style.boxShadow && style.boxShadow !== 'none');
  let ring = ringOf(getComputedStyle(e));
  if (!ring && label && (e.type === 'radio' || e.type === 'checkbox')) ring = ringOf(getComputedStyle(label, '::before'));
  const section = e.closest('section[aria-labelledby]');
  const region = section ? document.getElementById(section.getAttribute('aria-labelledby')).innerText.trim() : '';
  return {name, ring, tag: e.tagName.toLowerCase(), type: e.type || '', id: e.id, region};
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page: Page, name: str | re.Pattern, *, backwards: bool = False, limit: int = 150, region: str = ""
           ) -> dict:
    """Press Tab (or Shift+Tab) until the focused element is called ``name`` (inside the region titled
    ``region``, if given); its focus ring must show."""
    key = "Shift+Tab" if backwards else "Tab"
    for _press in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        found = name.search(now["name"]) if isinstance(name, re.Pattern) else now["name"].startswith(name)
        if found and now["region"].startswith(region):
            assert now["ring"], f"no visible focus on {now}"
            return now
    raise AssertionError(f"{name!r} not reached with {key} in {limit} presses (last: {focused(page)})")


def open_file_chooser(page: Page, region: str):
    """Tab to the file field of the document ``region`` and open its chooser with Space. Once, on a CI machine
    under full load, Space opened nothing within 10 s: the field is reached again and Space pressed again once
    (a second miss fails the test)."""
    for attempt in range(2):
        tab_to(page, re.compile(r"^Ajouter (une ou plusieurs|des) pages"), region=region)
        try:
            with page.expect_file_chooser(timeout=15_000) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeoutError:
            if attempt:
                raise
    return None


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, label)
    page.keyboard.type(text)


def type_date(page: Page, label: str, day: dt.date) -> None:
    """A date field, typed part by part (each part moves to the next). Chromium orders the parts by its own
    interface language, not the page's: day first is tried, and if the field reads otherwise, Shift+Tab back to
    the first part and month first."""
    tab_to(page, label)
    field = page.locator("input:focus")
    page.keyboard.type(f"{day.day:02d}{day.month:02d}{day.year}")
    if field.input_value() != day.isoformat():
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type(f"{day.month:02d}{day.day:02d}{day.year}")
    assert field.input_value() == day.isoformat()


def pick_radio(page: Page, first_option: str, answer: str) -> None:
    """Tab into a radio group (on its first option), then arrow down to ``answer``: arrows check as they move."""
    tab_to(page, first_option)
    for _press in range(10):
        if focused(page)["name"].startswith(answer):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{answer!r} not found in the group")


def pick_option(page: Page, label: str, option: str) -> None:
    """A select, closed: the arrow keys change its value, option by option."""
    tab_to(page, label)
    select = page.locator("select:focus")
    for _press in range(30):
        if select.evaluate("s => s.options[s.selectedIndex].text.trim()") == option:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{option!r} not among the options of {label!r}")


def press_button(page: Page, name: str) -> None:
    tab_to(page, name)
    page.keyboard.press("Enter")


def save_and_continue(page: Page, next_title: str) -> None:
    press_button(page, "Enregistrer et continuer")
    page.wait_for_load_state("load")
    errors = page.locator(".fr-message--error, .fr-error-text")
    assert errors.count() == 0, errors.all_inner_texts()
    expect(page.get_by_role("heading", level=1, name=next_title)).to_be_visible()


def test_a_student_files_with_the_keyboard_only(page: Page, make_user, tmp_path):
    today = dt.date.today()
    make_user("clavier@example.fr", given_names="Mei", family_name="Zhang")
    page.goto("/")

    # The skip link is the first stop, shows on focus, and takes the focus to the content.
    skip = tab_to(page, "Contenu", limit=1)
    assert skip["tag"] == "a"
    expect(page.get_by_role("link", name="Contenu")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    assert page.evaluate("() => document.activeElement.id") == "contenu"

    # Back up to the account menu with Shift+Tab, log in.
    tab_to(page, "Se connecter", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Se connecter")).to_be_visible()
    type_into(page, "Adresse électronique", "clavier@example.fr")
    type_into(page, "Mot de passe", PASSWORD)
    page.keyboard.press("Enter")  # submits the form from its last field
    expect(page.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()

    tab_to(page, PROCEDURE)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    pick_radio(page, "Oui", "Oui")
    pick_radio(page, f"Première demande de carte de séjour «{NBSP}étudiant{NBSP}»",
               f"Première demande de carte de séjour «{NBSP}étudiant{NBSP}»")
    pick_radio(page, "Oui", "Non")
    press_button(page, "Vérifier et commencer")
    expect(page.get_by_role("heading", level=1, name="Votre demande")).to_be_visible()
    reference = re.search(r"/dossiers/([^/]+)/etapes/situation", page.url).group(1)
    save_and_continue(page, "Identité")

    type_into(page, "Nom de naissance", "ZHANG")
    # The autosave (an htmx swap) is announced by its live region, and the focus stays in the form.
    autosave = page.locator("#autosave")
    expect(autosave).to_have_attribute("role", "status")
    expect(autosave).to_have_attribute("aria-live", "polite")
    type_into(page, "Prénom(s)", "Mei")
    expect(autosave).not_to_be_empty()
    assert focused(page)["name"].startswith("Prénom(s)")
    pick_radio(page, "Féminin", "Féminin")
    type_date(page, "Date de naissance", dt.date(2002, 3, 14))
    type_into(page, "Ville de naissance", "Shanghai")
    type_into(page, "Pays de naissance", "Chine")
    type_into(page, "Nationalité", "chinoise")
    type_into(page, "Téléphone portable", "06 12 34 56 78")
    save_and_continue(page, "Passeport")

    type_into(page, "Numéro de passeport", "EA1234567")
    type_into(page, "Pays qui a délivré le passeport", "Chine")
    type_date(page, "Date de délivrance", dt.date(2021, 6, 1))
    type_date(page, "Date d'expiration", today + dt.timedelta(days=2000))
    save_and_continue(page, "Visa et entrée en France")

    entry = today - dt.timedelta(days=20)
    type_into(page, "Numéro du visa", "FRA123456789")
    pick_option(page, "Type de visa", "Visa de long séjour temporaire (VLS-T)")
    type_date(page, "Début de validité du visa", entry - dt.timedelta(days=5))
    type_date(page, "Fin de validité du visa", entry + dt.timedelta(days=80))
    type_date(page, "Date d'entrée en France", entry)
    save_and_continue(page, "Adresse en France")

    type_into(page, "Numéro et voie", "12 rue des Écoles")
    type_into(page, "Code postal", "75011")
    type_into(page, "Commune", "Paris")
    pick_radio(page, "Logement", "Résidence universitaire ou foyer")
    save_and_continue(page, "Études")

    type_into(page, "Établissement", "Sorbonne Université")
    type_into(page, "Formation suivie", "Master Informatique")
    pick_option(page, "Niveau d'études cette année", "Master 1re année")
    type_date(page, "Début de l'année d'études", today - dt.timedelta(days=30))
    type_date(page, "Fin de l'année d'études", today + dt.timedelta(days=250))
    save_and_continue(page, "Ressources")

    pick_option(page, "Source principale de vos ressources", "Bourse")
    type_into(page, "Montant mensuel (en euros)", "900")
    save_and_continue(page, "Timbre fiscal")

    type_into(page, "Numéro du timbre fiscal électronique", "1234567812345678")
    save_and_continue(page, "Documents")

    # Each file chooser is opened from the keyboard (Space on the field), then the form sent with Enter.
    for index, label in enumerate(DOCUMENTS):
        scan = tmp_path / f"scan-{index + 1}.pdf"
        scan.write_bytes(PDF_BYTES + f"% {label}\n".encode())
        chooser = open_file_chooser(page, label)
        chooser.set_files(scan)
        tab_to(page, "Envoyer", region=label)
        page.keyboard.press("Enter")
        expect(page.get_by_role("status").filter(has_text=f"1 page ajoutée à «{NBSP}{label}{NBSP}».")).to_be_visible()
    tab_to(page, "Continuer vers la vérification")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Vérification et dépôt")).to_be_visible()
    press_button(page, "Déposer ma demande")

    expect(page.get_by_role("heading", level=1, name=PROCEDURE)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Votre demande est déposée.")).to_be_visible()
    expect(state_badge(page, "Déposé")).to_be_visible()
    assert page.url.endswith(f"/dossiers/{reference}")
