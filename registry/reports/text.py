"""Words of the reports: the official "reason" column of the lists and the statistics paragraph (DOMAIN §4),
in Vietnamese. Pure module: plain values in, strings out."""

from __future__ import annotations

from typing import Any, Protocol

from registry.documents import validity as v

#: plural nouns for the types a province issues, as written in reports ("13 nghị quyết và 32 quyết định")
TYPE_NOUNS: dict[str, str] = {
    "NQ": "nghị quyết",
    "QĐ": "quyết định",
    "CT": "chỉ thị",
    "QC": "quy chế",
    "QyĐ": "quy định",
}

ACTION_WORDS: dict[str, str] = {
    "new": "mới ban hành",
    "amended": "sửa đổi, bổ sung",
    "replaced": "thay thế",
    "repealed": "bãi bỏ",
}


def vn_number(n: int) -> str:
    """1744 → "1.744" (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def _dmy(day: Any) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _cause(event: v.Event, cause_type: str) -> str:
    if not event.cause_number:
        return ""
    return f"{cause_type} số {event.cause_number}" if cause_type else f"văn bản số {event.cause_number}"


def official_reason(event: v.Event | None, cause_type: str = "") -> str:
    """The "Lý do hết hiệu lực, ngưng hiệu lực" column for the event that decided a status, e.g.
    "Được thay thế bởi Quyết định số 14/2019/QĐ-UBND"; "" when there is no event."""
    if event is None:
        return ""
    cause = _cause(event, cause_type)
    k = v.EventKind
    if event.kind is k.EXPIRED and event.origin == "date":
        return "Hết thời hạn có hiệu lực đã được quy định trong văn bản"
    if event.kind is k.PARENT_EXPIRED:
        return f"Hết hiệu lực cùng văn bản được quy định chi tiết {event.cause_number or ''}".strip()
    phrases = {
        k.REPLACED: "Được thay thế bởi",
        k.REPEALED: "Bị bãi bỏ bởi",
        k.PARTLY_REPEALED: "Bị bãi bỏ một phần bởi",
        k.EXPIRED: "Hết hiệu lực theo",
        k.PARTLY_EXPIRED: "Hết hiệu lực một phần theo",
        k.SUSPENDED: "Bị đình chỉ thi hành bởi",
        k.PARTLY_SUSPENDED: "Bị đình chỉ thi hành một phần bởi",
    }
    head = phrases.get(event.kind)
    if head is None:
        return v.event_reason(event, "vi")
    if cause:
        return f"{head} {cause}"
    return head.rsplit(" ", 1)[0]


class _Stats(Protocol):
    start: Any
    end: Any
    issued_by_type: dict[str, int]
    expired: int
    partly_expired: int
    suspended: int
    partly_suspended: int
    announcements: int
    procedures_by_action: dict[str, int]
    procedures_online: int

    @property
    def procedures_announced(self) -> int: ...


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def statistics_sentence(st: _Stats) -> str:
    """The paragraph a province writes (DOMAIN §4), for the period of ``st``:
    "Từ ngày 01/01/2025 đến ngày 31/08/2025, HĐND và UBND tỉnh đã ban hành 13 nghị quyết và 32 quyết định quy
    phạm pháp luật; 43 văn bản quy phạm pháp luật hết hiệu lực toàn bộ và 16 văn bản ngưng hiệu lực hoặc hết
    hiệu lực một phần; Chủ tịch UBND tỉnh đã ban hành 69 quyết định công bố thủ tục hành chính, công bố 1.744
    thủ tục (…); 1.523 thủ tục được cung cấp trực tuyến." Zero figures are said, not hidden."""
    issued = [
        f"{vn_number(n)} {TYPE_NOUNS.get(code, 'văn bản loại ' + code)}"
        for code, n in st.issued_by_type.items()
        if n
    ]
    issued_text = _join(issued) if issued else "0 văn bản"
    partial = st.partly_expired + st.suspended + st.partly_suspended
    parts = [
        f"Từ ngày {_dmy(st.start)} đến ngày {_dmy(st.end)}, HĐND và UBND tỉnh đã ban hành {issued_text} "
        f"quy phạm pháp luật",
        f"{vn_number(st.expired)} văn bản quy phạm pháp luật hết hiệu lực toàn bộ và {vn_number(partial)} văn bản "
        f"ngưng hiệu lực hoặc hết hiệu lực một phần",
    ]
    ann = (
        f"Chủ tịch UBND tỉnh đã ban hành {vn_number(st.announcements)} quyết định công bố thủ tục hành chính, "
        f"công bố {vn_number(st.procedures_announced)} thủ tục"
    )
    actions = [
        f"{vn_number(st.procedures_by_action[a])} thủ tục {w}"
        for a, w in ACTION_WORDS.items()
        if st.procedures_by_action.get(a)
    ]
    if actions:
        ann += f" ({_join(actions)})"
    parts.append(ann)
    text = "; ".join(parts)
    if st.procedures_online:
        text += f"; hiện có {vn_number(st.procedures_online)} thủ tục được cung cấp trực tuyến"
    return text + "."
