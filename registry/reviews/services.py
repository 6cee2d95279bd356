"""Opening, escalating and closing review tasks; the daily job.

Every function validates, mutates and flushes; none commits (the view, command or daily thread does).

What opens a task (each rule is a function of the data and of ``today`` alone, so running the job once
today or day by day up to today opens the same tasks, with the same dates — see :mod:`registry.reviews.rules`):

* a document's status changed to expired / partly expired / suspended / partly suspended, or it was amended
  (a :class:`~registry.reviews.rules.Trigger`, dated the day it happened): every active procedure whose legal
  basis it is gets a ``basis_changed`` task; every local document that cites it as basis or details it (and
  was issued, and not wholly expired, by then) gets a ``dependent_changed`` task, or ``parent_expired`` when it
  details a parent that expired on or after the cut-over (the 2025 Law only flags such documents);
* a document lays down procedures (some procedure's legal basis points to it, or an officer marked it with a
  :class:`~registry.reviews.models.ProcedureSourceMark`) and they were not announced by the deadline
  (``ANNOUNCEMENT_DEADLINE_DAYS`` before it takes effect): ``announcement_due``;
* a local document's stated end date is ``EXPIRY_WARNING_DAYS`` away: ``expiry_warning``;
* an active procedure's review cycle (its own ``review_cycle_months`` or ``REVIEW_CYCLE_MONTHS``) came due
  since its last review (or since it became active), and no periodic task of it is open: ``periodic``.

Documents issued by central bodies (agency level ``central``) are cited, not reviewed, by the province: they
get no task of their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, aliased

from registry.db import utcnow
from registry.documents import validity as v
from registry.documents.models import Agency, Document, Relation, StatusPeriod, ValidityEvent
from registry.errors import Conflict, DomainError, NotFound
from registry.reviews import rules as r
from registry.reviews.models import JobRun, ProcedureSourceMark, ReviewTask, TaskStatus

CHUNK = 900
JOB_FLAG = "reviews.job_running"
OPENED_KEYS = "reviews.opened_keys"


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _rows_for(session: Session, stmt: Any, column: Any, ids: set[int] | None) -> list[Any]:
    """Run ``stmt`` for all rows (``ids`` None) or restricted to ``column IN ids`` in chunks."""
    if ids is None:
        return list(session.execute(stmt))
    out: list[Any] = []
    for chunk in _chunks(sorted(ids)):
        out.extend(session.execute(stmt.where(column.in_(chunk))))
    return out


def _procedure_models() -> Any:
    """The procedures domain's models, or None while it is not installed."""
    try:
        from registry.procedures import models as pm
    except ImportError:  # pragma: no cover - the procedures domain is part of the application
        return None
    return pm


# --------------------------------------------------------------------------------------------- triggers


