"""Files in, text out: PDF (pdfminer.six, OCR for scans), DOCX, HTML and plain text.

The only module of the application that imports pdfminer. Every failure a user can cause with a bad
upload raises an `IngestError` subclass whose message is bilingual (Vietnamese / English).
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from registry.ingest.legacy import convert_legacy, detect_legacy

__all__ = [
    "IngestError",
    "CorruptFile",
    "EncryptedFile",
    "EmptyDocument",
    "UnsupportedFormat",
    "FileTooLarge",
    "ZipBomb",
    "ExtractedText",
    "read_file",
    "sha256_of",
    "ocr_available",
    "MAX_BYTES",
]

MAX_BYTES = 50 * 2**20
MAX_UNZIPPED = 200 * 2**20  # a DOCX never needs more than this once inflated
MAX_RATIO = 200  # inflated / compressed size of one member
MIN_CHARS_PER_PAGE = 25  # below this a PDF page is taken as an image (scan)


class IngestError(Exception):
    """A file that cannot be read; str(err) is a bilingual message fit to show the uploader."""

    vi = "Không đọc được tệp"
    en = "The file cannot be read"

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(f"{self.vi} / {self.en}" + (f": {detail}" if detail else ""))


class CorruptFile(IngestError):
    vi = "Tệp bị hỏng hoặc không đầy đủ"
    en = "The file is corrupt or truncated"


class EncryptedFile(IngestError):
    vi = "Tệp được bảo vệ bằng mật khẩu"
    en = "The file is password-protected"


class EmptyDocument(IngestError):
    vi = "Tệp không có trang hoặc nội dung nào"
    en = "The file has no pages or no content"


class UnsupportedFormat(IngestError):
    vi = "Định dạng tệp không được hỗ trợ"
    en = "Unsupported file format"


class FileTooLarge(IngestError):
    vi = "Tệp vượt quá dung lượng cho phép"
    en = "The file exceeds the size limit"


class ZipBomb(IngestError):
    vi = "Tệp nén có kích thước giải nén bất thường"
    en = "The archive inflates to an abnormal size (zip bomb)"


@dataclass
class ExtractedText:
    """Text of one file and what is known about how it was obtained."""

    text: str
    pages: int
    sha256: str
    media_type: str
    filename: str
    metadata: dict[str, str] = field(default_factory=dict)
    method: str = "text"  # "pdfminer" | "ocr" | "docx" | "html" | "text"
    needs_ocr: bool = False
    legacy_encoding: str | None = None  # "tcvn3" | "vni" when converted from one


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of the original bytes (the content address of the file)."""
    return hashlib.sha256(data).hexdigest()


def ocr_available() -> bool:
    """True when tesseract with the Vietnamese model and pdftoppm are installed."""
    if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
        return False
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return "vie" in (out.stdout + out.stderr).split()


