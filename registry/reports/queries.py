"""Reports: the annual list of expired and suspended documents, the systematisation lists as of a cut-off,
statistics for any period (with the paragraph of DOMAIN §4), and the dashboard figures. Reads only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from registry.documents import validity as v
from registry.documents.models import DOC_TYPES, Agency, Document, StatusPeriod
from registry.documents.queries import period_on
from registry.documents.services import compute_periods
from registry.reports.text import official_reason, statistics_sentence
from registry.reviews.models import ListPublication, ReviewTask, TaskStatus
from registry.reviews.rules import Outcome

#: the four lists of DOMAIN §3, in order: code → (status, Vietnamese title, English title)
ANNUAL_LISTS: dict[str, tuple[v.Status, str, str]] = {
    "expired": (v.Status.EXPIRED, "Danh mục văn bản hết hiệu lực toàn bộ", "Wholly expired documents"),
    "partly_expired": (
        v.Status.PARTLY_EXPIRED,
        "Danh mục văn bản hết hiệu lực một phần",
        "Partly expired documents",
    ),
    "suspended": (
        v.Status.SUSPENDED,
        "Danh mục văn bản ngưng hiệu lực toàn bộ",
        "Wholly suspended documents",
    ),
    "partly_suspended": (
        v.Status.PARTLY_SUSPENDED,
        "Danh mục văn bản ngưng hiệu lực một phần",
        "Partly suspended documents",
    ),
}
BACKLOG_YEARS = 5


@dataclass
class ListEntry:
    """One row of an official list (columns of DOMAIN §3)."""

    list_code: str
    document_id: int
    type_name: str
    number: str
    issued_on: date | None
    summary: str
    reason: str
    on: date | None
    provisions: str = ""
    year: int | None = None  # the year it became due (for backlog rows)


@dataclass
class ListSection:
    code: str
    title: str
    title_en: str
    entries: list[ListEntry] = field(default_factory=list)
    backlog: list[ListEntry] = field(default_factory=list)


@dataclass
class AnnualList:
    year: int
    agency: Agency | None
    lists: dict[str, ListSection]
    publication: ListPublication | None

    @property
    def total(self) -> int:
        return sum(len(s.entries) + len(s.backlog) for s in self.lists.values())

    def keys(self) -> list[list[Any]]:
        """``[list_code, document_id]`` pairs of every row, as a publication keeps them."""
        return [[e.list_code, e.document_id] for s in self.lists.values() for e in (*s.entries, *s.backlog)]


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _entries(
    session: Session,
    *,
    start: date,
    end: date,
    agency_id: int | None,
    include_internal: bool,
    cutover: date,
) -> list[ListEntry]:
    """Rows for every normative document whose status became one of the four between start and end."""
    statuses = [s for s, _vi, _en in ANNUAL_LISTS.values()]
    q = (
        select(StatusPeriod.document_id, StatusPeriod.starts_on, StatusPeriod.status)
        .join(Document, Document.id == StatusPeriod.document_id)
        .where(
            StatusPeriod.status.in_(statuses),
            StatusPeriod.starts_on >= start,
            StatusPeriod.starts_on <= end,
            Document.normative.is_(True),
        )
    )
    if agency_id is not None:
        q = q.where(Document.agency_id == agency_id)
    if not include_internal:
        q = q.where(Document.public.is_(True))
    found = session.execute(q).all()
    if not found:
        return []
    ids = {row[0] for row in found}
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)))}
    periods = compute_periods(session, ids, cutover=cutover)
    cause_ids = {
        p.state.event.cause_id
        for plist in periods.values()
        for p in plist
        if p.state.event is not None and p.state.event.cause_id is not None
    }
    causes = (
        {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(cause_ids)))}
        if cause_ids
        else {}
    )
    code_of = {s: code for code, (s, _vi, _en) in ANNUAL_LISTS.items()}
    grouped: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for doc_id, starts_on, status in found:
        code = code_of[v.Status(status)]
        period = next((p for p in periods.get(doc_id, ()) if p.starts_on == starts_on), None)
        grouped[(code, doc_id)].append((starts_on, period))
    rows: list[ListEntry] = []
    wholly = {doc_id for (code, doc_id) in grouped if code == "expired"}
    whole_susp = {doc_id for (code, doc_id) in grouped if code == "suspended"}
    for (code, doc_id), items in grouped.items():
        if code == "partly_expired" and doc_id in wholly:
            continue
        if code == "partly_suspended" and (doc_id in whole_susp or doc_id in wholly):
            continue
        items.sort(key=lambda x: x[0])
        reasons: list[str] = []
        provisions: list[str] = []
        for _on, period in items:
            event = period.state.event if period is not None else None
            cause = causes.get(event.cause_id) if event is not None and event.cause_id else None
            text = official_reason(event, cause.type_name if cause else "")
            if text and text not in reasons:
                reasons.append(text)
            if event is not None and event.provisions and event.provisions not in provisions:
                provisions.append(event.provisions)
        d = docs[doc_id]
        rows.append(
            ListEntry(
                list_code=code,
                document_id=doc_id,
                type_name=d.type_name,
                number=d.number,
                issued_on=d.issued_on,
                summary=d.summary,
                reason="; ".join(reasons),
                on=items[0][0],
                provisions="; ".join(provisions),
                year=items[0][0].year if items[0][0] else None,
            )
        )
    rows.sort(key=lambda e: (e.on or date.min, e.issued_on or date.min, e.number))
    return rows


def published_keys(session: Session, agency_id: int | None) -> set[tuple[str, int]]:
    """(list code, document id) pairs already published in some list of this issuing body."""
    q = select(ListPublication.entries)
    q = q.where(
        ListPublication.agency_id == agency_id
        if agency_id is not None
        else ListPublication.agency_id.is_(None)
    )
    out: set[tuple[str, int]] = set()
    for entries in session.scalars(q):
        for code, doc_id in entries or ():
            out.add((str(code), int(doc_id)))
    return out


def annual_list(
    session: Session,
    *,
    year: int,
    agency_id: int | None = None,
    include_internal: bool = True,
    cutover: date = v.DEFAULT_CUTOVER,
    backlog_years: int = BACKLOG_YEARS,
) -> AnnualList:
    """The four lists of DOMAIN §3 for ``year`` and an issuing body (None: every body), each with the rows
    that became due in the ``backlog_years`` before and were not in any list published since."""
    start, end = _year_bounds(year)
    current = _entries(
        session, start=start, end=end, agency_id=agency_id, include_internal=include_internal, cutover=cutover
    )
    earlier = _entries(
        session,
        start=date(year - backlog_years, 1, 1),
        end=start - timedelta(days=1),
        agency_id=agency_id,
        include_internal=include_internal,
        cutover=cutover,
    )
    publication = session.scalars(
        select(ListPublication).where(
            ListPublication.year == year,
            ListPublication.agency_id == agency_id
            if agency_id is not None
            else ListPublication.agency_id.is_(None),
        )
    ).first()
    published = published_keys(session, agency_id)
    if publication is not None:
        # what this year's publication itself listed does not count as published "earlier"
        published -= {(str(c), int(i)) for c, i in publication.entries or ()}
    sections = {code: ListSection(code, vi, en) for code, (_s, vi, en) in ANNUAL_LISTS.items()}
    for e in current:
        sections[e.list_code].entries.append(e)
    for e in earlier:
        if (e.list_code, e.document_id) not in published:
            sections[e.list_code].backlog.append(e)
    agency = session.get(Agency, agency_id) if agency_id is not None else None
    return AnnualList(year, agency, sections, publication)


# --------------------------------------------------------------------------------------------- systematisation

SYSTEMATISATION_LISTS: dict[str, tuple[tuple[v.Status, ...], str, str]] = {
    "in_force": ((v.Status.IN_FORCE,), "Danh mục văn bản còn hiệu lực", "Documents in force"),
    "partly_expired": (
        (v.Status.PARTLY_EXPIRED,),
        "Danh mục văn bản hết hiệu lực một phần",
        "Partly expired documents",
    ),
    "expired": ((v.Status.EXPIRED,), "Danh mục văn bản hết hiệu lực toàn bộ", "Wholly expired documents"),
    "suspended": (
        (v.Status.SUSPENDED, v.Status.PARTLY_SUSPENDED),
        "Danh mục văn bản ngưng hiệu lực (toàn bộ hoặc một phần)",
        "Suspended documents (wholly or partly)",
    ),
    "to_change": (
        (),
        "Danh mục văn bản cần đình chỉ thi hành, bãi bỏ, sửa đổi, bổ sung, thay thế hoặc ban hành mới",
        "Documents to be amended, replaced or repealed",
    ),
}


@dataclass
class SystemRow:
    document_id: int
    type_name: str
    number: str
    issued_on: date | None
    summary: str
    status: v.Status
    reason: str


@dataclass
class Systematisation:
    cutoff: date
    agency: Agency | None
    lists: dict[str, list[SystemRow]]
    titles: dict[str, tuple[str, str]]


def systematisation(
    session: Session,
    *,
    cutoff: date,
    agency_id: int | None = None,
    include_internal: bool = True,
) -> Systematisation:
    """The lists of the five-yearly systematisation as of ``cutoff``: normative documents issued by then, by
    their status that day; "to change" holds those whose latest review closed by then (the task closed on or
    before the cut-off) proposed amendment or repeal and that were not wholly expired that day."""
    sp, cond = period_on(cutoff)
    q = (
        select(Document, sp.status, sp.reason)
        .join(sp, and_(sp.document_id == Document.id, cond))
        .where(Document.normative.is_(True), or_(Document.issued_on.is_(None), Document.issued_on <= cutoff))
        .order_by(Document.issued_on, Document.number_key)
    )
    if agency_id is not None:
        q = q.where(Document.agency_id == agency_id)
    if not include_internal:
        q = q.where(Document.public.is_(True))
    lists: dict[str, list[SystemRow]] = {code: [] for code in SYSTEMATISATION_LISTS}
    by_status = {s: code for code, (statuses, _vi, _en) in SYSTEMATISATION_LISTS.items() for s in statuses}
    rows: dict[int, SystemRow] = {}
    for doc, status, reason in session.execute(q):
        row = SystemRow(
            doc.id, doc.type_name, doc.number, doc.issued_on, doc.summary, v.Status(status), reason
        )
        rows[doc.id] = row
        code = by_status.get(v.Status(status))
        if code:
            lists[code].append(row)
    latest: dict[int, ReviewTask] = {}
    for task in session.scalars(
        select(ReviewTask)
        .where(
            ReviewTask.status == TaskStatus.DONE,
            ReviewTask.document_id.is_not(None),
            ReviewTask.closed_on <= cutoff,
        )
        .order_by(ReviewTask.closed_on, ReviewTask.id)
    ):
        latest[task.document_id] = task  # type: ignore[index]
    for doc_id, task in latest.items():
        found = rows.get(doc_id)
        if found is None or found.status == v.Status.EXPIRED:
            continue
        row = found
        if task.outcome in (Outcome.AMENDMENT_NEEDED, Outcome.REPEAL_PROPOSED):
            lists["to_change"].append(
                SystemRow(
                    row.document_id,
                    row.type_name,
                    row.number,
                    row.issued_on,
                    row.summary,
                    row.status,
                    f"{task.outcome_label()}: {task.note}",
                )
            )
    titles = {code: (vi, en) for code, (_s, vi, en) in SYSTEMATISATION_LISTS.items()}
    agency = session.get(Agency, agency_id) if agency_id is not None else None
    return Systematisation(cutoff, agency, lists, titles)


# --------------------------------------------------------------------------------------------- statistics


@dataclass
class Statistics:
    """Figures for a period (DOMAIN §4). Documents are normative ones of local bodies."""

    start: date
    end: date
    issued_by_type: dict[str, int] = field(default_factory=dict)
    issued_by_agency: dict[str, int] = field(default_factory=dict)
    expired: int = 0
    partly_expired: int = 0
    suspended: int = 0
    partly_suspended: int = 0
    announcements: int = 0
    procedures_by_action: dict[str, int] = field(default_factory=dict)
    procedures_online: int = 0

    @property
    def issued_total(self) -> int:
        return sum(self.issued_by_type.values())

    @property
    def procedures_announced(self) -> int:
        return sum(self.procedures_by_action.values())

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["issued_total"] = self.issued_total
        data["procedures_announced"] = self.procedures_announced
        return data

    def sentence(self) -> str:
        """The paragraph of DOMAIN §4, in Vietnamese."""
        return statistics_sentence(self)


def statistics(
    session: Session,
    *,
    start: date,
    end: date,
    agency_ids: set[int] | None = None,
    include_internal: bool = True,
) -> Statistics:
    """Statistics for the days ``start``..``end`` (inclusive), for some issuing bodies or all local ones."""
    st = Statistics(start, end)
    local = Agency.level != "central"

    def scoped(q: Any) -> Any:
        q = q.where(local)
        if agency_ids:
            q = q.where(Document.agency_id.in_(agency_ids))
        if not include_internal:
            q = q.where(Document.public.is_(True))
        return q

    issued = scoped(
        select(Document.doc_type, Agency.name, func.count())
        .join(Agency, Agency.id == Document.agency_id)
        .where(Document.normative.is_(True), Document.issued_on >= start, Document.issued_on <= end)
        .group_by(Document.doc_type, Agency.name)
    )
    for doc_type, agency_name, n in session.execute(issued):
        st.issued_by_type[doc_type] = st.issued_by_type.get(doc_type, 0) + n
        st.issued_by_agency[agency_name] = st.issued_by_agency.get(agency_name, 0) + n
    st.issued_by_type = dict(sorted(st.issued_by_type.items(), key=lambda kv: (-kv[1], kv[0])))

    changed = scoped(
        select(StatusPeriod.status, func.count(func.distinct(StatusPeriod.document_id)))
        .join(Document, Document.id == StatusPeriod.document_id)
        .join(Agency, Agency.id == Document.agency_id)
        .where(
            Document.normative.is_(True),
            StatusPeriod.starts_on >= start,
            StatusPeriod.starts_on <= end,
            StatusPeriod.status.in_(
                [v.Status.EXPIRED, v.Status.PARTLY_EXPIRED, v.Status.SUSPENDED, v.Status.PARTLY_SUSPENDED]
            ),
        )
        .group_by(StatusPeriod.status)
    )
    for status, n in session.execute(changed):
        setattr(st, str(v.Status(status).value), int(n))

    try:
        from registry.procedures.models import Announcement, AnnouncementItem, OnlineLevel, Procedure
    except ImportError:  # pragma: no cover
        ann_q = scoped(
            select(func.count())
            .select_from(Document)
            .join(Agency, Agency.id == Document.agency_id)
            .where(
                Document.announces_procedures.is_(True),
                Document.issued_on >= start,
                Document.issued_on <= end,
            )
        )
        st.announcements = int(session.scalar(ann_q) or 0)
        return st
    ann_q = scoped(
        select(func.count())
        .select_from(Announcement)
        .join(Document, Document.id == Announcement.document_id)
        .join(Agency, Agency.id == Document.agency_id)
        .where(Document.issued_on >= start, Document.issued_on <= end)
    )
    st.announcements = int(session.scalar(ann_q) or 0)
    items_q = scoped(
        select(AnnouncementItem.action, func.count())
        .join(Announcement, Announcement.id == AnnouncementItem.announcement_id)
        .join(Document, Document.id == Announcement.document_id)
        .join(Agency, Agency.id == Document.agency_id)
        .where(Document.issued_on >= start, Document.issued_on <= end)
        .group_by(AnnouncementItem.action)
    )
    for action, n in session.execute(items_q):
        st.procedures_by_action[str(getattr(action, "value", action))] = int(n)
    online_q = (
        select(func.count())
        .select_from(Procedure)
        .where(Procedure.status == "active", Procedure.online_level != OnlineLevel.NONE)
    )
    if agency_ids:
        online_q = online_q.where(Procedure.agency_id.in_(agency_ids))
    st.procedures_online = int(session.scalar(online_q) or 0)
    return st


def type_name(code: str) -> str:
    return DOC_TYPES.get(code, (code, code))[0]


# --------------------------------------------------------------------------------------------- dashboard


def procedures_by_health(session: Session) -> dict[str, int]:
    """Active procedures per health level (empty without the procedures domain)."""
    try:
        from registry.procedures.models import Procedure
    except ImportError:  # pragma: no cover
        return {}
    rows = session.execute(
        select(Procedure.health, func.count()).where(Procedure.status != "draft").group_by(Procedure.health)
    )
    return {str(getattr(h, "value", h)): int(n) for h, n in rows}