def collect_triggers(
    session: Session, *, today: date, since: date | None = None, doc_ids: Iterable[int] | None = None
) -> list[r.Trigger]:
    """Every change of a document dated on or before ``today`` (and on or after ``since``) that is a ground
    for review: starts of expired / partly expired / suspended / partly suspended periods, and amendments
    (``amends`` relations and AMENDED events). Restricted to ``doc_ids`` when given. Reads only."""
    ids = set(doc_ids) if doc_ids is not None else None
    triggers: list[r.Trigger] = []
    doc = aliased(Document)
    acting = aliased(Document)
    periods = (
        select(
            StatusPeriod.document_id, StatusPeriod.starts_on, StatusPeriod.status, doc.number, acting.number
        )
        .join(doc, doc.id == StatusPeriod.document_id)
        .outerjoin(acting, acting.id == StatusPeriod.cause_id)
        .where(
            StatusPeriod.status.in_([v.Status(s) for s in r.TRIGGER_STATUSES]),
            StatusPeriod.starts_on.is_not(None),
            StatusPeriod.starts_on <= today,
        )
    )
    if since is not None:
        periods = periods.where(StatusPeriod.starts_on >= since)
    for doc_id, on, status, number, acting_number in _rows_for(
        session, periods, StatusPeriod.document_id, ids
    ):
        triggers.append(r.Trigger(doc_id, number, on, r.Change(str(status)), acting_number or ""))

    src = aliased(Document)
    tgt = aliased(Document)
    on_col = func.coalesce(Relation.on, src.effective_on)
    amendments = (
        select(Relation.target_id, tgt.number, on_col, src.number)
        .join(src, src.id == Relation.source_id)
        .join(tgt, tgt.id == Relation.target_id)
        .where(Relation.kind == v.RelationKind.AMENDS, on_col.is_not(None), on_col <= today)
    )
    if since is not None:
        amendments = amendments.where(on_col >= since)
    for doc_id, number, on, acting_number in _rows_for(session, amendments, Relation.target_id, ids):
        triggers.append(r.Trigger(doc_id, number, on, r.Change.AMENDED, acting_number or ""))

    events = (
        select(ValidityEvent.document_id, doc.number, ValidityEvent.on, ValidityEvent.cause_number)
        .join(doc, doc.id == ValidityEvent.document_id)
        .where(
            ValidityEvent.kind == v.EventKind.AMENDED,
            ValidityEvent.voided_at.is_(None),
            ValidityEvent.on <= today,
        )
    )
    if since is not None:
        events = events.where(ValidityEvent.on >= since)
    for doc_id, number, on, acting_number in _rows_for(session, events, ValidityEvent.document_id, ids):
        triggers.append(r.Trigger(doc_id, number, on, r.Change.AMENDED, acting_number or ""))
    return triggers


@dataclass
class _DocInfo:
    number: str
    agency_id: int
    issued_on: date | None
    central: bool


def _doc_infos(session: Session, ids: set[int] | None) -> dict[int, _DocInfo]:
    stmt = select(Document.id, Document.number, Document.agency_id, Document.issued_on, Agency.level).join(
        Agency, Agency.id == Document.agency_id
    )
    return {
        row[0]: _DocInfo(row[1], row[2], row[3], row[4] == "central")
        for row in _rows_for(session, stmt, Document.id, ids)
    }


def expired_since(session: Session, ids: set[int] | None) -> dict[int, date]:
    """The first day each document was wholly expired (documents never expired are absent). Reads only."""
    out: dict[int, date] = {}
    if ids is None:
        stmt = (
            select(StatusPeriod.document_id, func.min(StatusPeriod.starts_on))
            .where(StatusPeriod.status == v.Status.EXPIRED)
            .group_by(StatusPeriod.document_id)
        )
        for doc_id, first in session.execute(stmt):
            out[doc_id] = first if first is not None else date.min
        return out
    # a few documents: read their periods by document (a status filter in SQL lets SQLite pick the status
    # index and walk every expired period of the registry) and keep the expired ones here
    starts: dict[int, list[date | None]] = defaultdict(list)
    by_doc = select(StatusPeriod.document_id, StatusPeriod.status, StatusPeriod.starts_on)
    for doc_id, status, starts_on in _rows_for(session, by_doc, StatusPeriod.document_id, ids):
        if v.Status(status) == v.Status.EXPIRED:
            starts[doc_id].append(starts_on)
    for doc_id, days in starts.items():
        known = [d for d in days if d is not None]
        out[doc_id] = min(known) if known else date.min
    return out


def _procedure_active_on(proc: Any, day: date) -> bool:
    status = str(getattr(proc.status, "value", proc.status))
    if status == "draft":
        return False
    if proc.active_since is not None and proc.active_since > day:
        return False
    if proc.repealed_on is not None:
        return proc.repealed_on > day
    return status != "repealed"


def _procedure_label(code: str | None, name: str) -> str:
    return f"{code} — {name}" if code else name


