"""Vietnamese text analysis: pure functions, no engine, no I/O.

Vietnamese is written in syllables separated by spaces; a word is one to four syllables. People type
with or without diacritics, so every syllable is indexed twice: in its folded form (no diacritics,
``đ`` → ``d``, lower case) for recall, and, when it carries diacritics, in its accented form so that a
query typed with diacritics ranks exact matches first. Nothing is a stop word and nothing is too short:
"Y tế", "an ninh" and "ở" are ordinary words here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "AnalyzedText",
    "analyze",
    "find_numbers",
    "fold",
    "fold_aligned",
    "fold_syllable",
    "folded_syllables",
    "has_diacritics",
    "is_number_like",
    "iter_syllable_spans",
    "nfc",
    "normalize_number",
    "number_keys",
    "pairs",
    "syllables",
]

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_SLASHES = dict.fromkeys(map(ord, "\u2044\u2215\uff0f"), "/")

# A syllable: letters and digits (Unicode word characters without the underscore).
_SYLLABLE = re.compile(r"[^\W_]+")
# A document number or procedure code: digits, then / . - joined parts, at least one separator.
# "30/2013/QĐ-UBND", "3218/QĐ-UBND", "36-HD/VPTW", "1.002425.000.00.00.H47", "30/2013".
_NUMBER = re.compile(r"(?<![^\W_])\d[^\W_]*(?:\s?[/.\-]\s?[^\W_]+)+")


def nfc(text: str) -> str:
    """Return text in Unicode NFC (PDF extractions are often decomposed)."""
    return unicodedata.normalize("NFC", text)


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else ch.lower()[:1] or ch


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded
    return table


_FOLD_TABLE = _build_fold_table()


def fold_aligned(text_nfc: str) -> str:
    """Fold an NFC string character by character: same length, so offsets map back to the input."""
    return text_nfc.translate(_FOLD_TABLE)


def fold(text: str) -> str:
    """NFC, then remove diacritics, ``đ``/``Đ`` → ``d``, lower-case. Never raises."""
    s = nfc(text).lower()
    s = s.translate(_FOLD_TABLE)
    # Anything outside the table (other scripts, stray combining marks) is decomposed and stripped.
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
        s = unicodedata.normalize("NFC", s)
    return s


_FOLDED: dict[str, str] = {}


def fold_syllable(syllable: str) -> str:
    """fold() of one lower-case NFC syllable, memoised (a corpus has a few thousand distinct ones)."""
    got = _FOLDED.get(syllable)
    if got is None:
        if len(_FOLDED) > 200_000:  # bounded: odd input (ids, hashes) must not grow it forever
            _FOLDED.clear()
        got = _FOLDED[syllable] = fold(syllable)
    return got


def folded_syllables(text: str) -> list[str]:
    """fold() of each of syllables(text), in order (what pairs() expects)."""
    return folded_syllables_of(syllables(text))


def folded_syllables_of(sy: list[str]) -> list[str]:
    """fold_syllable() of each syllable, with one dictionary look-up each when all are known."""
    got = [_FOLDED.get(s) for s in sy]
    if None in got:
        return [fold_syllable(s) for s in sy]
    return got  # type: ignore[return-value]  # no None left


def has_diacritics(syllable: str) -> bool:
    """True when the (lower-case, NFC) syllable differs from its folded form."""
    return fold(syllable) != syllable


def syllables(text: str) -> list[str]:
    """NFC, lower-cased syllables of text, in order; no stop words, no minimum length."""
    return _SYLLABLE.findall(nfc(text).lower())


def iter_syllable_spans(text_nfc: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of every syllable in an NFC string."""
    for m in _SYLLABLE.finditer(text_nfc):
        yield m.start(), m.end()


def normalize_number(text: str) -> str:
    """Normalise a document number: NFC, upper-case, dash variants unified, spaces removed, Đ kept."""
    s = nfc(text).translate(_DASHES).translate(_SLASHES).upper()
    return re.sub(r"\s+", "", s)


def is_number_like(token: str) -> bool:
    """True when a query token looks like a document number or code (a digit and a separator)."""
    t = normalize_number(token)
    return bool(t) and t[0].isdigit() and any(c in t for c in "/.-") and bool(_NUMBER.fullmatch(t))


def number_keys(number: str) -> list[str]:
    """Lookup keys of a document number, folded (``Đ`` → ``D``) so every spelling meets them.

    "30/2013/QĐ-UBND" → ["30/2013/QD-UBND", "30/2013/QD", "30/2013"] (no duplicates, full key first,
    never whitespace). A query "qđ 30/2013" is turned into the key "30/2013/QD" by the query parser.
    """
    full = fold(normalize_number(number)).upper()
    if not full:
        return []
    keys = [full]
    parts = full.split("/")
    # Leading numeric parts: "30/2013" of "30/2013/QD-UBND", "3218" of "3218/QD-UBND".
    lead: list[str] = []
    for p in parts:
        if p.isdigit():
            lead.append(p)
        else:
            break
    if lead and len(lead) < len(parts):
        base = "/".join(lead)
        rest = parts[len(lead)]
        typ = re.split(r"-", rest, maxsplit=1)[0]
        if typ:
            keys.append(f"{base}/{typ}")
        keys.append(base)
    out: list[str] = []
    for k in keys:
        if k and k not in out:
            out.append(k)
    return out


def find_numbers(text: str) -> list[str]:
    """Document-number-like substrings of text, normalised (used for the number field)."""
    return [normalize_number(m.group(0)) for m in _NUMBER.finditer(nfc(text))]


def pairs(folded_syllables: list[str]) -> list[str]:
    """Adjacent syllable pairs joined with "_": ["an","toan","thuc"] → ["an_toan","toan_thuc"]."""
    return [f"{a}_{b}" for a, b in zip(folded_syllables, folded_syllables[1:], strict=False)]


@dataclass(frozen=True)
class AnalyzedText:
    """One text analysed for indexing: folded syllables (all, in order) and accented ones (only those
    that carry diacritics, in order)."""

    folded: list[str]
    accented: list[str]


def analyze(text: str) -> AnalyzedText:
    """Analyse text for indexing; see the module docstring."""
    sy = syllables(text)
    folded = folded_syllables_of(sy)
    accented = [s for s, f in zip(sy, folded, strict=True) if s != f]
    return AnalyzedText(folded, accented)
