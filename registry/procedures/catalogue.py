"""Import and export of the procedure catalogue: CSV, XLSX and JSON (format in docs/PROCEDURES_FORMAT.md).

Flat files (CSV, XLSX) have one *starting row* per procedure (its ``name`` filled) followed by
*continuation rows* with the same ``code`` and an empty ``name``; row k of a procedure carries its k-th
channel, dossier item and legal basis. JSON has one object per procedure with arrays ``channels``,
``dossier`` and ``bases``. Import is idempotent by procedure code: a procedure whose record is unchanged is
left alone, a changed one is updated (its rows replaced), a new one created. Nothing is written when any
line has a problem; a dry run reports what would happen and writes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.documents.models import Agency, Field
from registry.documents.numbers import canonical_number
from registry.errors import DomainError
from registry.procedures import services
from registry.procedures.models import (
    CHANNEL_LABELS,
    LEVEL_LABELS,
    ONLINE_LABELS,
    STATUS_LABELS,
    AnnouncementItem,
    ChannelKind,
    OnlineLevel,
    Procedure,
    ProcedureLevel,
    ProcedureStatus,
)
from registry.procedures.text import fold, valid_code

FORMAT_NAME = "hieuluc-procedures"
FORMAT_VERSION = 1

MAIN_COLUMNS = [
    "code",
    "name",
    "level",
    "procedure_type",
    "field",
    "agency",
    "competent_agency",
    "authorized_agency",
    "coordinating_agency",
    "steps",
    "applicants",
    "submission_address",
    "result",
    "requirements",
    "fee_note",
    "time_limit",
    "online_level",
    "status",
    "active_since",
    "repealed_on",
    "public",
    "review_cycle_months",
    "last_reviewed_on",
]
EXPORT_ONLY = ["announced_by", "health", "health_reason"]
CHANNEL_COLUMNS = [
    "channel",
    "channel_time_limit",
    "channel_time_limit_days",
    "channel_fee",
    "channel_description",
]
DOSSIER_COLUMNS = [
    "dossier_name",
    "dossier_form",
    "dossier_copies_original",
    "dossier_copies_copy",
    "dossier_note",
]
BASIS_COLUMNS = ["basis_number", "basis_title", "basis_issued_on", "basis_provisions"]
COLUMNS = MAIN_COLUMNS + EXPORT_ONLY + CHANNEL_COLUMNS + DOSSIER_COLUMNS + BASIS_COLUMNS

TEXT_FIELDS = (
    "procedure_type",
    "competent_agency",
    "authorized_agency",
    "coordinating_agency",
    "steps",
    "applicants",
    "submission_address",
    "result",
    "requirements",
    "fee_note",
    "time_limit",
)


@dataclass
class LineProblem:
    line: int  # CSV/XLSX: line of the file (header = 1); JSON: position of the procedure (1-based)
    code: str
    message: str
    message_en: str


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self, lang: str = "vi") -> str:
        if lang == "en":
            head = "Dry run: " if self.dry_run else ""
            return (
                f"{head}{len(self.created)} to create, {len(self.updated)} to update, "
                f"{len(self.unchanged)} unchanged, {len(self.problems)} problems"
            )
        head = "Chạy thử: " if self.dry_run else ""
        return (
            f"{head}{len(self.created)} thủ tục mới, {len(self.updated)} cập nhật, "
            f"{len(self.unchanged)} không đổi, {len(self.problems)} lỗi"
        )


# --------------------------------------------------------------------------------------------- export


def _d(day: date | None) -> str:
    return day.isoformat() if day else ""


def to_record(proc: Procedure, announced_by: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON form of a procedure (the shape import reads back)."""
    return {
        "code": proc.code,
        "name": proc.name,
        "level": proc.level.value,
        "procedure_type": proc.procedure_type,
        "field": proc.field.code if proc.field else "",
        "agency": proc.agency.code if proc.agency else "",
        "competent_agency": proc.competent_agency,
        "authorized_agency": proc.authorized_agency,
        "coordinating_agency": proc.coordinating_agency,
        "steps": proc.steps,
        "applicants": proc.applicants,
        "submission_address": proc.submission_address,
        "result": proc.result,
        "requirements": proc.requirements,
        "fee_note": proc.fee_note,
        "time_limit": proc.time_limit,
        "online_level": proc.online_level.value,
        "status": proc.status.value,
        "active_since": _d(proc.active_since),
        "repealed_on": _d(proc.repealed_on),
        "public": bool(proc.public),
        "review_cycle_months": proc.review_cycle_months,
        "last_reviewed_on": _d(proc.last_reviewed_on),
        "announced_by": list(announced_by),
        "health": proc.health.value,
        "health_reason": proc.health_reason,
        "channels": [
            {
                "channel": c.channel.value,
                "time_limit": c.time_limit,
                "time_limit_days": c.time_limit_days,
                "fee": c.fee,
                "description": c.description,
            }
            for c in proc.channels
        ],
        "dossier": [
            {
                "name": d.name,
                "form_name": d.form_name,
                "copies_original": d.copies_original,
                "copies_copy": d.copies_copy,
                "note": d.note,
            }
            for d in proc.dossier
        ],
        "bases": [
            {
                "number": b.document.number if b.document else b.number,
                "title": b.title,
                "issued_on": _d(b.document.issued_on if b.document else b.issued_on),
                "provisions": b.provisions,
            }
            for b in proc.bases
        ],
    }