def plan_for_triggers(
    session: Session,
    triggers: Sequence[r.Trigger],
    *,
    cutover: date,
    settings: r.ReviewSettings,
) -> list[r.TaskSpec]:
    """The tasks the triggers call for, on procedures and on dependent documents. Reads only."""
    if not triggers:
        return []
    by_doc: dict[int, list[r.Trigger]] = defaultdict(list)
    for t in triggers:
        by_doc[t.document_id].append(t)
    changed = set(by_doc)
    restrict = changed if len(changed) < 20_000 else None
    specs: list[r.TaskSpec] = []

    # documents that cite as basis or detail a changed document
    rel_stmt = select(Relation.source_id, Relation.target_id, Relation.kind).where(
        Relation.kind.in_([v.RelationKind.BASIS, v.RelationKind.DETAILS]), Relation.target_id.is_not(None)
    )
    dependents: dict[int, list[tuple[int, v.RelationKind]]] = defaultdict(list)
    for source_id, target_id, kind in _rows_for(session, rel_stmt, Relation.target_id, restrict):
        if target_id in changed and source_id != target_id:
            dependents[target_id].append((source_id, v.RelationKind(kind)))
    subject_ids = {s for deps in dependents.values() for s, _k in deps}
    infos = _doc_infos(session, subject_ids if len(subject_ids) < 20_000 else None)
    ended = expired_since(session, subject_ids if len(subject_ids) < 20_000 else None)
    for target_id, deps in dependents.items():
        for t in by_doc[target_id]:
            for source_id, kind in deps:
                info = infos.get(source_id)
                if info is None or info.central:
                    continue
                if info.issued_on is not None and info.issued_on > t.on:
                    continue
                end = ended.get(source_id)
                if end is not None and end <= t.on:
                    continue
                if kind == v.RelationKind.DETAILS and t.change == r.Change.EXPIRED and t.on >= cutover:
                    task_kind = r.TaskKind.PARENT_EXPIRED
                    vi, en = r.reason_parent_expired(t, info.number)
                else:
                    task_kind = r.TaskKind.DEPENDENT_CHANGED
                    vi, en = r.reason_dependent(t, info.number, kind.value)
                specs.append(
                    r.TaskSpec(
                        kind=task_kind,
                        document_id=source_id,
                        procedure_id=None,
                        cause_document_id=t.document_id,
                        period=t.on,
                        opened_on=t.on,
                        due_on=t.on + timedelta(days=settings.due_days),
                        agency_id=info.agency_id,
                        reason_vi=vi,
                        reason_en=en,
                    )
                )

    # procedures whose legal basis changed
    pm = _procedure_models()
    if pm is not None:
        proc = pm.Procedure
        stmt = select(
            pm.LegalBasis.document_id,
            proc.id,
            proc.code,
            proc.name,
            proc.agency_id,
            proc.status,
            proc.active_since,
            proc.repealed_on,
        ).join(proc, proc.id == pm.LegalBasis.procedure_id)
        seen: set[tuple[int, int]] = set()
        for row in _rows_for(session, stmt, pm.LegalBasis.document_id, restrict):
            doc_id, proc_id = row[0], row[1]
            if doc_id not in changed or (doc_id, proc_id) in seen:
                continue
            seen.add((doc_id, proc_id))
            for t in by_doc[doc_id]:
                if not _procedure_active_on(row, t.on):
                    continue
                vi, en = r.reason_basis_changed(t, _procedure_label(row.code, row.name))
                specs.append(
                    r.TaskSpec(
                        kind=r.TaskKind.BASIS_CHANGED,
                        document_id=None,
                        procedure_id=proc_id,
                        cause_document_id=t.document_id,
                        period=t.on,
                        opened_on=t.on,
                        due_on=t.on + timedelta(days=settings.due_days),
                        agency_id=row.agency_id,
                        reason_vi=vi,
                        reason_en=en,
                    )
                )
    return specs


# --------------------------------------------------------------------------------------------- date rules


