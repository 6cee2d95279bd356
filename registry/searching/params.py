"""Request parameters → ``search.SearchQuery`` (shared by the page and the API)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from search import SearchQuery

KINDS = ("document", "procedure")
SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100

KIND_LABELS = {"document": ("Văn bản", "Documents"), "procedure": ("Thủ tục hành chính", "Procedures")}
LEVEL_LABELS = {
    "province": ("Cấp tỉnh", "Province"),
    "district": ("Cấp huyện", "District"),
    "commune": ("Cấp xã", "Commune"),
}
PROCEDURE_STATUS_LABELS = {
    "active": ("Đang áp dụng", "In use"),
    "repealed": ("Đã bãi bỏ", "Repealed"),
    "draft": ("Dự thảo", "Draft"),
}


def _set(values: Sequence[str]) -> set[str] | None:
    cleaned = {v.strip() for v in values if v and v.strip()}
    return cleaned or None


def build_query(args: Mapping[str, Any], *, include_internal: bool, per_page: int = 20) -> SearchQuery:
    """A SearchQuery from a mapping of lists (``request.args.to_dict(flat=False)`` or API args). Never raises."""

    def many(name: str) -> list[str]:
        raw = args.get(name) or []
        return [str(x) for x in (raw if isinstance(raw, (list, tuple)) else [raw])]

    def one(name: str, default: str = "") -> str:
        values = many(name)
        return values[0] if values else default

    years = {int(y) for y in many("year") if str(y).isdigit()}
    try:
        page = max(1, int(one("page", "1")))
    except ValueError:
        page = 1
    try:
        size = min(MAX_PER_PAGE, max(1, int(one("per_page", str(per_page)))))
    except ValueError:
        size = per_page
    kinds = {k for k in many("kind") if k in KINDS} or None
    sort = one("sort", "relevance")
    return SearchQuery(
        text=one("q")[:500],
        kinds=kinds,
        doc_types=_set(many("type")),
        agencies=_set(many("agency")),
        statuses=_set(many("status")),
        fields=_set(many("field")),
        years=years or None,
        levels=_set(many("level")),
        include_internal=include_internal,
        sort=sort if sort in SORTS else "relevance",
        page=page,
        per_page=size,
        facets=True,
    )
