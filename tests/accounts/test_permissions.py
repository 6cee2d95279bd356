"""Every route declares who may use it, and each role gets exactly that (enumerated from the URL map)."""

from __future__ import annotations

from datetime import date

import pytest

from registry.accounts.permissions import RULES
from tests.conftest import login
from tests.factories import make_document

EXEMPT_PREFIXES = ("static", "api-docs.")
RANK = {"public": 0, "staff": 1, "officer": 2, "admin": 3}


def _rule_of(app, endpoint: str, method: str) -> str | None:
    view = app.view_functions[endpoint]
    cls = getattr(view, "view_class", None)
    if cls is not None:
        fn = getattr(cls, method.lower(), None)
        return RULES.get(f"{fn.__module__}.{fn.__qualname__}") if fn else None
    return RULES.get(f"{view.__module__}.{view.__qualname__}")


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(EXEMPT_PREFIXES):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_declares_a_permission(app):
    missing = [
        f"{m} {r.rule} ({r.endpoint})" for r, m in _routes(app) if _rule_of(app, r.endpoint, m) is None
    ]
    assert not missing, "routes without @public or @role_required:\n" + "\n".join(missing)


@pytest.fixture
def sample_ids(session, agencies):
    doc = make_document(
        session,
        "1/2024/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2024, 1, 2),
        effective_on=date(2024, 1, 12),
    )
    return {"doc_id": doc.id}


def _url(rule, ids):
    values = {}
    for arg in rule.arguments:
        conv = rule._converters[arg].__class__.__name__
        values[arg] = ids.get(arg, 1) if conv == "IntegerConverter" else "x"
    from flask import url_for

    return url_for(rule.endpoint, **values)


@pytest.mark.parametrize("who", ["anonymous", "staff", "officer", "admin"])
def test_each_role_is_refused_what_it_may_not_do(app, client, users, sample_ids, who):
    if who != "anonymous":
        login(client, f"{who}1")
    rank = RANK["public"] if who == "anonymous" else RANK[who]
    failures = []
    with app.test_request_context():
        routes = [(r, m, _url(r, sample_ids), _rule_of(app, r.endpoint, m)) for r, m in _routes(app)]
    for _rule, method, url, required in routes:
        if RANK[required] <= rank:
            continue
        if url.startswith("/api/") and method != "GET":
            resp = client.open(url, method=method, json={})
        else:
            resp = client.open(url, method=method, data={})
        refused = resp.status_code in (401, 403) or (
            resp.status_code == 302 and "/login" in resp.headers.get("Location", "")
        )
        if not refused:
            failures.append(f"{who}: {method} {url} -> {resp.status_code}")
    assert not failures, "\n".join(failures)


def test_anonymous_never_sees_internal_documents(client, session, agencies):
    doc = make_document(
        session,
        "2/2024/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2024, 1, 2),
        effective_on=date(2024, 1, 12),
        public=False,
        summary="Kế hoạch nội bộ mật",
    )
    assert client.get(f"/documents/{doc.id}").status_code == 404
    assert "Kế hoạch nội bộ mật" not in client.get("/documents/").get_data(as_text=True)
    assert client.get(f"/api/v1/documents/{doc.id}").status_code == 404
    assert "Kế hoạch nội bộ mật" not in client.get("/api/v1/documents/").get_data(as_text=True)


def test_staff_reads_internal_documents_but_changes_nothing(client, session, users, agencies):
    doc = make_document(
        session,
        "3/2024/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2024, 1, 2),
        effective_on=date(2024, 1, 12),
        public=False,
        summary="Kế hoạch nội bộ",
    )
    login(client, "staff1")
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "Kế hoạch nội bộ" in page
    assert "Sửa thông tin" not in page
    assert client.get(f"/documents/{doc.id}/edit").status_code == 403


def test_anonymous_pages_show_no_edit_forms(client, session, agencies):
    doc = make_document(
        session,
        "4/2024/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2024, 1, 2),
        effective_on=date(2024, 1, 12),
    )
    for url in ("/", "/documents/", f"/documents/{doc.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "/edit" not in html and "/events" not in html and "/relations" not in html, url
