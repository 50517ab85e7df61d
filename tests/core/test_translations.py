"""Every string marked for translation has an English translation that keeps its placeholders."""
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_english_catalogue_is_complete_and_keeps_placeholders(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
                    "-k", "lazy_gettext", "-o", str(pot), "--no-location", "."], cwd=ROOT, check=True,
                   capture_output=True)
    with pot.open("rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    with (ROOT / "translations/en/LC_MESSAGES/messages.po").open("rb") as f:
        catalogue = {m.id: m for m in read_po(f) if m.id}
    def filled(message):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return all(strings)

    missing = sorted(str(i) for i in wanted if i not in catalogue or not filled(catalogue[i]))
    assert not missing, f"{len(missing)} strings lack an English translation (make messages): {missing[:5]}"
    fuzzy = sorted(str(i) for i in wanted if "fuzzy" in catalogue[i].flags)
    assert not fuzzy, f"fuzzy translations: {fuzzy[:5]}"
    for msgid in wanted:
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = catalogue[msgid].string if isinstance(catalogue[msgid].string, tuple) else (catalogue[msgid].string,)
        expected = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= expected, msgid
            assert expected - {"num"} <= set(PLACEHOLDER.findall(string)), msgid