def documents_laying_down_procedures(session: Session) -> dict[int, list[Any]]:
    """Documents that lay down procedures: those some procedure's legal basis points to (with those
    procedures' (id, agency_id) rows), and those an officer marked (with an empty list). Reads only."""
    out: dict[int, list[Any]] = {}
    pm = _procedure_models()
    if pm is not None:
        rows = session.execute(
            select(pm.LegalBasis.document_id, pm.Procedure.id, pm.Procedure.agency_id)
            .join(pm.Procedure, pm.Procedure.id == pm.LegalBasis.procedure_id)
            .where(pm.LegalBasis.document_id.is_not(None))
        )
        for doc_id, proc_id, agency_id in rows:
            procs = out.setdefault(doc_id, [])
            if all(p[0] != proc_id for p in procs):
                procs.append((proc_id, agency_id))
    for (doc_id,) in session.execute(select(ProcedureSourceMark.document_id)):
        out.setdefault(doc_id, [])
    return out


def plan_announcements(session: Session, *, today: date, settings: r.ReviewSettings) -> list[r.TaskSpec]:
    """``announcement_due`` tasks: documents laying down procedures not announced by their deadline.

    Announced means: an ``announces`` relation to the document from a document issued by the deadline, or
    (when procedures are linked) every linked procedure listed in an announcement issued between the
    document's issue and the deadline. Reads only."""
    sources = documents_laying_down_procedures(session)
    if not sources:
        return []
    docs = {
        row.id: row
        for chunk in _chunks(sorted(sources))
        for row in session.execute(
            select(
                Document.id, Document.number, Document.effective_on, Document.issued_on, Document.agency_id
            ).where(Document.id.in_(chunk), Document.effective_on.is_not(None))
        )
    }
    # procedures announced, with the day of the announcing decision
    announced: dict[int, list[date]] = defaultdict(list)
    pm = _procedure_models()
    if pm is not None:
        ann_doc = aliased(Document)
        for proc_id, issued in session.execute(
            select(pm.AnnouncementItem.procedure_id, ann_doc.issued_on)
            .join(pm.Announcement, pm.Announcement.id == pm.AnnouncementItem.announcement_id)
            .join(ann_doc, ann_doc.id == pm.Announcement.document_id)
            .where(pm.AnnouncementItem.action != "repealed", ann_doc.issued_on.is_not(None))
        ):
            announced[proc_id].append(issued)
    src = aliased(Document)
    by_relation: dict[int, list[date]] = defaultdict(list)
    for target_id, issued in session.execute(
        select(Relation.target_id, src.issued_on)
        .join(src, src.id == Relation.source_id)
        .where(Relation.kind == v.RelationKind.ANNOUNCES, src.issued_on.is_not(None))
    ):
        if target_id is not None and issued is not None:
            by_relation[target_id].append(issued)

    specs: list[r.TaskSpec] = []
    for doc_id, row in docs.items():
        deadline = r.announcement_deadline(row.effective_on, settings.announcement_deadline_days)
        if deadline > today or (settings.since is not None and deadline < settings.since):
            continue
        if any(day <= deadline for day in by_relation.get(doc_id, ())):
            continue
        procs = sources[doc_id]
        start = row.issued_on or date.min
        if procs and all(
            any(start <= day <= deadline for day in announced.get(pid, ())) for pid, _a in procs
        ):
            continue
        vi, en = r.reason_announcement(row.number, row.effective_on, deadline, len(procs))
        specs.append(
            r.TaskSpec(
                kind=r.TaskKind.ANNOUNCEMENT_DUE,
                document_id=doc_id,
                procedure_id=None,
                cause_document_id=doc_id,
                period=deadline,
                opened_on=deadline,
                due_on=row.effective_on,
                agency_id=procs[0][1] if procs and procs[0][1] else row.agency_id,
                reason_vi=vi,
                reason_en=en,
            )
        )
    return specs


