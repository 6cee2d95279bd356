"""/api/v1/procedures: public reads, officer writes, 409 on a stale version."""

from __future__ import annotations

from tests.conftest import login
from tests.procedures.conftest import CODE_1, make_procedure

NEW = {
    "code": "1.001193.000.00.00.H47",
    "name": "Đăng ký khai sinh",
    "level": "commune",
    "channels": [{"channel": "direct", "time_limit": "Trong ngày", "fee": "Miễn lệ phí"}],
    "dossier": [{"name": "Tờ khai", "copies_original": 1}],
    "bases": [{"number": "60/2014/QH13", "provisions": "Điều 16"}],
}


def test_public_reads(client, session, announced):
    items = client.get("/api/v1/procedures/?q=chan+nuoi").get_json()
    assert {i["code"] for i in items} == {CODE_1}
    one = client.get(f"/api/v1/procedures/{announced['p1'].id}").get_json()
    assert one["health"] == "ok" and one["bases"][0]["document_status"] == "in_force"
    assert [c["channel"] for c in one["channels"]] == ["direct", "postal", "online"]
    bases = client.get(f"/api/v1/procedures/{announced['p1'].id}/bases").get_json()
    assert bases[0]["resolved"] and bases[0]["provisions"] == "Điều 8, Điều 14"
    hist = client.get(f"/api/v1/procedures/{announced['p1'].id}/history").get_json()
    assert hist == [
        {
            "announcement_id": announced["announcement"].id,
            "document_id": announced["3218"].id,
            "document_number": "3218/QĐ-UBND",
            "on": "2024-11-18",
            "action": "new",
            "changes": "",
            "cause_number": "",
        }
    ]
    anns = client.get("/api/v1/procedures/announcements/").get_json()
    assert anns[0]["document_number"] == "3218/QĐ-UBND" and len(anns[0]["items"]) == 2


def test_writes_need_an_officer(client, session, users):
    assert client.post("/api/v1/procedures/", json=NEW).status_code == 401
    login(client, "staff1")
    assert client.post("/api/v1/procedures/", json=NEW).status_code == 403


def test_officer_creates_edits_and_stale_version_gets_409(officer_client, session, agencies):
    resp = officer_client.post("/api/v1/procedures/", json=NEW)
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["status"] == "draft" and body["health"] == "attention"
    pid, version = body["id"], body["version"]
    ok = officer_client.patch(f"/api/v1/procedures/{pid}", json={"version": version, "online_level": "full"})
    assert ok.status_code == 200 and ok.get_json()["online_level"] == "full"
    stale = officer_client.patch(f"/api/v1/procedures/{pid}", json={"version": version, "name": "Khác"})
    assert stale.status_code == 409 and stale.get_json()["code"] == "stale"
    assert officer_client.post("/api/v1/procedures/", json=NEW).status_code == 409  # code taken
    assert officer_client.post("/api/v1/procedures/", json={**NEW, "code": "1.1"}).status_code == 422


def test_officer_registers_an_announcement(officer_client, session, basis_docs):
    make_procedure(session, "1.000001", "Thủ tục có sẵn", data={"status": "active"})
    resp = officer_client.post(
        "/api/v1/procedures/announcements/",
        json={
            "document_id": basis_docs["3218"].id,
            "items": [
                {
                    "procedure_code": CODE_1,
                    "action": "new",
                    "new_procedure": {"name": "Hỗ trợ chi phí", "bases": [{"number": "106/2024/NĐ-CP"}]},
                },
                {"procedure_code": "1.000001", "action": "repealed"},
            ],
        },
    )
    assert resp.status_code == 201, resp.get_json()
    items = resp.get_json()["items"]
    assert [i["action"] for i in items] == ["new", "repealed"]
    repealed = officer_client.get("/api/v1/procedures/?status=repealed").get_json()
    assert [p["code"] for p in repealed] == ["1.000001"]
    again = officer_client.post(
        "/api/v1/procedures/announcements/",
        json={"document_id": basis_docs["3218"].id, "items": [{"procedure_code": CODE_1, "action": "new"}]},
    )
    assert again.status_code == 409


def test_drafts_hidden_from_anonymous_api(client, session, agencies):
    draft = make_procedure(session)
    assert client.get(f"/api/v1/procedures/{draft.id}").status_code == 404
    assert client.get("/api/v1/procedures/?status=draft").get_json() == []
