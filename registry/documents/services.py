"""State changes of documents: register, edit, relate, record validity events, recompute the status cache.

Every function here validates, mutates and flushes; none commits (the view, API method or command does).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from registry.db import utcnow
from registry.documents import validity as v
from registry.documents.models import (
    DOC_TYPES,
    Agency,
    Document,
    Field,
    Relation,
    StatusPeriod,
    ValidityEvent,
)
from registry.documents.numbers import canonical_number, number_key, parse_number
from registry.documents.signals import (
    deleting,
    document_registered,
    impact_preview,
    inputs_changed,
    statuses_changed,
)
from registry.errors import Conflict, DomainError, DuplicateNumber, NotFound, StaleUpdate

EDITABLE = (
    "number",
    "doc_type",
    "agency_id",
    "summary",
    "issued_on",
    "effective_on",
    "effective_note",
    "expires_on",
    "signer",
    "signer_capacity",
    "signer_title",
    "place",
    "normative",
    "announces_procedures",
    "sector",
    "scope",
    "gazette_number",
    "gazette_on",
    "public",
    "body_text",
    "note",
)

REPLACING = {v.RelationKind.REPLACES, v.RelationKind.REPEALS}


@dataclass
class Problem:
    """A consistency finding: ``error`` refuses the change, ``warning`` asks the officer to confirm."""

    level: str
    code: str
    message: str
    message_en: str
    field: str | None = None


@dataclass
class StatusChange:
    document_id: int
    number: str
    before: v.Status | None
    after: v.Status
    reason: str


@dataclass
class Impact:
    """What a change would do: documents whose status changes, and what higher domains add."""

    changes: list[StatusChange] = field(default_factory=list)
    extra: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.changes and not any(self.extra.values())


class ConsistencyError(DomainError):
    code = "inconsistent"

    def __init__(self, problems: Sequence[Problem]):
        first = problems[0]
        super().__init__(
            "; ".join(p.message for p in problems),
            "; ".join(p.message_en for p in problems),
            field=first.field,
            problems=[p.__dict__ for p in problems],
        )
        self.problems = list(problems)


def fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# --------------------------------------------------------------------------------------------- checks


def check_document(
    session: Session, data: dict[str, Any], *, existing_id: int | None = None
) -> list[Problem]:
    """Consistency checks on a document's record. Reads only."""
    problems: list[Problem] = []
    number = canonical_number(data.get("number") or "")
    if not number:
        problems.append(
            Problem("error", "number_required", "Chưa nhập số, ký hiệu.", "Number is required.", "number")
        )
    if data.get("doc_type") not in DOC_TYPES:
        problems.append(
            Problem("error", "bad_type", "Loại văn bản không hợp lệ.", "Unknown document type.", "doc_type")
        )
    if not (data.get("summary") or "").strip():
        problems.append(
            Problem("error", "summary_required", "Chưa nhập trích yếu.", "Summary is required.", "summary")
        )
    issued, effective, expires = data.get("issued_on"), data.get("effective_on"), data.get("expires_on")
    if issued and effective and effective < issued:
        problems.append(
            Problem(
                "error",
                "effective_before_issue",
                f"Ngày có hiệu lực ({fmt(effective)}) trước ngày ban hành ({fmt(issued)}).",
                f"Effective date {fmt(effective)} is before the issue date {fmt(issued)}.",
                "effective_on",
            )
        )
    if expires and (effective or issued) and expires <= (effective or issued):
        problems.append(
            Problem(
                "error",
                "expiry_before_effect",
                f"Ngày hết hiệu lực ({fmt(expires)}) không sau ngày có hiệu lực.",
                f"End date {fmt(expires)} is not after the effective date.",
                "expires_on",
            )
        )
    parts = parse_number(number) if number else None
    if parts and parts.year and issued and parts.year != issued.year:
        problems.append(
            Problem(
                "warning",
                "year_mismatch",
                f"Năm trong số hiệu ({parts.year}) khác năm ban hành ({issued.year}).",
                f"The year in the number ({parts.year}) differs from the year of issue ({issued.year}).",
                "number",
            )
        )
    if number and data.get("agency_id"):
        year = issued.year if issued else (parts.year if parts else None)
        dup = find_duplicate(session, number, data["agency_id"], year, exclude_id=existing_id)
        if dup is not None:
            problems.append(
                Problem(
                    "error",
                    "duplicate_number",
                    f"Số {dup.number} của {dup.agency.name} năm {year} đã được đăng ký (văn bản #{dup.id}).",
                    f"Number {dup.number} of {dup.agency.name} for {year} is already registered (document #{dup.id}).",
                    "number",
                )
            )
    return problems