def read_file(
    path_or_bytes: str | Path | bytes,
    *,
    filename: str,
    max_bytes: int = MAX_BYTES,
    ocr: bool = True,
) -> ExtractedText:
    """Extract the text of a PDF, DOCX, HTML or plain-text file (NFC). Raises an IngestError subclass."""
    if isinstance(path_or_bytes, bytes | bytearray):
        data = bytes(path_or_bytes)
        if len(data) > max_bytes:
            raise FileTooLarge(f"{len(data)} > {max_bytes} bytes")
    else:
        p = Path(path_or_bytes)
        size = p.stat().st_size
        if size > max_bytes:
            raise FileTooLarge(f"{size} > {max_bytes} bytes")
        data = p.read_bytes()
    if not data:
        raise EmptyDocument("0 bytes")
    digest = sha256_of(data)
    ext = Path(filename).suffix.lower()
    head = data[:1024]
    if b"%PDF-" in head:
        return _read_pdf(data, digest, filename, ocr=ocr)
    if ext == ".pdf":
        raise UnsupportedFormat("không phải PDF dù có đuôi .pdf / not a PDF despite the .pdf extension")
    if data[:4] == b"PK\x03\x04" or ext == ".docx":
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise EncryptedFile("DOCX mã hóa hoặc tệp .doc cũ / encrypted DOCX or legacy .doc container")
        if data[:4] != b"PK\x03\x04":
            raise UnsupportedFormat(
                "không phải DOCX dù có đuôi .docx / not a DOCX despite the .docx extension"
            )
        return _read_docx(data, digest, filename)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnsupportedFormat("tệp .doc (Word 97-2003) chưa được hỗ trợ / legacy .doc is not supported")
    text, legacy = _decode_text(data)
    if ext in {".html", ".htm", ".xhtml"} or re.match(
        r"\s*<(?:!doctype\s+html|html|body|div|p)\b", text[:200], re.I
    ):
        return _finish(_html_to_text(text), 1, digest, "text/html", filename, {}, "html", legacy)
    if ext not in {".txt", ".text", ".md", ""} and "\x00" in text:
        raise UnsupportedFormat(f"'{ext}'")
    return _finish(text, 1, digest, "text/plain", filename, {}, "text", legacy)


def _finish(
    text: str,
    pages: int,
    digest: str,
    media: str,
    filename: str,
    meta: dict[str, str],
    method: str,
    legacy: str | None = None,
    needs_ocr: bool = False,
) -> ExtractedText:
    text = unicodedata.normalize("NFC", text)
    if legacy is None:
        legacy = detect_legacy(text)
        if legacy:
            text = convert_legacy(text, legacy)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return ExtractedText(text, pages, digest, media, filename, meta, method, needs_ocr, legacy)


