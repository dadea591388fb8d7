import re
from pathlib import Path

import polib
import pytest

from portal.translations import catalogues_compile

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_swedish_catalogue_translates_every_text():
    catalogue = polib.pofile(str(LOCALE / "sv" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [], f"untranslated: {missing}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)[sd]", text))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_catalogue_placeholders_match_their_source(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            wanted = _placeholders(entry.msgid_plural)
            assert all(_placeholders(form) <= wanted for form in entry.msgstr_plural.values()), entry.msgid
            assert _placeholders(entry.msgstr_plural[1]) == wanted, entry.msgid
        else:
            assert _placeholders(entry.msgstr) == _placeholders(entry.msgid), entry.msgid


def test_catalogues_compile_writes_mo_only_when_po_is_newer(tmp_path):
    po_path = tmp_path / "sv" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Sign in", msgstr="Logga in"))
    catalogue.save(str(po_path))

    assert catalogues_compile(root=tmp_path) == [po_path.with_suffix(".mo")]
    assert catalogues_compile(root=tmp_path) == []
    assert polib.mofile(str(po_path.with_suffix(".mo"))).find("Sign in").msgstr == "Logga in"
