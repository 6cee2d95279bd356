"""``GET /api/v1/search``: the search page's parameters, as JSON."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from registry.accounts.permissions import can_read_internal, public
from registry.searching.params import KINDS, SORTS, build_query
from registry.searching.sync import get_backend

blp = Blueprint("search_api", __name__, url_prefix="/api/v1/search", description="Full-text search")


class SearchArgs(Schema):
    q = fields.Str(
        load_default="", metadata={"description": 'Words, "phrases", -excluded, OR; diacritics optional'}
    )
    kind = fields.List(fields.Str(validate=validate.OneOf(KINDS)), load_default=list)
    type = fields.List(
        fields.Str(), load_default=list, metadata={"description": "Document type, e.g. Quyết định"}
    )
    agency = fields.List(fields.Str(), load_default=list)
    status = fields.List(fields.Str(), load_default=list)
    field = fields.List(fields.Str(), load_default=list)
    year = fields.List(fields.Int(), load_default=list)
    level = fields.List(fields.Str(), load_default=list)
    sort = fields.Str(load_default="relevance", validate=validate.OneOf(SORTS))
    page = fields.Int(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Int(load_default=20, validate=validate.Range(min=1, max=100))


class HitSchema(Schema):
    id = fields.Str()
    kind = fields.Str()
    score = fields.Float()
    title = fields.Str()
    number = fields.Str(allow_none=True)
    issued_on = fields.Date(allow_none=True)
    status = fields.Str(allow_none=True)
    doc_type = fields.Str(allow_none=True)
    agency = fields.Str(allow_none=True)
    title_html = fields.Str(metadata={"description": "Escaped HTML; only <mark> is markup"})
    snippet_html = fields.Str(metadata={"description": "Escaped HTML; only <mark> is markup"})
    url = fields.Str()


class FacetValueSchema(Schema):
    value = fields.Str()
    count = fields.Int()


class ResultsSchema(Schema):
    total = fields.Int()
    total_is_estimate = fields.Bool()
    page = fields.Int()
    per_page = fields.Int()
    suggestion = fields.Str(allow_none=True)
    hits = fields.List(fields.Nested(HitSchema))
    facets = fields.Dict(keys=fields.Str(), values=fields.List(fields.Nested(FacetValueSchema)))


@blp.route("")
class Search(MethodView):
    @public
    @blp.arguments(SearchArgs, location="query")
    @blp.response(200, ResultsSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Search documents and procedures (internal records only for signed-in staff)."""
        from registry.searching.views import hit_url

        query = build_query(
            {k: v if isinstance(v, list) else [v] for k, v in args.items()},
            include_internal=can_read_internal(),
        )
        res = get_backend().search(query)
        return {
            "total": res.total,
            "total_is_estimate": res.total_is_estimate,
            "page": res.page,
            "per_page": res.per_page,
            "suggestion": res.suggestion,
            "hits": [{**h.__dict__, "url": hit_url(h)} for h in res.hits],
            "facets": {k: [{"value": v, "count": n} for v, n in vals] for k, vals in res.facets.items()},
        }
