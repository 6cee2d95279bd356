"""Reading files: formats, scans, legacy encodings and every kind of bad upload."""

from __future__ import annotations

import hashlib

import pytest

from registry.ingest import files
from registry.ingest.extract import extract_record
from registry.ingest.files import (
    CorruptFile,
    EmptyDocument,
    EncryptedFile,
    FileTooLarge,
    IngestError,
    UnsupportedFormat,
    ZipBomb,
    read_file,
    sha256_of,
)
from registry.ingest.legacy import TCVN3_TO_UNICODE, VNI_TO_UNICODE, convert_legacy, detect_legacy
from tests.ingest.conftest import ZERO_PAGE_PDF, fixture_text, make_docx, make_pdf, make_zip_bomb


def test_pdf_text_pages_metadata_and_hash(tni_pdf: bytes, tmp_path) -> None:
    path = tmp_path / "qd.pdf"
    path.write_bytes(tni_pdf)
    et = read_file(path, filename="qd.pdf")
    assert et.method == "pdfminer" and et.media_type == "application/pdf" and not et.needs_ocr
    assert et.pages == 1
    assert et.sha256 == hashlib.sha256(tni_pdf).hexdigest() == sha256_of(tni_pdf)
    assert et.metadata["Title"] == "Quyết định 30/2013/QĐ-UBND"
    assert "Số: 30/2013/QĐ-UBND" in et.text


def test_pdf_through_the_extractor(tni_pdf: bytes) -> None:
    rec = extract_record(read_file(tni_pdf, filename="qd.pdf").text)
    assert rec.value("number") == "30/2013/QĐ-UBND"
    assert rec.value("signer") == "Nguyễn Thị Thu Thủy"
    assert [e.number for e in rec.effects] == ["12/QĐ-UBND", "13/QĐ-UBND", "05/2012/CT-UBND"]


def test_docx_paragraphs_and_tables() -> None:
    data = make_docx(["Số: 3218/QĐ-UBND", "QUYẾT ĐỊNH"], table=[["Số TT", "Tên TTHC"], ["1", "Cấp phép"]])
    et = read_file(data, filename="qd.docx")
    assert et.method == "docx"
    assert et.text.split("\n") == ["Số: 3218/QĐ-UBND", "QUYẾT ĐỊNH", "Số TT | Tên TTHC", "1 | Cấp phép"]


def test_html_and_plain_text() -> None:
    html = "<html><head><style>p{}</style></head><body><p>Số: 12/QĐ-UBND</p><p>Quy&#7871;t định</p></body></html>"
    et = read_file(html.encode(), filename="a.html")
    assert et.method == "html" and et.text == "Số: 12/QĐ-UBND\n\nQuyết định"
    et = read_file("Số: 12/QĐ-UBND".encode("utf-8-sig"), filename="a.txt")
    assert et.method == "text" and et.text == "Số: 12/QĐ-UBND"


def _encode(text: str, table: dict[str, str]) -> str:
    inverse = sorted(((v, k) for k, v in table.items()), key=lambda kv: -len(kv[0]))
    out = []
    for ch in text:
        out.append(next((k for v, k in inverse if v == ch), ch))
    return "".join(out)


@pytest.mark.parametrize(("name", "table"), [("tcvn3", TCVN3_TO_UNICODE), ("vni", VNI_TO_UNICODE)])
def test_legacy_encodings_are_detected_and_converted(name: str, table: dict[str, str]) -> None:
    plain = "quyết định về việc ban hành quy chế tổ chức và hoạt động của bộ phận một cửa tỉnh tây ninh"
    legacy = _encode(plain, table)
    assert legacy != plain and detect_legacy(legacy) == name
    assert convert_legacy(legacy, name) == plain
    et = read_file(legacy.encode("cp1252"), filename="old.txt")
    assert et.legacy_encoding == name and et.text == plain


def test_unicode_text_is_not_taken_for_legacy() -> None:
    assert detect_legacy(fixture_text()) is None


def test_scan_without_ocr_is_marked_needs_ocr(scan_pdf: bytes) -> None:
    et = read_file(scan_pdf, filename="scan.pdf", ocr=False)
    assert et.needs_ocr and et.pages == 1 and et.text.strip() == ""


def test_scan_without_tesseract_is_marked_needs_ocr(scan_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "ocr_available", lambda: False)
    et = read_file(scan_pdf, filename="scan.pdf")
    assert et.needs_ocr and et.method == "pdfminer"


def test_scan_is_ocred_in_vietnamese(scan_pdf: bytes, require_ocr: None) -> None:
    et = read_file(scan_pdf, filename="scan.pdf")
    assert et.method == "ocr" and not et.needs_ocr
    rec = extract_record(et.text)
    assert rec.value("number") == "30/2013/QĐ-UBND"
    assert rec.value("issued_on") is not None and rec.value("issued_on").isoformat() == "2013-07-09"
    assert "Nghị định số 63/2010/NĐ-CP" in " ".join(et.text.split())


def test_corrupt_pdf(tni_pdf: bytes) -> None:
    broken = tni_pdf[:200] + b"\x00garbage\x00" * 50 + b"\n%%EOF\n"
    with pytest.raises(CorruptFile) as err:
        read_file(broken, filename="x.pdf")
    assert "bị hỏng" in str(err.value) and "corrupt" in str(err.value)


def test_truncated_pdf(tni_pdf: bytes) -> None:
    with pytest.raises(CorruptFile, match="truncated"):
        read_file(tni_pdf[: len(tni_pdf) // 2], filename="x.pdf")


def test_encrypted_pdf() -> None:
    with pytest.raises(EncryptedFile, match="mật khẩu"):
        read_file(make_pdf("Số: 1/QĐ-UBND", encrypt="secret"), filename="x.pdf")


def test_zero_page_pdf() -> None:
    with pytest.raises(EmptyDocument, match="zero pages"):
        read_file(ZERO_PAGE_PDF, filename="x.pdf")


def test_not_a_pdf_despite_the_extension() -> None:
    with pytest.raises(UnsupportedFormat, match="not a PDF"):
        read_file(b"<html>hello</html>", filename="x.pdf")


def test_over_the_size_limit(tmp_path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 2048)
    with pytest.raises(FileTooLarge):
        read_file(path, filename="big.pdf", max_bytes=1024)
    with pytest.raises(FileTooLarge):
        read_file(b"x" * 2048, filename="a.txt", max_bytes=1024)


def test_zip_bomb_is_refused_before_inflating() -> None:
    with pytest.raises(ZipBomb):
        read_file(make_zip_bomb(), filename="bomb.docx")


def test_corrupt_docx() -> None:
    with pytest.raises(CorruptFile):
        read_file(b"PK\x03\x04" + b"\x00" * 100, filename="x.docx")


def test_empty_file() -> None:
    with pytest.raises(EmptyDocument):
        read_file(b"", filename="x.pdf")


def test_every_error_is_an_ingest_error() -> None:
    for cls in (CorruptFile, EncryptedFile, EmptyDocument, UnsupportedFormat, FileTooLarge, ZipBomb):
        assert issubclass(cls, IngestError) and " / " in str(cls())
