"""Fixtures for the ingest tests: PDFs, DOCX, scans and bad files generated from tests/data/ingest texts."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def fixture_text(name: str = "tni-30-2013-qd-ubnd.txt") -> str:
    return (DATA / name).read_text(encoding="utf-8")


def make_pdf(text: str, *, title: str | None = None, encrypt: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=11)
    if title:
        pdf.set_title(title)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password=encrypt)
    pdf.add_page()
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    return bytes(pdf.output())


def make_scan(text: str) -> bytes:
    """An image-only PDF: the text drawn on a 200 dpi bitmap, no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1654, 1100), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    y = 60
    for line in text.split("\n"):
        draw.text((80, y), line, fill=0, font=font)
        y += 52
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210)
    return bytes(pdf.output())


def make_docx(lines: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (60 * 2**20))
    return buf.getvalue()


ZERO_PAGE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R/Size 3>>\n%%EOF\n"
)


@pytest.fixture(scope="session")
def tni_pdf() -> bytes:
    return make_pdf(fixture_text(), title="Quyết định 30/2013/QĐ-UBND")


@pytest.fixture(scope="session")
def scan_pdf() -> bytes:
    return make_scan(
        "ỦY BAN NHÂN DÂN TỈNH TÂY NINH\nSố: 30/2013/QĐ-UBND\nTây Ninh, ngày 09 tháng 7 năm 2013\n"
        "QUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ MỘT CỬA\nCăn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010;"
    )


@pytest.fixture
def require_ocr() -> None:
    """Skip OCR tests without tesseract+vie, except on CI (CI=true), where that is a failure."""
    from registry.ingest.files import ocr_available

    if not ocr_available():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("tesseract with the 'vie' model and pdftoppm are required on CI")
        pytest.skip("tesseract/vie or pdftoppm not installed")


__all__ = ["fixture_text", "make_pdf", "make_scan", "make_docx", "make_zip_bomb", "ZERO_PAGE_PDF", "shutil"]
