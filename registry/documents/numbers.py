"""Document numbers (số, ký hiệu): the lookup key and the parts of a number (DOMAIN §1.2). Pure."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹣－"), "-")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"^(19|20)\d\d$")
#: type abbreviations that can stand before the issuer in a number (Nghị định 30/2020/NĐ-CP)
TYPE_CODES = {
    c.upper(): c
    for c in (
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "BC",
        "TTr",
        "CĐ",
        "NĐ",
        "TT",
        "TTLT",
        "VBHN",
        "PL",
        "NQLT",
        "HĐ",
        "GM",
        "GP",
        "BB",
    )
}


_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


def number_key(number: str) -> str:
    """The normalised lookup key of a number: NFC, upper-case, dash variants unified, spaces removed, and the
    serial's leading zeros dropped (texts cite "Quyết định 5/2013/QĐ-UBND" for 05/2013/QĐ-UBND).

    ``number_key("05/2013/qđ-ubnd") == number_key("5/2013/QĐ – UBND") == "5/2013/QĐ-UBND"``.
    """
    text = unicodedata.normalize("NFC", number or "").translate(_DASHES)
    return _LEADING_ZEROS.sub("", _SPACE.sub("", text).upper())


def canonical_number(number: str) -> str:
    """The number as it should be displayed: NFC, spaces removed, dashes unified; case kept."""
    return _SPACE.sub("", unicodedata.normalize("NFC", number or "").translate(_DASHES))


@dataclass(frozen=True)
class NumberParts:
    serial: str
    year: int | None
    type_code: str | None
    issuer_code: str | None


def parse_number(number: str) -> NumberParts | None:
    """Split ``30/2013/QĐ-UBND`` into serial, year, type and issuer; ``None`` if it is not a number."""
    text = canonical_number(number)
    if not text or not text[0].isdigit():
        return None
    serial, _, rest = text.partition("/")
    type_code: str | None = None
    if "-" in serial:  # party documents: 36-HD/VPTW
        serial, _, type_code = serial.partition("-")
    if not serial.isdigit() or not rest:
        return None
    year: int | None = None
    head, _, tail = rest.partition("/")
    if tail and _YEAR.match(head):
        year, rest = int(head), tail
    if type_code is None:
        left, sep, right = rest.partition("-")
        if sep:
            if left.upper() in {"QH13", "QH14", "QH15"} or left.upper().startswith(("QH", "UBTVQH")):
                return NumberParts(serial, year, None, rest)
            if left.upper() in TYPE_CODES:
                type_code, issuer = TYPE_CODES[left.upper()], right
            else:  # an official letter: 5990/VPCP-KSTT carries no type
                issuer = rest
        elif year is not None and rest.upper().startswith("QH"):
            return NumberParts(serial, year, "L", rest)  # 80/2015/QH13: a law
        else:
            issuer = rest
        return NumberParts(serial, year, type_code or None, issuer or None)
    return NumberParts(serial, year, type_code, rest or None)