def find_duplicate(
    session: Session, number: str, agency_id: int, year: int | None, *, exclude_id: int | None = None
) -> Document | None:
    """A registered document with the same number, issuing body and year of issue, if any."""
    q = select(Document).where(Document.number_key == number_key(number), Document.agency_id == agency_id)
    if year is not None:
        q = q.where(or_(Document.year == year, Document.year.is_(None)))
    if exclude_id is not None:
        q = q.where(Document.id != exclude_id)
    return session.scalars(q.limit(1)).first()


def _raise_errors(problems: Sequence[Problem], confirmed: bool) -> None:
    errors = [p for p in problems if p.level == "error"]
    if errors:
        if any(p.code == "duplicate_number" for p in errors):
            raise DuplicateNumber(errors[0].message, errors[0].message_en, field="number")
        raise ConsistencyError(errors)
    warnings = [p for p in problems if p.level == "warning"]
    if warnings and not confirmed:
        err = ConsistencyError(warnings)
        err.code = "needs_confirmation"
        raise err


# --------------------------------------------------------------------------------------------- documents


def _apply(doc: Document, data: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name in data:
            value = data[name]
            if isinstance(value, str) and name not in ("body_text",):
                value = value.strip()
            setattr(doc, name, value)
    doc.number = canonical_number(doc.number)
    doc.number_key = number_key(doc.number)
    parts = parse_number(doc.number)
    doc.year = doc.issued_on.year if doc.issued_on else (parts.year if parts else None)


def create_document(
    session: Session,
    data: dict[str, Any],
    *,
    actor_id: int | None = None,
    fields: Iterable[Field] = (),
    confirmed: bool = False,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> Document:
    """Register a document. Raises DuplicateNumber or ConsistencyError. Resolves waiting citations; flushes."""
    data = dict(data)
    if not data.get("effective_on") and data.get("effective_note") == "on_signing":
        data["effective_on"] = data.get("issued_on")
    _raise_errors(check_document(session, data), confirmed)
    doc = Document(created_by_id=actor_id)
    _apply(doc, data)
    doc.fields = list(fields)
    session.add(doc)
    session.flush()
    resolved = resolve_references(session, doc)
    document_registered.send(session=session, document=doc)
    recompute(
        session,
        {doc.id} | {r.source_id for r in resolved} | _targets_of(session, doc.id),
        today=today,
        cutover=cutover,
    )
    return doc


def update_document(
    session: Session,
    doc: Document,
    data: dict[str, Any],
    *,
    expected_version: int | None,
    fields: Iterable[Field] | None = None,
    confirmed: bool = False,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> Document:
    """Edit a document's record. Raises StaleUpdate when ``expected_version`` is not current; flushes."""
    if expected_version is not None and expected_version != doc.version:
        raise StaleUpdate(
            f"Văn bản {doc.number} đã được người khác sửa (phiên bản {doc.version}); hãy tải lại và sửa lại.",
            f"Document {doc.number} was changed by someone else (version {doc.version}); reload and edit again.",
        )
    merged = {name: getattr(doc, name) for name in EDITABLE} | dict(data)
    if not merged.get("effective_on") and merged.get("effective_note") == "on_signing":
        merged["effective_on"] = merged.get("issued_on")
    _raise_errors(check_document(session, merged, existing_id=doc.id), confirmed)
    _apply(doc, merged)
    if fields is not None:
        doc.fields = list(fields)
    session.flush()
    resolve_references(session, doc)
    recompute(session, {doc.id} | _targets_of(session, doc.id), today=today, cutover=cutover)
    return doc


def _inputs_changed(session: Session, ids: set[int], *, today: date | None, cutover: date) -> None:
    if DEFERRED in session.info:
        return  # bulk work: the deferred recompute's statuses_changed is what higher domains hear
    inputs_changed.send(session=session, document_ids=set(ids), today=today or date.today(), cutover=cutover)


def delete_document(
    session: Session,
    doc: Document,
    *,
    reason: str,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> None:
    """Remove a document registered by mistake. Its own relations and events go with it; relations of other
    documents that pointed at it fall back to citations by number (resolved again if it is re-registered), and
    the documents it acted on are recomputed. The audit log keeps the full record. Raises DomainError without
    a reason. Flushes."""
    if not reason.strip():
        raise DomainError("Hãy ghi lý do xóa.", "Give the reason for the deletion.", field="reason")
    deleting.send(session=session, document=doc)  # higher domains may refuse
    affected = _targets_of(session, doc.id)
    # detailing documents lose their parent: recompute them too
    affected |= set(
        session.scalars(
            select(Relation.source_id).where(
                Relation.target_id == doc.id, Relation.kind == v.RelationKind.DETAILS
            )
        )
    )
    doc.note = (doc.note + "\n" if doc.note else "") + f"Xóa: {reason.strip()}"
    session.flush()  # the reason reaches the audit log's snapshot of the deleted record
    session.execute(delete(StatusPeriod).where(StatusPeriod.document_id == doc.id))
    session.delete(doc)
    session.flush()
    affected.discard(doc.id)
    if affected:
        recompute(session, affected, today=today, cutover=cutover)
        _inputs_changed(session, affected, today=today, cutover=cutover)


def get_document(session: Session, doc_id: int) -> Document:
    """The document with this id. Raises NotFound."""
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFound(f"Không có văn bản #{doc_id}.", f"No document #{doc_id}.")
    return doc


def _targets_of(session: Session, doc_id: int) -> set[int]:
    rows = session.scalars(
        select(Relation.target_id).where(
            Relation.source_id == doc_id,
            Relation.target_id.is_not(None),
            Relation.kind.in_(v.STATUS_CHANGING_RELATIONS),
        )
    )
    return {r for r in rows if r is not None}


def resolve_references(session: Session, doc: Document) -> list[Relation]:
    """Point relations that cited ``doc`` by number at it. Flushes; returns the relations resolved."""
    candidates = session.scalars(
        select(Relation).where(Relation.target_id.is_(None), Relation.target_number_key == doc.number_key)
    ).all()
    resolved = []
    for rel in candidates:
        if rel.source_id == doc.id:
            continue
        if rel.target_issued_on and doc.issued_on and rel.target_issued_on != doc.issued_on:
            continue  # same number, another document (administrative numbers recur every year)
        if rel.target_issued_on is None and doc.year and rel.source.issued_on and doc.issued_on:
            if doc.issued_on > rel.source.issued_on:
                continue  # cannot cite a document issued later
        rel.target_id = doc.id
        resolved.append(rel)
    session.flush()
    return resolved


# --------------------------------------------------------------------------------------------- relations


def find_by_number(session: Session, number: str, *, issued_on: date | None = None) -> Document | None:
    """The registered document with this number (and issue date, when given), preferring the latest."""
    q = select(Document).where(Document.number_key == number_key(number))
    if issued_on is not None:
        q = q.where(Document.issued_on == issued_on)
    return session.scalars(q.order_by(Document.issued_on.desc().nulls_last()).limit(1)).first()


def _replacement_cycle(session: Session, source_id: int, target_id: int) -> bool:
    """Would source→target close a cycle of replacements/repeals (target already ends source, transitively)?"""
    seen: set[int] = set()
    frontier = {target_id}
    while frontier:
        if source_id in frontier:
            return True
        seen |= frontier
        rows = session.execute(
            select(Relation.target_id).where(
                Relation.source_id.in_(frontier),
                Relation.kind.in_(REPLACING),
                Relation.target_id.is_not(None),
            )
        ).scalars()
        frontier = {r for r in rows if r is not None} - seen
    return False


def check_relation(
    session: Session, source: Document, kind: v.RelationKind, target: Document | None
) -> list[Problem]:
    """Consistency checks for a relation. Reads only."""
    problems: list[Problem] = []
    if target is None:
        return problems
    if target.id == source.id:
        problems.append(
            Problem(
                "error",
                "self_relation",
                "Văn bản không thể tác động lên chính nó.",
                "A document cannot act on itself.",
                "target",
            )
        )
        return problems
    if kind in REPLACING and _replacement_cycle(session, source.id, target.id):
        problems.append(
            Problem(
                "error",
                "replacement_cycle",
                f"Vòng thay thế: {target.number} đã (trực tiếp hoặc gián tiếp) thay thế/bãi bỏ {source.number}.",
                f"Replacement cycle: {target.number} already (directly or not) replaces/repeals {source.number}.",
                "target",
            )
        )
    if kind == v.RelationKind.BASIS and source.issued_on:
        state = status_on_day(session, target.id, source.issued_on)
        if state is not None and state.status == v.Status.EXPIRED:
            problems.append(
                Problem(
                    "warning",
                    "expired_basis",
                    f"Căn cứ {target.number} đã hết hiệu lực khi văn bản được ban hành ({fmt(source.issued_on)}).",
                    f"Basis {target.number} had already expired when the document was issued ({fmt(source.issued_on)}).",
                    "target",
                )
            )
    if kind in REPLACING and target.issued_on and source.issued_on and target.issued_on > source.issued_on:
        problems.append(
            Problem(
                "warning",
                "target_later",
                f"{target.number} được ban hành sau {source.number}.",
                f"{target.number} was issued after {source.number}.",
                "target",
            )
        )
    return problems


def add_relation(
    session: Session,
    source: Document,
    kind: v.RelationKind,
    *,
    target: Document | None = None,
    target_number: str = "",
    target_type: str = "",
    target_issued_on: date | None = None,
    target_title: str = "",
    provisions: str = "",
    on: date | None = None,
    note: str = "",
    actor_id: int | None = None,
    confirmed: bool = False,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> Relation:
    """Relate ``source`` to a registered document or to one cited by number (resolved later).

    Raises ConsistencyError (self relation, replacement cycle, or unconfirmed warnings); flushes.
    """
    kind = v.RelationKind(kind)
    if target is None and target_number:
        target = find_by_number(session, target_number, issued_on=target_issued_on)
        if target is not None and target.id == source.id:
            target = None if number_key(target_number) != source.number_key else target
    if target is None and not (target_number or target_title):
        raise DomainError("Chưa chọn văn bản đích.", "No target document given.", field="target")
    _raise_errors(check_relation(session, source, kind, target), confirmed)
    rel = Relation(
        kind=kind,
        source=source,
        source_id=source.id,
        target=target,
        target_number=canonical_number(target.number if target else target_number),
        target_number_key=number_key(target.number if target else target_number),
        target_type=(target.doc_type if target else target_type) or "",
        target_issued_on=target.issued_on if target else target_issued_on,
        target_title=target_title,
        provisions=provisions.strip(),
        on=on,
        note=note,
        created_by_id=actor_id,
    )
    session.add(rel)
    session.flush()
    if target is not None:
        # a detailing document's status depends on its parent: recompute it too
        affected = {target.id, source.id} if kind == v.RelationKind.DETAILS else {target.id}
        recompute(session, affected, today=today, cutover=cutover)
        _inputs_changed(session, affected, today=today, cutover=cutover)
    return rel


def remove_relation(
    session: Session, rel: Relation, *, today: date | None = None, cutover: date = v.DEFAULT_CUTOVER
) -> None:
    """Delete a relation and recompute its target. Flushes."""
    target_id, source_id, kind = rel.target_id, rel.source_id, rel.kind
    session.delete(rel)
    session.flush()
    if target_id:
        affected = {target_id, source_id} if kind == v.RelationKind.DETAILS else {target_id}
        recompute(session, affected, today=today, cutover=cutover)
        _inputs_changed(session, affected, today=today, cutover=cutover)


# --------------------------------------------------------------------------------------------- events

EVENT_NEEDS_CAUSE: set[v.EventKind] = set()


def record_event(
    session: Session,
    doc: Document,
    kind: v.EventKind,
    on: date,
    *,
    cause: Document | None = None,
    cause_number: str = "",
    provisions: str = "",
    note: str = "",
    origin: str = "manual",
    actor_id: int | None = None,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> ValidityEvent:
    """Record a validity event by hand. Raises DomainError on an impossible date; flushes and recomputes."""
    kind = v.EventKind(kind)
    if doc.issued_on and on < doc.issued_on:
        raise DomainError(
            f"Ngày sự kiện ({fmt(on)}) trước ngày ban hành ({fmt(doc.issued_on)}).",
            f"Event date {fmt(on)} is before the issue date {fmt(doc.issued_on)}.",
            field="on",
        )
    if (
        kind in (v.EventKind.PARTLY_EXPIRED, v.EventKind.PARTLY_SUSPENDED, v.EventKind.PARTLY_REPEALED)
        and not provisions.strip()
    ):
        raise DomainError(
            "Hãy ghi rõ các điều, khoản hết hiệu lực / bị ngưng hiệu lực.",
            "Name the provisions concerned.",
            field="provisions",
        )
    if cause is not None and cause.id == doc.id:
        raise DomainError(
            "Văn bản không thể tác động lên chính nó.", "A document cannot act on itself.", field="cause"
        )
    event = ValidityEvent(
        document_id=doc.id,
        kind=kind,
        on=on,
        cause_id=cause.id if cause else None,
        cause_number=cause.number if cause else canonical_number(cause_number),
        provisions=provisions.strip(),
        note=note.strip(),
        origin=origin,
        created_by_id=actor_id,
    )
    session.add(event)
    session.flush()
    recompute(session, {doc.id}, today=today, cutover=cutover)
    _inputs_changed(session, {doc.id}, today=today, cutover=cutover)
    return event


def correct_event(
    session: Session,
    event: ValidityEvent,
    *,
    reason: str,
    replacement: dict[str, Any] | None = None,
    actor_id: int | None = None,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> ValidityEvent | None:
    """Void a wrong event (with a reason) and optionally record the right one in its place. Flushes."""
    if event.voided_at is not None:
        raise Conflict("Sự kiện này đã được đính chính trước đó.", "This event was already corrected.")
    if not reason.strip():
        raise DomainError("Hãy ghi lý do đính chính.", "Give the reason for the correction.", field="reason")
    event.voided_at = utcnow()
    event.void_reason = reason.strip()
    session.flush()
    new = None
    if replacement:
        doc = session.get(Document, event.document_id)
        assert doc is not None
        new = record_event(session, doc, actor_id=actor_id, today=today, cutover=cutover, **replacement)
        new.corrects_id = event.id
        session.flush()
    else:
        recompute(session, {event.document_id}, today=today, cutover=cutover)
        _inputs_changed(session, {event.document_id}, today=today, cutover=cutover)
    return new


# --------------------------------------------------------------------------------------------- the engine


def _facts(doc: Document | Any) -> v.Facts:
    return v.Facts(issued_on=doc.issued_on, effective_on=doc.effective_on, expires_on=doc.expires_on)


def load_engine_inputs(
    session: Session, doc_ids: Iterable[int]
) -> tuple[dict[int, Any], dict[int, list[v.Event]], dict[int, list[tuple[int, str]]]]:
    """Batch-load what the engine needs: facts rows, events (manual + relation effects), and detailed parents.

    Returns (docs by id, events by id, parents by id as (parent_id, parent_number)). Reads only.
    """
    ids = list(set(doc_ids))
    docs: dict[int, Any] = {}
    events: dict[int, list[v.Event]] = defaultdict(list)
    parents: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for chunk in _chunks(ids, 900):
        for row in session.execute(
            select(
                Document.id,
                Document.number,
                Document.issued_on,
                Document.effective_on,
                Document.expires_on,
                Document.status,
            ).where(Document.id.in_(chunk))
        ):
            docs[row.id] = row
        for ev in session.execute(
            select(ValidityEvent).where(
                ValidityEvent.document_id.in_(chunk), ValidityEvent.voided_at.is_(None)
            )
        ).scalars():
            events[ev.document_id].append(
                v.Event(
                    on=ev.on,
                    kind=ev.kind,
                    cause_id=ev.cause_id,
                    cause_number=ev.cause_number or None,
                    provisions=ev.provisions or None,
                    note=ev.note or None,
                    origin="manual",
                    ref=f"event:{ev.id}",
                )
            )
        src = _SRC
        for row in session.execute(
            select(
                Relation.id,
                Relation.kind,
                Relation.target_id,
                Relation.on,
                Relation.provisions,
                Relation.source_id,
                src.c.number,
                src.c.effective_on,
            )
            .join(src, src.c.id == Relation.source_id)
            .where(Relation.target_id.in_(chunk), Relation.kind.in_(v.STATUS_CHANGING_RELATIONS))
        ):
            rel_ev = v.relation_event(
                row.kind,
                target_side=True,
                source_effective_on=row.effective_on,
                relation_on=row.on,
                source_id=row.source_id,
                source_number=row.number,
                provisions=row.provisions or None,
                ref=f"relation:{row.id}",
            )
            if rel_ev is not None:
                events[row.target_id].append(rel_ev)
        tgt = _TGT
        for row in session.execute(
            select(Relation.source_id, Relation.target_id, tgt.c.number)
            .join(tgt, tgt.c.id == Relation.target_id)
            .where(Relation.source_id.in_(chunk), Relation.kind == v.RelationKind.DETAILS)
        ):
            parents[row.source_id].append((row.target_id, row.number))
    return docs, events, parents


_SRC = Document.__table__.alias("src")
_TGT = Document.__table__.alias("tgt")


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _first_expiry(periods: Sequence[v.Period]) -> date | None:
    for p in periods:
        if p.state.status == v.Status.EXPIRED:
            return p.starts_on
    return None


def _parent_expiry_from_cache(session: Session, parent_ids: Iterable[int]) -> dict[int, date | None]:
    ids = list(set(parent_ids))
    out: dict[int, date | None] = dict.fromkeys(ids)
    for chunk in _chunks(ids, 900):
        # by document only: with the status in the WHERE clause SQLite walks the status index, i.e. every
        # expired period of the registry, instead of the few periods of these parents
        for pid, status, starts_on in session.execute(
            select(StatusPeriod.document_id, StatusPeriod.status, StatusPeriod.starts_on).where(
                StatusPeriod.document_id.in_(chunk)
            )
        ):
            if v.Status(status) == v.Status.EXPIRED and starts_on is not None:
                first = out[pid]
                out[pid] = starts_on if first is None or starts_on < first else first
    return out


def compute_periods(
    session: Session,
    doc_ids: Iterable[int],
    *,
    cutover: date,
    computed: dict[int, list[v.Period]] | None = None,
) -> dict[int, list[v.Period]]:
    """Run the engine for these documents (parents' expiry taken from ``computed`` or the cache). Reads only."""
    computed = computed if computed is not None else {}
    docs, events, parents = load_engine_inputs(session, doc_ids)
    cached_parent = _parent_expiry_from_cache(
        session, [pid for plist in parents.values() for pid, _n in plist if pid not in computed]
    )
    out: dict[int, list[v.Period]] = {}

    def parent_expiry(pid: int) -> date | None:
        if pid in out:
            return _first_expiry(out[pid])
        if pid in computed:
            return _first_expiry(computed[pid])
        return cached_parent.get(pid)

    # parents in this batch first, so a document detailing another detailing document sees fresh values
    waiting = dict(docs)
    while waiting:
        ready = [
            doc_id
            for doc_id in waiting
            if not any(pid in waiting and pid != doc_id for pid, _n in parents.get(doc_id, ()))
        ] or list(waiting)  # a cycle of details relations: compute the rest from the cache
        for doc_id in ready:
            row = waiting.pop(doc_id)
            evs = list(events.get(doc_id, ()))
            for pid, pnum in parents.get(doc_id, ()):
                expired_on = parent_expiry(pid)
                if expired_on is not None:
                    evs.append(
                        v.parent_expiry_event(
                            expired_on, parent_id=pid, parent_number=pnum, ref=f"parent:{pid}"
                        )
                    )
            out[doc_id] = v.periods(_facts(row), evs, cutover=cutover)
    return out


def _period_rows(doc_id: int, periods: Sequence[v.Period]) -> list[dict[str, Any]]:
    return [
        {
            "document_id": doc_id,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "status": p.state.status,
            "since": p.state.since,
            "flags": ",".join(p.state.flags),
            "reason": p.state.reason("vi")[:500],
            "reason_en": p.state.reason("en")[:500],
            "description": p.state.describe("vi")[:500],
            "cause_id": p.state.event.cause_id if p.state.event else None,
        }
        for p in periods
    ]


_COMPARED = ("starts_on", "ends_on", "status", "since", "flags", "description", "reason_en", "cause_id")


def _write_periods(session: Session, results: dict[int, list[v.Period]]) -> set[int]:
    """Replace the cached periods of these documents where they changed (one SELECT, one DELETE, one bulk
    INSERT per chunk); returns the ids whose periods changed."""
    changed: set[int] = set()
    for chunk in _chunks(list(results), 900):
        old: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in session.execute(
            select(StatusPeriod.document_id, *(getattr(StatusPeriod, c) for c in _COMPARED))
            .where(StatusPeriod.document_id.in_(chunk))
            .order_by(StatusPeriod.document_id, StatusPeriod.starts_on.asc().nulls_first())
        ):
            old[row[0]].append(tuple(row[1:]))
        rows: list[dict[str, Any]] = []
        for doc_id in chunk:
            new = _period_rows(doc_id, results[doc_id])
            if old.get(doc_id, []) != [tuple(r[c] for c in _COMPARED) for r in new]:
                changed.add(doc_id)
                rows += new
        stale = [d for d in chunk if d in changed]
        if stale:
            session.execute(delete(StatusPeriod).where(StatusPeriod.document_id.in_(stale)))
            # render_nulls: one executemany; otherwise rows are grouped by which columns are None (ends_on,
            # since, cause_id vary), which in practice meant one INSERT statement per period
            session.execute(insert(StatusPeriod).execution_options(render_nulls=True), rows)
    return changed


def state_in(periods: Sequence[v.Period], day: date) -> v.StatusAt:
    for p in periods:
        if (p.starts_on is None or p.starts_on <= day) and (p.ends_on is None or day < p.ends_on):
            return p.state
    return v.StatusAt(status=v.Status.UNKNOWN, since=None, event=None)


@dataclass(frozen=True)
class _Current:
    status: v.Status
    since: date | None
    reason: str
    flags: str


def _update_current(session: Session, wanted: dict[int, _Current], today: date) -> list[StatusChange]:
    """Write the current-status cache where it differs (bulk UPDATE, no ORM objects, the optimistic-lock
    version untouched: a cache refresh is not an edit); returns the documents whose status changed."""
    changes: list[StatusChange] = []
    updates: list[dict[str, Any]] = []
    for chunk in _chunks(list(wanted), 900):
        for row in session.execute(
            select(
                Document.id,
                Document.number,
                Document.status,
                Document.status_since,
                Document.status_reason,
                Document.status_flags,
            ).where(Document.id.in_(chunk))
        ):
            new = wanted[row.id]
            if (row.status, row.status_since, row.status_reason, row.status_flags) != (
                new.status,
                new.since,
                new.reason,
                new.flags,
            ):
                updates.append(
                    {
                        "b_id": row.id,
                        "status": new.status,
                        "status_since": new.since,
                        "status_reason": new.reason,
                        "status_flags": new.flags,
                        "status_computed_on": today,
                    }
                )
            if row.status != new.status:
                changes.append(StatusChange(row.id, row.number, row.status, new.status, new.reason))
    if updates:
        table = cast(Table, Document.__table__)
        session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                status=bindparam("status"),
                status_since=bindparam("status_since"),
                status_reason=bindparam("status_reason"),
                status_flags=bindparam("status_flags"),
                status_computed_on=bindparam("status_computed_on"),
                updated_at=table.c.updated_at,  # a cache refresh is not an edit (no onupdate stamp)
            )
            .execution_options(synchronize_session=False),
            updates,
        )
        ids = {u["b_id"] for u in updates}
        for obj in list(session.identity_map.values()):
            if isinstance(obj, Document) and obj.id in ids:
                session.expire(
                    obj, ["status", "status_since", "status_reason", "status_flags", "status_computed_on"]
                )
    return changes


def recompute(
    session: Session,
    doc_ids: Iterable[int],
    *,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
    cascade: bool = True,
) -> list[StatusChange]:
    """Refresh the status cache of these documents and, transitively, of the documents that detail them.

    Sends ``statuses_changed`` with every document whose current status changed. Flushes.
    """
    deferred = session.info.get(DEFERRED)
    if deferred is not None:
        deferred.update(doc_ids)
        return []
    today = today or date.today()
    pending = set(doc_ids)
    computed: dict[int, list[v.Period]] = {}
    changes: list[StatusChange] = []
    guard = 0
    session.flush()
    while pending and guard < 10_000:
        guard += 1
        results = compute_periods(session, pending, cutover=cutover, computed=computed)
        computed.update(results)
        changed_ids = _write_periods(session, results)
        changes += _update_current(
            session,
            {
                doc_id: _Current(st.status, st.since, st.describe("vi")[:500], ",".join(st.flags))
                for doc_id, periods in results.items()
                for st in [state_in(periods, today)]
            },
            today,
        )
        pending = set()
        if cascade and changed_ids:
            # children computed earlier in this run saw the parent's old periods: compute them again
            for chunk in _chunks(list(changed_ids), 900):
                pending |= set(
                    session.scalars(
                        select(Relation.source_id).where(
                            Relation.target_id.in_(chunk), Relation.kind == v.RelationKind.DETAILS
                        )
                    )
                )
    session.flush()
    if changes:
        statuses_changed.send(session=session, changes=changes, today=today, cutover=cutover)
    return changes


def refresh_current(
    session: Session, *, today: date, cutover: date = v.DEFAULT_CUTOVER
) -> list[StatusChange]:
    """The daily refresh: every document's current status from its cached periods (which do not depend on
    the day), in a few set-based statements. Sends ``statuses_changed``. Flushes."""
    session.flush()
    sp = StatusPeriod
    wanted: dict[int, _Current] = {}
    for row in session.execute(
        select(sp.document_id, sp.status, sp.since, sp.description, sp.flags).where(
            or_(sp.starts_on.is_(None), sp.starts_on <= today), or_(sp.ends_on.is_(None), sp.ends_on > today)
        )
    ):
        wanted[row.document_id] = _Current(row.status, row.since, row.description, row.flags)
    # documents never computed (no periods yet) are computed in full
    missing = set(
        session.scalars(select(Document.id).where(~Document.id.in_(select(sp.document_id).distinct())))
    )
    changes = _update_current(session, wanted, today)
    if missing:
        changes += recompute(session, missing, today=today, cutover=cutover)
    session.flush()
    if changes:
        statuses_changed.send(session=session, changes=changes, today=today, cutover=cutover)
    return changes


DEFERRED = "documents_recompute_deferred"


@contextmanager
def deferred_recompute(
    session: Session, *, today: date | None = None, cutover: date = v.DEFAULT_CUTOVER
) -> Iterator[None]:
    """Bulk work (imports, the demo): inside the block no service recomputes statuses; on leaving it, every
    document touched is recomputed once, with its cascade, and ``statuses_changed`` is sent. Flushes."""
    if DEFERRED in session.info:  # already deferring: the outer block recomputes
        yield
        return
    session.info[DEFERRED] = set()
    try:
        yield
    except BaseException:
        session.info.pop(DEFERRED, None)
        raise
    ids = session.info.pop(DEFERRED)
    if ids:
        recompute(session, ids, today=today, cutover=cutover)


def status_on_day(session: Session, doc_id: int, day: date) -> v.StatusAt | None:
    """The cached status of a document on a day (from its periods)."""
    row = (
        session.execute(
            select(StatusPeriod).where(
                StatusPeriod.document_id == doc_id,
                or_(StatusPeriod.starts_on.is_(None), StatusPeriod.starts_on <= day),
                or_(StatusPeriod.ends_on.is_(None), StatusPeriod.ends_on > day),
            )
        )
        .scalars()
        .first()
    )
    if row is None:
        return None
    return v.StatusAt(status=row.status, since=row.starts_on, event=None)


def refresh_all(
    session: Session,
    *,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 2000,
    full: bool = False,
) -> list[StatusChange]:
    """Refresh every document's status cache for ``today``. Flushes.

    By default (the daily job) only the current status is re-read from the cached periods, which do not
    depend on the day; ``full=True`` recomputes every document's periods too (after a change of the engine's
    rules or of the cut-over), parents before the documents that detail them.
    """
    today = today or date.today()
    if not full:
        current = refresh_current(session, today=today, cutover=cutover)
        if progress:
            progress(session.scalar(select(func.count()).select_from(Document)) or 0)
        return current
    ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    detailing = set(
        session.scalars(select(Relation.source_id).where(Relation.kind == v.RelationKind.DETAILS))
    )
    changes: list[StatusChange] = []
    ordered = [i for i in ids if i not in detailing] + [i for i in ids if i in detailing]
    for chunk in _chunks(ordered, batch_size):
        changes += recompute(session, chunk, today=today, cutover=cutover, cascade=True)
        if progress:
            progress(len(chunk))
    return changes


def preview(session: Session, change: Callable[[], Any], *, today: date | None = None) -> Impact:
    """Run ``change`` inside a savepoint, collect what it would change, and roll it back. Touches nothing."""
    impact = Impact()
    collected: list[StatusChange] = []

    def _collect(_sender: Any, **kw: Any) -> None:
        collected.extend(kw["changes"])

    nested = session.begin_nested()
    try:
        with statuses_changed.connected_to(_collect):
            change()
        session.flush()
        # keep only the net effect per document
        net: dict[int, StatusChange] = {}
        for c in collected:
            if c.document_id in net:
                net[c.document_id].after = c.after
                net[c.document_id].reason = c.reason
            else:
                net[c.document_id] = StatusChange(c.document_id, c.number, c.before, c.after, c.reason)
        impact.changes = [c for c in net.values() if c.before != c.after]
        impact_preview.send(
            session=session, changes=impact.changes, today=today or date.today(), impact=impact
        )
    finally:
        nested.rollback()
    return impact


def agencies(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.level, Agency.name)))


# --------------------------------------------------------------------------------------------- reference data

AGENCY_LEVELS = ("central", "province", "commune", "party")


def save_agency(session: Session, data: dict[str, Any], *, agency: Agency | None = None) -> Agency:
    """Create or edit an issuing/implementing body. Raises Conflict for a code already used. Flushes."""
    code = (data.get("code") or "").strip().upper()
    name = (data.get("name") or "").strip()
    if not code or not name or not (data.get("abbrev") or "").strip():
        raise DomainError(
            "Cần mã, tên và tên viết tắt.", "Code, name and abbreviation are required.", field="name"
        )
    if data.get("level") not in AGENCY_LEVELS:
        raise DomainError("Cấp không hợp lệ.", "Unknown level.", field="level")
    clash = session.scalar(select(Agency).where(Agency.code == code))
    if clash is not None and clash is not agency:
        raise Conflict(
            f"Mã {code} đã dùng cho {clash.name}.", f"Code {code} is used by {clash.name}.", field="code"
        )
    agency = agency or Agency()
    agency.code, agency.name = code, name
    agency.name_en = (data.get("name_en") or "").strip()
    agency.abbrev = data["abbrev"].strip()
    agency.level = data["level"]
    session.add(agency)
    session.flush()
    return agency


def save_field(session: Session, data: dict[str, Any], *, field_row: Field | None = None) -> Field:
    """Create or edit a field (lĩnh vực). Raises Conflict for a code or name already used. Flushes."""
    code = (data.get("code") or "").strip().lower()
    name = (data.get("name") or "").strip()
    if not code or not name:
        raise DomainError("Cần mã và tên lĩnh vực.", "Code and name are required.", field="name")
    for column, value in ((Field.code, code), (Field.name, name)):
        clash = session.scalar(select(Field).where(column == value))
        if clash is not None and clash is not field_row:
            raise Conflict(f"Lĩnh vực “{value}” đã có.", f"Field “{value}” exists already.", field="name")
    field_row = field_row or Field()
    field_row.code, field_row.name = code, name
    field_row.name_en = (data.get("name_en") or "").strip()
    session.add(field_row)
    session.flush()
    return field_row
