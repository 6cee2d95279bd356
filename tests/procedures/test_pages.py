"""The procedures pages through the test client: catalogue, procedure page, forms, import, export."""

from __future__ import annotations

import io
import json
from datetime import date

from registry.procedures import services
from registry.procedures.models import Announcement, Health, Procedure, ProcedureStatus
from tests.factories import make_document
from tests.procedures.conftest import CODE_1, TODAY, make_procedure


def _khai_sinh(session, agencies, **kw):
    return make_procedure(
        session,
        "1.001193.000.00.00.H47",
        "Đăng ký khai sinh",
        data={"status": "active", "active_since": date(2020, 1, 1), **kw},
        channels=[
            {"channel": "direct", "time_limit": "Ngay trong ngày tiếp nhận hồ sơ", "fee": "Miễn lệ phí"},
            {"channel": "online", "time_limit": "Ngay trong ngày", "fee": "Miễn lệ phí"},
        ],
        dossier=[
            {"name": "Tờ khai đăng ký khai sinh", "form_name": "Mẫu TK khai sinh", "copies_original": 1}
        ],
        bases=[{"number": "60/2014/QH13", "provisions": "Điều 16"}],
    )


def test_catalogue_finds_text_typed_without_diacritics(client, session, agencies):
    _khai_sinh(session, agencies)
    make_procedure(session, "1.000894.000.00.00.H47", "Đăng ký kết hôn", data={"status": "active"})
    html = client.get("/procedures/?q=dang+ky+khai+sinh").get_data(as_text=True)
    assert "Đăng ký khai sinh" in html and "Đăng ký kết hôn" not in html
    assert client.get("/procedures/?q=1.001193").get_data(as_text=True).count("Đăng ký khai sinh") >= 1
    assert 'type="application/atom+xml"' in html


def test_catalogue_filters_by_level_field_agency_online(client, session, agencies):
    from registry.documents.models import Field

    hotich = session.query(Field).filter_by(code="ho-tich").one()
    _khai_sinh(session, agencies, field_id=hotich.id, agency_id=agencies["UBND-TNH"].id, online_level="full")
    make_procedure(
        session, "1.000894.000.00.00.H47", "Đăng ký kết hôn", data={"status": "active", "level": "province"}
    )
    assert "Đăng ký khai sinh" in client.get(f"/procedures/?field={hotich.id}").get_data(as_text=True)
    assert "Đăng ký kết hôn" not in client.get(f"/procedures/?field={hotich.id}").get_data(as_text=True)
    assert "Đăng ký khai sinh" not in client.get("/procedures/?level=province").get_data(as_text=True)
    assert "Đăng ký khai sinh" in client.get(
        f"/procedures/?agency={agencies['UBND-TNH'].id}&online=full"
    ).get_data(as_text=True)
    assert "Đăng ký khai sinh" not in client.get("/procedures/?online=partial").get_data(as_text=True)


def test_procedure_page_shows_rows_bases_and_history(client, session, announced):
    html = client.get(f"/procedures/{announced['p1'].id}").get_data(as_text=True)
    for text in (
        "Hỗ trợ chi phí nâng cao hiệu quả chăn nuôi",
        "Trực tiếp",
        "Bưu chính",
        "Trực tuyến",
        "106/2024/NĐ-CP",
        "Điều 8, Điều 14",
        "Còn hiệu lực",
        "3218/QĐ-UBND",
        "Mới ban hành",
        "In thủ tục",
        "Căn cứ còn hiệu lực",
    ):
        assert text in html, text
    assert (
        "Sửa" not in html.split('id="procedure"')[1].split("</article>")[0].split("actions no-print")[1][:300]
    )


def test_repealed_procedure_stays_reachable_and_says_so(client, session, announced, agencies):
    later = make_document(
        session,
        "77/QĐ-UBND",
        agency=agencies["CT-UBND-TNH"],
        issued_on=date(2025, 8, 3),
        normative=False,
        effective_on=date(2025, 8, 3),
    )
    services.register_announcement(
        session, later, [{"procedure_code": CODE_1, "action": "repealed"}], today=TODAY
    )
    html = client.get(f"/procedures/{announced['p1'].id}").get_data(as_text=True)
    assert "Thủ tục này không còn áp dụng" in html and "03/08/2025" in html and "77/QĐ-UBND" in html
    assert "Hỗ trợ chi phí" not in client.get("/procedures/").get_data(as_text=True)
    assert "Hỗ trợ chi phí" in client.get("/procedures/?status=repealed").get_data(as_text=True)


