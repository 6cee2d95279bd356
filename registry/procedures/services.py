"""State changes of procedures: create and edit, register announcement decisions, refresh status and health.

Every function validates, mutates and flushes; none commits (the view, API method or command does).
Status (from announcements) and health (from the legal bases) are caches written with plain UPDATEs, like
the documents' status cache: refreshing them is not an edit, so it neither bumps the optimistic-lock
``version`` nor writes the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from registry.db import utcnow
from registry.documents import validity as v
from registry.documents.models import Agency, Document, Field, Relation, StatusPeriod, ValidityEvent
from registry.documents.numbers import canonical_number, number_key
from registry.documents.services import find_by_number
from registry.errors import Conflict, DomainError, NotFound, StaleUpdate
from registry.procedures.health import BasisState, basis_health
from registry.procedures.lifecycle import Step, status_from_announcements
from registry.procedures.models import (
    Announcement,
    AnnouncementAction,
    AnnouncementItem,
    ChannelKind,
    DossierItem,
    Health,
    LegalBasis,
    OnlineLevel,
    Procedure,
    ProcedureChannel,
    ProcedureLevel,
    ProcedureStatus,
)
from registry.procedures.text import days_in, fold, national_code, valid_code

__all__ = [
    "EDITABLE",
    "HealthChange",
    "create_procedure",
    "update_procedure",
    "get_procedure",
    "get_by_code",
    "register_announcement",
    "refresh_status",
    "refresh_health",
    "procedures_based_on",
    "resolve_bases",
    "load_basis_states",
    "compute_health",
    "mark_reviewed",
]

EDITABLE = (
    "code",
    "name",
    "level",
    "procedure_type",
    "field_id",
    "agency_id",
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
    "review_cycle_months",
    "last_reviewed_on",
    "public",
)
#: set by hand only while no announcement covers the procedure (import of a catalogue, drafts)
MANUAL_STATUS = ("status", "active_since", "repealed_on")

HealthChange = tuple[int, Health, Health]


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# --------------------------------------------------------------------------------------------- reads


def get_procedure(session: Session, proc_id: int) -> Procedure:
    """The procedure with this id. Raises NotFound."""
    proc = session.get(Procedure, proc_id)
    if proc is None:
        raise NotFound(f"Không có thủ tục #{proc_id}.", f"No procedure #{proc_id}.")
    return proc


def get_by_code(session: Session, code: str) -> Procedure | None:
    """The procedure with this code (exact, spaces trimmed), or None."""
    code = (code or "").strip()
    if not code:
        return None
    return session.scalars(select(Procedure).where(Procedure.code == code)).first()


def procedures_based_on(session: Session, document_ids: Iterable[int]) -> list[Procedure]:
    """Procedures with a legal basis pointing at one of these documents (each once, by id)."""
    ids = list(set(document_ids))
    if not ids:
        return []
    sub = select(LegalBasis.procedure_id).where(LegalBasis.document_id.in_(ids))
    return list(session.scalars(select(Procedure).where(Procedure.id.in_(sub)).order_by(Procedure.id)))


# --------------------------------------------------------------------------------------------- checks


def _choice(enum_cls: Any, value: Any, field: str, label_vi: str, label_en: str) -> Any:
    try:
        return enum_cls(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        raise DomainError(
            f"{label_vi} “{value}” không hợp lệ (chọn một trong: {allowed}).",
            f"Invalid {label_en} “{value}” (one of: {allowed}).",
            field=field,
        ) from None


def _check(session: Session, data: dict[str, Any], *, existing_id: int | None) -> None:
    code = (data.get("code") or "").strip()
    if not valid_code(code):
        raise DomainError(
            f"Mã thủ tục “{code}” không hợp lệ (dạng 1.002425 hoặc 1.002425.000.00.00.H47).",
            f"Invalid procedure code “{code}” (like 1.002425 or 1.002425.000.00.00.H47).",
            field="code",
        )
    dup = session.scalars(
        select(Procedure.id).where(Procedure.code == code, Procedure.id != (existing_id or 0))
    ).first()
    if dup is not None:
        raise Conflict(
            f"Mã thủ tục {code} đã có (thủ tục #{dup}).",
            f"Procedure code {code} already exists (procedure #{dup}).",
            field="code",
        )
    if not (data.get("name") or "").strip():
        raise DomainError("Chưa nhập tên thủ tục.", "The procedure's name is required.", field="name")
    _choice(ProcedureLevel, data.get("level"), "level", "Cấp thực hiện", "level")
    _choice(OnlineLevel, data.get("online_level"), "online_level", "Mức trực tuyến", "online level")
    if data.get("field_id") and session.get(Field, data["field_id"]) is None:
        raise DomainError(
            f"Không có lĩnh vực #{data['field_id']}.", f"No field #{data['field_id']}.", field="field_id"
        )
    if data.get("agency_id") and session.get(Agency, data["agency_id"]) is None:
        raise DomainError(
            f"Không có cơ quan #{data['agency_id']}.", f"No agency #{data['agency_id']}.", field="agency_id"
        )
    months = data.get("review_cycle_months")
    if months is not None and not (1 <= int(months) <= 120):
        raise DomainError(
            "Chu kỳ rà soát phải từ 1 đến 120 tháng.",
            "The review cycle must be 1 to 120 months.",
            field="review_cycle_months",
        )
    status = data.get("status")
    if status is not None:
        _choice(ProcedureStatus, status, "status", "Trạng thái", "status")
    since, repealed = data.get("active_since"), data.get("repealed_on")
    if since and repealed and repealed < since:
        raise DomainError(
            f"Ngày bãi bỏ ({_fmt(repealed)}) trước ngày áp dụng ({_fmt(since)}).",
            f"Repeal date {_fmt(repealed)} is before the start date {_fmt(since)}.",
            field="repealed_on",
        )


# --------------------------------------------------------------------------------------------- rows


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _apply(proc: Procedure, data: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name not in data:
            continue
        value = data[name]
        if name == "level":
            value = ProcedureLevel(value)
        elif name == "online_level":
            value = OnlineLevel(value)
        elif name in ("field_id", "agency_id", "review_cycle_months"):
            value = int(value) if value not in (None, "") else None
        elif name == "public":
            value = bool(value)
        elif name == "last_reviewed_on":
            pass
        else:
            value = _text(value)
        setattr(proc, name, value)
    proc.national_code = national_code(proc.code)
    proc.name_folded = fold(proc.name)


def _set_channels(proc: Procedure, rows: Sequence[dict[str, Any]]) -> None:
    out = []
    for i, row in enumerate(rows):
        kind = _choice(ChannelKind, row.get("channel"), f"channels-{i}-channel", "Cách thức", "channel")
        limit = _text(row.get("time_limit"))
        days = row.get("time_limit_days")
        out.append(
            ProcedureChannel(
                position=i,
                channel=kind,
                time_limit=limit,
                time_limit_days=int(days) if days not in (None, "") else days_in(limit),
                fee=_text(row.get("fee")),
                description=_text(row.get("description")),
            )
        )
    proc.channels = out


def _count(value: Any) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _set_dossier(proc: Procedure, rows: Sequence[dict[str, Any]]) -> None:
    out = []
    for i, row in enumerate(rows):
        name = _text(row.get("name"))
        if not name:
            raise DomainError(
                f"Thành phần hồ sơ dòng {i + 1}: chưa nhập tên giấy tờ.",
                f"Dossier row {i + 1}: the document name is required.",
                field=f"dossier-{i}-name",
            )
        out.append(
            DossierItem(
                position=i,
                name=name,
                form_name=_text(row.get("form_name")),
                copies_original=_count(row.get("copies_original")),
                copies_copy=_count(row.get("copies_copy")),
                note=_text(row.get("note")),
            )
        )
    proc.dossier = out


def _basis(session: Session, i: int, row: dict[str, Any]) -> LegalBasis:
    doc: Document | None = row.get("document")
    if doc is None and row.get("document_id"):
        doc = session.get(Document, int(row["document_id"]))
        if doc is None:
            raise DomainError(
                f"Căn cứ dòng {i + 1}: không có văn bản #{row['document_id']}.",
                f"Basis row {i + 1}: no document #{row['document_id']}.",
                field=f"bases-{i}-number",
            )
    number = canonical_number(_text(row.get("number")))
    issued_on = row.get("issued_on")
    if doc is None and number:
        doc = find_by_number(session, number, issued_on=issued_on)
    if doc is None and not number and not _text(row.get("title")):
        raise DomainError(
            f"Căn cứ dòng {i + 1}: chưa nhập số hiệu văn bản.",
            f"Basis row {i + 1}: the document number is required.",
            field=f"bases-{i}-number",
        )
    return LegalBasis(
        position=i,
        document_id=doc.id if doc else None,
        number=doc.number if doc else number,
        number_key=number_key(doc.number if doc else number),
        title=_text(row.get("title")) or (doc.summary[:500] if doc else ""),
        issued_on=doc.issued_on if doc else issued_on,
        provisions=_text(row.get("provisions")),
    )


def _set_bases(session: Session, proc: Procedure, rows: Sequence[dict[str, Any]]) -> None:
    proc.bases = [_basis(session, i, row) for i, row in enumerate(rows)]


# --------------------------------------------------------------------------------------------- procedures


def create_procedure(
    session: Session,
    data: dict[str, Any],
    *,
    channels: list[dict[str, Any]],
    dossier: list[dict[str, Any]],
    bases: list[dict[str, Any]],
    actor_id: int | None = None,
    today: date | None = None,
) -> Procedure:
    """Record a procedure with its channels, dossier and legal bases (resolved by number where registered).

    ``data`` holds the :data:`EDITABLE` fields, plus optionally ``status``/``active_since``/``repealed_on``
    for a procedure no announcement covers yet (default draft). Raises DomainError (invalid value) or
    Conflict (code taken). Computes the health; flushes.
    """
    today = today or date.today()
    data = {"level": ProcedureLevel.PROVINCE, "online_level": OnlineLevel.NONE, **data}
    _check(session, data, existing_id=None)
    proc = Procedure(created_by_id=actor_id, public=True)
    _apply(proc, data)
    proc.status = ProcedureStatus(data.get("status") or ProcedureStatus.DRAFT)
    proc.active_since = data.get("active_since")
    proc.repealed_on = data.get("repealed_on")
    _set_channels(proc, channels)
    _set_dossier(proc, dossier)
    _set_bases(session, proc, bases)
    session.add(proc)
    session.flush()
    refresh_health(session, [proc.id], today=today, force=True)
    return proc


def update_procedure(
    session: Session,
    proc: Procedure,
    data: dict[str, Any],
    *,
    expected_version: int | None,
    channels: list[dict[str, Any]] | None = None,
    dossier: list[dict[str, Any]] | None = None,
    bases: list[dict[str, Any]] | None = None,
    today: date | None = None,
) -> Procedure:
    """Edit a procedure; rows given replace the old ones, None keeps them.

    Raises StaleUpdate when ``expected_version`` is not the current version (someone saved in between),
    DomainError / Conflict as :func:`create_procedure`. Manual status fields are ignored once an
    announcement covers the procedure. Bumps the version; refreshes health; flushes.
    """
    today = today or date.today()
    if expected_version is not None and expected_version != proc.version:
        raise StaleUpdate(
            f"Thủ tục {proc.code} đã được người khác sửa (phiên bản {proc.version}); hãy tải lại và sửa lại.",
            f"Procedure {proc.code} was changed by someone else (version {proc.version}); reload and edit again.",
        )
    merged = {name: getattr(proc, name) for name in EDITABLE} | dict(data)
    _check(session, merged, existing_id=proc.id)
    announced = _announced(session, proc.id)
    with session.no_autoflush:  # one flush, one version
        _apply(proc, merged)
        if not announced:
            for name in MANUAL_STATUS:
                if name in data:
                    value = data[name]
                    setattr(proc, name, ProcedureStatus(value) if name == "status" and value else value)
        if channels is not None:
            _set_channels(proc, channels)
        if dossier is not None:
            _set_dossier(proc, dossier)
        if bases is not None:
            _set_bases(session, proc, bases)
        proc.updated_at = utcnow()  # an edit of rows only is still an edit: bump the version
    session.flush()
    refresh_health(session, [proc.id], today=today)
    return proc


def mark_reviewed(session: Session, proc: Procedure, *, on: date, today: date | None = None) -> Procedure:
    """Record that an officer checked the procedure against its bases on ``on`` (amendments up to then are
    taken into account). Flushes and refreshes health."""
    proc.last_reviewed_on = on
    session.flush()
    refresh_health(session, [proc.id], today=today or date.today())
    return proc


def _announced(session: Session, proc_id: int) -> bool:
    return (session.scalar(select(func.count()).where(AnnouncementItem.procedure_id == proc_id)) or 0) > 0


# --------------------------------------------------------------------------------------------- announcements


def register_announcement(
    session: Session,
    document: Document,
    items: list[dict[str, Any]],
    *,
    actor_id: int | None = None,
    today: date | None = None,
    note: str = "",
) -> Announcement:
    """Register ``document`` as a decision announcing procedures, with its items.

    Each item: ``{"procedure": Procedure | None, "procedure_code": str, "procedure_name": str, "action":
    AnnouncementAction, "changes": str, "cause_document": Document | None, "cause_number": str,
    "new_procedure": dict | None}``. A procedure is found by object or code; one not recorded yet is created
    from ``new_procedure`` (the :func:`create_procedure` data plus optional "channels", "dossier", "bases"
    lists); a repealed procedure never recorded is kept by code and name. Raises Conflict when the decision
    is already registered, DomainError (with ``details["rows"]``: row index → message) for bad items.
    Refreshes status and health of every procedure concerned; flushes.
    """
    today = today or date.today()
    if session.scalars(select(Announcement.id).where(Announcement.document_id == document.id)).first():
        raise Conflict(
            f"Quyết định {document.number} đã được đăng ký là quyết định công bố.",
            f"Decision {document.number} is already registered as an announcement.",
            field="document",
        )
    if not items:
        raise DomainError(
            "Quyết định công bố phải có ít nhất một thủ tục.",
            "An announcement needs at least one procedure.",
            field="items",
        )
    problems: dict[int, tuple[str, str]] = {}
    resolved: list[tuple[int, dict[str, Any], AnnouncementAction, Procedure | None]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        try:
            action = AnnouncementAction(str(item.get("action")))
        except ValueError:
            problems[i] = (
                f"Dòng {i + 1}: thao tác “{item.get('action')}” không hợp lệ.",
                f"Row {i + 1}: invalid action “{item.get('action')}”.",
            )
            continue
        proc: Procedure | None = item.get("procedure")
        code = _text(item.get("procedure_code")) or (proc.code if proc else "")
        if proc is None and code:
            proc = get_by_code(session, code)
        key = code or _text(item.get("procedure_name"))
        if not key:
            problems[i] = (
                f"Dòng {i + 1}: chưa có mã hoặc tên thủ tục.",
                f"Row {i + 1}: no procedure code or name.",
            )
            continue
        if key in seen:
            problems[i] = (
                f"Dòng {i + 1}: thủ tục {key} đã có ở dòng {seen[key] + 1}.",
                f"Row {i + 1}: procedure {key} is already on row {seen[key] + 1}.",
            )
            continue
        seen[key] = i
        if proc is None and item.get("new_procedure") is None and action is not AnnouncementAction.REPEALED:
            problems[i] = (
                f"Dòng {i + 1}: chưa có thủ tục mã {code or '?'} trong cơ sở dữ liệu; hãy nhập tên để tạo mới.",
                f"Row {i + 1}: no procedure with code {code or '?'}; give its name to create it.",
            )
            continue
        resolved.append((i, item, action, proc))
    if problems:
        raise DomainError(
            "; ".join(p[0] for p in problems.values()),
            "; ".join(p[1] for p in problems.values()),
            field="items",
            rows={i: p[0] for i, p in problems.items()},
        )
    ann = Announcement(document_id=document.id, note=note.strip(), created_by_id=actor_id)
    session.add(ann)
    session.flush()
    touched: set[int] = set()
    for pos, (i, item, action, proc) in enumerate(resolved):
        if proc is None and item.get("new_procedure") is not None:
            new = dict(item["new_procedure"])
            new["code"] = _text(new.get("code")) or _text(item.get("procedure_code"))
            new["name"] = _text(new.get("name")) or _text(item.get("procedure_name"))
            try:
                proc = create_procedure(
                    session,
                    {k: val for k, val in new.items() if k not in ("channels", "dossier", "bases")},
                    channels=new.get("channels") or [],
                    dossier=new.get("dossier") or [],
                    bases=new.get("bases") or [],
                    actor_id=actor_id,
                    today=today,
                )
            except DomainError as err:
                err.details = {**err.details, "rows": {i: f"Dòng {i + 1}: {err.message}"}}
                raise
        cause: Document | None = item.get("cause_document")
        cause_number = canonical_number(_text(item.get("cause_number")))
        if cause is None and cause_number:
            cause = find_by_number(session, cause_number)
        session.add(
            AnnouncementItem(
                announcement_id=ann.id,
                position=pos,
                procedure_id=proc.id if proc else None,
                procedure_code=proc.code if proc else _text(item.get("procedure_code")),
                procedure_name=proc.name if proc else _text(item.get("procedure_name")),
                action=action,
                changes=_text(item.get("changes")),
                cause_document_id=cause.id if cause else None,
                cause_number=cause.number if cause else cause_number,
            )
        )
        if proc is not None:
            touched.add(proc.id)
    if not document.announces_procedures:
        document.announces_procedures = True
    session.flush()
    session.expire(ann, ["items"])
    refresh_status(session, touched, today=today)
    refresh_health(session, touched, today=today)
    return ann


def refresh_status(session: Session, procedure_ids: Iterable[int] | None = None, *, today: date) -> list[int]:
    """Recompute the status of procedures covered by announcements (all of them when ids is None).

    Procedures no announcement covers keep their manual status. Returns the ids whose status changed;
    flushes.
    """
    session.flush()
    q = (
        select(
            AnnouncementItem.procedure_id,
            AnnouncementItem.action,
            AnnouncementItem.announcement_id,
            Document.effective_on,
            Document.issued_on,
        )
        .join(Announcement, Announcement.id == AnnouncementItem.announcement_id)
        .join(Document, Document.id == Announcement.document_id)
        .where(AnnouncementItem.procedure_id.is_not(None))
    )
    if procedure_ids is not None:
        ids = list(set(procedure_ids))
        if not ids:
            return []
        q = q.where(AnnouncementItem.procedure_id.in_(ids))
    steps: dict[int, list[Step]] = defaultdict(list)
    for pid, action, ann_id, eff, issued in session.execute(q):
        on = eff or issued
        if on is None or pid is None:
            continue
        steps[pid].append(Step(on=on, seq=ann_id, action=AnnouncementAction(action)))
    changed: list[int] = []
    table = cast(Table, Procedure.__table__)
    for pid, plist in steps.items():
        life = status_from_announcements(plist, today=today)
        life_values: dict[str, Any]
        if life is None:
            life_values = {"status": ProcedureStatus.DRAFT, "active_since": None, "repealed_on": None}
        else:
            life_values = {
                "status": life.status,
                "active_since": life.active_since,
                "repealed_on": life.repealed_on,
            }
        row = session.execute(
            select(table.c.status, table.c.active_since, table.c.repealed_on).where(table.c.id == pid)
        ).one()
        if (ProcedureStatus(row.status), row.active_since, row.repealed_on) == (
            life_values["status"],
            life_values["active_since"],
            life_values["repealed_on"],
        ):
            continue
        session.execute(table.update().where(table.c.id == pid).values(**life_values))
        _expire(session, pid, ["status", "active_since", "repealed_on"])
        changed.append(pid)
    return changed


def _expire(session: Session, pid: int, attrs: list[str]) -> None:
    """Forget cached attributes of a procedure already loaded, after a plain UPDATE wrote them."""
    obj = session.identity_map.get(identity_key(Procedure, pid))
    if obj is not None:
        session.expire(obj, attrs)


# --------------------------------------------------------------------------------------------- health


def load_basis_states(session: Session, document_ids: Iterable[int], *, today: date) -> dict[int, BasisState]:
    """What is known today about each registered document, as a legal basis (number filled in). Reads only.

    Status and reason come from the validity cache (status periods) on ``today`` (the document's cached
    status when it has no period); amendments are AMENDS relations and AMENDED events up to today; a
    recorded whole loss of effect after today is reported as upcoming.
    """
    ids = list(set(document_ids))
    out: dict[int, BasisState] = {}
    if not ids:
        return out
    docs = {
        r.id: r
        for r in session.execute(
            select(Document.id, Document.number, Document.status, Document.status_reason).where(
                Document.id.in_(ids)
            )
        )
    }
    current: dict[int, Any] = {}
    upcoming: dict[int, Any] = {}
    for p in session.execute(
        select(
            StatusPeriod.document_id,
            StatusPeriod.starts_on,
            StatusPeriod.ends_on,
            StatusPeriod.status,
            StatusPeriod.reason,
            StatusPeriod.reason_en,
        )
        .where(StatusPeriod.document_id.in_(ids))
        .order_by(StatusPeriod.starts_on.asc().nulls_first())
    ):
        if (p.starts_on is None or p.starts_on <= today) and (p.ends_on is None or today < p.ends_on):
            current[p.document_id] = p
        elif (
            p.starts_on is not None
            and p.starts_on > today
            and v.Status(p.status) in (v.Status.EXPIRED, v.Status.SUSPENDED)
            and p.document_id not in upcoming
        ):
            upcoming[p.document_id] = p
    amended: dict[int, tuple[date, str]] = {}

    def _amend(doc_id: int, on: date | None, by: str) -> None:
        if on is None or on > today:
            return
        if doc_id not in amended or on > amended[doc_id][0]:
            amended[doc_id] = (on, by)

    src = Document.__table__.alias("amending")
    for row in session.execute(
        select(Relation.target_id, Relation.on, src.c.effective_on, src.c.issued_on, src.c.number)
        .join(src, src.c.id == Relation.source_id)
        .where(Relation.target_id.in_(ids), Relation.kind == v.RelationKind.AMENDS)
    ):
        _amend(row.target_id, row.on or row.effective_on or row.issued_on, row.number)
    for ev in session.execute(
        select(ValidityEvent.document_id, ValidityEvent.on, ValidityEvent.cause_number).where(
            ValidityEvent.document_id.in_(ids),
            ValidityEvent.kind == v.EventKind.AMENDED,
            ValidityEvent.voided_at.is_(None),
        )
    ):
        _amend(ev.document_id, ev.on, ev.cause_number or "")
    for doc_id, d in docs.items():
        cur = current.get(doc_id)
        up = upcoming.get(doc_id)
        am = amended.get(doc_id)
        out[doc_id] = BasisState(
            number=d.number,
            status=v.Status(cur.status) if cur is not None else v.Status(d.status),
            reason=cur.reason if cur is not None else "",
            reason_en=cur.reason_en if cur is not None else "",
            amended_on=am[0] if am else None,
            amended_by=am[1] if am else "",
            upcoming=v.Status(up.status) if up is not None else None,
            upcoming_on=up.starts_on if up is not None else None,
            upcoming_reason=up.reason if up is not None else "",
            upcoming_reason_en=up.reason_en if up is not None else "",
        )
    return out


def compute_health(
    session: Session, procedure_ids: Iterable[int], *, today: date
) -> dict[int, tuple[Health, str, str]]:
    """The health each procedure would have today (reads only; nothing is written)."""
    ids = list(set(procedure_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(LegalBasis.procedure_id, LegalBasis.document_id, LegalBasis.number, LegalBasis.title).where(
            LegalBasis.procedure_id.in_(ids)
        )
    ).all()
    states = load_basis_states(session, [r.document_id for r in rows if r.document_id], today=today)
    per: dict[int, list[BasisState]] = defaultdict(list)
    for r in rows:
        if r.document_id is not None and r.document_id in states:
            per[r.procedure_id].append(states[r.document_id])
        else:
            per[r.procedure_id].append(BasisState(number=r.number or r.title[:80], status=None))
    checked = {
        r.id: (r.last_reviewed_on or r.active_since)
        for r in session.execute(
            select(Procedure.id, Procedure.last_reviewed_on, Procedure.active_since).where(
                Procedure.id.in_(ids)
            )
        )
    }
    return {pid: basis_health(per.get(pid, []), checked_since=checked.get(pid)) for pid in checked}


def refresh_health(
    session: Session,
    procedure_ids: Iterable[int] | None = None,
    *,
    today: date,
    force: bool = False,
) -> list[HealthChange]:
    """Recompute and store the health of these procedures (all when None).

    Returns ``(procedure_id, old, new)`` for each procedure whose health level changed; reasons are
    updated even when the level stays. Flushes.
    """
    session.flush()
    if procedure_ids is None:
        ids = list(session.scalars(select(Procedure.id)))
    else:
        ids = list(set(procedure_ids))
    changes: list[HealthChange] = []
    table = cast(Table, Procedure.__table__)
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        computed = compute_health(session, chunk, today=today)
        stored = {
            r.id: r
            for r in session.execute(
                select(table.c.id, table.c.health, table.c.health_reason, table.c.health_reason_en).where(
                    table.c.id.in_(chunk)
                )
            )
        }
        for pid, (health, reason, reason_en) in computed.items():
            old = stored[pid]
            old_health = Health(old.health)
            if not force and (old_health, old.health_reason, old.health_reason_en) == (
                health,
                reason,
                reason_en,
            ):
                continue
            values: dict[str, Any] = {
                "health": health,
                "health_reason": reason,
                "health_reason_en": reason_en,
            }
            if old_health != health or force:
                values["health_changed_at"] = utcnow()
            session.execute(table.update().where(table.c.id == pid).values(**values))
            _expire(session, pid, list(values))
            if old_health != health:
                changes.append((pid, old_health, health))
    return changes


def resolve_bases(session: Session, document: Document) -> list[LegalBasis]:
    """Point bases cited by ``document``'s number (and issue date, when both are known) at it. Flushes."""
    q = select(LegalBasis).where(
        LegalBasis.document_id.is_(None),
        LegalBasis.number_key == document.number_key,
        LegalBasis.number_key != "",
    )
    if document.issued_on is not None:
        # administrative numbers recur every year: a basis dated otherwise cites another document
        q = q.where(or_(LegalBasis.issued_on.is_(None), LegalBasis.issued_on == document.issued_on))
    candidates = session.scalars(q).all()
    for basis in candidates:
        basis.document_id = document.id
    session.flush()
    return list(candidates)