def announced_by(session: Session, ids: Iterable[int]) -> dict[int, list[str]]:
    """Numbers of the decisions that announced each procedure, oldest first."""
    from registry.documents.models import Document
    from registry.procedures.models import Announcement

    out: dict[int, list[str]] = {}
    rows = session.execute(
        select(AnnouncementItem.procedure_id, Document.number)
        .join(Announcement, Announcement.id == AnnouncementItem.announcement_id)
        .join(Document, Document.id == Announcement.document_id)
        .where(AnnouncementItem.procedure_id.in_(list(ids)), Document.public.is_(True))
        .order_by(Document.issued_on, Announcement.id)
    )
    for pid, number in rows:
        if pid is not None:
            out.setdefault(pid, []).append(number)
    return out


def export_records(session: Session, procs: Sequence[Procedure]) -> list[dict[str, Any]]:
    by = announced_by(session, [p.id for p in procs])
    return [to_record(p, by.get(p.id, ())) for p in procs]


def flat_rows(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The CSV/XLSX rows of these records: a starting row and continuation rows per procedure."""
    rows: list[dict[str, Any]] = []
    for rec in records:
        n = max(len(rec["channels"]), len(rec["dossier"]), len(rec["bases"]), 1)
        for k in range(n):
            row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
            row["code"] = rec["code"]
            if k == 0:
                for col in MAIN_COLUMNS:
                    value = rec[col]
                    row[col] = (
                        ("1" if value else "0") if col == "public" else ("" if value is None else value)
                    )
                row["announced_by"] = "; ".join(rec["announced_by"])
                row["health"] = rec["health"]
                row["health_reason"] = rec["health_reason"]
            if k < len(rec["channels"]):
                c = rec["channels"][k]
                row.update(
                    channel=c["channel"],
                    channel_time_limit=c["time_limit"],
                    channel_time_limit_days="" if c["time_limit_days"] is None else c["time_limit_days"],
                    channel_fee=c["fee"],
                    channel_description=c["description"],
                )
            if k < len(rec["dossier"]):
                d = rec["dossier"][k]
                row.update(
                    dossier_name=d["name"],
                    dossier_form=d["form_name"],
                    dossier_copies_original=d["copies_original"],
                    dossier_copies_copy=d["copies_copy"],
                    dossier_note=d["note"],
                )
            if k < len(rec["bases"]):
                b = rec["bases"][k]
                row.update(
                    basis_number=b["number"],
                    basis_title=b["title"],
                    basis_issued_on=b["issued_on"],
                    basis_provisions=b["provisions"],
                )
            rows.append(row)
    return rows


def write_csv(records: Iterable[dict[str, Any]]) -> str:
    """CSV text (UTF-8 with BOM when written to a file, so spreadsheet programs read Vietnamese)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat_rows(records))
    return buf.getvalue()