def test_drafts_and_internal_procedures_are_hidden_from_the_public(client, session, agencies, users):
    draft = make_procedure(session, name="Thủ tục nháp")
    assert draft.status is ProcedureStatus.DRAFT
    assert client.get(f"/procedures/{draft.id}").status_code == 404
    assert client.get(f"/api/v1/procedures/{draft.id}").status_code == 404
    from tests.conftest import login

    login(client, "staff1")
    assert client.get(f"/procedures/{draft.id}").status_code == 200


def test_officer_creates_and_edits_a_procedure_with_rows(officer_client, session, agencies):
    form = {
        "code": "1.001193.000.00.00.H47",
        "name": "Đăng ký khai sinh",
        "level": "commune",
        "online_level": "partial",
        "field_id": "",
        "agency_id": str(agencies["UBND-TNH"].id),
        "status": "draft",
        "public": "y",
        "channels-0-channel": "direct",
        "channels-0-time_limit": "Trong ngày",
        "channels-0-fee": "Miễn lệ phí",
        "channels-1-channel": "online",
        "channels-1-time_limit": "Trong ngày",
        "dossier-0-name": "Tờ khai",
        "dossier-0-copies_original": "1",
        "bases-0-number": "60/2014/QH13",
        "bases-0-provisions": "Điều 16",
    }
    resp = officer_client.post("/procedures/new", data=form)
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    proc = session.query(Procedure).filter_by(code=form["code"]).one()
    assert [c.channel.value for c in proc.channels] == ["direct", "online"]
    assert proc.bases[0].number == "60/2014/QH13"
    page = officer_client.get(f"/procedures/{proc.id}/edit").get_data(as_text=True)
    assert 'name="channels-1-channel"' in page and 'name="dossier-4-name"' in page
    stale = {**form, "version": str(proc.version), "name": "Đăng ký khai sinh (sửa)"}
    assert officer_client.post(f"/procedures/{proc.id}/edit", data=stale).status_code == 302
    assert officer_client.post(f"/procedures/{proc.id}/edit", data=stale).status_code == 409
    bad = officer_client.post("/procedures/new", data={**form, "code": "1.2"})
    assert bad.status_code == 422 and "không hợp lệ" in bad.get_data(as_text=True)


def test_forms_need_a_login(client, session):
    assert client.get("/procedures/new").status_code == 302
    assert client.get("/procedures/health").status_code == 302
    assert client.post("/procedures/import").status_code == 302


def test_forms_need_an_officer(staff_client, session):
    assert staff_client.get("/procedures/new").status_code == 403
    assert staff_client.get("/procedures/announcements/new").status_code == 403
    assert staff_client.get("/procedures/import").status_code == 403
    assert staff_client.get("/procedures/health").status_code == 200


def test_officer_registers_an_announcement_with_five_items_in_one_form(
    officer_client, session, basis_docs, agencies
):
    existing = make_procedure(session, "1.000001.000.00.00.H47", "Thủ tục cũ", data={"status": "active"})
    page = officer_client.get("/procedures/announcements/new").get_data(as_text=True)
    for i in range(5):
        assert f'name="items-{i}-procedure_code"' in page  # five empty rows without JavaScript
    data = {
        "document_number": "3218/QĐ-UBND",
        "default_level": "district",
        "default_field_id": "",
        "default_agency_id": str(agencies["UBND-TNH"].id),
    }
    rows = [
        (
            "1.013177.000.00.00.H47",
            "Hỗ trợ chi phí nâng cao hiệu quả chăn nuôi",
            "new",
            "Điều 8, Điều 14, Nghị định số 106/2024/NĐ-CP",
        ),
        (
            "1.013178.000.00.00.H47",
            "Phê duyệt kinh phí đào tạo",
            "new",
            "Điều 7, Nghị định số 106/2024/NĐ-CP",
        ),
        ("1.013179.000.00.00.H47", "Thủ tục thứ ba", "new", ""),
        ("1.000001.000.00.00.H47", "", "amended", ""),
        ("2.001004", "Chứng thực bản sao (bãi bỏ)", "repealed", ""),
    ]
    for i, (code, name, action, basis) in enumerate(rows):
        data |= {
            f"items-{i}-procedure_code": code,
            f"items-{i}-procedure_name": name,
            f"items-{i}-action": action,
            f"items-{i}-basis_text": basis,
            f"items-{i}-changes": "Thời hạn giải quyết" if action == "amended" else "",
            f"items-{i}-cause_number": "106/2024/NĐ-CP" if action == "amended" else "",
        }
    data |= {"items-5-procedure_code": "", "items-6-procedure_code": ""}
    resp = officer_client.post("/procedures/announcements/new", data=data)
    assert resp.status_code == 302, resp.get_data(as_text=True)[-3000:]
    ann = session.query(Announcement).one()
    assert [i.action.value for i in ann.items] == ["new", "new", "new", "amended", "repealed"]
    assert ann.items[3].procedure_id == existing.id and ann.items[3].cause_document_id == basis_docs["106"].id
    assert ann.items[4].procedure_id is None and ann.items[4].procedure_code == "2.001004"
    p = ann.items[0].procedure
    assert p.status is ProcedureStatus.ACTIVE and p.level.value == "district"
    assert p.bases[0].document_id == basis_docs["106"].id and p.bases[0].provisions == "Điều 8, Điều 14"
    assert p.health is Health.OK
    html = officer_client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Thủ tục thứ ba" in html and "Bãi bỏ" in html


