"""Find references to other legal documents in Vietnamese text (pure: no I/O, no Flask).

The parser works on NFC text and tolerates the flaws of scraped and PDF-extracted texts: line wraps
anywhere, stray spaces around the slash and the hyphen of a number ("3236/TTr -SNN", "144/2021/NĐ- CP"),
letter-spaced symbols ("3210/QĐ - U B ND") and upper-case symbols in trích yếu ("22/2013/QĐ-TTG").

Vocabulary (DOMAIN.md §1.2, §2.4): a *mention* is one place in the text that names a document; the same
document mentioned three times gives three `Citation` values with the same `number_key`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from registry.documents.numbers import canonical_number, number_key  # one definition for the whole registry

__all__ = [
    "Citation",
    "find_citations",
    "number_key",
    "parse_vn_date",
    "canonical_number",
    "TYPE_CODES",
    "DATE_RE",
]

# Type abbreviations used inside numbers (Nghị định 30/2020/NĐ-CP, appendix) and their names.
TYPE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QYĐ": "Quy định",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTR": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "TTR": "Tờ trình",
    "CĐ": "Công điện",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "VBHN": "Văn bản hợp nhất",
    "PL": "Pháp lệnh",
    "CV": "Công văn",
    "KL": "Kết luận",
    "L": "Luật",
}
_NAME_TO_CODE: dict[str, str] = {name.lower(): code for code, name in TYPE_CODES.items()}
_NAME_TO_CODE.update({"bộ luật": "L", "công văn": "CV", "văn bản": "CV"})
_CODE_SPELLING = {"QYĐ": "QyĐ", "CTR": "CTr", "TTR": "TTr"}

# Type words as they precede a number in running text, longest first (matched case-insensitively).
_TYPE_WORDS = [
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Văn bản hợp nhất",
    "Quyết định",
    "Nghị định",
    "Nghị quyết",
    "Thông tư",
    "Chỉ thị",
    "Công văn",
    "Văn bản",
    "Tờ trình",
    "Báo cáo",
    "Pháp lệnh",
    "Bộ luật",
    "Luật",
    "Hướng dẫn",
    "Kế hoạch",
    "Thông báo",
    "Công điện",
    "Quy định",
    "Quy chế",
    "Kết luận",
    "Đề án",
    "Chương trình",
    "Hiến pháp",
]
_ABBREV_WORDS = {
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "TT": "Thông tư",
    "CV": "Công văn",
}

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " "})
_DASH_CHARS_RE = re.compile("[–—‐‑−\u00a0]")


def search_near(
    rx: re.Pattern[str],
    anchor: re.Pattern[str],
    text: str,
    *,
    back: int,
    fwd: int,
    start: int = 0,
    end: int | None = None,
) -> re.Match[str] | None:
    """`rx.search(text, start, end)` tried only in windows around the matches of `anchor`, a literal word
    every match of `rx` contains (`back`/`fwd`: the most `rx` can extend before/after it).

    Python's re cannot skip ahead on a case-insensitive pattern that starts with an alternation, so such
    a pattern costs ~2 ms on a 5-page text; the anchor is found by a fast literal scan.
    """
    end = len(text) if end is None else end
    for a in anchor.finditer(text, start, end):
        m = rx.search(text, max(start, a.start() - back), min(end, a.end() + fwd))
        if m:
            return m
    return None


def finditer_near(
    rx: re.Pattern[str], anchor: re.Pattern[str], text: str, *, back: int, fwd: int
) -> list[re.Match[str]]:
    """The matches of `rx` found in windows around `anchor` (see `search_near`), in text order, once each."""
    seen: set[tuple[int, int]] = set()
    out: list[re.Match[str]] = []
    for a in anchor.finditer(text):
        w0 = max(0, a.start() - back)
        for m in rx.finditer(text, w0, min(len(text), a.end() + fwd)):
            if m.span() not in seen and m.start() <= a.start():
                seen.add(m.span())
                out.append(m)
    out.sort(key=lambda m: m.start())
    return out


def normalize_text(text: str) -> str:
    """NFC with dash variants and no-break spaces unified (what every offset here indexes).

    ``str.translate`` with a dict costs ~60 ns per character; most texts contain no such character, so
    look first (a C-level scan) and translate only when needed.
    """
    text = unicodedata.normalize("NFC", text)
    return text.translate(_DASHES) if _DASH_CHARS_RE.search(text) else text


_SEG = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
_USEG = r"[A-ZĐ][A-ZĐ0-9&]*"
NUMBER_RE = re.compile(
    rf"(?<![\w./&-])(?:"
    rf"(?P<pn>\d{{1,4}})-(?P<pt>[A-ZĐ][A-Za-zĐđ]{{0,4}})/(?P<pi>{_SEG}(?:-{_SEG})*)"  # party: 36-HD/VPTW
    rf"|(?P<n>\d{{1,5}})(?:[ ]?/[ ]?(?P<y>(?:19|20)\d{{2}}))?[ ]?/[ ]?"
    rf"(?P<sym>{_SEG}(?:-{_SEG}|[ ]?-[ ]?{_USEG}(?![a-zđ]))*)(?P<frag>(?:[ ][A-ZĐ]{{1,2}}(?![\w/]))*)"
    rf")"
)

_DAY_MONTH_YEAR = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d{2}"
_LONG_DATE = r"\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s+năm\s+(?:19|20)\d{2}"
DATE_RE = re.compile(rf"(?<!\d)(?:{_LONG_DATE}|{_DAY_MONTH_YEAR})(?!\d)", re.IGNORECASE)
_FOLLOWING_DATE = re.compile(
    rf"\s*,?\s*(?i:ngày)\s*(?P<d>{_LONG_DATE}|{_DAY_MONTH_YEAR})(?!\d)", re.IGNORECASE
)
_TYPE_BEFORE = re.compile(
    r"(?P<type>" + "|".join(re.escape(w) for w in _TYPE_WORDS) + r"|QĐ|NĐ|NQ|TT|CV)"
    r"(?:\s+(?:liên\s+tịch))?\s*(?:(?i:số)\s*)?[:.]?\s*$",
    re.IGNORECASE,
)
_SO_BEFORE = re.compile(r"(?i:số)\s*:?\s*$")
_UNKNOWN_DATES = {"", "--", "-", "đang cập nhật", "đã biết", "không xác định", "chưa xác định"}


@dataclass(frozen=True)
class Citation:
    """One mention of a document in a text; see the module docstring."""

    number: str | None
    number_key: str
    doc_type: str | None
    type_code: str | None
    issuer_code: str | None
    issuer_name: str | None
    title: str | None
    date: date | None
    year: int | None
    relation: str | None
    provisions: str | None
    sentence: str
    start: int
    end: int

    def to_json(self) -> dict[str, object]:
        """JSON-ready dict: dates as ISO strings."""
        return {
            "number": self.number,
            "number_key": self.number_key,
            "doc_type": self.doc_type,
            "type_code": self.type_code,
            "issuer_code": self.issuer_code,
            "issuer_name": self.issuer_name,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "year": self.year,
            "relation": self.relation,
            "provisions": self.provisions,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


# --------------------------------------------------------------------------- small pure helpers


def parse_vn_date(text: str) -> date | None:
    """First date written in `text` in any form of DOMAIN §1.3 (or ISO); unknown markers and impossible dates give None."""
    if text is None:
        return None
    s = unicodedata.normalize("NFC", str(text)).strip()
    if s.lower().strip(" .") in _UNKNOWN_DATES:
        return None
    m = re.search(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", s)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})(?!\d)", s, re.IGNORECASE)
    if m:
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.search(r"(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)", s)
    if m:
        return _safe_date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not 1800 <= y <= 2200:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def collapse(s: str) -> str:
    """Whitespace runs to one space, stripped."""
    return re.sub(r"\s+", " ", s).strip()


def _split_symbol(number: str) -> tuple[int | None, list[str]]:
    """Year and the hyphen-separated parts of the symbol of a canonical number."""
    parts = number.split("/")
    year: int | None = None
    if len(parts) >= 3 and parts[1].isdigit():
        year = int(parts[1])
    sym = parts[-1]
    if re.match(r"^\d+-", number):  # party document: 36-HD/VPTW
        return None, [number.split("/")[0].split("-", 1)[1], *sym.split("-")]
    return year, sym.split("-")


def number_parts(number: str) -> tuple[str | None, str | None, int | None]:
    """(type_code, issuer_code, year) read from a canonical number; codes keep their printed spelling."""
    year, parts = _split_symbol(number)
    if not parts or not parts[0]:
        return None, None, year
    first = parts[0].upper()
    if first in TYPE_CODES and first != "L":
        code = _CODE_SPELLING.get(first, first)
        rest = parts[1:]
        if not rest:
            return code, None, year
        issuer = "-".join(rest) if first in {"TTLT", "NQLT"} else rest[0]
        return code, issuer, year
    return None, parts[0], year


def _fix_code_case(number: str) -> str:
    """Restore the conventional mixed case of codes printed in capitals ("QĐ-TTG" -> "QĐ-TTg")."""
    fixed = re.sub(r"(?<=[-/])TTG(?=$|-)", "TTg", number)
    fixed = re.sub(r"(?<=[-/])TTR(?=$|-)", "TTr", fixed)
    return fixed


# --------------------------------------------------------------------------- document layout


@dataclass(frozen=True)
class Layout:
    """Where the parts of a document are (character offsets into the NFC text)."""

    preamble: tuple[int, int]  # the "Căn cứ …" clauses
    operative: tuple[int, int]  # articles of the main text, up to the signature / Nơi nhận
    main_end: int  # end of the signature block (appendices and attached rules follow)


_ENACT_RE = re.compile(
    r"(?:^|\n)\s*(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|NGHỊ\s+QUYẾT|CHỈ\s+THỊ|BAN\s+HÀNH)\s*:|(?:^|\n)\s*Điều\s+1\b|"
    r"(?:^|\n)\s*(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ)\s*\n\s*\n?\s*Điều|như\s+sau\s*:|(?:^|\n)\s*[IV]+\.\s+[A-ZĐ]"
)
_CAN_CU_RE = re.compile(r"Căn\s+cứ\b")
_END_MAIN_RE = re.compile(
    r"Nơi\s+nhận\s*:|(?:^|\n|\|)\s*(?:TM|KT|TL|TUQ)\.\s*[A-ZĐ]|\n\s*(?:PHỤ\s+LỤC|Phụ\s+lục\s+(?:số\s+)?\d)"
)


_ATTACHED_RE = re.compile(
    r"\n\s*(?:PHỤ\s+LỤC|Phụ\s+lục|QUY\s+CHẾ|QUY\s+ĐỊNH|KẾ\s+HOẠCH|DANH\s+MỤC|HƯỚNG\s+DẪN)\b"
)


def layout(text: str) -> Layout:
    """Locate preamble, operative part and the end of the main text by the usual landmarks."""
    n = len(text)
    first_cc = _CAN_CU_RE.search(text)
    enact0 = _ENACT_RE.search(text)
    if first_cc and enact0 and enact0.start() < first_cc.start():
        first_cc = None  # "Căn cứ" only after the articles (appendix columns, plans): no preamble
    pre_start = first_cc.start() if first_cc else 0
    # the first landmark at or after pre_start is enact0 itself whenever it does not precede first_cc
    enact = enact0 if (enact0 is None or enact0.start() >= pre_start) else _ENACT_RE.search(text, pre_start)
    pre_end = enact.start() if enact else (pre_start if not first_cc else min(n, pre_start + 3000))
    if not first_cc:
        pre_start = pre_end = 0
    op_start = pre_end
    end_m = _END_MAIN_RE.search(text, op_start + 1)
    op_end = end_m.start() if end_m else n
    # the signature block ends before the first appendix / attached rules heading after it
    att = _ATTACHED_RE.search(text, op_end)
    main_end = att.start() if att else n
    return Layout(preamble=(pre_start, pre_end), operative=(op_start, op_end), main_end=main_end)


# --------------------------------------------------------------------------- sentences

_SENT_BOUNDARY = re.compile(
    r"(?<=[.!?])\s+(?=[A-ZĐ0-9\-])|\n[ \t]*\n|\||\n(?=\s*(?:[-+•]|\d+\.\s|[a-zđ]\)\s))"
)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _SENT_BOUNDARY.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _sentence_at(spans: list[tuple[int, int]], text: str, start: int, end: int) -> str:
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= start:
            lo = mid
        else:
            hi = mid - 1
    s0, s1 = spans[lo]
    s1 = max(s1, end)
    if s1 - s0 > 600:
        s0 = max(s0, start - 300)
        s1 = min(s1, end + 300)
    return collapse(text[s0:s1])


# --------------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    number: str
    start: int
    end: int
    doc_type: str | None
    date: date | None
    date_end: int
    issuer_name: str | None = None


_ISSUER_STOP = re.compile(
    r"\s(?:về|quy|ban|hướng|sửa|thay|bãi|phê|giao|thành lập|tách|không|điều chỉnh|công bố|v/v|phân|hỗ trợ|"
    r"tặng|đã|được|đến|trong|tại|theo|thì|là|có|nay|để|và)\b|[,;.:()\n]",
    re.IGNORECASE,
)


def _issuer_after(text: str, pos: int) -> str | None:
    m = re.match(r"\s*(?:của|do)\s+", text[pos : pos + 12])
    if not m:
        return None
    rest = text[pos + m.end() : pos + m.end() + 120]
    stop = _ISSUER_STOP.search(" " + rest)
    name = collapse(rest[: (stop.start() - 1) if stop else len(rest)])
    words = name.split()
    if not words or not words[0][:1].isupper() or len(words) > 12:
        return None
    return name


def _scan_mentions(text: str) -> list[_Mention]:
    mentions: list[_Mention] = []
    for m in NUMBER_RE.finditer(text):
        end = m.end()
        if m.group("pn"):
            raw = m.group(0)
        else:
            frag = m.group("frag") or ""
            sym = m.group("sym")
            last_seg = re.split(r"\s?-\s?", sym)[-1]
            if frag and len(last_seg) <= 2:
                raw = m.group(0)
            else:
                raw = text[m.start() : m.end() - len(frag)]
                end = m.end() - len(frag)
        number = _fix_code_case(canonical_number(raw))
        before = text[max(0, m.start() - 45) : m.start()]
        doc_type = None
        tm = _TYPE_BEFORE.search(before)
        if tm:
            word = collapse(tm.group("type"))
            doc_type = _ABBREV_WORDS.get(word, None) or next(
                (w for w in _TYPE_WORDS if w.lower() == word.lower()), None
            )
            if doc_type and "liên tịch" in collapse(tm.group(0)).lower() and "liên tịch" not in doc_type:
                doc_type = doc_type + " liên tịch"
        elif (
            not _SO_BEFORE.search(before)
            and re.search(r"[A-Za-zÀ-ỹ]$", before.rstrip())
            and before[-1:] != " "
        ):
            continue
        fd = _FOLLOWING_DATE.match(text, end)
        d = parse_vn_date(fd.group("d")) if fd else None
        date_end = fd.end() if fd else end
        mentions.append(
            _Mention(number, m.start(), end, doc_type, d, date_end, _issuer_after(text, date_end))
        )
    return mentions


def _infer_type(number: str, said: str | None) -> tuple[str | None, str | None]:
    code, issuer, year = number_parts(number)
    if said:
        return said, code or _NAME_TO_CODE.get(said.lower())
    if code:
        return TYPE_CODES.get(code.upper()), code
    if year and issuer and re.fullmatch(r"QH\d*", issuer):
        return "Luật", "L"
    if issuer and re.fullmatch(r"PL-.*|UBTVQH\d*", issuer) and year:
        return "Pháp lệnh", "PL"
    return None, None


# --------------------------------------------------------------------------- laws cited by name

_LAW_HEAD = r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp)"
_LAW_DATED_RE = re.compile(
    rf"(?<![\w])(?P<title>{_LAW_HEAD}\s+(?!số\b)(?:[^;.\n()|]|\n(?!\s*\n)){{2,200}}?)\s*,?\s+"
    rf"(?:ngày\s+(?P<date>{_LONG_DATE}|{_DAY_MONTH_YEAR})|(?P<yr>năm\s+(?:19|20)\d{{2}})(?![\s/]*\d))"
)


def _law_type(title: str) -> str:
    t = collapse(title)
    for head, name in (("Bộ luật", "Bộ luật"), ("Pháp lệnh", "Pháp lệnh"), ("Hiến pháp", "Hiến pháp")):
        if t.startswith(head):
            return name
    return "Luật"


def _clean_law_title(title: str, doc_type: str) -> str:
    t = collapse(title).rstrip(" ,")
    if doc_type == "Pháp lệnh":
        # ordinances are always made by the UBTVQH: naming it is a description, not part of the title
        t = re.sub(r"\s+của\s+(?:Ủy|Uỷ)\s+ban\s+thường\s+vụ\s+Quốc\s+hội.*$", "", t, flags=re.IGNORECASE)
    return t


# --------------------------------------------------------------------------- relations

_EFFECT_VERBS = [
    (r"bãi\s+bỏ\s+một\s+phần", "partly_repeals"),
    (r"đình\s+chỉ\s+(?:thi\s+hành\s+)?một\s+phần", "partly_suspends"),
    (r"ngưng\s+hiệu\s+lực\s+một\s+phần", "partly_suspends"),
    (r"thay\s+thế", "replaces"),
    (r"bãi\s+bỏ", "repeals"),
    (r"hủy\s+bỏ", "repeals"),
    (r"sửa\s+đổi\s*,?\s*bổ\s+sung", "amends"),
    (r"sửa\s+đổi", "amends"),
    (r"bổ\s+sung", "amends"),
    (r"đình\s+chỉ(?:\s+thi\s+hành)?", "suspends"),
    (r"ngưng\s+hiệu\s+lực", "suspends"),
    (r"quy\s+định\s+chi\s+tiết", "details"),
]
_VERB_RE = re.compile("|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(_EFFECT_VERBS)), re.IGNORECASE)
# the same, for a lower-cased copy of the text: without IGNORECASE, re skips ahead on the first letters
_VERB_RE_LOWER = re.compile("|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(_EFFECT_VERBS)))
_PASSIVE_RE = re.compile(
    r"(?:\bbị|\bđược|\bđã|\bsẽ|\btham\s+mưu|\bđề\s+xuất|\bnghiên\s+cứu|\bkiến\s+nghị|\bđề\s+nghị|\bcần|\bphải|"
    r"\btrình|\bviệc|\bđể|\bchưa|\bkhi|\bnếu|\bxem\s+xét)\s*(?:[\w,]+\s*){0,2}$",
    re.IGNORECASE,
)
_PROVISION_RE = re.compile(
    r"(?:(?:điểm\s+[a-zđ](?:\s*,\s*[a-zđ])*|khoản\s+\d+[a-z]?(?:\s*,\s*\d+)*|Điều\s+\d+[a-z]?(?:\s*,\s*\d+)*|"
    r"Chương\s+[IVXLC\d]+|Mục\s+\d+|Phụ\s+lục\s+[IVX\d]*)[\s,;và]*)+",
    re.IGNORECASE,
)
_GENERIC_REPEAL_RE = re.compile(
    r"(?:(?:Các|Những)\s+)?(?:quy\s+định|văn\s+bản)[^.;]{0,120}?trái\s+(?:với\s+)?[^.;]{0,120}?"
    r"(?:đều\s+)?(?:bị\s+)?(?:bãi\s+bỏ|hết\s+hiệu\s+lực)|bãi\s+bỏ\s+(?:các|những)\s+quy\s+định\s+trước\s+đây\s+trái",
    re.IGNORECASE,
)
_GAP_OK = re.compile(
    r"^[\s,;:]*(?:(?:và|hoặc|cùng)\s+)?(?:(?:các\s+)?(?:"
    + "|".join(re.escape(w) for w in _TYPE_WORDS)
    + r"|QĐ|NĐ)\s*)?(?:số\s*)?[:\s]*$",
    re.IGNORECASE,
)
_GAP_ISSUER = re.compile(
    r"^\s*(?:của|do)\s+(?:(?!\b(?:về|việc|sửa|quy|ban\s+hành|hướng|kèm|thực)\b)[^;.\n])*?(?=\s*(?:,|và\b|;|$))",
    re.IGNORECASE,
)


_NOT_TARGETS = {"Tờ trình", "Báo cáo"}


def _verb_kind(m: re.Match[str]) -> str:
    for i, (_p, kind) in enumerate(_EFFECT_VERBS):
        if m.group(f"v{i}"):
            return kind
    raise AssertionError("unreachable")


_CLAUSE_BOUNDARY_RE = re.compile(r"[;:]|\.\s|\n\s*(?:\d+\.|[a-zđ]\)|-)\s|\n\s*\n|\|")


def _segment_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding pos: after the last ';', ':', sentence end or list item."""
    chunk = text[floor:pos]
    best = -1
    for m in _CLAUSE_BOUNDARY_RE.finditer(chunk):
        best = m.end()
    return floor + best if best >= 0 else floor


