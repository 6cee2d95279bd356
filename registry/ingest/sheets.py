"""Read a registry sheet (CSV or XLSX) into rows keyed by our column names (pure: bytes in, rows out).

Headers may be Vietnamese or English, with or without diacritics, in any case ("Số ký hiệu", "SO KY HIEU",
"number"); see docs/INGEST.md for the list. Values stay strings, except dates which are parsed here in any
form of DOMAIN §1.3 (Excel date cells included); an unparseable date is reported, never guessed.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from registry.ingest.citations import _UNKNOWN_DATES, parse_vn_date

__all__ = [
    "COLUMNS",
    "DATE_COLUMNS",
    "SheetError",
    "SheetRow",
    "read_sheet",
    "header_key",
    "parse_sheet_date",
]


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", str(s or "")).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]+", " ", s.casefold()).strip()


#: our column name -> accepted headers (compared without case, diacritics or punctuation)
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("Số ký hiệu", "Số, ký hiệu", "Số hiệu", "Số kí hiệu", "Số văn bản", "Ký hiệu", "Số", "number"),
    "doc_type": ("Loại văn bản", "Loại", "Hình thức văn bản", "type", "doc_type"),
    "agency": ("Cơ quan ban hành", "Cơ quan", "Đơn vị ban hành", "issuer", "agency"),
    "issued_on": ("Ngày ban hành", "Ngày ký", "Ngày thông qua", "issued_on", "issued"),
    "effective_on": ("Ngày có hiệu lực", "Ngày hiệu lực", "Hiệu lực từ ngày", "effective_on", "effective"),
    "expires_on": ("Ngày hết hiệu lực", "Hết hiệu lực từ ngày", "expires_on", "expired_on", "end_date"),
    "summary": ("Trích yếu", "Trích yếu nội dung", "Tên văn bản", "Tên gọi", "summary", "title"),
    "signer": ("Người ký", "signer"),
    "signer_title": ("Chức danh", "Chức vụ", "Chức danh người ký", "signer_title"),
    "signer_capacity": ("Thẩm quyền ký", "signer_capacity"),
    "status": ("Tình trạng hiệu lực", "Tình trạng", "Trạng thái", "Trạng thái hiệu lực", "status"),
    "reason": ("Lý do hết hiệu lực", "Lý do", "reason"),
    "place": ("Nơi ban hành", "place"),
    "fields": ("Lĩnh vực", "fields", "field"),
    "normative": ("Văn bản QPPL", "VBQPPL", "Là VBQPPL", "normative"),
    "file": ("Tệp", "Tệp đính kèm", "Tên tệp", "File", "filename"),
    "note": ("Ghi chú", "note"),
}
DATE_COLUMNS = ("issued_on", "effective_on", "expires_on")
_BY_HEADER = {_fold(h): key for key, heads in COLUMNS.items() for h in heads}


class SheetError(ValueError):
    """The sheet cannot be read at all (not CSV/XLSX, no recognisable header). Message is bilingual."""


@dataclass
class SheetRow:
    """One data line: `line` is its 1-based line in the sheet; `values` by our column names."""

    line: int
    values: dict[str, str]
    dates: dict[str, date | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def header_key(header: str) -> str | None:
    """Our column name for a sheet header, or None (ignored column: STT, …)."""
    return _BY_HEADER.get(_fold(header))


def parse_sheet_date(value: Any) -> tuple[date | None, bool]:
    """(date, ok): Excel dates, dd/mm/yyyy, d-m-yyyy, "ngày 9 tháng 7 năm 2013", ISO; unknown markers → (None, True)."""
    if value is None:
        return None, True
    if isinstance(value, datetime):
        return value.date(), True
    if isinstance(value, date):
        return value, True
    s = unicodedata.normalize("NFC", str(value)).strip()
    if s.lower().strip(" .") in _UNKNOWN_DATES:
        return None, True
    d = parse_vn_date(s)
    return d, d is not None


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime | date):
        return v.isoformat()[:10]
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return unicodedata.normalize("NFC", str(v)).strip()


def _rows_csv(data: bytes) -> list[list[Any]]:
    for enc in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = data.decode(enc)
            break
        except UnicodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost anything
        raise SheetError("Không đọc được bảng mã của tệp CSV / cannot decode the CSV file")
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _rows_xlsx(data: bytes) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetError(f"Tệp XLSX hỏng / corrupt XLSX file: {exc}") from exc
    try:
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def read_sheet(data: bytes, filename: str) -> list[SheetRow]:
    """Rows of a CSV or XLSX sheet. The header is the first line with a "number" column. Raises SheetError."""
    name = filename.lower()
    if data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        raw = _rows_xlsx(data)
    elif name.endswith((".csv", ".txt", ".tsv")) or not name.rsplit(".", 1)[-1:]:
        raw = _rows_csv(data)
    else:
        raise SheetError(f"Chỉ nhận CSV hoặc XLSX / only CSV or XLSX sheets are accepted: {filename}")
    header_at = None
    keys: list[str | None] = []
    for i, row in enumerate(raw[:30]):
        ks = [header_key(_cell(c)) for c in row]
        if "number" in ks:
            header_at, keys = i, ks
            break
    if header_at is None:
        raise SheetError(
            "Không thấy dòng tiêu đề có cột “Số ký hiệu” / no header row with a “Số ký hiệu” (number) column"
        )
    rows: list[SheetRow] = []
    for i, row in enumerate(raw[header_at + 1 :], start=header_at + 2):
        cells = list(row) + [None] * (len(keys) - len(row))
        if not any(_cell(c) for c in cells):
            continue
        sr = SheetRow(line=i, values={})
        for key, c in zip(keys, cells, strict=False):
            if key is None or key in sr.values and sr.values[key]:
                continue
            if key in DATE_COLUMNS:
                d, ok = parse_sheet_date(c)
                sr.dates[key] = d
                if not ok:
                    sr.errors.append(f"{key}: ngày “{_cell(c)}” không hợp lệ / invalid date")
            sr.values[key] = _cell(c)
        rows.append(sr)
    return rows
