"""Reports on a small province with known events, number by number."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from registry.reports import queries
from registry.reports.services import publish_list
from registry.reviews import services
from registry.reviews.rules import ReviewSettings
from tests.reviews.province import CUTOVER, LAST_DAY, build_province


def _numbers(section):  # type: ignore[no-untyped-def]
    return [(e.number, e.on, e.reason, e.provisions) for e in section.entries]


def test_annual_list_four_lists_with_official_columns(session):  # type: ignore[no-untyped-def]
    p = build_province(session, "L")
    lst = queries.annual_list(session, year=2025, agency_id=p.agencies["UBND"].id, cutover=CUTOVER)
    assert _numbers(lst.lists["expired"]) == [
        ("01/2023/QĐ-UBND", date(2025, 3, 10), "Được thay thế bởi Quyết định số 02/2025/QĐ-UBND", ""),
        (
            "07/2024/QĐ-UBND",
            date(2025, 3, 10),
            "Hết hiệu lực cùng văn bản được quy định chi tiết 01/2023/QĐ-UBND",
            "",
        ),
        ("08/2024/QĐ-UBND", date(2025, 5, 20), "Hết thời hạn có hiệu lực đã được quy định trong văn bản", ""),
    ]
    assert _numbers(lst.lists["partly_expired"]) == [
        (
            "09/2024/QĐ-UBND",
            date(2025, 3, 20),
            "Bị bãi bỏ một phần bởi Quyết định số 03/2025/QĐ-UBND",
            "Điều 5",
        )
    ]
    assert _numbers(lst.lists["suspended"]) == [
        ("10/2024/QĐ-UBND", date(2025, 4, 5), "Bị đình chỉ thi hành bởi Quyết định số 04/2025/QĐ-UBND", "")
    ]
    assert lst.lists["partly_suspended"].entries == []
    assert lst.total == 5
    entry = lst.lists["expired"].entries[0]
    assert (entry.type_name, entry.issued_on, entry.summary) == (
        "Quyết định",
        date(2023, 1, 5),
        "Văn bản qd01_23 của tỉnh L",
    )
    hdnd = queries.annual_list(session, year=2025, agency_id=p.agencies["HDND"].id, cutover=CUTOVER)
    assert _numbers(hdnd.lists["expired"]) == [
        ("03/2024/NQ-HĐND", date(2025, 4, 15), "Bị bãi bỏ bởi Nghị quyết số 01/2025/NQ-HĐND", "")
    ]


def test_unpublished_rows_of_earlier_years_come_back_until_published(session):  # type: ignore[no-untyped-def]
    p = build_province(session, "B")
    ubnd = p.agencies["UBND"].id
    lst = queries.annual_list(session, year=2026, agency_id=ubnd, cutover=CUTOVER)
    assert [e.number for e in lst.lists["expired"].backlog] == [
        "01/2023/QĐ-UBND",
        "07/2024/QĐ-UBND",
        "08/2024/QĐ-UBND",
    ]
    assert lst.lists["expired"].entries == []
    pub = publish_list(
        session,
        year=2025,
        agency_id=ubnd,
        published_on=date(2026, 1, 25),
        reference="150/QĐ-UBND",
        cutover=CUTOVER,
    )
    assert len(pub.entries) == 5
    lst = queries.annual_list(session, year=2026, agency_id=ubnd, cutover=CUTOVER)
    assert lst.total == 0
    again = queries.annual_list(session, year=2025, agency_id=ubnd, cutover=CUTOVER)
    assert again.publication is not None and again.total == 5


def test_statistics_number_by_number_and_the_sentence(session):  # type: ignore[no-untyped-def]
    p = build_province(session, "N")
    st = queries.statistics(session, start=date(2025, 1, 1), end=LAST_DAY, agency_ids=p.agency_ids)
    assert st.issued_by_type == {"QĐ": 4, "NQ": 1}
    assert (st.expired, st.partly_expired, st.suspended, st.partly_suspended) == (4, 1, 1, 0)
    assert st.announcements == 1
    assert st.procedures_by_action == {"new": 1}
    assert st.sentence() == (
        "Từ ngày 01/01/2025 đến ngày 10/06/2025, HĐND và UBND tỉnh đã ban hành 4 quyết định và 1 nghị quyết "
        "quy phạm pháp luật; 4 văn bản quy phạm pháp luật hết hiệu lực toàn bộ và 2 văn bản ngưng hiệu lực hoặc "
        "hết hiệu lực một phần; Chủ tịch UBND tỉnh đã ban hành 1 quyết định công bố thủ tục hành chính, công bố "
        "1 thủ tục (1 thủ tục mới ban hành)."
    )
    early = queries.statistics(
        session, start=date(2024, 1, 1), end=date(2024, 12, 31), agency_ids=p.agency_ids
    )
    assert early.issued_by_type == {"QĐ": 7, "NQ": 1}
    assert early.announcements == 1 and early.expired == 0


def test_systematisation_as_of_a_cutoff(session):  # type: ignore[no-untyped-def]
    p = build_province(session, "C")
    services.run_daily(session, today=LAST_DAY, cutover=CUTOVER, settings=ReviewSettings())
    from sqlalchemy import select

    from registry.reviews.models import ReviewTask

    task = session.scalars(select(ReviewTask).where(ReviewTask.document_id == p.docs["qd05"].id)).one()
    services.close_task(
        session, task, outcome="repeal_proposed", note="Đề nghị bãi bỏ", actor_id=None, today=date(2025, 6, 1)
    )
    ubnd = p.agencies["UBND"].id
    s = queries.systematisation(session, cutoff=date(2024, 12, 31), agency_id=ubnd)
    assert len(s.lists["in_force"]) == 8 and [r.number for r in s.lists["expired"]] == []
    s = queries.systematisation(session, cutoff=LAST_DAY, agency_id=ubnd)
    assert [r.number for r in s.lists["expired"]] == ["01/2023/QĐ-UBND", "07/2024/QĐ-UBND", "08/2024/QĐ-UBND"]
    assert [r.number for r in s.lists["partly_expired"]] == ["09/2024/QĐ-UBND"]
    assert [r.number for r in s.lists["suspended"]] == ["10/2024/QĐ-UBND"]
    assert [r.number for r in s.lists["to_change"]] == ["05/2024/QĐ-UBND"]


def test_report_pages_and_files(app, session, staff_client):  # type: ignore[no-untyped-def]
    p = build_province(session, "F")
    services.run_daily(session, today=LAST_DAY, cutover=CUTOVER, settings=ReviewSettings())
    ubnd = p.agencies["UBND"].id
    assert staff_client.get("/reports/").status_code == 200
    html = staff_client.get(f"/reports/annual?year=2025&agency={ubnd}").get_data(as_text=True)
    assert "01/2023/QĐ-UBND" in html and 'data-list="partly_expired"' in html
    printed = staff_client.get(f"/reports/annual?year=2025&agency={ubnd}&format=print").get_data(as_text=True)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in printed and "Điều 5" in printed
    csv = staff_client.get(f"/reports/annual?year=2025&agency={ubnd}&format=csv")
    assert csv.mimetype == "text/csv" and csv.data.startswith("\ufeff".encode())
    text = csv.data.decode("utf-8-sig")
    assert "Lý do hết hiệu lực, ngưng hiệu lực" in text and "09/2024/QĐ-UBND ngày 02/05/2024" in text
    xlsx = staff_client.get(f"/reports/annual?year=2025&agency={ubnd}&format=xlsx")
    wb = load_workbook(io.BytesIO(xlsx.data))
    assert len(wb.sheetnames) == 4
    values = [c.value for row in wb[wb.sheetnames[0]].iter_rows() for c in row]
    assert "01/2023/QĐ-UBND ngày 05/01/2023" in values
    stats = staff_client.get("/reports/statistics?start=01/01/2025&end=10/06/2025").get_data(as_text=True)
    assert 'id="sentence"' in stats and "chart.umd.min.js" in stats and "chart-data" in stats
    wb = load_workbook(
        io.BytesIO(staff_client.get("/reports/statistics?start=2025-01-01&end=2025-06-10&format=xlsx").data)
    )
    assert wb.sheetnames == ["Số liệu", "Nhận định"]
    assert staff_client.get("/reports/statistics?format=print").status_code == 200
    sysp = staff_client.get(f"/reports/systematisation?cutoff=10/06/2025&agency={ubnd}")
    assert "09/2024/QĐ-UBND" in sysp.get_data(as_text=True)
    assert staff_client.get("/reports/systematisation?format=csv").status_code == 200
    dash = staff_client.get("/reports/dashboard").get_data(as_text=True)
    assert 'id="by-status"' in dash and 'id="reviews-by-agency"' in dash and 'id="by-health"' in dash
    for path in ("/static/vendor/chart.js/chart.umd.min.js", "/static/js/reports.js"):
        resp = staff_client.get(path)
        assert resp.status_code == 200
        resp.close()


def test_publish_needs_an_officer_and_anonymous_users_see_no_reports(app, session, client, users):  # type: ignore[no-untyped-def]
    assert client.get("/reports/").status_code == 302
    assert client.get("/reports/dashboard").status_code == 302
    from tests.conftest import login

    login(client, "staff1")
    assert (
        client.post(
            "/reports/annual/publish", data={"year": "2025", "published_on": "25/01/2026"}
        ).status_code
        == 403
    )
    client.post("/logout")
    login(client, "officer1")
    resp = client.post(
        "/reports/annual/publish", data={"year": "2025", "published_on": "25/01/2026", "reference": "1/QĐ"}
    )
    assert resp.status_code == 302
    html = client.get("/reports/annual?year=2025").get_data(as_text=True)
    assert 'id="published"' in html and "25/01/2026" in html
    resp = client.post(
        "/reports/annual/publish", data={"year": "2025", "published_on": "26/01/2026"}, follow_redirects=True
    )
    assert "đã được công bố" in resp.get_data(as_text=True)
