"""Every string marked for translation is translated in each catalogue we offer, keeping its placeholders.

French is the source language; English, Arabic and Simplified Chinese each have a catalogue under
``translations/``. Agent screens stay in French, but their strings are in the catalogues too: a string does
not say who reads it, and an untranslated one would show in French to an applicant.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ["en", "ar", "zh"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
LRI, PDI = "\u2066", "\u2069"


@pytest.fixture(scope="module")
def wanted(tmp_path_factory):
    """The messages of the current sources, extracted as ``make messages`` does."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
                    "-k", "lazy_gettext", "-o", str(pot), "--no-location", "."], cwd=ROOT, check=True,
                   capture_output=True)
    with pot.open("rb") as f:
        return {m.id: m for m in read_po(f) if m.id}


def read_catalogue(lang):
    with (ROOT / f"translations/{lang}/LC_MESSAGES/messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def strings(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)


def ids(message):
    return message.id if isinstance(message.id, tuple) else (message.id,)


def test_every_language_offered_has_a_catalogue(app):
    offered = set(app.config["LANGUAGES"]) - {app.config["BABEL_DEFAULT_LOCALE"]}
    assert offered == set(TRANSLATED)
    for lang in TRANSLATED:
        assert (ROOT / f"translations/{lang}/LC_MESSAGES/messages.po").is_file(), lang


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_is_complete_and_keeps_placeholders(wanted, lang):
    catalogue = read_catalogue(lang)
    found = {m.id: m for m in catalogue if m.id}
    missing = sorted(str(i) for i in wanted if i not in found or not all(strings(found[i])))
    assert not missing, (f"{len(missing)} strings lack a translation in {lang} (make messages, then translate "
                         f"translations/{lang}/LC_MESSAGES/messages.po): {missing[:5]}")
    fuzzy = sorted(str(i) for i in wanted if "fuzzy" in found[i].flags)
    assert not fuzzy, f"fuzzy translations in {lang}: {fuzzy[:5]}"
    for msgid in wanted:
        message = found[msgid]
        expected = set().union(*(PLACEHOLDER.findall(i) for i in ids(message)))
        for string in strings(message):
            got = set(PLACEHOLDER.findall(string))
            assert got <= expected, f"{lang}: {msgid!r} has unknown placeholders {got - expected}"
            # A plural form may leave out the number itself ("one message", "two messages").
            assert expected - {"num"} <= got, f"{lang}: {msgid!r} loses {expected - {'num'} - got}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_forms_follow_the_language(wanted, lang):
    """Arabic has six plural forms (zero, one, two, few, many, other), Chinese one, English two."""
    catalogue = read_catalogue(lang)
    assert catalogue.num_plurals == get_plural(lang).num_plurals
    assert catalogue.plural_expr == get_plural(lang).plural_expr
    for message in catalogue:
        if message.id in wanted and isinstance(message.id, tuple):
            assert len(message.string) == catalogue.num_plurals, (lang, message.id)


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_french_typography_stays_in_french(wanted, lang):
    """No-break spaces before « : ; ? ! » are French typography; bidi isolates (Arabic) are closed."""
    for message in read_catalogue(lang):
        if message.id not in wanted:
            continue
        for string in strings(message):
            assert "\u00a0" not in string and "\u202f" not in string, (lang, message.id)
            assert string.count(LRI) == string.count(PDI), (lang, message.id)


@pytest.mark.parametrize("lang, subject, greeting, date, time", [
    ("ar", "تذكير: موعدكم يوم 12 مارس 2026", "مرحبًا Mei،", "12 مارس 2026", "9:30 ص"),
    ("zh", "提醒：您于 2026年3月12日 在省政府", "Mei，您好：", "2026年3月12日", "09:30"),
])
def test_e_mails_and_text_messages_speak_the_persons_language(app, lang, subject, greeting, date, time):
    """The same catalogues give the e-mail and the SMS: words, dates and the link, nothing left in French."""
    import datetime as dt
    from types import SimpleNamespace

    from anef.notifications.services import render_email
    from anef.notifications.sms import render_sms

    person = SimpleNamespace(given_names="Mei")
    booking = SimpleNamespace(slot=SimpleNamespace(starts_at=dt.datetime(2026, 3, 12, 8, 30, tzinfo=dt.timezone.utc),
                                                   counter=SimpleNamespace(name="Guichet 2")))
    dossier = SimpleNamespace(reference="ANEF-2026-000001-P", procedure="etudiant")
    link = "https://anef.example/rendez-vous"
    with app.test_request_context():
        mail_subject, body = render_email("appointment_reminder", lang, person=person, booking=booking, link=link)
        sms = render_sms("appointment_reminder", lang, subject=mail_subject, person=person, booking=booking,
                         link=link)
        filed_subject, filed_body = render_email("dossier_submit", lang, person=person, dossier=dossier,
                                                 title="ANEF", link=link)
        filed_sms = render_sms("dossier_submit", lang, subject=filed_subject, person=person, dossier=dossier,
                               link=link)
    assert mail_subject.replace(LRI, "").replace(PDI, "").startswith(subject)
    assert body.startswith(greeting) and date in body and time in body and link in body
    assert sms.startswith("ANEF") and sms.endswith(link) and len(sms) <= 320 and "\n" not in sms
    assert "ANEF-2026-000001-P" in filed_subject and filed_body.startswith(greeting)
    assert filed_sms.startswith("ANEF") and "ANEF-2026-000001-P" in filed_sms and filed_sms.endswith(link)
    french = re.compile(r"\b(Bonjour|votre|rendez-vous|demande|Rappel)\b")
    for text in (mail_subject, body, sms, filed_subject, filed_body, filed_sms):
        assert not french.search(text.replace(link, "")), text


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_compiles_without_errors(wanted, lang):
    """What ``pybabel compile`` checks (``make translations`` fails on it). A French source string in which
    "%" is followed by a space and a letter (« 70 % du ») reads to Babel as a positional placeholder: write
    « 70\u00a0%\u00a0du » (no-break spaces) or keep « % » away from the next word."""
    errors = [(message.id, [str(e) for e in found]) for message, found in read_catalogue(lang).check()
              if message.id in wanted]
    assert not errors, f"{lang}: {errors[:5]}"
