"""Import and export of the catalogue: round trips, idempotency by code, line-by-line dry-run problems."""

from __future__ import annotations

import json
from datetime import date

import pytest

from registry.procedures import catalogue
from registry.procedures.models import Procedure
from tests.procedures.conftest import TODAY, make_procedure

HEADER = ",".join(catalogue.COLUMNS)


def _csv(*rows: dict[str, str]) -> bytes:
    lines = [HEADER]
    for r in rows:
        lines.append(",".join(_q(r.get(c, "")) for c in catalogue.COLUMNS))
    return ("\n".join(lines) + "\n").encode()


def _q(value: str) -> str:
    return f'"{value}"' if ("," in value or '"' in value) else value


GOOD = [
    {
        "code": "1.001193.000.00.00.H47",
        "name": "Đăng ký khai sinh",
        "level": "commune",
        "field": "ho-tich",
        "agency": "UBND-TNH",
        "online_level": "partial",
        "status": "active",
        "active_since": "01/07/2020",
        "channel": "direct",
        "channel_time_limit": "Trong ngày",
        "channel_fee": "Miễn lệ phí",
        "dossier_name": "Tờ khai",
        "dossier_copies_original": "1",
        "basis_number": "60/2014/QH13",
        "basis_provisions": "Điều 16",
    },
    {
        "code": "1.001193.000.00.00.H47",
        "channel": "online",
        "channel_time_limit": "Trong ngày",
        "dossier_name": "Giấy chứng sinh",
        "dossier_copies_copy": "1",
    },
    {
        "code": "1.000894",
        "name": "Đăng ký kết hôn",
        "level": "Cấp xã",
        "field": "Hộ tịch",
        "online_level": "Trực tuyến toàn trình",
    },
]


def _import(session, data: bytes, fmt: str = "csv", dry_run: bool = False):
    return catalogue.import_catalogue(session, data, fmt, dry_run=dry_run, today=TODAY)


def test_import_creates_then_is_idempotent(session, agencies):
    report = _import(session, _csv(*GOOD))
    assert report.ok, report.problems
    assert sorted(report.created) == ["1.000894", "1.001193.000.00.00.H47"]
    p = session.query(Procedure).filter_by(code="1.001193.000.00.00.H47").one()
    assert [c.channel.value for c in p.channels] == ["direct", "online"]
    assert [d.name for d in p.dossier] == ["Tờ khai", "Giấy chứng sinh"]
    assert p.active_since == date(2020, 7, 1) and p.field.code == "ho-tich" and p.agency.code == "UBND-TNH"
    kh = session.query(Procedure).filter_by(code="1.000894").one()
    assert kh.level.value == "commune" and kh.online_level.value == "full"
    again = _import(session, _csv(*GOOD))
    assert again.ok and again.created == [] and again.updated == [] and len(again.unchanged) == 2
    changed = [dict(GOOD[0], name="Đăng ký khai sinh (sửa)"), GOOD[1], GOOD[2]]
    third = _import(session, _csv(*changed))
    assert third.updated == ["1.001193.000.00.00.H47"] and third.unchanged == ["1.000894"]
    assert session.query(Procedure).count() == 2


def test_dry_run_writes_nothing_and_reports_what_would_happen(session, agencies):
    report = _import(session, _csv(*GOOD), dry_run=True)
    assert report.ok and len(report.created) == 2 and report.dry_run
    assert session.query(Procedure).count() == 0


