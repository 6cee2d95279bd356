"""The documents pages through the test client: browse, read, register, relate, record and correct events."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from registry.documents import services
from registry.documents import validity as v
from registry.documents.models import Document, Relation, ValidityEvent
from tests.factories import make_document


@pytest.fixture
def chain(session, agencies):
    ubnd = agencies["UBND-TNH"]
    old = make_document(
        session,
        "30/2013/QĐ-UBND",
        agency=ubnd,
        issued_on=date(2013, 7, 9),
        effective_on=date(2013, 7, 19),
        summary="Ban hành Quy định về quản lý tạm trú",
    )
    new = make_document(
        session,
        "14/2019/QĐ-UBND",
        agency=ubnd,
        issued_on=date(2019, 4, 26),
        effective_on=date(2019, 5, 6),
        summary="Ban hành Quy định mới về quản lý tạm trú",
    )
    services.add_relation(session, new, v.RelationKind.REPLACES, target=old, today=date(2026, 11, 22))
    return old, new


def test_detail_shows_badge_reason_timeline_and_relations_both_ways(client, chain):
    old, new = chain
    html = client.get(f"/documents/{old.id}").get_data(as_text=True)
    assert 'data-status="expired"' in html
    assert "Hết hiệu lực toàn bộ — bị thay thế bởi 14/2019/QĐ-UBND từ 06/05/2019" in html
    assert "Văn bản bị thay thế" in html  # label shown on the target
    assert "19/07/2013" in html and "09/07/2013" in html
    html_new = client.get(f"/documents/{new.id}").get_data(as_text=True)
    assert "Thay thế" in html_new and "30/2013/QĐ-UBND" in html_new


def test_list_as_of_a_past_day_shows_that_days_status(client, chain):
    html = client.get("/documents/?as_of=2015-03-01&q=30/2013").get_data(as_text=True)
    assert 'data-status="in_force"' in html and "30/2013/QĐ-UBND" in html
    html = client.get("/documents/?as_of=01/07/2013").get_data(as_text=True)
    assert "30/2013/QĐ-UBND" not in html  # not issued yet
    html = client.get("/documents/?status=expired").get_data(as_text=True)
    assert "30/2013/QĐ-UBND</a>" in html and "14/2019/QĐ-UBND</a>" not in html


def test_bad_as_of_date_gets_a_clear_message(client, chain):
    resp = client.get("/documents/?as_of=31/02/2015")
    assert resp.status_code == 200
    assert "không hợp lệ" in resp.get_data(as_text=True)


def test_filters_sort_and_paginate(client, session, agencies, app):
    for i in range(1, 31):
        make_document(
            session,
            f"{i:02d}/2020/QĐ-UBND",
            agency=agencies["UBND-TNH"],
            issued_on=date(2020, 1, i),
            effective_on=date(2020, 2, i if i < 29 else 28),
        )
    html = client.get("/documents/?sort=issued_asc&year=2020").get_data(as_text=True)
    assert html.index("01/2020/QĐ-UBND") < html.index("02/2020/QĐ-UBND")
    assert "30/2020/QĐ-UBND" not in html  # on page 2
    assert "30/2020/QĐ-UBND" in client.get("/documents/?sort=issued_asc&year=2020&page=2").get_data(
        as_text=True
    )
    assert "01/2020/QĐ-UBND" not in client.get(f"/documents/?agency={agencies['CP'].id}").get_data(
        as_text=True
    )


FORM = {
    "number": "5/2024/QĐ-UBND",
    "doc_type": "QĐ",
    "summary": "Ban hành Quy chế phối hợp",
    "issued_on": "02/01/2024",
    "effective_mode": "date",
    "effective_on": "12/01/2024",
    "public": "y",
}


def test_officer_registers_a_document(officer_client, session, agencies):
    resp = officer_client.post("/documents/new", data={**FORM, "agency_id": agencies["UBND-TNH"].id})
    assert resp.status_code == 302
    doc = session.scalar(select(Document).where(Document.number == "5/2024/QĐ-UBND"))
    assert doc.status == v.Status.IN_FORCE and doc.effective_on == date(2024, 1, 12)


def test_impossible_date_and_duplicate_are_refused_with_messages(officer_client, session, agencies):
    data = {**FORM, "agency_id": agencies["UBND-TNH"].id}
    resp = officer_client.post("/documents/new", data={**data, "issued_on": "31/02/2024"})
    assert resp.status_code == 422 and "Ngày không hợp lệ" in resp.get_data(as_text=True)
    assert officer_client.post("/documents/new", data=data).status_code == 302
    resp = officer_client.post("/documents/new", data={**data, "number": "5/2024/qđ-ubnd"})
    assert resp.status_code == 422 and "đã được đăng ký" in resp.get_data(as_text=True)
    resp = officer_client.post(
        "/documents/new", data={**data, "number": "6/2024/QĐ-UBND", "effective_on": "01/01/2024"}
    )
    assert resp.status_code == 422 and "trước ngày ban hành" in resp.get_data(as_text=True)
    assert session.scalar(select(Document).where(Document.number == "6/2024/QĐ-UBND")) is None


def test_on_signing_effect(officer_client, session, agencies):
    data = {
        **FORM,
        "agency_id": agencies["UBND-TNH"].id,
        "number": "3218/QĐ-UBND",
        "effective_mode": "on_signing",
        "effective_on": "",
    }
    assert officer_client.post("/documents/new", data=data).status_code == 302
    doc = session.scalar(select(Document).where(Document.number == "3218/QĐ-UBND"))
    assert doc.effective_on == date(2024, 1, 2) and doc.effective_note == "on_signing"


def test_relation_preview_then_confirm(officer_client, session, agencies):
    ubnd = agencies["UBND-TNH"]
    old = make_document(
        session, "1/2015/QĐ-UBND", agency=ubnd, issued_on=date(2015, 1, 1), effective_on=date(2015, 1, 11)
    )
    new = make_document(
        session, "2/2021/QĐ-UBND", agency=ubnd, issued_on=date(2021, 1, 1), effective_on=date(2021, 1, 11)
    )
    data = {"direction": "out", "kind": "repeals", "target_id": old.id, "action": "preview"}
    resp = officer_client.post(f"/documents/{new.id}/relations", data=data)
    html = resp.get_data(as_text=True)
    assert 'id="impact"' in html and "1/2015/QĐ-UBND" in html and 'data-status="expired"' in html
    assert session.scalar(select(Relation).where(Relation.source_id == new.id)) is None
    resp = officer_client.post(f"/documents/{new.id}/relations", data={**data, "action": "save"})
    assert resp.status_code == 302
    session.refresh(old)
    assert old.status == v.Status.EXPIRED


def test_relation_to_an_unregistered_document_is_kept_and_resolved(officer_client, session, agencies):
    ubnd = agencies["UBND-TNH"]
    new = make_document(
        session, "3/2022/QĐ-UBND", agency=ubnd, issued_on=date(2022, 1, 1), effective_on=date(2022, 1, 11)
    )
    data = {"direction": "out", "kind": "basis", "target_number": "63/2010/NĐ-CP", "action": "save"}
    assert officer_client.post(f"/documents/{new.id}/relations", data=data).status_code == 302
    html = officer_client.get(f"/documents/{new.id}").get_data(as_text=True)
    assert "63/2010/NĐ-CP" in html and "chưa đăng ký" in html
    decree = make_document(
        session,
        "63/2010/NĐ-CP",
        agency=agencies["CP"],
        issued_on=date(2010, 6, 8),
        effective_on=date(2010, 10, 14),
        doc_type="NĐ",
    )
    html = officer_client.get(f"/documents/{new.id}").get_data(as_text=True)
    assert f"/documents/{decree.id}" in html


def test_self_relation_is_refused_in_the_form(officer_client, session, agencies):
    doc = make_document(
        session,
        "4/2022/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2022, 1, 1),
        effective_on=date(2022, 1, 11),
    )
    resp = officer_client.post(
        f"/documents/{doc.id}/relations", data={"direction": "out", "kind": "amends", "target_id": doc.id}
    )
    assert resp.status_code == 422 and "chính nó" in resp.get_data(as_text=True)


def test_partial_expiry_needs_provisions_then_correction(officer_client, session, agencies):
    doc = make_document(
        session,
        "5/2022/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2022, 1, 1),
        effective_on=date(2022, 1, 11),
    )
    data = {"kind": "partly_expired", "on": "01/06/2023", "action": "save"}
    resp = officer_client.post(f"/documents/{doc.id}/events", data=data)
    assert resp.status_code == 422 and "điều, khoản" in resp.get_data(as_text=True)
    resp = officer_client.post(f"/documents/{doc.id}/events", data={**data, "provisions": "Điều 3"})
    assert resp.status_code == 302
    session.refresh(doc)
    assert doc.status == v.Status.PARTLY_EXPIRED
    event = session.scalar(select(ValidityEvent).where(ValidityEvent.document_id == doc.id))
    resp = officer_client.post(
        f"/documents/{doc.id}/events/{event.id}/correct", data={"reason": "Nhầm văn bản"}
    )
    assert resp.status_code == 302
    session.refresh(doc)
    assert doc.status == v.Status.IN_FORCE
    html = officer_client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "đã hủy: Nhầm văn bản" in html


def test_stale_edit_is_refused(officer_client, session, agencies):
    doc = make_document(
        session,
        "7/2022/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2022, 1, 1),
        effective_on=date(2022, 1, 11),
    )
    data = {
        **FORM,
        "number": doc.number,
        "agency_id": doc.agency_id,
        "issued_on": "01/01/2022",
        "effective_on": "11/01/2022",
        "version": str(doc.version),
    }
    assert (
        officer_client.post(f"/documents/{doc.id}/edit", data={**data, "summary": "Một"}).status_code == 302
    )
    resp = officer_client.post(f"/documents/{doc.id}/edit", data={**data, "summary": "Hai"})
    assert resp.status_code == 409 and "người khác sửa" in resp.get_data(as_text=True)
    session.refresh(doc)
    assert doc.summary == "Một"


def test_english_ui(client, chain):
    old, _new = chain
    client.get("/lang/en")
    html = client.get(f"/documents/{old.id}").get_data(as_text=True)
    assert "Wholly expired" in html
    assert "<small class=\"muted\">Decision</small>" in client.get("/documents/").get_data(as_text=True)


def test_admin_deletes_a_mistaken_document_and_citations_fall_back_to_numbers(client, session, users, chain):
    from tests.conftest import login

    old, new = chain
    login(client, "officer1")
    assert client.post(f"/documents/{new.id}/delete", data={"reason": "nhầm"}).status_code == 403
    client.post("/logout")
    login(client, "admin1")
    resp = client.post(f"/documents/{new.id}/delete", data={"reason": ""})
    assert resp.status_code == 302 and session.get(Document, new.id) is not None
    resp = client.post(f"/documents/{new.id}/delete", data={"reason": "Đăng ký nhầm"})
    assert resp.status_code == 302
    session.expire_all()
    assert session.get(Document, new.id) is None
    session.refresh(old)
    assert old.status == v.Status.IN_FORCE  # nothing replaces it any more
    from registry.accounts.models import AuditEntry

    entry = session.scalar(
        select(AuditEntry).where(
            AuditEntry.entity_type == "documents",
            AuditEntry.entity_id == new.id,
            AuditEntry.action == "delete",
        )
    )
    assert entry.before["number"] == "14/2019/QĐ-UBND" and "Đăng ký nhầm" in entry.before["note"]


def test_a_citation_of_a_deleted_document_is_kept_by_number(session, agencies):
    ubnd = agencies["UBND-TNH"]
    basis = make_document(
        session, "2/2012/QĐ-UBND", agency=ubnd, issued_on=date(2012, 1, 1), effective_on=date(2012, 1, 11)
    )
    src = make_document(
        session, "3/2013/QĐ-UBND", agency=ubnd, issued_on=date(2013, 1, 1), effective_on=date(2013, 1, 11)
    )
    rel = services.add_relation(session, src, v.RelationKind.BASIS, target=basis)
    services.delete_document(session, basis, reason="nhầm")
    session.expire_all()
    rel = session.get(Relation, rel.id)
    assert rel.target_id is None and rel.target_number == "2/2012/QĐ-UBND"


def test_admin_manages_agencies_and_fields(admin_client, session):
    from registry.documents.models import Agency, Field

    resp = admin_client.post(
        "/documents/agencies",
        data={"code": "so-tp-tnh", "name": "Sở Tư pháp tỉnh Tây Ninh", "abbrev": "STP", "level": "province"},
    )
    assert resp.status_code == 302
    agency = session.scalar(select(Agency).where(Agency.code == "SO-TP-TNH"))
    assert agency.name == "Sở Tư pháp tỉnh Tây Ninh"
    resp = admin_client.post(
        "/documents/agencies", data={"code": "SO-TP-TNH", "name": "Khác", "abbrev": "X", "level": "province"}
    )
    assert resp.status_code == 422 and "đã dùng" in resp.get_data(as_text=True)
    assert (
        admin_client.post("/documents/fields", data={"code": "tu-phap", "name": "Tư pháp"}).status_code == 422
    )
    assert (
        admin_client.post(
            "/documents/fields", data={"code": "ho-chieu", "name": "Xuất nhập cảnh"}
        ).status_code
        == 302
    )
    assert session.scalar(select(Field).where(Field.code == "ho-chieu")).name == "Xuất nhập cảnh"


def test_staff_cannot_manage_reference_tables(staff_client):
    assert staff_client.get("/documents/agencies").status_code == 403
