"""The registry's search: after-commit sync, the page with facets, the API, the CLI, internal documents hidden."""

from __future__ import annotations

from datetime import date

import pytest

from registry.documents import services
from registry.documents import validity as v
from registry.searching.sync import get_backend
from tests.factories import make_document


@pytest.fixture
def indexed(app, session, agencies):
    backend = get_backend(app)
    backend.rebuild([])
    ubnd = agencies["UBND-TNH"]
    a = make_document(
        session,
        "30/2013/QĐ-UBND",
        agency=ubnd,
        issued_on=date(2013, 7, 9),
        effective_on=date(2013, 7, 19),
        summary="Ban hành Quy định về an toàn thực phẩm",
        body_text="Quy định này áp dụng đối với cơ sở sản xuất thực phẩm trên địa bàn tỉnh.",
    )
    b = make_document(
        session,
        "14/2019/QĐ-UBND",
        agency=ubnd,
        issued_on=date(2019, 4, 26),
        effective_on=date(2019, 5, 6),
        summary="Ban hành Quy định về án phí và lệ phí",
        body_text="Mức thu án phí dân sự sơ thẩm.",
    )
    c = make_document(
        session,
        "15/2020/QĐ-UBND",
        agency=ubnd,
        issued_on=date(2020, 1, 2),
        effective_on=date(2020, 1, 12),
        summary="Kế hoạch nội bộ về an toàn thực phẩm",
        public=False,
    )
    session.commit()
    return a, b, c


def test_a_commit_makes_documents_searchable_without_diacritics(client, indexed):
    html = client.get("/search?q=an+toan+thuc+pham").get_data(as_text=True)
    assert "30/2013/QĐ-UBND" in html
    assert "<mark>" in html


def test_number_in_any_spelling_finds_the_document_first(client, indexed):
    for q in ("30/2013/QĐ-UBND", "30/2013/qd-ubnd", "qđ 30/2013"):
        body = client.get("/api/v1/search", query_string={"q": q}).get_json()
        assert body["hits"][0]["number"] == "30/2013/QĐ-UBND", q


def test_internal_documents_hidden_from_anonymous_even_in_counts(client, indexed, users):
    body = client.get("/api/v1/search", query_string={"q": "an toàn thực phẩm"}).get_json()
    assert all(h["number"] != "15/2020/QĐ-UBND" for h in body["hits"])
    assert body["total"] == 1
    from tests.conftest import login

    login(client, "staff1")
    body = client.get("/api/v1/search", query_string={"q": "an toàn thực phẩm"}).get_json()
    assert {h["number"] for h in body["hits"]} == {"30/2013/QĐ-UBND", "15/2020/QĐ-UBND"}


def test_status_change_reaches_the_index(client, session, indexed):
    a, b, _c = indexed
    services.add_relation(session, b, v.RelationKind.REPLACES, target=a, today=date(2026, 11, 22))
    session.commit()
    body = client.get("/api/v1/search", query_string={"q": "30/2013/QĐ-UBND"}).get_json()
    assert body["hits"][0]["status"] == "expired"
    body = client.get("/api/v1/search", query_string={"q": "thực phẩm", "status": "in_force"}).get_json()
    assert all(h["number"] != "30/2013/QĐ-UBND" for h in body["hits"])


def test_facets_and_filters_on_the_page(client, indexed):
    html = client.get("/search?q=quy+dinh").get_data(as_text=True)
    assert "Loại văn bản" in html and "Quyết định" in html
    html = client.get("/search?q=quy+dinh&year=2019").get_data(as_text=True)
    assert "14/2019/QĐ-UBND" in html and "30/2013/QĐ-UBND</span>" not in html


def test_malformed_queries_never_error(client, indexed):
    for q in ('"unclosed', "AND OR (", "-", "***", "<script>alert(1)</script>"):
        resp = client.get("/search", query_string={"q": q})
        assert resp.status_code == 200, q
        assert "<script>alert(1)</script>" not in resp.get_data(as_text=True)


def test_did_you_mean_when_nothing_found(client, indexed):
    body = client.get("/api/v1/search", query_string={"q": "thực phẫm"}).get_json()
    if body["total"] == 0:
        assert body["suggestion"]


def test_related_documents_on_the_document_page(client, indexed):
    a, _b, _c = indexed
    html = client.get(f"/documents/{a.id}").get_data(as_text=True)
    assert "tương tự" in html or "related" in html.lower()


def test_cli_check_and_reindex(app, session, indexed):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    get_backend(app).delete([f"document:{indexed[0].id}"])
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1 and "missing: 1" in result.output
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["search", "check"]).exit_code == 0