def plan_expiry_warnings(session: Session, *, today: date, settings: r.ReviewSettings) -> list[r.TaskSpec]:
    """``expiry_warning`` tasks: local documents whose stated end date is within the warning window, unless
    they lost effect earlier by other means. Reads only."""
    horizon = today + timedelta(days=settings.expiry_warning_days)
    rows = session.execute(
        select(Document.id, Document.number, Document.expires_on, Document.agency_id)
        .join(Agency, Agency.id == Document.agency_id)
        .where(Document.expires_on.is_not(None), Document.expires_on <= horizon, Agency.level != "central")
    ).all()
    ended = expired_since(session, {row.id for row in rows}) if rows else {}
    specs: list[r.TaskSpec] = []
    for row in rows:
        opened = r.expiry_warning_day(row.expires_on, settings.expiry_warning_days)
        if settings.since is not None and opened < settings.since:
            continue
        end = ended.get(row.id)
        if end is not None and end < row.expires_on:
            continue
        vi, en = r.reason_expiry(row.number, row.expires_on)
        specs.append(
            r.TaskSpec(
                kind=r.TaskKind.EXPIRY_WARNING,
                document_id=row.id,
                procedure_id=None,
                cause_document_id=None,
                period=row.expires_on,
                opened_on=opened,
                due_on=row.expires_on,
                agency_id=row.agency_id,
                reason_vi=vi,
                reason_en=en,
            )
        )
    return specs


def plan_periodic(session: Session, *, today: date, settings: r.ReviewSettings) -> list[r.TaskSpec]:
    """``periodic`` tasks: active procedures whose cycle since the last review (or activation) came due and
    that have no open periodic task. Reads only."""
    pm = _procedure_models()
    if pm is None:
        return []
    proc = pm.Procedure
    open_periodic = set(
        session.scalars(
            select(ReviewTask.procedure_id).where(
                ReviewTask.kind == r.TaskKind.PERIODIC, ReviewTask.status == TaskStatus.OPEN
            )
        )
    )
    specs: list[r.TaskSpec] = []
    for row in session.execute(
        select(
            proc.id,
            proc.code,
            proc.name,
            proc.agency_id,
            proc.status,
            proc.review_cycle_months,
            proc.last_reviewed_on,
            proc.active_since,
            proc.repealed_on,
        ).where(proc.status != "draft")
    ):
        if row.id in open_periodic:
            continue
        anchor = row.last_reviewed_on or row.active_since
        if anchor is None:
            continue
        months = row.review_cycle_months or settings.review_cycle_months
        due_day = r.next_cycle_day(anchor, months)
        if due_day > today or not _procedure_active_on(row, due_day):
            continue
        vi, en = r.reason_periodic(_procedure_label(row.code, row.name), anchor, months)
        specs.append(
            r.TaskSpec(
                kind=r.TaskKind.PERIODIC,
                document_id=None,
                procedure_id=row.id,
                cause_document_id=None,
                period=due_day,
                opened_on=due_day,
                due_on=due_day + timedelta(days=settings.due_days),
                agency_id=row.agency_id,
                reason_vi=vi,
                reason_en=en,
            )
        )
    return specs


# --------------------------------------------------------------------------------------------- opening


def existing_keys(session: Session, keys: Iterable[str]) -> set[str]:
    """Which of these dedupe keys already name a task. Reads only."""
    wanted = sorted(set(keys))
    if len(wanted) > 20_000:
        return set(session.scalars(select(ReviewTask.dedupe_key))) & set(wanted)
    found: set[str] = set()
    for chunk in _chunks(wanted):
        found.update(session.scalars(select(ReviewTask.dedupe_key).where(ReviewTask.dedupe_key.in_(chunk))))
    return found


def open_tasks(session: Session, specs: Sequence[r.TaskSpec]) -> list[r.TaskSpec]:
    """Insert the tasks whose key is new (bulk insert, no ORM objects). Returns those opened; flushes."""
    unique: dict[str, r.TaskSpec] = {}
    for spec in specs:
        unique.setdefault(spec.key, spec)
    if not unique:
        return []
    session.flush()
    new_keys = set(unique) - existing_keys(session, unique)
    fresh = [unique[k] for k in sorted(new_keys)]
    if not fresh:
        return []
    now = utcnow()
    session.execute(
        insert(ReviewTask).execution_options(render_nulls=True),  # one executemany, whichever ids are None
        [
            {
                "kind": s.kind,
                "document_id": s.document_id,
                "procedure_id": s.procedure_id,
                "cause_document_id": s.cause_document_id,
                "period": s.period,
                "reason_vi": s.reason_vi[:1000],
                "reason_en": s.reason_en[:1000],
                "opened_on": s.opened_on,
                "due_on": s.due_on,
                "agency_id": s.agency_id,
                "status": TaskStatus.OPEN,
                "note": "",
                "dedupe_key": s.key,
                "created_at": now,
            }
            for s in fresh
        ],
    )
    session.info.setdefault(OPENED_KEYS, set()).update(new_keys)
    return fresh


