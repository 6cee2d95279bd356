"""``/api/v1/documents`` through the test client."""

from __future__ import annotations

from datetime import date

from registry.documents import services
from registry.documents import validity as v
from tests.factories import make_document


def test_openapi_lists_the_documents_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in (
        "/api/v1/documents/",
        "/api/v1/documents/{doc_id}",
        "/api/v1/documents/{doc_id}/impact",
        "/api/v1/documents/{doc_id}/events",
        "/api/v1/documents/{doc_id}/relations",
    ):
        assert path in spec["paths"], path


def test_list_with_as_of_and_pagination_header(client, session, agencies):
    ubnd = agencies["UBND-TNH"]
    old = make_document(
        session, "30/2013/QĐ-UBND", agency=ubnd, issued_on=date(2013, 7, 9), effective_on=date(2013, 7, 19)
    )
    new = make_document(
        session, "14/2019/QĐ-UBND", agency=ubnd, issued_on=date(2019, 4, 26), effective_on=date(2019, 5, 6)
    )
    services.add_relation(session, new, v.RelationKind.REPLACES, target=old)
    resp = client.get("/api/v1/documents/?as_of=2015-03-01")
    body = resp.get_json()
    assert [(d["number"], d["status"]) for d in body] == [("30/2013/QĐ-UBND", "in_force")]
    assert "X-Pagination" in resp.headers
    now = {d["number"]: d["status"] for d in client.get("/api/v1/documents/").get_json()}
    assert now == {"30/2013/QĐ-UBND": "expired", "14/2019/QĐ-UBND": "in_force"}
    status = client.get(f"/api/v1/documents/{old.id}/status?on=2013-07-15").get_json()
    assert status["status"] == "not_yet_effective"


def test_bad_query_parameters_get_json_errors(client):
    resp = client.get("/api/v1/documents/?as_of=2015-02-31")
    assert resp.status_code == 422
    assert "as_of" in str(resp.get_json())


def test_anonymous_cannot_write(client, agencies):
    resp = client.post("/api/v1/documents/", json={"number": "1/2024/QĐ-UBND"})
    assert resp.status_code == 401 and resp.get_json()["message"]


def test_officer_creates_updates_and_stale_update_is_409(officer_client, agencies):
    payload = {
        "number": "9/2024/QĐ-UBND",
        "doc_type": "QĐ",
        "agency_id": agencies["UBND-TNH"].id,
        "summary": "Ban hành Quy định",
        "issued_on": "2024-03-01",
        "effective_on": "2024-03-11",
    }
    resp = officer_client.post("/api/v1/documents/", json=payload)
    assert resp.status_code == 201, resp.get_json()
    doc = resp.get_json()
    assert doc["status"] == "in_force" and doc["version"] == 1
    dup = officer_client.post("/api/v1/documents/", json=payload)
    assert dup.status_code == 409 and "đã được đăng ký" in dup.get_json()["message"]
    ok = officer_client.patch(f"/api/v1/documents/{doc['id']}", json={"summary": "Sửa", "version": 1})
    assert ok.status_code == 200 and ok.get_json()["version"] == 2
    stale = officer_client.patch(f"/api/v1/documents/{doc['id']}", json={"summary": "Sửa nữa", "version": 1})
    assert stale.status_code == 409 and stale.get_json()["code"] == "stale"
    bad = officer_client.post(
        "/api/v1/documents/", json={**payload, "number": "10/2024/QĐ-UBND", "effective_on": "2024-02-01"}
    )
    assert bad.status_code == 422


def test_impact_preview_relations_and_events(officer_client, session, agencies):
    ubnd = agencies["UBND-TNH"]
    old = make_document(
        session, "1/2016/QĐ-UBND", agency=ubnd, issued_on=date(2016, 1, 1), effective_on=date(2016, 1, 11)
    )
    new = make_document(
        session, "2/2020/QĐ-UBND", agency=ubnd, issued_on=date(2020, 1, 1), effective_on=date(2020, 1, 11)
    )
    impact = officer_client.post(
        f"/api/v1/documents/{new.id}/impact", json={"relation": {"kind": "replaces", "target_id": old.id}}
    ).get_json()
    assert impact["changes"] == [
        {
            "document_id": old.id,
            "number": "1/2016/QĐ-UBND",
            "before": "in_force",
            "after": "expired",
            "reason": impact["changes"][0]["reason"],
        }
    ]
    assert officer_client.get(f"/api/v1/documents/{old.id}").get_json()["status"] == "in_force"
    rel = officer_client.post(
        f"/api/v1/documents/{new.id}/relations", json={"kind": "replaces", "target_id": old.id}
    )
    assert rel.status_code == 201
    assert officer_client.get(f"/api/v1/documents/{old.id}").get_json()["status"] == "expired"
    ev = officer_client.post(
        f"/api/v1/documents/{new.id}/events",
        json={"kind": "suspended", "on": "2024-05-01", "note": "Đình chỉ"},
    )
    assert ev.status_code == 201
    assert officer_client.get(f"/api/v1/documents/{new.id}").get_json()["status"] == "suspended"
    corr = officer_client.post(
        f"/api/v1/documents/{new.id}/events/{ev.get_json()['id']}/correct",
        json={"reason": "Nhầm", "replacement": {"kind": "suspended", "on": "2024-06-01"}},
    )
    assert corr.status_code == 200 and len(corr.get_json()) == 2
