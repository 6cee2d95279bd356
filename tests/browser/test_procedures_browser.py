"""Procedures in Chromium: a citizen finds and prints a procedure on a phone; an officer registers an
announcement decision in one form, adding a row with the "add row" button."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import login_as


@pytest.fixture(scope="module")
def khai_sinh(live_app):  # type: ignore[no-untyped-def]
    from registry.documents.models import Agency, Field
    from registry.extensions import db
    from registry.procedures import services
    from tests.factories import make_document

    with live_app.app_context():
        s = db.session
        existing = services.get_by_code(s, "1.001193.000.00.00.H99")
        if existing is None:
            cp = s.query(Agency).filter_by(code="QH").one()
            ubnd = s.query(Agency).filter_by(code="UBND-TNH").one()
            law = make_document(
                s,
                "60/2014/QH13",
                agency=cp,
                doc_type="L",
                issued_on=date(2014, 11, 20),
                effective_on=date(2016, 1, 1),
                summary="Luật Hộ tịch",
            )
            existing = services.create_procedure(
                s,
                {
                    "code": "1.001193.000.00.00.H99",
                    "name": "Đăng ký khai sinh",
                    "level": "commune",
                    "field_id": s.query(Field).filter_by(code="ho-tich").one().id,
                    "agency_id": ubnd.id,
                    "online_level": "partial",
                    "status": "active",
                    "active_since": date(2020, 1, 1),
                    "steps": "Bước 1: Nộp hồ sơ tại Bộ phận một cửa.\nBước 2: Nhận kết quả.",
                    "applicants": "Cá nhân",
                    "result": "Giấy khai sinh",
                },
                channels=[
                    {
                        "channel": "direct",
                        "time_limit": "Ngay trong ngày tiếp nhận hồ sơ",
                        "fee": "Miễn lệ phí",
                    },
                    {"channel": "online", "time_limit": "Ngay trong ngày", "fee": "Miễn lệ phí"},
                    {"channel": "postal", "time_limit": "Ngay trong ngày", "fee": "Miễn lệ phí"},
                ],
                dossier=[
                    {
                        "name": "Tờ khai đăng ký khai sinh theo mẫu",
                        "form_name": "Mẫu TK-KS",
                        "copies_original": 1,
                    },
                    {"name": "Giấy chứng sinh", "copies_original": 1},
                ],
                bases=[{"document_id": law.id, "provisions": "Điều 16"}],
            )
            s.commit()
        return existing.id


def test_citizen_finds_and_prints_a_procedure_on_a_phone(phone_page, live_url, khai_sinh):  # type: ignore[no-untyped-def]
    page = phone_page
    page.goto(f"{live_url}/")
    page.click("nav.menu >> text=Thủ tục hành chính")  # click 1
    page.fill("#proc-q", "dang ky khai sinh")
    page.press("#proc-q", "Enter")
    page.wait_for_selector("#procedures a.proc-link")
    assert page.locator("#procedures a.proc-link").count() == 1
    page.click("#procedures a.proc-link")  # click 2
    page.wait_for_selector("article.procedure")
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh"
    assert page.locator("#channels tbody tr").count() == 3
    assert "Miễn lệ phí" in page.locator("#channels").inner_text()
    assert page.locator("#dossier tbody tr").count() == 2
    assert "60/2014/QH13" in page.locator("#bases").inner_text()
    assert page.locator("#health .badge").get_attribute("data-health") == "ok"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the procedure page overflows a phone screen: {width}px"
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator("article.procedure .actions").is_visible()
    assert page.locator("#dossier").is_visible()
    assert page.pdf()[:4] == b"%PDF"


def test_catalogue_fits_a_phone(phone_page, live_url, khai_sinh):  # type: ignore[no-untyped-def]
    phone_page.goto(f"{live_url}/procedures/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the catalogue overflows a phone screen: {width}px"
    feeds = phone_page.locator('link[rel=alternate][type="application/atom+xml"]')
    assert feeds.count() >= 3


def test_officer_registers_an_announcement_with_an_added_row(page, live_url, live_app):  # type: ignore[no-untyped-def]
    from registry.documents.models import Agency
    from registry.extensions import db
    from tests.factories import make_document

    with live_app.app_context():
        ct = db.session.query(Agency).filter_by(code="CT-UBND-TNH").one()
        make_document(
            db.session,
            "4321/QĐ-UBND",
            agency=ct,
            issued_on=date(2025, 3, 3),
            effective_on=date(2025, 3, 3),
            normative=False,
            summary="Công bố danh mục thủ tục hành chính mới ban hành",
        )
        db.session.commit()
    login_as(page, live_url, "officer1")
    page.goto(f"{live_url}/procedures/announcements/new")
    rows = page.locator("#item-rows tbody tr[data-row]")
    assert rows.count() == 5
    page.fill("input[name=document_number]", "4321/QĐ-UBND")
    page.select_option("select[name=default_level]", "commune")
    for i in range(5):
        page.fill(f"input[name=items-{i}-procedure_code]", f"1.0200{i:02d}.000.00.00.H99")
        page.fill(f"textarea[name=items-{i}-procedure_name]", f"Thủ tục thử số {i + 1}")
        page.fill(f"textarea[name=items-{i}-basis_text]", "Điều 5, Luật số 60/2014/QH13")
    page.click("[data-add-row=item-rows]")
    assert rows.count() == 6
    assert page.locator("input[name=items-5-procedure_code]").input_value() == ""
    page.fill("input[name=items-5-procedure_code]", "1.020099.000.00.00.H99")
    page.fill("textarea[name=items-5-procedure_name]", "Thủ tục thêm bằng nút")
    page.click("#announcement-form button[type=submit]")
    page.wait_for_selector("#items")
    assert page.locator("#items tbody tr").count() == 6
    assert "Thủ tục thêm bằng nút" in page.locator("#items").inner_text()
    assert page.locator("#items [data-health]").count() == 6