def open_for_changes(
    session: Session,
    doc_ids: Iterable[int],
    *,
    today: date,
    cutover: date,
    settings: r.ReviewSettings,
) -> list[r.TaskSpec]:
    """The cascade at once: open the tasks called for by the changes of these documents. Flushes."""
    triggers = collect_triggers(session, today=today, since=settings.since, doc_ids=doc_ids)
    return open_tasks(session, plan_for_triggers(session, triggers, cutover=cutover, settings=settings))


def preview_for_changes(
    session: Session,
    doc_ids: Iterable[int],
    *,
    today: date,
    cutover: date,
    settings: r.ReviewSettings,
) -> list[r.TaskSpec]:
    """The tasks these changes open (or opened inside the current preview savepoint). Reads only."""
    triggers = collect_triggers(session, today=today, since=settings.since, doc_ids=doc_ids)
    specs = plan_for_triggers(session, triggers, cutover=cutover, settings=settings)
    opened_here = session.info.get(OPENED_KEYS, set())
    present = existing_keys(session, [s.key for s in specs])
    seen: set[str] = set()
    out = []
    for s in specs:
        if s.key in seen:
            continue
        seen.add(s.key)
        if s.key in opened_here or s.key not in present:
            out.append(s)
    return out


def escalate(session: Session, *, today: date, settings: r.ReviewSettings) -> int:
    """Mark open tasks overdue by more than ``escalate_after_days`` as escalated, dated the day they crossed
    the line (not the day the job ran). Returns how many; flushes."""
    limit = today - timedelta(days=settings.escalate_after_days)
    rows = session.execute(
        select(ReviewTask.id, ReviewTask.due_on).where(
            ReviewTask.status == TaskStatus.OPEN,
            ReviewTask.escalated_on.is_(None),
            ReviewTask.due_on <= limit,
        )
    ).all()
    by_day: dict[date, list[int]] = defaultdict(list)
    for task_id, due_on in rows:
        by_day[r.escalation_day(due_on, settings.escalate_after_days)].append(task_id)
    for day, ids in by_day.items():
        for chunk in _chunks(ids):
            session.execute(
                update(ReviewTask)
                .where(ReviewTask.id.in_(chunk))
                .values(escalated_on=day)
                .execution_options(synchronize_session=False)
            )
    session.flush()
    return len(rows)


# --------------------------------------------------------------------------------------------- the daily job


@dataclass
class JobResult:
    today: date
    status_changes: int = 0
    opened: int = 0
    escalated: int = 0
    opened_by_kind: dict[str, int] = field(default_factory=dict)


def run_daily(
    session: Session,
    *,
    today: date,
    cutover: date,
    settings: r.ReviewSettings,
    origin: str = "cli",
    refresh: bool = True,
) -> JobResult:
    """The daily job for ``today``: refresh the status cache (``refresh_all``), open every task the rules call
    for up to ``today``, escalate. Idempotent. Flushes, never commits."""
    from registry.documents.services import refresh_all

    run = JobRun(ran_for=today, origin=origin)
    session.add(run)
    session.info[JOB_FLAG] = True
    try:
        changes = refresh_all(session, today=today, cutover=cutover) if refresh else []
    finally:
        session.info.pop(JOB_FLAG, None)
    triggers = collect_triggers(session, today=today, since=settings.since)
    specs = plan_for_triggers(session, triggers, cutover=cutover, settings=settings)
    specs += plan_announcements(session, today=today, settings=settings)
    specs += plan_expiry_warnings(session, today=today, settings=settings)
    specs += plan_periodic(session, today=today, settings=settings)
    opened = open_tasks(session, specs)
    escalated = escalate(session, today=today, settings=settings)
    result = JobResult(today=today, status_changes=len(changes), opened=len(opened), escalated=escalated)
    for s in opened:
        result.opened_by_kind[s.kind.value] = result.opened_by_kind.get(s.kind.value, 0) + 1
    run.status_changes, run.opened, run.escalated = result.status_changes, result.opened, result.escalated
    run.finished_at = utcnow()
    session.flush()
    return result