def test_announcement_form_reports_row_errors_and_unknown_decision(officer_client, session, basis_docs):
    resp = officer_client.post(
        "/procedures/announcements/new",
        data={"document_number": "9999/QĐ-UBND", "items-0-procedure_code": CODE_1, "items-0-action": "new"},
    )
    assert resp.status_code == 422 and "hãy đăng ký quyết định trước" in resp.get_data(as_text=True)
    resp = officer_client.post(
        "/procedures/announcements/new",
        data={
            "document_number": "3218/QĐ-UBND",
            "items-0-procedure_code": "1.555555",
            "items-0-action": "amended",
        },
    )
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "Dòng 1" in html and "row-error" in html


def test_announcement_form_is_prefilled_from_the_decisions_appendix(officer_client, session, agencies):
    from pathlib import Path

    text = Path("/work/shared/corpus/qbh-3218-qd-ubnd-2024.txt")
    body = text.read_text(encoding="utf-8") if text.exists() else ""
    doc = make_document(
        session,
        "3218/QĐ-UBND",
        agency=agencies["CT-UBND-TNH"],
        issued_on=date(2024, 11, 18),
        normative=False,
        body_text=body,
    )
    html = officer_client.get(f"/procedures/announcements/new?document_id={doc.id}").get_data(as_text=True)
    if body:
        assert "Hỗ trợ chi phí nâng cao hiệu quả chăn nuôi" in html
        assert 'name="items-6-procedure_code"' in html  # 2 read + 5 empty


def test_import_page_dry_run_reports_lines(officer_client, session, agencies):
    csv_text = "code,name,level,field\n1.000001,Thủ tục A,commune,khong-co\n1.2,Thủ tục B,commune,\n"
    resp = officer_client.post(
        "/procedures/import",
        data={"file": (io.BytesIO(csv_text.encode()), "danh-muc.csv"), "dry_run": "y"},
        content_type="multipart/form-data",
    )
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "Không có lĩnh vực" in html and '<td class="num">3</td>' in html
    good = "code,name,level\n1.000001,Thủ tục A,commune\n"
    resp = officer_client.post(
        "/procedures/import",
        data={"file": (io.BytesIO(good.encode()), "danh-muc.csv")},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 200 and session.query(Procedure).filter_by(code="1.000001").count() == 1


def test_open_data_export_is_public_and_leaves_drafts_out(client, session, agencies):
    _khai_sinh(session, agencies)
    make_procedure(session, "1.000002", "Thủ tục nháp")
    resp = client.get("/procedures/export.json")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    codes = [p["code"] for p in json.loads(resp.get_data())["procedures"]]
    assert codes == ["1.001193.000.00.00.H47"]
    assert (
        client.get("/procedures/export.csv").get_data(as_text=True).lstrip("\ufeff").startswith("code,name")
    )
    assert client.get("/procedures/export.xlsx").status_code == 200
    assert client.get("/procedures/export.exe").status_code == 404


def test_health_page_lists_by_health_agency_and_field(staff_client, session, agencies):
    p = make_procedure(
        session,
        data={"status": "active", "agency_id": agencies["UBND-TNH"].id},
        bases=[{"number": "1/2099/NĐ-CP"}],
    )
    html = staff_client.get("/procedures/health").get_data(as_text=True)
    assert p.name in html and agencies["UBND-TNH"].name in html
    assert p.name in staff_client.get("/procedures/health?by=field&health=attention").get_data(as_text=True)