def test_problems_are_reported_line_by_line_and_nothing_is_written(session, agencies):
    rows = [
        GOOD[0],
        GOOD[1],
        {"code": "1.23", "name": "Mã sai"},  # line 4: bad code
        {"code": "1.000001", "name": "Lĩnh vực lạ", "field": "khong-co"},  # line 5: unknown field
        {"code": "1.000002", "name": "Ngày sai", "active_since": "31/02/2024"},  # line 6: impossible date
        {"code": "1.001193.000.00.00.H47", "name": "Trùng mã"},  # line 7: duplicate code
        {"code": "1.000003", "name": "Kênh sai", "channel": "fax"},  # line 8: bad channel
    ]
    report = _import(session, _csv(*rows), dry_run=True)
    lines = {p.line: p.message for p in report.problems}
    assert set(lines) == {4, 5, 6, 7, 8}
    assert "Mã thủ tục" in lines[4] and "lĩnh vực" in lines[5] and "31/02/2024" in lines[6]
    assert "trùng với dòng 2" in lines[7] and "fax" in lines[8]
    real = _import(session, _csv(*rows))
    assert not real.ok and session.query(Procedure).count() == 0


def test_continuation_row_must_follow_its_procedure(session, agencies):
    report = _import(session, _csv(GOOD[0], GOOD[2], GOOD[1]), dry_run=True)
    assert [p.line for p in report.problems] == [4]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_round_trip(session, agencies, announced, fmt):
    make_procedure(
        session,
        "1.001193.000.00.00.H47",
        "Đăng ký khai sinh",
        data={
            "status": "active",
            "field_id": None,
            "agency_id": agencies["UBND-TNH"].id,
            "steps": "Bước 1\nBước 2",
        },
        bases=[{"number": "60/2014/QH13", "provisions": "Điều 16", "issued_on": date(2014, 11, 20)}],
    )
    procs = list(session.query(Procedure).order_by(Procedure.code))
    before = [catalogue.to_record(p) for p in procs]
    data = catalogue.export(session, procs, fmt)
    report = _import(session, data, fmt, dry_run=True)
    assert report.ok, report.problems
    assert sorted(report.unchanged) == sorted(p.code for p in procs) and not report.updated
    # into an empty registry: the same records come back
    from registry.procedures.models import Announcement

    for obj in [*session.query(Announcement), *procs]:
        session.delete(obj)
    session.flush()
    session.expunge_all()
    assert _import(session, data, fmt).ok
    after = [catalogue.to_record(p) for p in session.query(Procedure).order_by(Procedure.code)]
    keep = ("code", "name", "level", "steps", "channels", "dossier", "agency")
    assert [{k: r[k] for k in keep} for r in after] == [{k: r[k] for k in keep} for r in before]
    assert [[b["number"] for b in r["bases"]] for r in after] == [
        [b["number"] for b in r["bases"]] for r in before
    ]


def test_json_export_announces_format_and_decisions(session, announced):
    body = json.loads(catalogue.export(session, [announced["p1"]], "json"))
    assert body["format"] == "hieuluc-procedures" and body["version"] == 1
    assert body["procedures"][0]["announced_by"] == ["3218/QĐ-UBND"]


def test_json_duplicate_and_bad_json(session, agencies):
    data = json.dumps(
        {"procedures": [{"code": "1.000001", "name": "A"}, {"code": "1.000001", "name": "B"}]}
    ).encode()
    report = _import(session, data, "json", dry_run=True)
    assert [p.line for p in report.problems] == [2]
    assert not _import(session, b"{nope", "json").ok


def test_cli_import_and_export(app, session, agencies, tmp_path):
    path = tmp_path / "danh-muc.csv"
    path.write_bytes(_csv(*GOOD))
    runner = app.test_cli_runner()
    res = runner.invoke(args=["procedures", "import", str(path), "--dry-run"])
    assert res.exit_code == 0 and "2 thủ tục mới" in res.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv({"code": "x", "name": "Sai"}))
    res = runner.invoke(args=["procedures", "import", str(bad)])
    assert res.exit_code == 1 and "bad.csv:2" in res.output
    out = tmp_path / "out.json"
    res = runner.invoke(args=["procedures", "export", "--format", "json", "--output", str(out), "--all"])
    assert res.exit_code == 0 and json.loads(out.read_text())["procedures"] == []
