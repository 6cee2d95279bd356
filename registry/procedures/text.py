"""Small pure helpers for procedures: diacritics folding, procedure codes, legal-basis citations in text."""

from __future__ import annotations

import re
import unicodedata

from registry.documents.numbers import canonical_number

__all__ = ["fold", "national_code", "valid_code", "parse_basis_text", "days_in"]

_SPACE = re.compile(r"\s+")
#: national code "1.002425", optionally followed by the province's instance suffix ".000.00.00.H47"
_CODE = re.compile(r"^\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")
_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5}\s*/\s*(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐa-zđ][\w]*(?:\s*-\s*[A-ZĐa-zđ][\w]*)*)"
)
_PROVISION = re.compile(r"(?:Điều|Khoản|Điểm)\s+\d+[a-zđ]?", re.IGNORECASE)
_DAYS = re.compile(r"(\d{1,4})\s*ngày")


def fold(text: str) -> str:
    """Lower case without diacritics, spaces collapsed: ``fold("Đăng ký khai sinh") == "dang ky khai sinh"``."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACE.sub(" ", text.lower()).strip()


def valid_code(code: str) -> bool:
    """Whether ``code`` looks like a procedure code: "1.002425" or "1.002425.000.00.00.H47"."""
    return bool(_CODE.match((code or "").strip()))


def national_code(code: str) -> str:
    """The national part of a procedure code: "1.002425.000.00.00.H47" → "1.002425"."""
    parts = (code or "").strip().split(".")
    return ".".join(parts[:2])


def days_in(time_limit: str) -> int | None:
    """The number of days a time limit states ("20 ngày kể từ…" → 20), or None when it states none."""
    m = _DAYS.search(time_limit or "")
    return int(m.group(1)) if m else None


def parse_basis_text(text: str) -> list[dict[str, str]]:
    """Split a "Căn cứ pháp lý" cell into bases: one per cited number, with the articles written before it.

    ``parse_basis_text("Điều 8, Điều 14, Nghị định số 106/2024/NĐ-CP ngày 01/8/2024")`` →
    ``[{"number": "106/2024/NĐ-CP", "provisions": "Điều 8, Điều 14", "title": ""}]``. Text without any number
    gives one basis with the text as its title. Never raises.
    """
    text = _SPACE.sub(" ", text or "").strip()
    if not text:
        return []
    out: list[dict[str, str]] = []
    last = 0
    for m in _NUMBER.finditer(text):
        number = canonical_number(m.group(1))
        if "/" not in number or not re.search(r"[A-ZĐ]", number):
            continue
        before = text[last : m.start()]
        provisions = ", ".join(p.group(0) for p in _PROVISION.finditer(before))
        if not any(b["number"] == number for b in out):
            out.append({"number": number, "provisions": provisions, "title": ""})
        last = m.end()
    if not out:
        out.append({"number": "", "provisions": "", "title": text[:500]})
    return out