def last_run_for(session: Session, day: date) -> JobRun | None:
    """The latest finished run of the job for ``day``, if any. Reads only."""
    return session.scalars(
        select(JobRun)
        .where(JobRun.ran_for == day, JobRun.finished_at.is_not(None))
        .order_by(JobRun.id.desc())
        .limit(1)
    ).first()


# --------------------------------------------------------------------------------------------- officers


def get_task(session: Session, task_id: int) -> ReviewTask:
    """The task with this id. Raises NotFound."""
    task = session.get(ReviewTask, task_id)
    if task is None:
        raise NotFound(f"Không có nhiệm vụ rà soát #{task_id}.", f"No review task #{task_id}.")
    return task


def close_task(
    session: Session,
    task: ReviewTask,
    *,
    outcome: r.Outcome | str | None,
    note: str,
    actor_id: int | None,
    today: date,
) -> ReviewTask:
    """Close a task with an outcome and a note (both required). A procedure's ``last_reviewed_on`` moves to
    ``today``, which restarts its review cycle. Raises DomainError, Conflict if already closed. Flushes."""
    if task.status == TaskStatus.DONE:
        raise Conflict("Nhiệm vụ này đã được đóng.", "This task is already closed.")
    if not outcome:
        raise DomainError("Hãy chọn kết quả rà soát.", "Choose the outcome of the review.", field="outcome")
    try:
        result = r.Outcome(outcome)
    except ValueError as err:
        raise DomainError("Kết quả rà soát không hợp lệ.", "Unknown outcome.", field="outcome") from err
    if not (note or "").strip():
        raise DomainError("Hãy ghi nhận xét rà soát.", "Write a note on the review.", field="note")
    task.status = TaskStatus.DONE
    task.outcome = result
    task.note = note.strip()
    task.closed_on = today
    task.closed_at = utcnow()
    task.closed_by_id = actor_id
    if task.procedure_id is not None:
        pm = _procedure_models()
        if pm is not None:
            proc = session.get(pm.Procedure, task.procedure_id)
            if proc is not None and (proc.last_reviewed_on is None or proc.last_reviewed_on < today):
                proc.last_reviewed_on = today
    session.flush()
    return task


def assign_task(session: Session, task: ReviewTask, *, assignee_id: int | None) -> ReviewTask:
    """Give the task to an officer (None: back to the agency's queue). Raises Conflict if closed. Flushes."""
    if task.status == TaskStatus.DONE:
        raise Conflict("Nhiệm vụ này đã được đóng.", "This task is already closed.")
    task.assignee_id = assignee_id
    session.flush()
    return task


def mark_lays_down_procedures(
    session: Session, doc: Document, *, note: str = "", actor_id: int | None = None
) -> ProcedureSourceMark:
    """Mark a document as laying down procedures (its announcement deadline is then watched). Idempotent;
    flushes."""
    mark = session.scalars(
        select(ProcedureSourceMark).where(ProcedureSourceMark.document_id == doc.id)
    ).first()
    if mark is None:
        mark = ProcedureSourceMark(document_id=doc.id, note=note.strip(), created_by_id=actor_id)
        session.add(mark)
        session.flush()
    return mark


def unmark_lays_down_procedures(session: Session, doc: Document) -> None:
    """Remove the mark (procedures linked through legal bases still count). Flushes."""
    for mark in session.scalars(select(ProcedureSourceMark).where(ProcedureSourceMark.document_id == doc.id)):
        session.delete(mark)
    session.flush()
