"""`flask ingest PATH...`, `flask ingest extract --json` and `flask ingest sheet` through the CLI runner."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from registry.documents.models import Document, DocumentFile, ValidityEvent
from registry.documents.validity import EventKind, Status
from registry.ingest.models import IngestItem, ItemStatus
from tests.factories import make_document
from tests.ingest.conftest import fixture_text, make_docx, make_pdf

DECISION = "tni-14-2019-qd-ubnd.txt"


def _count(session, model, *where) -> int:  # type: ignore[no-untyped-def]
    q = select(func.count()).select_from(model)
    for w in where:
        q = q.where(w)
    return session.scalar(q)


@pytest.fixture
def runner(app):  # type: ignore[no-untyped-def]
    return app.test_cli_runner(mix_stderr=False) if _mixes() else app.test_cli_runner()


def _mixes() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


@pytest.fixture
def folder(tmp_path):  # type: ignore[no-untyped-def]
    root = tmp_path / "archive"
    (root / "2019").mkdir(parents=True)
    (root / "2013" / "sub").mkdir(parents=True)
    (root / "2019" / "qd-14-2019.pdf").write_bytes(make_pdf(fixture_text(DECISION)))
    (root / "2013" / "sub" / "qd-30-2013.txt").write_text(fixture_text(), encoding="utf-8")
    (root / "2013" / "notes.xyz").write_text("ignored: not a document type")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.pdf").write_bytes(b"hidden")
    return root


def test_folder_twice_imports_nothing_twice(runner, session, agencies, folder):
    first = runner.invoke(args=["ingest", str(folder)])
    assert first.exit_code == 0, first.output + str(first.stderr_bytes)
    assert "2 files" in first.output and "2 staged for confirmation" in first.output
    assert "0 failed" in first.output
    assert _count(session, IngestItem, IngestItem.status == ItemStatus.PENDING) == 2
    second = runner.invoke(args=["ingest", str(folder)])
    assert second.exit_code == 0
    assert "0 staged" in second.output and "2 already imported" in second.output
    assert _count(session, IngestItem) == 2 and _count(session, Document) == 0


def test_register_flag_registers_complete_records(runner, session, agencies, folder):
    old = make_document(
        session,
        "30/2013/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2013, 7, 9),
        effective_on=date(2013, 7, 19),
    )
    (folder / "2013" / "sub" / "qd-30-2013.txt").unlink()
    result = runner.invoke(args=["ingest", "--register", str(folder)])
    assert result.exit_code == 0, result.output
    assert "1 registered" in result.output
    new = session.scalar(select(Document).where(Document.number == "14/2019/QĐ-UBND"))
    assert new is not None and new.files and new.files[0].original_name == "qd-14-2019.pdf"
    session.expire_all()
    assert old.status == Status.EXPIRED
    again = runner.invoke(args=["ingest", "--register", str(folder)])
    assert again.exit_code == 0 and "0 registered" in again.output and "1 already imported" in again.output


def test_bad_files_make_the_exit_code_say_so(runner, session, agencies, folder):
    (folder / "2019" / "broken.pdf").write_bytes(b"<html>not a pdf</html>")
    (folder / "2019" / "locked.pdf").write_bytes(make_pdf("Số: 1/QĐ-UBND", encrypt="secret"))
    result = runner.invoke(args=["ingest", str(folder)])
    assert result.exit_code == 1
    assert "2 failed" in result.output
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert "broken.pdf" in err and "not a PDF" in err and "mật khẩu" in err
    assert _count(session, IngestItem, IngestItem.status == ItemStatus.PENDING) == 2
    assert _count(session, Document) == 0


def test_size_limit_on_the_cli(runner, session, tmp_path, app, monkeypatch):
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 3000 + b"\n%%EOF\n")
    result = runner.invoke(args=["ingest", "files", "--max-bytes", "1000", str(big)])
    assert result.exit_code == 1
    assert "size limit" in (result.stderr if hasattr(result, "stderr") else result.output)


def test_missing_path_is_a_usage_error(runner, session, tmp_path):
    result = runner.invoke(args=["ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_extract_json_registers_nothing(runner, session, tmp_path):
    path = tmp_path / "qd.pdf"
    path.write_bytes(make_pdf(fixture_text(DECISION)))
    result = runner.invoke(args=["ingest", "extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout if hasattr(result, "stdout") else result.output)
    assert data["file"]["pages"] == 1 and data["file"]["method"] == "pdfminer"
    rec = data["record"]
    assert rec["number"] == {"value": "14/2019/QĐ-UBND", "line": "Số: 14/2019/QĐ-UBND", "confidence": 1.0}
    assert rec["signer"]["value"] == "Trần Văn Chiến"
    assert [b["number"] for b in rec["bases"]] == [None, "63/2010/NĐ-CP", "61/2018/NĐ-CP"]
    assert _count(session, Document) == 0 and _count(session, IngestItem) == 0
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"hello")
    assert runner.invoke(args=["ingest", "extract", str(bad), "--json"]).exit_code == 2


# ------------------------------------------------------------------------------------------ sheets

SHEET = (
    "STT;Số ký hiệu;Loại văn bản;Cơ quan ban hành;Ngày ban hành;Ngày có hiệu lực;Ngày hết hiệu lực;"
    "Trích yếu;Người ký;Tình trạng hiệu lực;Lĩnh vực\n"
    "1;30/2013/QĐ-UBND;Quyết định;Ủy ban nhân dân tỉnh Tây Ninh;09/07/2013;19-7-2013;06/05/2019;"
    "Ban hành Quy chế tổ chức và hoạt động của Bộ phận một cửa;Nguyễn Thị Thu Thủy;Hết hiệu lực toàn bộ;Tư pháp\n"
    "2;05/2012/CT-UBND;Chỉ thị;UY BAN NHAN DAN TINH TAY NINH;ngày 12 tháng 3 năm 2012;22.3.2012;--;"
    "Về tăng cường cải cách hành chính;;Còn hiệu lực;\n"
    "3;63/2010/NĐ-CP;Nghị định;Chính phủ;2010-06-08;14/10/2010;Đang cập nhật;"
    "Về kiểm soát thủ tục hành chính;Nguyễn Tấn Dũng;Hết hiệu lực một phần;\n"
    "4;12/2020/QĐ-UBND;Quyết định;Ủy ban nhân dân tỉnh Không Có;01/02/2020;;;Về việc thử;;;\n"
    "5;13/2020/QĐ-UBND;Quyết định;Ủy ban nhân dân tỉnh Tây Ninh;31/02/2020;;;Ngày sai;;;\n"
    "6;;Quyết định;Ủy ban nhân dân tỉnh Tây Ninh;01/02/2020;;;Không có số;;;\n"
)


def test_sheet_dry_run_then_import_with_vietnamese_headers(runner, session, agencies, tmp_path):
    path = tmp_path / "so-dang-ky.csv"
    path.write_text(SHEET, encoding="utf-8-sig")
    files = tmp_path / "files"
    files.mkdir()
    (files / "30-2013-QD-UBND.pdf").write_bytes(make_pdf(fixture_text()))
    dry = runner.invoke(args=["ingest", "sheet", str(path), "--files", str(files), "--dry-run"])
    out = dry.stdout if hasattr(dry, "stdout") else dry.output
    assert dry.exit_code == 1  # some lines are rejected
    lines = {ln.split()[1]: ln for ln in out.splitlines() if ln.startswith("line")}
    assert "CREATE" in lines["2"] and "[30-2013-QD-UBND.pdf]" in lines["2"]
    assert "CREATE" in lines["3"] and "CREATE" in lines["4"]
    assert "REJECT" in lines["5"] and "không có trong danh mục" in lines["5"]
    assert "REJECT" in lines["6"] and "31/02/2020" in lines["6"]
    assert "REJECT" in lines["7"] and "no number" in lines["7"]
    assert "3 would be created" in out and "3 rejected" in out and "dry run" in out
    assert _count(session, Document) == 0 and _count(session, DocumentFile) == 0

    real = runner.invoke(args=["ingest", "sheet", str(path), "--files", str(files)])
    assert real.exit_code == 1, real.output
    assert "3 were created" in real.output, real.output + repr(real.exception)
    old = session.scalar(select(Document).where(Document.number == "30/2013/QĐ-UBND"))
    assert old.issued_on == date(2013, 7, 9) and old.effective_on == date(2013, 7, 19)
    assert old.status == Status.EXPIRED and [f.name for f in old.fields] == ["Tư pháp"]
    assert old.files and old.files[0].original_name == "30-2013-QD-UBND.pdf" and "Căn cứ" in old.body_text
    ev = session.scalar(select(ValidityEvent).where(ValidityEvent.document_id == old.id))
    assert ev.kind == EventKind.EXPIRED and ev.on == date(2019, 5, 6) and ev.origin == "ingest"
    directive = session.scalar(select(Document).where(Document.number == "05/2012/CT-UBND"))
    assert directive.doc_type == "CT" and directive.issued_on == date(2012, 3, 12)
    assert directive.effective_on == date(2012, 3, 22) and directive.expires_on is None
    decree = session.scalar(select(Document).where(Document.number == "63/2010/NĐ-CP"))
    assert decree.agency.code == "CP"
    assert _count(session, Document) == 3

    # the same sheet again: everything is already there
    again = runner.invoke(args=["ingest", "sheet", str(path), "--files", str(files)])
    out = again.stdout if hasattr(again, "stdout") else again.output
    assert "0 were created, 0 merged, 3 unchanged, 3 rejected" in out
    assert _count(session, Document) == 3 and _count(session, DocumentFile) == 1


def test_sheet_merges_into_a_registered_document(runner, session, agencies, tmp_path):
    make_document(
        session,
        "30/2013/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2013, 7, 9),
        effective_on=date(2013, 7, 19),
        summary="Quy chế một cửa",
    )
    path = tmp_path / "s.csv"
    path.write_text(
        '"Số, ký hiệu",Cơ quan ban hành,Ngày ban hành,Trích yếu,Người ký\n'
        "30/2013/QĐ-UBND,Ủy ban nhân dân tỉnh Tây Ninh,9/7/2013,Khác,Nguyễn Thị Thu Thủy\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["ingest", "sheet", str(path)])
    out = result.stdout if hasattr(result, "stdout") else result.output
    assert result.exit_code == 0, out
    assert "MERGE" in out and "signer" in out and "giữ “Quy chế một cửa”" in out
    doc = session.scalar(select(Document).where(Document.number == "30/2013/QĐ-UBND"))
    assert doc.signer == "Nguyễn Thị Thu Thủy" and doc.summary == "Quy chế một cửa"


def test_sheet_page_xlsx_with_excel_dates_and_files(officer_client, session, agencies):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Danh mục văn bản"])  # a title line above the header
    ws.append(
        [
            "STT",
            "SỐ KÝ HIỆU",
            "Loại văn bản",
            "Cơ quan ban hành",
            "Ngày ban hành",
            "Ngày có hiệu lực",
            "Trích yếu",
            "Tệp",
        ]
    )
    ws.append(
        [
            1,
            "14/2019/QĐ-UBND",
            "QĐ",
            "UBND tỉnh Tây Ninh",
            datetime(2019, 4, 26),
            datetime(2019, 5, 6),
            "Ban hành Quy chế một cửa liên thông",
            "quyet-dinh.docx",
        ]
    )
    ws.append(
        [
            2,
            "15/2019/QĐ-UBND",
            "Quyết định",
            "Ủy ban nhân dân tỉnh Tây Ninh",
            "26/4/2019",
            None,
            "Thử",
            "khong-co.pdf",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    docx = make_docx(["Số: 14/2019/QĐ-UBND", "QUYẾT ĐỊNH", "Ban hành Quy chế"])

    def post(action: str):  # type: ignore[no-untyped-def]
        return officer_client.post(
            "/ingest/sheet",
            data={
                "action": action,
                "sheet": (io.BytesIO(buf.getvalue()), "danh-muc.xlsx"),
                "files": [(io.BytesIO(docx), "quyet-dinh.docx")],
            },
            content_type="multipart/form-data",
        )

    dry = post("dry_run").get_data(as_text=True)
    assert 'data-action="create"' in dry and 'data-action="reject"' in dry
    assert "khong-co.pdf" in dry and "chưa ghi gì" in dry
    assert _count(session, Document) == 0
    done = post("import").get_data(as_text=True)
    assert "Kết quả nhập" in done
    doc = session.scalar(select(Document).where(Document.number == "14/2019/QĐ-UBND"))
    assert doc.agency.code == "UBND-TNH"  # "UBND tỉnh Tây Ninh" spelled out
    assert doc.issued_on == date(2019, 4, 26) and doc.effective_on == date(2019, 5, 6)
    assert doc.files[0].original_name == "quyet-dinh.docx"


def test_sheet_page_real_import(officer_client, session, agencies):
    resp = officer_client.post(
        "/ingest/sheet",
        data={"action": "import", "sheet": (io.BytesIO(SHEET.encode("utf-8")), "s.csv")},
        content_type="multipart/form-data",
    )
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Kết quả nhập" in html
    assert html.count('data-action="create"') == 3 and html.count('data-action="reject"') == 3
    assert _count(session, Document) == 3


def test_sheet_page_rejects_a_non_sheet(officer_client, session):
    resp = officer_client.post(
        "/ingest/sheet",
        data={"action": "dry_run", "sheet": (io.BytesIO(b"%PDF-1.4"), "x.pdf")},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 422 and "CSV" in resp.get_data(as_text=True)
