"""The search page: one box, facets with counts, combinable filters, sorting, pagination."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for

from registry.accounts.permissions import can_read_internal, public
from registry.i18n import current_lang, pick, status_label
from registry.searching.params import KIND_LABELS, LEVEL_LABELS, PROCEDURE_STATUS_LABELS, build_query
from registry.searching.sync import get_backend

bp = Blueprint("searching", __name__)

FACET_TITLES = {
    "kind": ("Loại kết quả", "Result kind"),
    "doc_type": ("Loại văn bản", "Document type"),
    "agency": ("Cơ quan", "Agency"),
    "status": ("Tình trạng", "Status"),
    "field": ("Lĩnh vực", "Field"),
    "year": ("Năm ban hành", "Year of issue"),
    "level": ("Cấp thực hiện", "Level"),
}
#: facet key -> request parameter
PARAM = {
    "kind": "kind",
    "doc_type": "type",
    "agency": "agency",
    "status": "status",
    "field": "field",
    "year": "year",
    "level": "level",
}


def facet_label(key: str, value: str) -> str:
    if key == "kind":
        return pick(*KIND_LABELS.get(value, (value, value)))
    if key == "level":
        return pick(*LEVEL_LABELS.get(value, (value, value)))
    if key == "status":
        if value in PROCEDURE_STATUS_LABELS:
            return pick(*PROCEDURE_STATUS_LABELS[value])
        try:
            return status_label(value)
        except ValueError:
            return value
    return value


def hit_url(hit) -> str:  # type: ignore[no-untyped-def]
    kind, _, raw = hit.id.partition(":")
    if kind == "procedure":
        return url_for("procedures.detail", proc_id=int(raw))
    return url_for("documents.detail", doc_id=int(raw))


def toggle_url(key: str, value: str) -> str:
    """The current search with this facet value switched on or off (page reset)."""
    args = request.args.to_dict(flat=False)
    param = PARAM[key]
    values = args.get(param, [])
    args[param] = [v for v in values if v != value] if value in values else [*values, value]
    args.pop("page", None)
    return url_for("searching.search", **args)


@bp.get("/search")
@public
def search():
    query = build_query(request.args.to_dict(flat=False), include_internal=can_read_internal())
    results = get_backend().search(query)
    selected = {key: set(request.args.getlist(param)) for key, param in PARAM.items()}
    return render_template(
        "searching/search.html",
        query=query,
        results=results,
        selected=selected,
        facet_titles={k: pick(*v) for k, v in FACET_TITLES.items()},
        facet_label=facet_label,
        hit_url=hit_url,
        toggle_url=toggle_url,
        lang=current_lang(),
    )
