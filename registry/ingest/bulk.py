"""Bulk import of an existing registry sheet: plan (what would be created, merged, rejected, and why), apply.

`plan_sheet` only reads; `apply_sheet` registers through registry.documents.services, each row inside a
savepoint (a row that fails is reported and leaves nothing behind), and flushes: the caller commits once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.documents import services as docs
from registry.documents import validity as v
from registry.documents.models import Agency, Document, Field
from registry.documents.numbers import canonical_number, number_key, parse_number
from registry.errors import DomainError
from registry.ingest.files import ExtractedText, IngestError, read_file
from registry.ingest.models import IngestItem, ItemStatus
from registry.ingest.services import (
    attach_file,
    fold,
    match_agency,
    registered_file,
    store_file,
    type_code_for,
)
from registry.ingest.sheets import SheetRow

__all__ = ["RowPlan", "SheetReport", "plan_sheet", "apply_sheet", "STATUS_WORDS", "file_index"]

#: status texts of a sheet (folded) -> Status
STATUS_WORDS: dict[str, v.Status] = {
    "con hieu luc": v.Status.IN_FORCE,
    "dang co hieu luc": v.Status.IN_FORCE,
    "het hieu luc toan bo": v.Status.EXPIRED,
    "het hieu luc": v.Status.EXPIRED,
    "het hieu luc mot phan": v.Status.PARTLY_EXPIRED,
    "ngung hieu luc": v.Status.SUSPENDED,
    "ngung hieu luc toan bo": v.Status.SUSPENDED,
    "ngung hieu luc mot phan": v.Status.PARTLY_SUSPENDED,
    "chua co hieu luc": v.Status.NOT_YET_EFFECTIVE,
    "khong con phu hop": v.Status.OBSOLETE,
    "chua xac dinh": v.Status.UNKNOWN,
    **{s.value.replace("_", " "): s for s in v.Status},
}
_EVENT_FOR = {
    v.Status.EXPIRED: v.EventKind.EXPIRED,
    v.Status.SUSPENDED: v.EventKind.SUSPENDED,
    v.Status.OBSOLETE: v.EventKind.OBSOLETE,
}
_YES = {"x", "co", "1", "true", "yes", "y", "qppl", "vbqppl"}
_MERGEABLE = (
    "summary",
    "effective_on",
    "expires_on",
    "signer",
    "signer_title",
    "signer_capacity",
    "place",
    "note",
)


@dataclass
class RowPlan:
    """What one line of the sheet would do. action: create | merge | unchanged | reject."""

    line: int
    number: str
    action: str
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    field_ids: list[int] = field(default_factory=list)
    existing_id: int | None = None
    fill: dict[str, Any] = field(default_factory=dict)  # merge: empty fields the sheet fills
    status: v.Status | None = None
    status_raw: str = ""
    event_on: date | None = None
    reason_text: str = ""
    file_name: str = ""
    file_text: ExtractedText | None = None
    file_data: bytes | None = None
    document_id: int | None = None  # after apply


@dataclass
class SheetReport:
    """The line-by-line outcome of a dry run or a real import."""

    rows: list[RowPlan]
    dry_run: bool

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in ("create", "merge", "unchanged", "reject")}


def _squash(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(s))


def file_index(files: Mapping[str, Path | bytes]) -> dict[str, str]:
    """Lookup keys of the offered files: the name, and the name squashed (30-2013-QD-UBND.pdf → 302013qdubnd)."""
    index: dict[str, str] = {}
    for name in files:
        base = Path(name).name
        index.setdefault(base.lower(), name)
        index.setdefault(_squash(Path(base).stem), name)
    return index


def _field_ids(session: Session, raw: str) -> tuple[list[int], list[str]]:
    if not raw.strip():
        return [], []
    by_name = {fold(f.name): f.id for f in session.scalars(select(Field))}
    ids, unknown = [], []
    for part in re.split(r"[;,\n]", raw):
        if not part.strip():
            continue
        fid = by_name.get(fold(part))
        if fid is None:
            unknown.append(part.strip())
        else:
            ids.append(fid)
    return ids, unknown


def plan_sheet(
    session: Session,
    rows: list[SheetRow],
    *,
    files: Mapping[str, Path | bytes] | None = None,
    max_bytes: int = 50 * 2**20,
) -> SheetReport:
    """Decide, line by line, what importing the sheet would do (reads the matched files). Reads only."""
    files = files or {}
    index = file_index(files)
    agencies = list(session.scalars(select(Agency)))
    seen: dict[tuple[str, int, int | None], int] = {}
    out: list[RowPlan] = []
    for row in rows:
        val = row.values
        number = canonical_number(val.get("number", ""))
        plan = RowPlan(line=row.line, number=number, action="create")
        plan.reasons.extend(row.errors)
        out.append(plan)
        if not number:
            plan.reasons.append("thiếu số, ký hiệu / no number")
        parts = parse_number(number) if number else None
        code = type_code_for(val.get("doc_type")) or (parts.type_code if parts else None)
        code = type_code_for(code) if code else None
        if code is None:
            plan.reasons.append(f"loại văn bản “{val.get('doc_type', '')}” không rõ / unknown type")
        agency = _agency(session, agencies, val.get("agency", ""))
        if agency is None:
            plan.reasons.append(
                f"cơ quan “{val.get('agency', '')}” không có trong danh mục / agency not in the reference list"
            )
        if not val.get("summary"):
            plan.reasons.append("thiếu trích yếu / no summary")
        issued = row.dates.get("issued_on")
        if issued is None and not row.errors:
            plan.warnings.append("không có ngày ban hành / no issue date")
        plan.status_raw = val.get("status", "")
        plan.status = STATUS_WORDS.get(fold(plan.status_raw)) if plan.status_raw else None
        if plan.status_raw and plan.status is None:
            plan.warnings.append(f"tình trạng “{plan.status_raw}” không rõ: bỏ qua / unknown status ignored")
        end = row.dates.get("expires_on")
        expires_on = end
        if plan.status in _EVENT_FOR:
            expires_on = None  # the end date is the day it lost effect: an event, not a stated term
            if end is None:
                plan.warnings.append(
                    "có tình trạng nhưng không có ngày: không ghi sự kiện / no date, no event"
                )
            else:
                plan.event_on = end
        elif plan.status in (v.Status.PARTLY_EXPIRED, v.Status.PARTLY_SUSPENDED):
            plan.warnings.append(
                "hết hiệu lực / ngưng hiệu lực một phần: hãy ghi điều khoản trên trang văn bản / "
                "partial status: record the provisions on the document page"
            )
        plan.reason_text = val.get("reason", "")
        fids, unknown = _field_ids(session, val.get("fields", ""))
        plan.field_ids = fids
        if unknown:
            plan.warnings.append("lĩnh vực không rõ / unknown fields: " + ", ".join(unknown))
        effective = row.dates.get("effective_on")
        normative_raw = fold(val.get("normative", ""))
        plan.data = {
            "number": number,
            "doc_type": code,
            "agency_id": agency.id if agency else None,
            "summary": val.get("summary", ""),
            "issued_on": issued,
            "effective_on": effective,
            "expires_on": expires_on,
            "signer": val.get("signer", ""),
            "signer_title": val.get("signer_title", ""),
            "signer_capacity": val.get("signer_capacity", ""),
            "place": val.get("place", ""),
            "note": val.get("note", ""),
            "normative": (normative_raw in _YES)
            if normative_raw
            else bool(parts and parts.year and code in ("QĐ", "NQ", "CT")),
        }
        # the file, by the file column or by the number
        fname = None
        if val.get("file"):
            fname = index.get(Path(val["file"]).name.lower()) or index.get(_squash(Path(val["file"]).stem))
            if fname is None:
                plan.reasons.append(f"không thấy tệp “{val['file']}” / file not found")
        elif number:
            fname = index.get(_squash(number))
        if fname is not None:
            plan.file_name = Path(fname).name
            src = files[fname]
            try:
                data = src if isinstance(src, bytes) else Path(src).read_bytes()
                plan.file_text = read_file(data, filename=plan.file_name, max_bytes=max_bytes)
                plan.file_data = data
            except IngestError as err:
                plan.reasons.append(f"tệp {plan.file_name}: {err}")
            except OSError as err:
                plan.reasons.append(f"tệp {plan.file_name}: {err}")
        if plan.reasons:
            plan.action = "reject"
            continue
        assert agency is not None
        year = issued.year if issued else (parts.year if parts else None)
        key = (number_key(number), agency.id, year)
        if key in seen:
            plan.action = "reject"
            plan.reasons.append(f"trùng với dòng {seen[key]} / same document as line {seen[key]}")
            continue
        seen[key] = row.line
        existing = docs.find_duplicate(session, number, agency.id, year)
        if existing is not None:
            _plan_merge(session, plan, existing)
            continue
        problems = docs.check_document(session, plan.data)
        errors = [p for p in problems if p.level == "error"]
        if errors:
            plan.action = "reject"
            plan.reasons.extend(f"{p.message} / {p.message_en}" for p in errors)
            continue
        plan.warnings.extend(f"{p.message} / {p.message_en}" for p in problems if p.level == "warning")
        if plan.file_text is not None:
            known = registered_file(session, plan.file_text.sha256)
            if known is not None:
                plan.warnings.append(
                    f"tệp đã thuộc văn bản {known.document.number}: không đính kèm lại / file already registered"
                )
                plan.file_text = None
    return SheetReport(out, dry_run=True)


def _agency(session: Session, agencies: list[Agency], raw: str) -> Agency | None:
    if not raw.strip():
        return None
    return match_agency(session, raw)


def _plan_merge(session: Session, plan: RowPlan, existing: Document) -> None:
    plan.existing_id = existing.id
    for name in _MERGEABLE:
        new = plan.data.get(name)
        old = getattr(existing, name)
        if new in (None, ""):
            continue
        if old in (None, ""):
            plan.fill[name] = new
        elif old != new:
            plan.warnings.append(f"{name}: giữ “{old}”, bảng ghi “{new}” / kept the registered value")
    if plan.file_text is not None:
        if any(f.sha256 == plan.file_text.sha256 for f in existing.files) or registered_file(
            session, plan.file_text.sha256
        ):
            plan.file_text = None
    has_event = False
    if plan.status in _EVENT_FOR and plan.event_on is not None:
        kind = _EVENT_FOR[plan.status]
        has_event = session.scalar(
            select(v_event_exists(existing.id, kind, plan.event_on))  # type: ignore[arg-type]
        )
        if has_event:
            plan.event_on = None
    new_fields = [f for f in plan.field_ids if f not in {x.id for x in existing.fields}]
    plan.field_ids = new_fields
    if plan.fill or plan.file_text is not None or plan.event_on is not None or new_fields:
        plan.action = "merge"
        what = [*plan.fill, *(["tệp"] if plan.file_text else []), *(["sự kiện"] if plan.event_on else [])]
        what += ["lĩnh vực"] if new_fields else []
        plan.warnings.insert(0, f"đã có văn bản #{existing.id}; bổ sung / fills in: {', '.join(what)}")
    else:
        plan.action = "unchanged"
        plan.warnings.insert(0, f"đã có văn bản #{existing.id}, không có gì mới / already registered")


def v_event_exists(doc_id: int, kind: v.EventKind, on: date) -> Any:
    """A boolean SQL expression: the document already has this (non-voided) event."""
    from sqlalchemy import exists

    from registry.documents.models import ValidityEvent

    return exists().where(
        ValidityEvent.document_id == doc_id,
        ValidityEvent.kind == kind,
        ValidityEvent.on == on,
        ValidityEvent.voided_at.is_(None),
    )


def apply_sheet(
    session: Session,
    report: SheetReport,
    *,
    files_dir: str | Path,
    actor_id: int | None = None,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> SheetReport:
    """Carry out a planned import: create and merge rows (each in a savepoint). Flushes; caller commits."""
    for plan in report.rows:
        if plan.action not in ("create", "merge"):
            continue
        nested = session.begin_nested()
        try:
            doc = _apply_row(
                session, plan, files_dir=files_dir, actor_id=actor_id, today=today, cutover=cutover
            )
        except DomainError as err:
            nested.rollback()
            plan.action = "reject"
            plan.reasons.append(f"{err.message} / {err.message_en}")
            continue
        nested.commit()
        plan.document_id = doc.id
        if plan.status is not None and plan.status not in (v.Status.UNKNOWN, v.Status.OBSOLETE):
            session.refresh(doc, ["status"])
            if doc.status != plan.status:
                plan.warnings.append(
                    f"tình trạng tính được “{v.STATUS_LABELS[doc.status][0]}” khác bảng “{plan.status_raw}” / "
                    f"computed status {doc.status.value} differs from the sheet"
                )
    report.dry_run = False
    return report


def _apply_row(
    session: Session,
    plan: RowPlan,
    *,
    files_dir: str | Path,
    actor_id: int | None,
    today: date | None,
    cutover: date,
) -> Document:
    fields = (
        list(session.scalars(select(Field).where(Field.id.in_(plan.field_ids)))) if plan.field_ids else []
    )
    if plan.action == "create":
        data = dict(plan.data)
        if plan.file_text is not None:
            data["body_text"] = plan.file_text.text
        doc = docs.create_document(
            session, data, actor_id=actor_id, fields=fields, confirmed=True, today=today, cutover=cutover
        )
    else:
        assert plan.existing_id is not None
        doc = docs.get_document(session, plan.existing_id)
        data = dict(plan.fill)
        if plan.file_text is not None and not doc.body_text:
            data["body_text"] = plan.file_text.text
        doc = docs.update_document(
            session,
            doc,
            data,
            expected_version=None,
            fields=[*doc.fields, *fields] if fields else None,
            confirmed=True,
            today=today,
            cutover=cutover,
        )
    if plan.file_text is not None and plan.file_data is not None:
        et = plan.file_text
        store_file(files_dir, plan.file_data, et.sha256)
        item = IngestItem(
            source="sheet",
            status=ItemStatus.CONFIRMED,
            sha256=et.sha256,
            original_name=plan.file_name,
            media_type=et.media_type,
            size=len(plan.file_data),
            pages=et.pages,
            text_method=et.method,
            needs_ocr=et.needs_ocr,
            legacy_encoding=et.legacy_encoding or "",
            meta=dict(et.metadata),
            document_id=doc.id,
            created_by_id=actor_id,
        )
        session.add(item)
        attach_file(session, doc, item)
    if plan.status in _EVENT_FOR and plan.event_on is not None:
        docs.record_event(
            session,
            doc,
            _EVENT_FOR[plan.status],
            plan.event_on,
            note=(plan.reason_text or f"Tình trạng trong bảng nhập: {plan.status_raw}")[:2000],
            origin="ingest",
            actor_id=actor_id,
            today=today,
            cutover=cutover,
        )
    return doc
