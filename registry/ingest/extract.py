"""Read a Vietnamese legal text into a pre-filled record (pure: text in, record out).

Every value is a `Suggestion` carrying the line it was read from, so a form can show an officer why it
was proposed. Nothing here looks anything up: citations stay unresolved (number, type, date); resolving
them against the registry is the caller's job (DOMAIN.md §2.4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from registry.ingest.citations import (
    NUMBER_RE,
    TYPE_CODES,
    Citation,
    _base_clauses,
    canonical_number,
    collapse,
    find_citations,
    find_citations_in,
    finditer_near,
    generic_repeal,
    layout,
    normalize_text,
    number_parts,
    parse_vn_date,
    search_near,
)
from registry.ingest.vietnamese import fix_old_tone_marks, fix_split_words, is_syllable

__all__ = ["Suggestion", "ExtractedRecord", "extract_record"]


@dataclass
class Suggestion:
    """A proposed value and the (whitespace-collapsed) line of text it came from."""

    value: Any
    line: str
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict; dates become ISO strings."""
        return {"value": _jsonable(self.value), "line": self.line, "confidence": self.confidence}


def _jsonable(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    return v


_SCALARS = (
    "number",
    "doc_type",
    "type_code",
    "issuer",
    "issuer_code",
    "authority",
    "place",
    "issued_on",
    "passed_on",
    "effective",
    "effective_on",
    "expires_on",
    "signer",
    "signer_capacity",
    "signer_title",
    "summary",
    "normative",
    "tthc_announcement",
)


@dataclass
class ExtractedRecord:
    """The pre-filled form for one text. Scalars are Suggestion | None.

    `effective.value` is a date, "on_signing", {"days_after_signing": N}, "on_passing" or
    {"days_after_publication": N}; `effective_on` holds the calendar date when it can be derived
    from the text alone. `citations` has one entry per cited document (first full mention, with the
    date and type gathered from all mentions); `bases` and `effects` are per Căn cứ clause / per target.
    """

    number: Suggestion | None = None
    doc_type: Suggestion | None = None
    type_code: Suggestion | None = None
    issuer: Suggestion | None = None
    issuer_code: Suggestion | None = None
    authority: Suggestion | None = None
    place: Suggestion | None = None
    issued_on: Suggestion | None = None
    passed_on: Suggestion | None = None
    effective: Suggestion | None = None
    effective_on: Suggestion | None = None
    expires_on: Suggestion | None = None
    signer: Suggestion | None = None
    signer_capacity: Suggestion | None = None
    signer_title: Suggestion | None = None
    summary: Suggestion | None = None
    normative: Suggestion | None = None
    tthc_announcement: Suggestion | None = None
    bases: list[Citation] = field(default_factory=list)
    effects: list[Citation] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    procedures: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def value(self, name: str) -> Any:
        """The suggested value of a scalar field, or None."""
        s = getattr(self, name)
        return s.value if s is not None else None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (dates ISO); scalars as {"value", "line", "confidence"} or null."""
        out: dict[str, Any] = {}
        for name in _SCALARS:
            s = getattr(self, name)
            out[name] = s.to_json() if s is not None else None
        out["bases"] = [c.to_json() for c in self.bases]
        out["effects"] = [c.to_json() for c in self.effects]
        out["citations"] = [c.to_json() for c in self.citations]
        out["procedures"] = _jsonable(self.procedures)
        out["warnings"] = list(self.warnings)
        return out


# --------------------------------------------------------------------------- vocabulary

_TYPE_LINES = [
    "THÔNG TƯ LIÊN TỊCH",
    "NGHỊ QUYẾT LIÊN TỊCH",
    "QUYẾT ĐỊNH",
    "NGHỊ QUYẾT",
    "NGHỊ ĐỊNH",
    "THÔNG TƯ",
    "CHỈ THỊ",
    "BỘ LUẬT",
    "LUẬT",
    "PHÁP LỆNH",
    "LỆNH",
    "KẾ HOẠCH",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "BÁO CÁO",
    "TỜ TRÌNH",
    "CÔNG ĐIỆN",
    "QUY ĐỊNH",
    "QUY CHẾ",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "VĂN BẢN HỢP NHẤT",
]
_TYPE_LINE_RE = re.compile(
    r"^\s*(?P<t>" + "|".join(re.escape(t) for t in _TYPE_LINES) + r")\s*$", re.MULTILINE
)
_AUTHORITY_HEADS = (
    "CHỦ TỊCH",
    "ỦY BAN",
    "UỶ BAN",
    "HỘI ĐỒNG",
    "THỦ TƯỚNG",
    "CHÍNH PHỦ",
    "BỘ TRƯỞNG",
    "QUỐC HỘI",
    "GIÁM ĐỐC",
    "THỐNG ĐỐC",
    "TỔNG KIỂM TOÁN",
    "CHÁNH ÁN",
    "VIỆN TRƯỞNG",
    "BAN THƯỜNG VỤ",
    "TỔNG CỤC TRƯỞNG",
    "CỤC TRƯỞNG",
)
_HEAD_TITLES = [
    "TỔNG GIÁM ĐỐC",
    "TỔNG CỤC TRƯỞNG",
    "CHỦ TỊCH",
    "THỦ TƯỚNG",
    "BỘ TRƯỞNG",
    "CHỦ NHIỆM",
    "GIÁM ĐỐC",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
    "CHÁNH THANH TRA",
    "TRƯỞNG BAN",
    "TRƯỞNG PHÒNG",
    "THỐNG ĐỐC",
    "VIỆN TRƯỞNG",
    "CHÁNH ÁN",
    "TỔNG KIỂM TOÁN NHÀ NƯỚC",
    "TỔNG THANH TRA",
    "BÍ THƯ",
    "HIỆU TRƯỞNG",
    "THỨ TRƯỞNG",
    "CHỦ TỊCH NƯỚC",
]
_TITLE_RE = re.compile(r"(?:PHÓ\s+)?(?:" + "|".join(re.escape(t) for t in _HEAD_TITLES) + r")\b")
_MARKER_RE = re.compile(r"(?<![\w.])(TM|KT|TL|TUQ|Q|TQ)\.\s*")
_MOTTO_RE = re.compile(
    r"C\s*Ộ\s*N\s*G\s+H\s*(?:Ò|O)\s*(?:A|À)\s+X\s*Ã\s+H\s*Ộ\s*I\s+C\s*H\s*Ủ\s+N\s*G\s*H\s*Ĩ\s*A\s+V\s*I\s*Ệ\s*T\s+N\s*A\s*M"
    r"|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"[-*_=~.]{3,}")
_PLACE_DATE_RE = re.compile(
    r"(?P<place>[^\n|,:]{2,60}?)\s*,\s*ngày\s+(?P<d>\d{1,2})\s*(?:tháng|/)\s*(?P<m>\d{1,2})\s*(?:,?\s*năm|/)\s*(?P<y>\d{4})",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- helpers


def _line_of(text: str, start: int, end: int | None = None) -> str:
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end if end is not None else start)
    return collapse(text[s : e if e >= 0 else len(text)])[:500]


def _is_upper_text(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _title_word(w: str) -> str:
    return w[:1].upper() + w[1:].lower() if w else w


_PROPER = {
    "CHÍNH PHỦ": "Chính phủ",
    "QUỐC HỘI": "Quốc hội",
    "THƯỜNG VỤ": "Thường vụ",
    "VIỆT NAM": "Việt Nam",
    "NHÀ NƯỚC": "Nhà nước",
}
_BODY_PREFIXES = [
    ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
    ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
    ("CHÍNH PHỦ", "Chính phủ"),
    ("QUỐC HỘI", "Quốc hội"),
    ("CHỦ TỊCH NƯỚC", "Chủ tịch nước"),
    ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"),
    ("HỘI ĐỒNG NHÂN DÂN", "Hội đồng nhân dân"),
]
_UNITS = [
    ("THÀNH PHỐ", "Thành phố"),
    ("TỈNH", "tỉnh"),
    ("HUYỆN", "huyện"),
    ("QUẬN", "quận"),
    ("THỊ XÃ", "thị xã"),
    ("XÃ", "xã"),
    ("PHƯỜNG", "phường"),
    ("THỊ TRẤN", "thị trấn"),
    ("ĐẶC KHU", "đặc khu"),
]


def _sentence_case_segments(s: str) -> str:
    """Ministry-style names: each part split by ' - ', ', ' or ' VÀ ' starts with a capital."""
    out = []
    for part in re.split(r"(\s+-\s+|,\s+|\s+VÀ\s+)", s):
        if re.fullmatch(r"\s+-\s+|,\s+", part):
            out.append(part)
        elif re.fullmatch(r"\s+VÀ\s+", part):
            out.append(" và ")
        else:
            low = part.lower()
            out.append(low[:1].upper() + low[1:])
    text = "".join(out)
    for proper in _PROPER.values():
        text = re.sub(re.escape(proper), proper, text, flags=re.IGNORECASE)
    return text


def body_name(upper: str) -> str:
    """Normal-case name of a body written in capitals ("ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH" -> "Ủy ban nhân dân tỉnh Bình Định")."""
    s = collapse(fix_old_tone_marks(upper)).upper()
    for up, proper in _BODY_PREFIXES:
        if s.startswith(up):
            rest = s[len(up) :].strip()
            if not rest:
                return proper
            for uu, uproper in _UNITS:
                if rest.startswith(uu + " ") or rest == uu:
                    place = rest[len(uu) :].strip()
                    return f"{proper} {uproper}" + (
                        " " + " ".join(_title_word(w) for w in place.split()) if place else ""
                    )
            return f"{proper} {' '.join(_title_word(w) for w in rest.split())}"
    m = re.match(
        r"^(BỘ|SỞ|CỤC|TỔNG CỤC|VỤ|BAN|VĂN PHÒNG|THANH TRA|KIỂM TOÁN|NGÂN HÀNG|TÒA ÁN|VIỆN)\s+(.*)$", s
    )
    if m:
        head = _title_word(m.group(1)) if " " not in m.group(1) else m.group(1).capitalize()
        return f"{head} {_sentence_case_segments(m.group(2))}"
    return _sentence_case_segments(s)


# --------------------------------------------------------------------------- header


@dataclass
class _Header:
    number: Suggestion | None = None
    number_pos: int = -1
    place: Suggestion | None = None
    issued_on: Suggestion | None = None
    vv: Suggestion | None = None
    issuer_upper: str | None = None
    issuer_line: str = ""


_SO_RE = re.compile(r"(?<![\w])Số\s*(?::|\.)?\s*(?=\d)")


def _read_header(text: str) -> _Header:
    h = _Header()
    limit = min(len(text), 4000)
    first_type = _TYPE_LINE_RE.search(text, 0, limit)
    so = _SO_RE.search(text, 0, first_type.start() if first_type else limit)
    if so is None:
        so = _SO_RE.search(text, 0, limit)
    if so:
        m = NUMBER_RE.match(text, so.end())
        if m:
            raw = m.group(0)
            frag = m.group("frag") or ""
            if frag and not m.group("pn") and len(re.split(r"\s?-\s?", m.group("sym"))[-1]) > 2:
                raw = raw[: len(raw) - len(frag)]
            num = canonical_number(raw)
            num = re.sub(r"(?<=[-/])TTG(?=$|-)", "TTg", num)
            h.number = Suggestion(num, _line_of(text, so.start()))
            h.number_pos = so.start()
            after = text[so.end() + len(raw) : so.end() + len(raw) + 800]
            vv = re.match(
                r"\s*(?P<v>V/v\s*:?.*?)(?=\s*\||\n\s*\n|\n[^\n|]{0,40},\s*ngày\s+\d|\n\s*Kính\s+gửi|$)",
                after,
                re.S,
            )
            if vv and vv.group("v").strip():
                h.vv = Suggestion(collapse(vv.group("v")), collapse(vv.group("v")))
    # place and date: the first "X, ngày … tháng … năm …" of the header
    pd_region_end = (first_type.end() if first_type else limit) + 400
    for m in _PLACE_DATE_RE.finditer(text, 0, min(len(text), pd_region_end)):
        place_raw = m.group("place")
        place_raw = re.split(r"\||\s{2,}|V/v|Số\s*:", place_raw)[-1]
        place = fix_split_words(collapse(place_raw)).strip(" .,-")
        if not place or not place[:1].isupper() or len(place.split()) > 7:
            continue
        d = parse_vn_date(f"{m.group('d')}/{m.group('m')}/{m.group('y')}")
        if d is None:
            continue
        line = _line_of(text, m.start(), m.end())
        h.place = Suggestion(place, line)
        h.issued_on = Suggestion(d, line)
        break
    # issuing body: the capitals before "Số:" once the national motto and separators are removed
    stop = so.start() if so else (first_type.start() if first_type else 0)
    head = text[:stop]
    if h.place is not None:
        head = head.split(h.place.value + ",")[0] if h.place.value + "," in head else head
    head = _MOTTO_RE.sub("\n", head)
    head = _SEPARATOR_RE.sub("\n", head).replace("|", "\n")
    lines = [collapse(x) for x in head.split("\n")]
    upper_lines = [x for x in lines if x and _is_upper_text(x) and not re.search(r"ngày\s+\d", x)]
    if upper_lines:
        raw = " ".join(upper_lines)
        h.issuer_upper = fix_split_words(raw)
        h.issuer_line = raw
    return h


def _read_type_summary(
    text: str, h: _Header
) -> tuple[Suggestion | None, Suggestion | None, Suggestion | None, int]:
    """(type, summary, authority, end offset of the title block)."""
    start = max(h.number_pos, 0)
    m = _TYPE_LINE_RE.search(text, start, min(len(text), start + 3000))
    if m is None:
        return None, h.vv, None, start
    tname = m.group("t")
    doc_type = Suggestion(
        tname.capitalize() if " " not in tname else tname[0] + tname[1:].lower(), collapse(m.group(0))
    )
    # the trích yếu: the lines under the type, up to a blank line, the authority line or the preamble
    pos = m.end()
    lines: list[str] = []
    authority: Suggestion | None = None
    end = pos
    for lm in re.finditer(r"[^\n]*\n?", text[pos : pos + 2500]):
        raw = lm.group(0)
        line = collapse(raw)
        abs_end = pos + lm.end()
        if not line:
            if lines:
                # a blank line closes the summary unless the next line continues the capitals
                nxt = re.match(r"\s*([^\n]*)", text[abs_end : abs_end + 300])
                nline = collapse(nxt.group(1)) if nxt else ""
                if not (
                    nline
                    and _is_upper_text(nline)
                    and lines
                    and _is_upper_text(lines[-1])
                    and not _is_authority(nline)
                    and not lines[-1].endswith(".")
                ):
                    end = abs_end
                    break
            continue
        if re.match(
            r"(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét|Điều\s+1|Thực\s+hiện|Kính\s+gửi|QUYẾT\s+(?:ĐỊNH|NGHỊ)\s*:)",
            line,
        ):
            end = pos + lm.start()
            break
        if lines and _is_authority(line):
            authority = Suggestion(re.sub(r"\s+", " ", line), line)
            end = abs_end
            break
        if not lines and _is_authority(line) and not _is_upper_text(line[:0]):
            # no summary at all (the authority follows the type directly)
            authority = Suggestion(line, line)
            end = abs_end
            break
        lines.append(line)
        end = abs_end
    if authority is None:
        am = re.match(r"\s*\n?\s*([^\n]+)", text[end : end + 400])
        if am and _is_authority(collapse(am.group(1))):
            authority = Suggestion(collapse(am.group(1)), collapse(am.group(1)))
    summary = None
    if lines:
        s = collapse(" ".join(lines))
        summary = Suggestion(s, s)
    if summary is None and h.vv is not None:
        summary = h.vv
    return doc_type, summary, authority, end


def _is_authority(line: str) -> bool:
    s = fix_split_words(line)
    return _is_upper_text(s) and s.startswith(_AUTHORITY_HEADS) and len(s) < 160


# --------------------------------------------------------------------------- signature


def _tokens_upper(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _name_like(tokens: list[str]) -> bool:
    if not 2 <= len(tokens) <= 6:
        return False
    return all(t[:1].isupper() and (len(t) == 1 or not _tokens_upper(t)) for t in tokens)


def _clean_name(s: str) -> list[str]:
    s = re.sub(r"\((?:Đã|đã)\s+ký\)|\[(?:Đã|đã)\s+ký\]|\(ký\)|\(Ký[^)]*\)", " ", s)
    s = collapse(s).strip(" .;,")
    toks = s.split()
    out: list[str] = []
    for t in toks:
        if out and t[:1].islower():
            out[-1] += t  # letters split off a name ("Ngu y ễn" -> "Nguyễn")
        else:
            out.append(t)
    return out


@dataclass
class _Signature:
    name: str
    capacity: str | None
    title: str | None
    line: str


def _parse_upper_block(block: str) -> tuple[str | None, str | None]:
    """Split the capitals of a signature block into (capacity, title)."""
    block = fix_split_words(collapse(block))
    parts = []
    last = 0
    marks = list(_MARKER_RE.finditer(block))
    if not marks:
        t = collapse(block)
        return None, (t or None)
    for i, m in enumerate(marks):
        seg_end = marks[i + 1].start() if i + 1 < len(marks) else len(block)
        parts.append((m.group(1), collapse(block[m.end() : seg_end])))
        last = seg_end
    del last
    capacities = []
    title: str | None = None
    for i, (mark, seg) in enumerate(parts):
        is_last = i == len(parts) - 1
        if not is_last:
            capacities.append(f"{mark}. {seg}")
            continue
        if mark == "TM":
            tm = _TITLE_RE.search(seg)
            if tm and tm.start() > 0:
                capacities.append(f"TM. {seg[: tm.start()].strip()}")
                title = seg[tm.start() :].strip() or None
            else:
                capacities.append(f"TM. {seg}")
        else:
            # KT./TL./TUQ./Q. <head's title>[, <second title>] <signer's own title>
            tm = re.match(
                r"(?P<head>(?:"
                + _TITLE_RE.pattern
                + r")(?:\s*,\s*(?:"
                + _TITLE_RE.pattern
                + r"))*)\s*(?P<rest>.*)$",
                seg,
            )
            if tm:
                capacities.append(f"{mark}. {tm.group('head').strip()}")
                title = tm.group("rest").strip() or None
            else:
                capacities.append(f"{mark}. {seg}")
    return " / ".join(capacities) or None, title


def _read_signature(text: str, start: int, end: int) -> _Signature | None:
    region = text[start:end]
    chunks: list[str] = []
    for line in region.split("\n"):
        chunks.extend(line.split("|"))
    buf: list[str] = []
    buf_line: list[str] = []
    for raw in chunks:
        line = collapse(raw)
        if not line:
            continue
        toks = line.split()
        k = 0
        while k < len(toks) and _tokens_upper(toks[k]):
            k += 1
        upper, rest = toks[:k], toks[k:]
        if upper and not rest:
            if re.match(r"^[-+]", line):
                buf, buf_line = [], []
                continue
            buf.extend(upper)
            buf_line.append(line)
            continue
        block = " ".join(buf + upper)
        has_title = bool(_TITLE_RE.search(fix_split_words(block)) or _MARKER_RE.search(block))
        name_toks = _clean_name(" ".join(rest))
        if has_title and _name_like(name_toks) and (upper or buf):
            cap, title = _parse_upper_block(block)
            return _Signature(" ".join(name_toks), cap, title, collapse(" ".join([*buf_line, line])))
        buf, buf_line = [], []
    return None


def _name_only_signature(text: str, start: int, end: int) -> _Signature | None:
    for m in re.finditer(r"^[ \t]*([^\n]{3,60})$", text[start:end], re.MULTILINE):
        line = m.group(1)
        if not re.search(r"\((?:Đã|đã)\s+ký\)", line) and not re.fullmatch(
            r"[^\W\d_ ]+(?: [^\W\d_]+){1,4}", line.strip()
        ):
            continue
        toks = _clean_name(line)
        if _name_like(toks) and all(is_syllable(t) for t in toks):
            return _Signature(" ".join(toks), None, None, collapse(line))
    return None


# --------------------------------------------------------------------------- effect dates

_THIS = r"(?:Quyết\s+định|Nghị\s+quyết|Nghị\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị|Luật|Pháp\s+lệnh|Văn\s+bản|Quy\s+định|Quy\s+chế)\s+này"
_EFFECT_RE = re.compile(
    rf"{_THIS}[^.;]{{0,200}}?có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*(?P<tail>[^.;]{{0,160}})", re.IGNORECASE
)
_ON_SIGNING_LOOSE = re.compile(rf"{_THIS}\s+(?:kể\s+)?từ\s+ngày\s+ký", re.IGNORECASE)
# literal words every match of the patterns below contains (see citations.search_near)
_HIEU_LUC_RE = re.compile(r"hiệu\s+lực", re.IGNORECASE)
_NGAY_KY_RE = re.compile(r"ngày\s+ký", re.IGNORECASE)
_THONG_QUA_RE = re.compile(r"thông\s+qua", re.IGNORECASE)
_PASSED_RE = re.compile(
    rf"{_THIS}[^.]{{0,200}}?thông\s+qua\s+ngày\s+(?P<d>\d{{1,2}}\s*(?:tháng|/)\s*\d{{1,2}}\s*(?:,?\s*năm|/)\s*\d{{4}})",
    re.IGNORECASE,
)
_EXPIRES_RE = re.compile(
    rf"{_THIS}[^.;]{{0,120}}?(?:hết\s+hiệu\s+lực|có\s+hiệu\s+lực\s+đến(?:\s+hết)?)\s+(?:kể\s+từ\s+|vào\s+|từ\s+)?ngày\s+(?P<d>\d{{1,2}}\s*(?:tháng|/)\s*\d{{1,2}}\s*(?:,?\s*năm|/)\s*\d{{4}})",
    re.IGNORECASE,
)


def _own_type(m: re.Match[str], doc_type: str | None) -> bool:
    """True when "<type> này" names this document's own type (a công văn quoting "Nghị định này" does not)."""
    word = collapse(m.group(0).split("này")[0]).lower()
    if doc_type is None:
        return True
    own = doc_type.lower()
    return word.startswith(own) or word.startswith(("văn bản", "quy định", "quy chế"))


def _effective(
    text: str, issued: date | None, passed: date | None, doc_type: str | None = None
) -> tuple[Suggestion | None, Suggestion | None, list[str]]:
    warnings: list[str] = []
    for m in finditer_near(_EFFECT_RE, _HIEU_LUC_RE, text, back=260, fwd=200):
        if not _own_type(m, doc_type):
            continue
        tail = m.group("tail")
        line = collapse(m.group(0))
        if re.match(r"\s*(?:thi\s+hành\s+)?(?:kể\s+)?từ\s+ngày\s+ký", tail, re.IGNORECASE):
            eff = Suggestion("on_signing", line)
            return eff, (Suggestion(issued, line) if issued else None), warnings
        dm = re.match(
            r"\s*,?\s*(?:kể\s+)?(?:từ|vào)\s+ngày\s+(?P<d>\d{1,2}\s*(?:tháng|/|-|\.)\s*\d{1,2}\s*(?:,?\s*năm|/|-|\.)\s*\d{4})",
            tail,
            re.IGNORECASE,
        )
        if dm:
            d = parse_vn_date(dm.group("d"))
            if d:
                return Suggestion(d, line), Suggestion(d, line), warnings
        nm = re.match(
            r"\s*,?\s*(?:thi\s+hành\s+)?sau\s+(?P<n>\d+)\s+ngày\s*,?\s*(?:kể\s+)?từ\s+ngày\s+(?P<what>ký|đăng\s+công\s+báo|công\s+bố)",
            tail,
            re.IGNORECASE,
        )
        if nm:
            n = int(nm.group("n"))
            if nm.group("what").lower() == "ký":
                eff = Suggestion({"days_after_signing": n}, line)
                return eff, (Suggestion(issued + timedelta(days=n), line, 0.9) if issued else None), warnings
            warnings.append(
                "effective date depends on publication in the Công báo; not derivable from the text"
            )
            return Suggestion({"days_after_publication": n}, line), None, warnings
        if re.match(r"\s*(?:kể\s+)?từ\s+ngày\s+thông\s+qua", tail, re.IGNORECASE):
            return Suggestion("on_passing", line), (Suggestion(passed, line) if passed else None), warnings
    m2 = search_near(_ON_SIGNING_LOOSE, _NGAY_KY_RE, text, back=60, fwd=5)
    if m2 and _own_type(m2, doc_type):
        line = _line_of(text, m2.start(), m2.end())
        return (
            Suggestion("on_signing", line, 0.7),
            (Suggestion(issued, line, 0.7) if issued else None),
            warnings,
        )
    return None, None, warnings


# --------------------------------------------------------------------------- procedures (best effort)


def _procedures(text: str, start: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    header: list[str] | None = None
    action = "new"
    for raw in text[start:].split("\n"):
        line = raw.strip()
        up = line.upper()
        if not line:
            continue
        if "|" not in line:
            if re.search(r"BÃI\s+BỎ", up) and len(line) < 200 and _is_upper_text(line):
                action = "repealed"
            elif (
                re.search(r"SỬA\s+ĐỔI|BỔ\s+SUNG|THAY\s+THẾ", up) and len(line) < 200 and _is_upper_text(line)
            ):
                action = "amended"
            elif (
                re.search(r"MỚI\s+BAN\s+HÀNH|BAN\s+HÀNH\s+MỚI", up)
                and len(line) < 200
                and _is_upper_text(line)
            ):
                action = "new"
            continue
        cells = [c.strip() for c in line.split("|")]
        low = [c.lower() for c in cells]
        if any("tên thủ tục" in c or "tên tthc" in c for c in low):
            header = low
            continue
        if header is None or not cells or not re.fullmatch(r"\d+", cells[0]):
            continue
        row: dict[str, Any] = {"action": action}
        for name, cell in zip(header, cells, strict=False):
            if "tên" in name:
                row["name"] = cell
            elif name.startswith("mã"):
                row["code"] = cell
            elif "lĩnh vực" in name:
                row["field"] = cell
            elif "căn cứ" in name:
                row["legal_basis"] = cell
            elif "thời hạn" in name:
                row["time_limit"] = cell
            elif "phí" in name:
                row["fee"] = cell
            elif "cơ quan" in name:
                row["agency"] = cell
        if "code" not in row:
            code = next((c for c in cells[1:3] if re.fullmatch(r"\d\.\d{6}(?:\.[\w.]+)?", c)), None)
            if code:
                row["code"] = code
        if row.get("name"):
            rows.append(row)
    return rows


# --------------------------------------------------------------------------- record


def _merge_documents(cits: list[Citation]) -> list[Citation]:
    """One entry per cited document: mentions of the same key merge unless their dates differ."""
    docs: list[Citation] = []
    for c in cits:
        if not c.number:
            continue
        same = [i for i, d in enumerate(docs) if d.number_key == c.number_key]
        target = None
        for i in same:
            if docs[i].date is None or c.date is None or docs[i].date == c.date:
                target = i
                break
        if target is None:
            docs.append(c)
            continue
        d = docs[target]
        better_number = d.number
        if d.number and c.number and d.number.isupper() and not c.number.isupper():
            better_number = c.number
        if len((c.number or "").split("/")[0]) > len((better_number or "").split("/")[0]):
            better_number = c.number  # keep the zero-padded spelling
        docs[target] = Citation(
            number=better_number,
            number_key=d.number_key,
            doc_type=d.doc_type or c.doc_type,
            type_code=d.type_code or c.type_code,
            issuer_code=d.issuer_code or c.issuer_code,
            issuer_name=d.issuer_name or c.issuer_name,
            title=d.title,
            date=d.date or c.date,
            year=d.year or c.year,
            relation=d.relation or c.relation,
            provisions=d.provisions or c.provisions,
            sentence=d.sentence,
            start=d.start,
            end=d.end,
        )
    return docs


def extract_record(text: str) -> ExtractedRecord:
    """Pre-fill a document record from its text; never raises on odd input (unknown fields stay None)."""
    text = normalize_text((text or "").replace("\r\n", "\n").replace("\r", "\n"))
    rec = ExtractedRecord()
    if not text.strip():
        rec.warnings.append("empty text")
        return rec
    h = _read_header(text)
    rec.number, rec.place, rec.issued_on = h.number, h.place, h.issued_on
    doc_type, summary, authority, _title_end = _read_type_summary(text, h)
    number = h.number.value if h.number else None
    code = issuer_code = None
    year = None
    if number:
        code, issuer_code, year = number_parts(number)
    if doc_type is None and number:
        if code:
            doc_type = Suggestion(TYPE_CODES.get(code.upper(), code), h.number.line if h.number else "", 0.8)
        elif h.vv is not None or re.search(r"Kính\s+gửi", text[:3000]):
            doc_type = Suggestion("Công văn", h.number.line if h.number else "", 0.9)
    rec.doc_type, rec.summary, rec.authority = doc_type, summary, authority
    if number and h.number:
        if code:
            rec.type_code = Suggestion(code, h.number.line)
        if issuer_code:
            rec.issuer_code = Suggestion(re.sub(r"(?<=[A-ZĐ])\d+$", "", issuer_code), h.number.line)
        rec.normative = Suggestion(year is not None, h.number.line, 0.9)
    if h.issuer_upper:
        upper = h.issuer_upper
        if authority is not None:
            auth = re.sub(r"\s+KHÓA\s+[IVXLC\d]+.*$", "", fix_split_words(authority.value))
            auth = re.sub(r"^(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC)\s+", "", auth)
            if auth.startswith(upper) and len(auth) > len(upper):
                upper = auth  # the header cell was cut short ("ỦY BAN THƯỜNG VỤ" → "… QUỐC HỘI")
        rec.issuer = Suggestion(body_name(upper), h.issuer_line)
    if rec.summary is not None:
        s = rec.summary.value
        rec.tthc_announcement = Suggestion(
            bool(
                re.search(r"CÔNG\s+BỐ", s, re.IGNORECASE)
                and re.search(r"THỦ\s+TỤC\s+HÀNH\s+CHÍNH|TTHC", s, re.IGNORECASE)
            ),
            rec.summary.line,
        )
    lay = layout(text)
    # HĐND resolutions and laws: date of passage from the closing line
    pm = search_near(_PASSED_RE, _THONG_QUA_RE, text, back=260, fwd=60)
    if pm:
        rec.passed_on = Suggestion(parse_vn_date(pm.group("d")), collapse(pm.group(0)))
    issued = rec.issued_on.value if rec.issued_on else None
    passed = rec.passed_on.value if rec.passed_on else None
    rec.effective, rec.effective_on, w = _effective(text, issued, passed, rec.value("doc_type"))
    rec.warnings.extend(w)
    em = search_near(_EXPIRES_RE, _HIEU_LUC_RE, text, back=180, fwd=80)
    if em:
        rec.expires_on = Suggestion(parse_vn_date(em.group("d")), collapse(em.group(0)))
    # signature: the first block after the articles, before any appendix or attached rules
    sig = None
    starts = [lay.operative[1]]
    dot = text.find("./.", lay.operative[0])
    if dot >= 0:
        starts.append(dot)
    if rec.effective is not None:
        idx = text.find(rec.effective.line[:40])
        if idx >= 0:
            starts.append(idx)
    sig_start = min(starts)
    sig = _read_signature(text, sig_start, len(text))
    if sig is None:
        sig = _name_only_signature(text, sig_start, len(text))
    if sig is not None:
        rec.signer = Suggestion(sig.name, sig.line)
        rec.signer_capacity = Suggestion(sig.capacity, sig.line) if sig.capacity else None
        rec.signer_title = Suggestion(sig.title, sig.line) if sig.title else None
    else:
        rec.warnings.append("no signature block found")
    # citations, bases, effects
    cits = find_citations_in(text, lay, self_number=number)
    clauses = _base_clauses(text, *lay.preamble)
    rec.citations = _merge_documents(cits)
    seen_in_clause: set[tuple[int, str]] = set()
    for c in cits:
        if c.relation != "basis":
            continue
        ci = next((i for i, (a, b) in enumerate(clauses) if a <= c.start < b), -1)
        key = (ci, c.number_key or (c.title or "").lower())
        if key in seen_in_clause:
            continue
        seen_in_clause.add(key)
        raw = collapse(text[clauses[ci][0] : clauses[ci][1]]).rstrip(" ,") if ci >= 0 else c.sentence
        rec.bases.append(_with(c, sentence=raw))
    effects: list[Citation] = []
    seen_eff: set[tuple[str, str]] = set()
    for c in cits:
        if c.relation in (None, "basis", "cites") or not c.number:
            continue
        if not (lay.operative[0] <= c.start < max(lay.operative[1], lay.main_end)):
            continue
        k = (c.relation, c.number_key)
        if k not in seen_eff:
            seen_eff.add(k)
            effects.append(c)
    # "details": a normative text whose trích yếu says it guides / details a document
    if rec.summary is not None and rec.normative is not None and rec.normative.value:
        s = rec.summary.value
        vm = re.search(r"HƯỚNG\s+DẪN|QUY\s+ĐỊNH\s+CHI\s+TIẾT", s, re.IGNORECASE)
        sc = [c for c in find_citations(s, self_number=number) if c.number]
        if (
            vm
            and sc
            and sc[0].start > vm.start()
            and not re.search(r"CỦA\s+[^,]*\s+VỀ\s*$", s[: vm.start()], re.IGNORECASE)
        ):
            target = sc[0]
            merged = next((d for d in rec.citations if d.number_key == target.number_key), target)
            if ("details", target.number_key) not in seen_eff:
                effects.append(_with(merged, relation="details", sentence=s))
    gr = generic_repeal(text, (lay.operative[0], lay.operative[1]))
    if gr is not None:
        effects.append(
            Citation(
                None,
                "",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "repeals",
                None,
                collapse(text[gr[0] : gr[1]]),
                gr[0],
                gr[1],
            )
        )
    rec.effects = effects
    if rec.tthc_announcement is not None and rec.tthc_announcement.value:
        rec.procedures = _procedures(text, lay.main_end)
    for name in ("number", "doc_type", "issuer", "issued_on", "summary"):
        if getattr(rec, name) is None:
            rec.warnings.append(f"{name} not found")
    return rec


def _with(c: Citation, **changes: Any) -> Citation:
    from dataclasses import replace

    return replace(c, **changes)