def write_xlsx(records: Iterable[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "procedures"
    ws.append(COLUMNS)
    for row in flat_rows(records):
        ws.append([row[c] for c in COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_json(records: Iterable[dict[str, Any]]) -> str:
    return json.dumps(
        {"format": FORMAT_NAME, "version": FORMAT_VERSION, "procedures": list(records)},
        ensure_ascii=False,
        indent=1,
    )


def export(session: Session, procs: Sequence[Procedure], fmt: str) -> bytes:
    """The catalogue in ``fmt`` (csv | xlsx | json) as bytes. Raises ValueError for another format."""
    records = export_records(session, procs)
    if fmt == "csv":
        return ("\ufeff" + write_csv(records)).encode("utf-8")
    if fmt == "xlsx":
        return write_xlsx(records)
    if fmt == "json":
        return write_json(records).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


# --------------------------------------------------------------------------------------------- reading


def detect_format(filename: str) -> str:
    name = (filename or "").lower()
    for ext in ("csv", "xlsx", "json"):
        if name.endswith("." + ext):
            return ext
    return "csv"


def _read_flat(data: bytes, fmt: str) -> list[tuple[int, dict[str, str]]]:
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(it, ())]
        out = []
        for n, values in enumerate(it, start=2):
            row = {h: _cell(v) for h, v in zip(header, values, strict=False) if h}
            if any(row.values()):
                out.append((n, row))
        wb.close()
        return out
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    out = []
    for row in reader:
        clean = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        if any(clean.values()):
            out.append((reader.line_num, clean))
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _group_flat(
    rows: list[tuple[int, dict[str, str]]], report: ImportReport
) -> list[tuple[int, dict[str, Any]]]:
    """Starting and continuation rows → one JSON-shaped record per procedure (with its first line)."""
    records: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    current: dict[str, Any] | None = None
    for line, row in rows:
        code = row.get("code", "").strip()
        if row.get("name", "").strip():
            if code in seen:
                report.problems.append(
                    LineProblem(
                        line,
                        code,
                        f"Mã {code} trùng với dòng {seen[code]} trong tệp.",
                        f"Code {code} duplicates line {seen[code]} of the file.",
                    )
                )
                current = None
                continue
            seen[code] = line
            current = {k: row.get(k, "") for k in MAIN_COLUMNS}
            current.update(channels=[], dossier=[], bases=[], _lines={})
            records.append((line, current))
        elif current is None or code != current["code"]:
            report.problems.append(
                LineProblem(
                    line,
                    code,
                    f"Dòng tiếp theo của mã {code or '(trống)'} không đứng ngay sau dòng đầu của thủ tục đó "
                    "(hoặc thiếu tên thủ tục).",
                    f"Continuation row for code {code or '(empty)'} does not follow that procedure's first row "
                    "(or the name is missing).",
                )
            )
            continue
        if current is None:
            continue
        if row.get("channel") or row.get("channel_time_limit"):
            current["channels"].append(
                {
                    "channel": row.get("channel", ""),
                    "time_limit": row.get("channel_time_limit", ""),
                    "time_limit_days": row.get("channel_time_limit_days", ""),
                    "fee": row.get("channel_fee", ""),
                    "description": row.get("channel_description", ""),
                    "_line": line,
                }
            )
        if row.get("dossier_name"):
            current["dossier"].append(
                {
                    "name": row.get("dossier_name", ""),
                    "form_name": row.get("dossier_form", ""),
                    "copies_original": row.get("dossier_copies_original", ""),
                    "copies_copy": row.get("dossier_copies_copy", ""),
                    "note": row.get("dossier_note", ""),
                    "_line": line,
                }
            )
        if row.get("basis_number") or row.get("basis_title"):
            current["bases"].append(
                {
                    "number": row.get("basis_number", ""),
                    "title": row.get("basis_title", ""),
                    "issued_on": row.get("basis_issued_on", ""),
                    "provisions": row.get("basis_provisions", ""),
                    "_line": line,
                }
            )
    return records


def _read_json(data: bytes, report: ImportReport) -> list[tuple[int, dict[str, Any]]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        report.problems.append(
            LineProblem(0, "", f"Tệp JSON không hợp lệ: {err}", f"Invalid JSON file: {err}")
        )
        return []
    items = doc.get("procedures") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        report.problems.append(
            LineProblem(
                0, "", "Tệp JSON phải có mảng “procedures”.", "The JSON file needs a “procedures” array."
            )
        )
        return []
    out: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            report.problems.append(
                LineProblem(n, "", "Mục không phải là một đối tượng.", "Item is not an object.")
            )
            continue
        code = str(item.get("code") or "").strip()
        if code in seen:
            report.problems.append(
                LineProblem(
                    n,
                    code,
                    f"Mã {code} trùng với mục {seen[code]} trong tệp.",
                    f"Code {code} duplicates item {seen[code]} of the file.",
                )
            )
            continue
        seen[code] = n
        rec = {k: item.get(k, "") for k in MAIN_COLUMNS}
        rec["code"] = code
        for key in ("channels", "dossier", "bases"):
            rec[key] = [dict(x, _line=n) for x in (item.get(key) or []) if isinstance(x, dict)]
        out.append((n, rec))
    return out


# --------------------------------------------------------------------------------------------- validation


def _parse_date(raw: Any) -> date | None:
    """ISO yyyy-mm-dd or dd/mm/yyyy; '' → None. Raises ValueError for an impossible date."""
    if raw in (None, ""):
        return None
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _enum(enum_cls: Any, labels: dict[Any, tuple[str, str]], raw: Any, default: Any) -> Any:
    text = str(raw or "").strip()
    if not text:
        return default
    try:
        return enum_cls(text.lower())
    except ValueError:
        pass
    key = fold(text)
    for member, (vi, en) in labels.items():
        if key in (fold(vi), fold(en)):
            return member
    raise ValueError(text)


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    return str(raw).strip().lower() not in {"0", "false", "no", "không", "khong", "n"}


def _int(raw: Any) -> int | None:
    if raw in (None, ""):
        return None
    return int(str(raw).strip())


class _Lookup:
    def __init__(self, session: Session):
        self.fields = list(session.scalars(select(Field)))
        self.agencies = list(session.scalars(select(Agency)))

    def field(self, raw: str) -> Field | None:
        key = fold(raw)
        return next((f for f in self.fields if key in (fold(f.code), fold(f.name))), None)

    def agency(self, raw: str) -> Agency | None:
        key = fold(raw)
        return next((a for a in self.agencies if key in (fold(a.code), fold(a.name))), None)


def _validate(
    line: int, rec: dict[str, Any], lookup: _Lookup, report: ImportReport
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]] | None:
    code = str(rec.get("code") or "").strip()
    problems: list[LineProblem] = []

    def bad(at: int, vi: str, en: str) -> None:
        problems.append(LineProblem(at, code, vi, en))

    if not valid_code(code):
        bad(line, f"Mã thủ tục “{code}” không hợp lệ.", f"Invalid procedure code “{code}”.")
    name = str(rec.get("name") or "").strip()
    if not name:
        bad(line, "Thiếu tên thủ tục.", "The procedure's name is missing.")
    data: dict[str, Any] = {"code": code, "name": name}
    for col, enum_cls, labels, default, vi, en in (
        ("level", ProcedureLevel, LEVEL_LABELS, ProcedureLevel.PROVINCE, "Cấp thực hiện", "level"),
        ("online_level", OnlineLevel, ONLINE_LABELS, OnlineLevel.NONE, "Mức trực tuyến", "online level"),
        ("status", ProcedureStatus, STATUS_LABELS, ProcedureStatus.ACTIVE, "Trạng thái", "status"),
    ):
        try:
            data[col] = _enum(enum_cls, labels, rec.get(col), default)
        except ValueError:
            bad(line, f"{vi} “{rec.get(col)}” không hợp lệ.", f"Invalid {en} “{rec.get(col)}”.")
    raw_field = str(rec.get("field") or "").strip()
    data["field_id"] = None
    if raw_field:
        fl = lookup.field(raw_field)
        if fl is None:
            bad(line, f"Không có lĩnh vực “{raw_field}”.", f"Unknown field “{raw_field}”.")
        else:
            data["field_id"] = fl.id
    raw_agency = str(rec.get("agency") or "").strip()
    data["agency_id"] = None
    if raw_agency:
        ag = lookup.agency(raw_agency)
        if ag is None:
            bad(line, f"Không có cơ quan “{raw_agency}”.", f"Unknown agency “{raw_agency}”.")
        else:
            data["agency_id"] = ag.id
    for col in ("active_since", "repealed_on", "last_reviewed_on"):
        try:
            data[col] = _parse_date(rec.get(col))
        except ValueError:
            bad(
                line,
                f"Ngày không hợp lệ ở cột {col}: “{rec.get(col)}”.",
                f"Impossible date in {col}: “{rec.get(col)}”.",
            )
    try:
        data["review_cycle_months"] = _int(rec.get("review_cycle_months"))
    except ValueError:
        bad(line, "Chu kỳ rà soát phải là số tháng.", "The review cycle must be a number of months.")
    data["public"] = _bool(rec.get("public", True)) if rec.get("public", "") != "" else True
    for col in TEXT_FIELDS:
        data[col] = str(rec.get(col) or "").strip()
    channels = []
    for c in rec.get("channels", []):
        at = c.get("_line", line)
        try:
            kind = _enum(ChannelKind, CHANNEL_LABELS, c.get("channel"), None)
        except ValueError:
            bad(at, f"Cách thức “{c.get('channel')}” không hợp lệ.", f"Invalid channel “{c.get('channel')}”.")
            continue
        if kind is None:
            bad(at, "Thiếu cách thức thực hiện.", "The channel is missing.")
            continue
        try:
            days = _int(c.get("time_limit_days"))
        except ValueError:
            bad(at, "Số ngày phải là số.", "The number of days must be a number.")
            days = None
        channels.append(
            {
                "channel": kind.value,
                "time_limit": str(c.get("time_limit") or "").strip(),
                "time_limit_days": days,
                "fee": str(c.get("fee") or "").strip(),
                "description": str(c.get("description") or "").strip(),
            }
        )
    dossier = []
    for d in rec.get("dossier", []):
        at = d.get("_line", line)
        try:
            orig, copy = _int(d.get("copies_original")) or 0, _int(d.get("copies_copy")) or 0
        except ValueError:
            bad(at, "Số bản phải là số.", "Numbers of copies must be numbers.")
            orig = copy = 0
        dossier.append(
            {
                "name": str(d.get("name") or "").strip(),
                "form_name": str(d.get("form_name") or "").strip(),
                "copies_original": orig,
                "copies_copy": copy,
                "note": str(d.get("note") or "").strip(),
            }
        )
    bases = []
    for b in rec.get("bases", []):
        at = b.get("_line", line)
        try:
            issued = _parse_date(b.get("issued_on"))
        except ValueError:
            bad(
                at,
                f"Ngày ban hành của căn cứ không hợp lệ: “{b.get('issued_on')}”.",
                f"Impossible basis date “{b.get('issued_on')}”.",
            )
            issued = None
        bases.append(
            {
                "number": canonical_number(str(b.get("number") or "")),
                "title": str(b.get("title") or "").strip(),
                "issued_on": issued,
                "provisions": str(b.get("provisions") or "").strip(),
            }
        )
    if problems:
        report.problems.extend(problems)
        return None
    return data, channels, dossier, bases


def _comparable(
    data: dict[str, Any], channels: list[Any], dossier: list[Any], bases: list[Any], *, announced: bool
) -> Any:
    main = {k: (v.value if hasattr(v, "value") else v) for k, v in data.items()}
    if announced:
        for k in services.MANUAL_STATUS:
            main.pop(k, None)
    return (
        main,
        channels,
        dossier,
        [
            {**b, "issued_on": b["issued_on"].isoformat() if b["issued_on"] else "", "title": b["title"]}
            for b in bases
        ],
    )


def _existing_comparable(proc: Procedure, *, announced: bool) -> Any:
    rec = to_record(proc)
    data = {
        "code": rec["code"],
        "name": rec["name"],
        "level": rec["level"],
        "online_level": rec["online_level"],
        "status": rec["status"],
        "field_id": proc.field_id,
        "agency_id": proc.agency_id,
        "active_since": proc.active_since,
        "repealed_on": proc.repealed_on,
        "last_reviewed_on": proc.last_reviewed_on,
        "review_cycle_months": proc.review_cycle_months,
        "public": bool(proc.public),
        **{col: rec[col] for col in TEXT_FIELDS},
    }
    return _comparable(
        data,
        rec["channels"],
        rec["dossier"],
        [{**b, "issued_on": _parse_date(b["issued_on"])} for b in rec["bases"]],
        announced=announced,
    )


def import_catalogue(
    session: Session,
    data: bytes,
    fmt: str,
    *,
    dry_run: bool = False,
    actor_id: int | None = None,
    today: date | None = None,
) -> ImportReport:
    """Import a catalogue file. All-or-nothing: with any problem (or in a dry run) nothing is written.

    Flushes when it writes; never commits. Base titles left empty take the registered document's summary.
    """
    today = today or date.today()
    report = ImportReport(dry_run=dry_run)
    fmt = fmt.lower()
    if fmt == "json":
        records = _read_json(data, report)
    elif fmt in ("csv", "xlsx"):
        try:
            records = _group_flat(_read_flat(data, fmt), report)
        except (UnicodeDecodeError, csv.Error, KeyError, ValueError, OSError) as err:
            report.problems.append(
                LineProblem(0, "", f"Không đọc được tệp: {err}", f"Cannot read the file: {err}")
            )
            return report
    else:
        report.problems.append(
            LineProblem(0, "", f"Định dạng “{fmt}” không được hỗ trợ.", f"Unsupported format “{fmt}”.")
        )
        return report
    lookup = _Lookup(session)
    plan: list[tuple[int, tuple[dict[str, Any], list[Any], list[Any], list[Any]]]] = []
    for line, rec in records:
        checked = _validate(line, rec, lookup, report)
        if checked is not None:
            plan.append((line, checked))
    if report.problems:
        report.problems.sort(key=lambda p: p.line)
        return report
    for line, (data_, channels, dossier, bases) in plan:
        existing = services.get_by_code(session, data_["code"])
        if existing is None:
            report.created.append(data_["code"])
            if not dry_run:
                try:
                    services.create_procedure(
                        session,
                        data_,
                        channels=channels,
                        dossier=dossier,
                        bases=bases,
                        actor_id=actor_id,
                        today=today,
                    )
                except DomainError as err:
                    report.problems.append(LineProblem(line, data_["code"], err.message, err.message_en))
            continue
        announced = services._announced(session, existing.id)
        incoming = _comparable(data_, channels, dossier, bases, announced=announced)
        # titles of resolved bases come from the registry: compare them only when the file gives one
        current = _existing_comparable(existing, announced=announced)
        for b_in, b_cur in zip(incoming[3], current[3], strict=False):
            if not b_in["title"]:
                b_cur["title"] = ""
        if incoming == current:
            report.unchanged.append(data_["code"])
            continue
        report.updated.append(data_["code"])
        if not dry_run:
            try:
                services.update_procedure(
                    session,
                    existing,
                    data_,
                    expected_version=None,
                    channels=channels,
                    dossier=dossier,
                    bases=bases,
                    today=today,
                )
            except DomainError as err:
                report.problems.append(LineProblem(line, data_["code"], err.message, err.message_en))
    return report
