"""CSV and XLSX files of the reports (openpyxl); plain rows in, bytes out."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    heading: str = ""  # a title line above the table


def _cell(value: Any) -> Any:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


def to_csv(sheets: Sequence[Sheet]) -> bytes:
    """One CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese correctly); sheets follow each other,
    each introduced by its title line."""
    buf = io.StringIO()
    w = csv.writer(buf)
    for i, sheet in enumerate(sheets):
        if len(sheets) > 1 or sheet.heading:
            if i:
                w.writerow([])
            w.writerow([sheet.heading or sheet.title])
        w.writerow(sheet.headers)
        for row in sheet.rows:
            w.writerow([_cell(c) for c in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook, one worksheet per sheet (title line, bold header row, dates dd/mm/yyyy)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(title=_safe_title(sheet.title))
        start = 1
        if sheet.heading:
            ws.cell(row=1, column=1, value=sheet.heading).font = Font(bold=True, size=12)
            start = 3
        for col, header in enumerate(sheet.headers, 1):
            c = ws.cell(row=start, column=col, value=header)
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        for r, row in enumerate(sheet.rows, start + 1):
            for col, value in enumerate(row, 1):
                c = ws.cell(row=r, column=col, value=value)
                if isinstance(value, date):
                    c.number_format = "DD/MM/YYYY"
                c.alignment = Alignment(wrap_text=True, vertical="top")
        for col, header in enumerate(sheet.headers, 1):
            width = max([len(str(header))] + [len(str(_cell(row[col - 1]))) for row in sheet.rows[:200]])
            ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, width + 2))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _safe_title(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:31] or "Sheet"