class _Boundaries:
    """Clause boundaries of one text, found once: `segment_start` answers in O(log n) what
    `_segment_start` finds by rescanning the clause each time (same result away from the floor)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _CLAUSE_BOUNDARY_RE.finditer(text, start, end):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def segment_start(self, pos: int, floor: int) -> int:
        import bisect

        i = bisect.bisect_right(self.ends, pos) - 1
        # the last boundary that ends by pos and starts at or after floor; near the floor (or when a
        # boundary straddles pos) fall back to the exact rescan
        if i >= 0 and self.starts[i] >= floor and (i + 1 >= len(self.starts) or self.starts[i + 1] >= pos):
            return self.ends[i]
        return _segment_start(self.text, pos, floor)


@dataclass(frozen=True)
class _Scope:
    start: int  # first char after the verb
    end: int
    kind: str
    verb_start: int
    listing: bool  # verb heading a list ("… như sau:")


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = re.compile(r"\.(?=\s*(?:\n|$|[A-ZĐ]))|\n\s*\n").search(text, pos, limit)
    return m.start() if m else limit


def effect_scopes(
    text: str, region: tuple[int, int], mentions_starts: list[int], bounds: _Boundaries | None = None
) -> list[_Scope]:
    """Clauses of the operative part in which this document acts on others."""
    import bisect

    r0, r1 = region
    bounds = bounds or _Boundaries(text, r0, r1)
    starts = sorted(mentions_starts)
    scopes: list[_Scope] = []
    low = text.lower()
    verbs = (_VERB_RE_LOWER if len(low) == len(text) else _VERB_RE).finditer(
        low if len(low) == len(text) else text, r0, r1
    )
    for m in verbs:
        seg0 = bounds.segment_start(m.start(), r0)
        pre = text[seg0 : m.start()]
        if _PASSIVE_RE.search(pre):
            continue
        k = bisect.bisect_left(starts, seg0)
        if k < len(starts) and starts[k] < m.start():
            continue  # the verb describes a document named before it in the same clause
        kind = _verb_kind(m)
        if kind == "details" and not re.search(r"\bnày\s*$", pre):
            continue  # only "<this document> quy định chi tiết …" says that this document details another
        send = _sentence_end(text, m.end(), r1)
        head = text[m.end() : send]
        listing = bool(
            re.search(r":\s*$", head.rstrip(" .")) or re.search(r"như\s+sau\s*:?\s*$", head.strip())
        )
        if listing:
            nxt = re.compile(r"\n\s*Điều\s+\d+|\n\s*\n\s*[A-ZĐ][^\n]{0,40}\n").search(text, send, r1)
            nxt2 = re.compile(r"\n\s*Điều\s+\d+").search(text, send, r1)
            send = nxt2.start() if nxt2 else (nxt.start() if nxt else r1)
        scopes.append(_Scope(m.end(), send, kind, m.start(), listing))
    return scopes


def _targets(
    text: str, scope: _Scope, mentions: list[_Mention], bounds: _Boundaries | None = None
) -> list[int]:
    """Indices of the mentions acted on in a scope: the first of each clause and those chained to it."""
    inside = [i for i, mt in enumerate(mentions) if scope.start <= mt.start < scope.end]
    chosen: list[int] = []
    prev_end: int | None = None
    for i in inside:
        mt = mentions[i]
        seg0 = (
            bounds.segment_start(mt.start, scope.start)
            if bounds
            else _segment_start(text, mt.start, scope.start)
        )
        if prev_end is None or prev_end < seg0:
            chosen.append(i)  # first document of a clause / list item
            prev_end = mentions[i].date_end
            continue
        gap = text[prev_end : mt.start]
        gi = _GAP_ISSUER.match(gap)
        if gi:
            gap = gap[gi.end() :]
        if _GAP_OK.match(gap):
            chosen.append(i)
            prev_end = mentions[i].date_end
        else:
            prev_end = 10**12  # a description follows: the rest of this clause only describes
    return chosen


_PROVISION_HEAD_RE = re.compile(r"điểm|khoản|điều|chương|mục|phụ\s+lục")


def _provisions_for(text: str, scope: _Scope, mt: _Mention) -> str | None:
    between = text[scope.start : mt.start]
    # _PROVISION_RE.search, but only tried where one of its head words starts (found in lower case by a
    # fast scan; the nested repetition of the full case-insensitive pattern at every position is not)
    low = between.lower()
    m = None
    if len(low) != len(between):
        m = _PROVISION_RE.search(between)
    else:
        for h in _PROVISION_HEAD_RE.finditer(low):
            m = _PROVISION_RE.match(between, h.start())
            if m:
                break
    if m and re.search(r"\d|[IVX]", m.group(0)):
        return collapse(m.group(0)).strip(" ,;và").strip()
    return None


# --------------------------------------------------------------------------- public entry point


def find_citations(text: str, *, self_number: str | None = None) -> list[Citation]:
    """Every mention of another document in `text` (NFC), in text order; offsets index the NFC text.

    Numbered documents anywhere in the text, laws/codes/ordinances cited by name with a date or year,
    and short references ("QĐ 20") to a document cited in full earlier. The document's own number
    (`self_number`) is left out. `relation` is "basis" in the Căn cứ clauses, an effect kind where the
    operative part says so, "cites" where the text refers to provisions of it, otherwise None.
    """
    text = normalize_text(text)
    return find_citations_in(text, layout(text), self_number=self_number)


def find_citations_in(text: str, lay: Layout, *, self_number: str | None = None) -> list[Citation]:
    """`find_citations` on a text already normalised by `normalize_text`, with its layout computed once."""
    spans = _sentence_spans(text)
    self_key = number_key(self_number) if self_number else None

    mentions = [mt for mt in _scan_mentions(text) if number_key(mt.number) != self_key]
    # a date shared by two numbers: "Quyết định số 12/QĐ-UBND và Quyết định số 13/QĐ-UBND ngày 5/1/2022"
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.date is None and b.date is not None:
            gap = text[a.end : b.start]
            if _GAP_OK.match(gap) and re.search(r"\bvà\b|,", gap):
                a.date = b.date
    # a date written before the number: "Ngày 16/7/2012, UBTVQH … đã ban hành Pháp lệnh số …"
    for mt in mentions:
        if mt.date is None:
            before = text[max(0, mt.start - 160) : mt.start]
            bm = re.search(
                rf"(?:^|[.\n]\s*)Ngày\s+(?P<d>{_DAY_MONTH_YEAR}|{_LONG_DATE})\s*,[^.;]*?ban\s+hành\s+[^.;]{{0,40}}$",
                before,
            )
            if bm:
                mt.date = parse_vn_date(bm.group("d"))

    pre0, pre1 = lay.preamble
    op0, op1 = lay.operative
    bounds = _Boundaries(text, op0, op1)
    scopes = effect_scopes(text, (op0, op1), [m.start for m in mentions], bounds)
    relation: dict[int, tuple[str, str | None]] = {}
    for sc in scopes:
        for i in _targets(text, sc, mentions, bounds):
            if (mentions[i].doc_type or "") in _NOT_TARGETS:
                continue
            if i not in relation:
                relation[i] = (sc.kind, _provisions_for(text, sc, mentions[i]))
    out: list[Citation] = []
    for i, mt in enumerate(mentions):
        doc_type, type_code = _infer_type(mt.number, mt.doc_type)
        _c, issuer_code, year = number_parts(mt.number)
        rel, prov = relation.get(i, (None, None))
        if rel is None and pre0 <= mt.start < pre1 and _in_can_cu(text, mt.start, pre0):
            rel = "basis"
        if rel is None and re.search(
            r"(?:quy\s+định\s+tại|theo\s+quy\s+định\s+của|dẫn\s+chiếu)\s+(?:[^.;]{0,60})$",
            text[max(0, mt.start - 80) : mt.start],
            re.IGNORECASE,
        ):
            rel = "cites"
        if rel and rel.startswith(("repeals", "suspends")) and prov:
            rel = "partly_" + rel
        d = mt.date
        out.append(
            Citation(
                number=mt.number,
                number_key=number_key(mt.number),
                doc_type=doc_type,
                type_code=type_code,
                issuer_code=issuer_code,
                issuer_name=mt.issuer_name,
                title=None,
                date=d,
                year=year or (d.year if d else None),
                relation=rel,
                provisions=prov,
                sentence=_sentence_at(spans, text, mt.start, mt.end),
                start=mt.start,
                end=mt.end,
            )
        )
    out.extend(_short_references(text, out, spans, self_key))
    out.extend(_laws_by_name(text, spans, lay))
    out.sort(key=lambda c: c.start)
    return out


def _in_can_cu(text: str, pos: int, floor: int) -> bool:
    """True when pos lies in a clause introduced by "Căn cứ" (not "Xét", "Theo đề nghị", …)."""
    chunk = text[floor:pos]
    last_cc = max((m.end() for m in _CAN_CU_RE.finditer(chunk)), default=-1)
    if last_cc < 0:
        return False
    after = chunk[last_cc:]
    return not re.search(
        r"(?:[;.,]\s*|\n\s*)(?:Xét|Theo\s+đề\s+nghị|Sau\s+khi|Trên\s+cơ\s+sở|Thực\s+hiện|Theo)\b", after
    )


_SHORT_RE = re.compile(
    r"(?<![\w/])(?P<type>Quyết\s+định|QĐ|Nghị\s+định|NĐ|Thông\s+tư|TT|Nghị\s+quyết|NQ|Chỉ\s+thị|CT)\s+(?:số\s+)?"
    r"(?P<n>\d{1,5})(?![\d/]|\s*/|[.,]\d)"
)


def _short_references(
    text: str, full: list[Citation], spans: list[tuple[int, int]], self_key: str | None
) -> list[Citation]:
    out: list[Citation] = []
    for m in _SHORT_RE.finditer(text):
        word = collapse(m.group("type"))
        code = _NAME_TO_CODE.get(word.lower(), word.upper() if word.isupper() else None)
        serial = m.group("n").lstrip("0") or "0"
        earlier = [
            c
            for c in full
            if c.start < m.start()
            and c.number
            and (c.number_key.split("/")[0] == serial)
            and (c.type_code or "").upper() == (code or "").upper()
        ]
        if not earlier:
            continue
        ref = earlier[-1]
        if ref.number_key == self_key:
            continue
        out.append(
            replace(
                ref,
                relation=None,
                provisions=None,
                sentence=_sentence_at(spans, text, m.start(), m.end()),
                start=m.start(),
                end=m.end(),
            )
        )
    return out


def _laws_by_name(text: str, spans: list[tuple[int, int]], lay: Layout) -> list[Citation]:
    out: list[Citation] = []
    seen: set[int] = set()
    pre0, pre1 = lay.preamble
    # 1. in the Căn cứ clauses: a law at the head of each clause, with or without a date
    for seg0, seg1 in _base_clauses(text, pre0, pre1):
        seg = text[seg0:seg1]
        for part in _split_clause(seg):
            p0 = seg0 + part[0]
            ptxt = text[p0 : seg0 + part[1]]
            lm = re.match(rf"\s*(?:Căn\s+cứ\s+)?(?P<t>{_LAW_HEAD}\s+(?!số\b)[^;|]*)", ptxt)
            if not lm:
                continue
            body = lm.group("t")
            if NUMBER_RE.search(body[:60]) and re.search(r"số\s+\d", body[:40]):
                continue
            dm = _LAW_DATED_RE.match(body)
            t_start = p0 + lm.start("t")
            if dm:
                title = dm.group("title") + (" " + dm.group("yr") if dm.group("yr") else "")
                d = parse_vn_date(dm.group("date")) if dm.group("date") else None
                t_end = t_start + dm.end()
            else:
                cut = re.search(r"\s+(?:đã|được|ngày)\b|[;.]", body)
                title = body[: cut.start()] if cut else body
                d = None
                t_end = t_start + len(title)
            doc_type = _law_type(title)
            title = _clean_law_title(title, doc_type)
            yr = re.search(r"năm\s+(\d{4})$", title)
            seen.add(t_start)
            out.append(
                Citation(
                    number=None,
                    number_key="",
                    doc_type=doc_type,
                    type_code=_NAME_TO_CODE.get(doc_type.lower()),
                    issuer_code=None,
                    issuer_name=None,
                    title=title,
                    date=d,
                    year=d.year if d else (int(yr.group(1)) if yr else None),
                    relation="basis",
                    provisions=None,
                    sentence=_sentence_at(spans, text, t_start, t_end),
                    start=t_start,
                    end=t_end,
                )
            )
    # 2. elsewhere: laws named with their date or year
    covered = [(c.start, c.end) for c in out]
    for m in _LAW_DATED_RE.finditer(text):
        if any(a <= m.start() < b for a, b in covered) or pre0 <= m.start() < pre1:
            continue
        title_raw = m.group("title")
        if re.search(r"\d+/", title_raw):
            continue
        doc_type = _law_type(title_raw)
        title = title_raw + (" " + m.group("yr") if m.group("yr") else "")
        title = _clean_law_title(title, doc_type)
        d = parse_vn_date(m.group("date")) if m.group("date") else None
        yr = re.search(r"năm\s+(\d{4})$", title)
        out.append(
            Citation(
                number=None,
                number_key="",
                doc_type=doc_type,
                type_code=_NAME_TO_CODE.get(doc_type.lower()),
                issuer_code=None,
                issuer_name=None,
                title=title,
                date=d,
                year=d.year if d else (int(yr.group(1)) if yr else None),
                relation=None,
                provisions=None,
                sentence=_sentence_at(spans, text, m.start(), m.end()),
                start=m.start(),
                end=m.end(),
            )
        )
    return out


def _base_clauses(text: str, pre0: int, pre1: int) -> list[tuple[int, int]]:
    """Spans of the "Căn cứ …" clauses of the preamble (a clause ends where "Xét", "Theo đề nghị"… begins)."""
    out = []
    starts = [m.start() for m in _CAN_CU_RE.finditer(text, pre0, pre1)]
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else pre1
        stop = re.compile(
            r"(?:[;.,]\s*|\n\s*)(?=(?:Xét|Theo\s+đề\s+nghị|Sau\s+khi|Trên\s+cơ\s+sở|Thực\s+hiện|Theo\s+(?:ý|văn|tờ))\b)"
        ).search(text, s, e)
        if stop:
            e = stop.start() + 1
        out.append((s, e))
    return out


def _split_clause(seg: str) -> list[tuple[int, int]]:
    """Parts of a Căn cứ clause separated by ';' (or ':' used as one), as offsets into seg."""
    parts = []
    pos = 0
    for m in re.finditer(r";|:(?=\s*(?:Thông|Nghị|Quyết|Luật|Pháp|Chỉ))", seg):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, len(seg)))
    return parts


def base_clauses(text: str) -> list[tuple[int, int]]:
    """Public view of the Căn cứ clause spans of a text (used by the record extractor)."""
    text = normalize_text(text)
    lay = layout(text)
    return _base_clauses(text, *lay.preamble)


def generic_repeal(text: str, region: tuple[int, int]) -> tuple[int, int] | None:
    """Span of a repeal clause without a target ("Các quy định trước đây trái với … bị bãi bỏ")."""
    m = search_near(_GENERIC_REPEAL_RE, _TRAI_RE, text, back=300, fwd=300, start=region[0], end=region[1])
    return (m.start(), m.end()) if m else None


_TRAI_RE = re.compile(r"trái", re.IGNORECASE)
