"""The English catalogue (registry/translations/en) against the code.

The UI is written in Vietnamese inside ``_()`` / ``_l()``; ``en/LC_MESSAGES/messages.po`` holds the English. These
tests fail when a UI string has no English yet (and list what to translate), when a translation drops or invents
a ``%(name)s`` placeholder, and when the site, switched to English, still shows Vietnamese headings.

To add translations after a failure::

    .venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o registry/translations/messages.pot .
    .venv/bin/pybabel update -i registry/translations/messages.pot -d registry/translations -l en
    # fill the empty msgstr (and clear any "fuzzy" flag) in registry/translations/en/LC_MESSAGES/messages.po
    .venv/bin/pybabel compile -d registry/translations
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "registry" / "translations"
EN_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
EN_MO = EN_PO.with_suffix(".mo")
# the keywords of the extraction command above (pybabel's defaults cover _, gettext, ngettext, pgettext…)
EXTRA_KEYWORDS = ("_l", "lazy_gettext")

# printf-style placeholders: %(name)s, %s, %d, %% …
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifFeEgGxXorac%]")

Key = tuple[str | None, str]


def _key(message: Message) -> Key:
    """(context, msgid), with the singular standing for a plural message."""
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return message.context, msgid


def _strings(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """What `pybabel extract` finds in the code now (same mapping file and keywords as the documented command)."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    args = ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(pot)]
    for keyword in EXTRA_KEYWORDS:
        args += ["-k", keyword]
    CommandLineInterface().run([*args, str(ROOT)])
    return _read(pot)


@pytest.fixture(scope="module")
def english() -> Catalog:
    assert EN_PO.exists(), f"missing English catalogue {EN_PO.relative_to(ROOT)}"
    return _read(EN_PO, locale="en")


def test_extraction_finds_the_ui(extracted: Catalog) -> None:
    ids = {_key(m)[1] for m in extracted if m.id}
    assert {"Văn bản", "Đăng nhập", "Trích yếu"} <= ids


def test_every_ui_string_has_english(extracted: Catalog, english: Catalog) -> None:
    translated = {
        _key(m)
        for m in english
        if m.id and "fuzzy" not in m.flags and all(s.strip() for s in _strings(m.string)) and m.string
    }
    untranslated = sorted(
        (_key(m) for m in extracted if m.id and _key(m) not in translated), key=lambda k: (k[0] or "", k[1])
    )
    listing = "\n".join(
        f"  {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, msgid in untranslated
    )
    assert not untranslated, (
        f"{len(untranslated)} UI string(s) have no English translation in "
        f"{EN_PO.relative_to(ROOT)} (see this module's docstring for the commands):\n{listing}"
    )


def test_catalogue_header_is_not_fuzzy(english: Catalog) -> None:
    # pybabel compile skips a catalogue whose header is fuzzy, and the whole UI stays Vietnamese
    assert not english.fuzzy
    assert str(english.locale) == "en"


def test_placeholders_match(english: Catalog) -> None:
    wrong = []
    for m in english:
        if not m.id or not m.string:
            continue
        wanted = sorted(PLACEHOLDER.findall(_strings(m.id)[0]))
        for text in _strings(m.string):
            if text and sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"  {_strings(m.id)[0]!r} -> {text!r}")
    assert not wrong, "placeholders differ between msgid and msgstr:\n" + "\n".join(wrong)


def test_english_differs_from_vietnamese_where_it_should(english: Catalog) -> None:
    # a translation copied from the msgid is a forgotten translation, except for names and pure examples
    same_allowed = {"Hiệu Lực"}
    copied = [m.id for m in english if m.id and m.string == m.id and m.id not in same_allowed]
    assert not copied, f"msgstr equals the Vietnamese msgid: {copied}"


def _compile_if_stale() -> None:
    """Compile the English .po in place when its .mo is missing or older (the .mo is not committed)."""
    if EN_MO.exists() and EN_MO.stat().st_mtime >= EN_PO.stat().st_mtime:
        return
    catalog = _read(EN_PO, locale="en")
    tmp = EN_MO.with_suffix(".mo.tmp")
    with tmp.open("wb") as f:
        write_mo(f, catalog)
    tmp.replace(EN_MO)


@pytest.fixture
def english_client(app: Flask, client: FlaskClient) -> Iterator[FlaskClient]:
    _compile_if_stale()
    babel_cfg = app.extensions.get("babel")
    domain = getattr(babel_cfg, "domain_instance", None)
    if domain is not None:
        # a page requested in English before the .mo existed cached empty translations
        domain.cache.clear()
    resp = client.get("/lang/en")
    assert resp.status_code == 302
    yield client
    client.get("/lang/vi")


def _text(resp) -> str:  # type: ignore[no-untyped-def]
    assert resp.status_code == 200, resp.status_code
    return resp.get_data(as_text=True)


def test_home_in_english(english_client: FlaskClient) -> None:
    html = _text(english_client.get("/"))
    assert '<html lang="en">' in html
    assert "Look up legal normative documents and administrative procedures" in html
    assert "Tra cứu văn bản quy phạm pháp luật" not in html
    assert ">Documents</a>" in html
    assert "Skip to content" in html


def test_documents_index_in_english(english_client: FlaskClient) -> None:
    html = _text(english_client.get("/documents/"))
    assert re.search(r"<h1>\s*Documents\b", html), "the list heading is not English"
    assert "Filter documents" in html
    assert "Issuing body" in html
    assert "Lọc văn bản" not in html


def test_login_in_english(english_client: FlaskClient) -> None:
    html = _text(english_client.get("/login"))
    assert "<h1>Log in</h1>" in html
    assert "Username" in html and "Password" in html
    assert "Tên đăng nhập" not in html


def test_vietnamese_stays_the_default(client: FlaskClient) -> None:
    client.get("/lang/vi")
    html = _text(client.get("/login"))
    assert "<h1>Đăng nhập</h1>" in html