def _decode_text(data: bytes) -> tuple[str, str | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    legacy = detect_legacy(text)
    if legacy:
        return convert_legacy(text, legacy), legacy
    return data.decode("latin-1"), None


# --------------------------------------------------------------------------- PDF


def _pdf_string(v: object) -> str:
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    if isinstance(v, bytes):
        if v.startswith((b"\xfe\xff", b"\xff\xfe")):
            return v.decode("utf-16", errors="replace")
        return decode_text(v)
    if isinstance(v, PSLiteral):
        return str(v.name)
    return str(v)


def _read_pdf(data: bytes, digest: str, filename: str, *, ocr: bool) -> ExtractedText:
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.pdftypes import resolve1

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if b"%%EOF" not in data[-2048:]:
        raise CorruptFile("PDF bị cắt cụt (thiếu %%EOF) / truncated PDF (no %%EOF marker)")
    try:
        parser = PDFParser(io.BytesIO(data))
        doc = PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFile(type(exc).__name__) from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptFile(str(exc) or type(exc).__name__) from exc
    except Exception as exc:  # pdfminer raises bare Exception subclasses on broken xref tables
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise EncryptedFile(str(exc)) from exc
        raise CorruptFile(str(exc) or type(exc).__name__) from exc
    meta: dict[str, str] = {}
    try:
        for info in doc.info:
            for k, v in info.items():
                meta[str(k)] = _pdf_string(resolve1(v)).strip()
    except Exception:  # metadata is a courtesy: a broken Info dict must not block the text
        meta = {}
    rsrc = PDFResourceManager(caching=True)
    out = io.StringIO()
    # 1.0 (default 0.5) keeps the wrapped lines of a paragraph in one box at the 1.3–1.5 line spacing of
    # official documents, so paragraphs stay separated by blank lines and lines within them are not
    laparams = LAParams(line_margin=1.0)
    pages = 0
    page_texts: list[str] = []
    try:
        device = TextConverter(rsrc, out, laparams=laparams)
        interp = PDFPageInterpreter(rsrc, device)
        for page in PDFPage.create_pages(doc):
            pages += 1
            start = out.tell()
            interp.process_page(page)
            page_texts.append(out.getvalue()[start:])
        device.close()
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFile(type(exc).__name__) from exc
    except Exception as exc:
        raise CorruptFile(str(exc) or type(exc).__name__) from exc
    if pages == 0:
        raise EmptyDocument("PDF không có trang nào / the PDF has zero pages")
    text = "\n\n".join(t.replace("\x0c", "").rstrip() for t in page_texts)
    visible = len(re.sub(r"\s", "", text))
    if visible < MIN_CHARS_PER_PAGE * pages:
        if ocr and ocr_available():
            return _finish(_ocr_pdf(data, pages), pages, digest, "application/pdf", filename, meta, "ocr")
        return _finish(text, pages, digest, "application/pdf", filename, meta, "pdfminer", needs_ocr=True)
    return _finish(text, pages, digest, "application/pdf", filename, meta, "pdfminer")


def _ocr_pdf(data: bytes, pages: int) -> str:
    """Rasterise with pdftoppm (300 dpi, grey) and read each page with tesseract -l vie."""
    with tempfile.TemporaryDirectory(prefix="hieuluc-ocr-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "300", "-gray", "-png", str(src), str(Path(tmp) / "p")],
            check=True,
            capture_output=True,
            timeout=60 + 30 * pages,
        )
        texts = []
        for img in sorted(Path(tmp).glob("p-*.png")):
            res = subprocess.run(
                ["tesseract", str(img), "stdout", "-l", "vie", "--psm", "4"],
                check=True,
                capture_output=True,
                timeout=120,
            )
            texts.append(res.stdout.decode("utf-8", errors="replace"))
    return "\n\n".join(texts)


# --------------------------------------------------------------------------- DOCX


def _read_docx(data: bytes, digest: str, filename: str) -> ExtractedText:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise CorruptFile(str(exc)) from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > 2**20 and ratio > MAX_RATIO:
            raise ZipBomb(f"{info.filename}: {info.file_size} bytes from {info.compress_size} (×{ratio:.0f})")
    if total > MAX_UNZIPPED:
        raise ZipBomb(f"{total} bytes once inflated > {MAX_UNZIPPED}")
    names = {i.filename for i in infos}
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise EncryptedFile("DOCX")
    if "word/document.xml" not in names:
        raise UnsupportedFormat("tệp zip không phải DOCX / a zip archive that is not a DOCX")
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        parts: list[str] = []
        for child in document.element.body.iterchildren():
            if child.tag == qn("w:p"):
                parts.append(Paragraph(child, document).text)
            elif child.tag == qn("w:tbl"):
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = "\n".join(p.text for p in cell.paragraphs).strip()
                        if t and (not cells or cells[-1] != t):  # merged cells repeat
                            cells.append(t)
                    parts.append(" | ".join(cells))
        props = document.core_properties
        meta = {
            k: str(v)
            for k, v in {
                "Title": props.title,
                "Author": props.author,
                "Created": props.created,
                "Modified": props.modified,
            }.items()
            if v
        }
    except zipfile.BadZipFile as exc:
        raise CorruptFile(str(exc)) from exc
    except (KeyError, ValueError) as exc:
        raise CorruptFile(str(exc)) from exc
    except Exception as exc:  # lxml raises XMLSyntaxError on a damaged document.xml
        raise CorruptFile(type(exc).__name__) from exc
    text = "\n".join(parts)
    if not text.strip():
        raise EmptyDocument("DOCX")
    return _finish(
        text,
        1,
        digest,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename,
        meta,
        "docx",
    )


# --------------------------------------------------------------------------- HTML

_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "pre",
}


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "head"}:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            if self.cell:
                self.parts.append(" | ")
            self.cell = True

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"}:
            self.skip = max(0, self.skip - 1)
        elif tag == "tr":
            self.cell = False
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def _html_to_text(markup: str) -> str:
    p = _HTMLText()
    p.feed(markup)
    p.close()
    text = html.unescape("".join(p.parts))
    lines = [ln.strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
