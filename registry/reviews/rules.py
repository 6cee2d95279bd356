"""Review tasks as plain values: kinds, outcomes, identity (the dedupe key), dates and reasons in words.

Pure module: no database, no Flask. The services turn rows into :class:`Trigger` values and ask for
:class:`TaskSpec` values; everything here is a function of its arguments, so the daily job gives the same
tasks whether it runs once or day by day (see :func:`task_key`).

Decisions this module makes:

* A task's identity is ``(kind, subject, cause, period)``: the dedupe key. ``period`` is the day of the
  triggering event (a status change, an amendment, a deadline, a stated end date, a review cycle's due
  day), never the day the job ran. Opening a task whose key exists does nothing.
* ``opened_on`` is the triggering day; ``due_on`` is ``opened_on + due_days``, except for the expiry
  warning (due on the stated end date) and the announcement deadline (due on the day the document takes
  effect).
* A task escalates to the admin on ``due_on + escalate_after_days`` if still open then
  (:func:`escalation_day`); this too is a date derived from the task, not from when the job ran.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "KIND_LABELS",
    "OUTCOME_LABELS",
    "TRIGGER_STATUSES",
    "Change",
    "Outcome",
    "ReviewSettings",
    "TaskKind",
    "TaskSpec",
    "Trigger",
    "add_months",
    "escalation_day",
    "expiry_warning_day",
    "announcement_deadline",
    "is_overdue",
    "next_cycle_day",
    "task_key",
]


class TaskKind(StrEnum):
    """Why a review task exists."""

    BASIS_CHANGED = "basis_changed"  # a procedure's legal basis expired, changed, was replaced or suspended
    DEPENDENT_CHANGED = "dependent_changed"  # a document cites as basis / details a document that changed
    PARENT_EXPIRED = "parent_expired"  # a detailing document flagged after its parent expired (2025 Law)
    ANNOUNCEMENT_DUE = "announcement_due"  # procedures laid down by a document not announced by the deadline
    EXPIRY_WARNING = "expiry_warning"  # a document's stated term ends soon
    PERIODIC = "periodic"  # a procedure's periodic review cycle came due


KIND_LABELS: dict[TaskKind, tuple[str, str]] = {
    TaskKind.BASIS_CHANGED: ("Căn cứ pháp lý của thủ tục thay đổi", "Legal basis of a procedure changed"),
    TaskKind.DEPENDENT_CHANGED: ("Văn bản được căn cứ thay đổi", "A document relied on changed"),
    TaskKind.PARENT_EXPIRED: (
        "Văn bản được quy định chi tiết hết hiệu lực",
        "The detailed document expired",
    ),
    TaskKind.ANNOUNCEMENT_DUE: ("Chưa công bố thủ tục hành chính", "Procedures not announced"),
    TaskKind.EXPIRY_WARNING: ("Sắp hết thời hạn hiệu lực", "Stated term ends soon"),
    TaskKind.PERIODIC: ("Rà soát định kỳ thủ tục", "Periodic review of a procedure"),
}
"""(Vietnamese, English) label of each kind."""


class Outcome(StrEnum):
    """How an officer closed a task; kept in the subject's history."""

    CONFIRMED = "confirmed"  # confirmed unchanged
    AMENDMENT_NEEDED = "amendment_needed"
    REPEAL_PROPOSED = "repeal_proposed"
    ANNOUNCEMENT_ISSUED = "announcement_issued"


OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.CONFIRMED: ("Giữ nguyên, không thay đổi", "Confirmed unchanged"),
    Outcome.AMENDMENT_NEEDED: ("Cần sửa đổi, bổ sung, thay thế", "Amendment needed"),
    Outcome.REPEAL_PROPOSED: ("Đề nghị bãi bỏ", "Repeal proposed"),
    Outcome.ANNOUNCEMENT_ISSUED: ("Đã ban hành quyết định công bố", "Announcement issued"),
}


class Change(StrEnum):
    """What happened to the document a task depends on."""

    EXPIRED = "expired"
    PARTLY_EXPIRED = "partly_expired"
    SUSPENDED = "suspended"
    PARTLY_SUSPENDED = "partly_suspended"
    AMENDED = "amended"


TRIGGER_STATUSES: frozenset[str] = frozenset(
    {Change.EXPIRED, Change.PARTLY_EXPIRED, Change.SUSPENDED, Change.PARTLY_SUSPENDED}
)
"""Status values whose start is a ground for review of the documents and procedures that depend on it."""

_CHANGE_PHRASES: dict[Change, tuple[str, str]] = {
    Change.EXPIRED: ("hết hiệu lực toàn bộ", "wholly expired"),
    Change.PARTLY_EXPIRED: ("hết hiệu lực một phần", "partly expired"),
    Change.SUSPENDED: ("bị ngưng hiệu lực", "was suspended"),
    Change.PARTLY_SUSPENDED: ("bị ngưng hiệu lực một phần", "was partly suspended"),
    Change.AMENDED: ("được sửa đổi, bổ sung", "was amended"),
}


@dataclass(frozen=True)
class ReviewSettings:
    """The configuration values the review rules use (from REVIEW_* and friends)."""

    due_days: int = 30
    escalate_after_days: int = 7
    expiry_warning_days: int = 30
    announcement_deadline_days: int = 20
    review_cycle_months: int = 12
    since: date | None = None  # triggers before this day open no task (None: all history)

    @classmethod
    def from_config(cls, cfg: object) -> ReviewSettings:
        """Read the settings from a Flask config (any mapping with ``get``)."""
        get = cfg.get  # type: ignore[attr-defined]
        since = get("REVIEWS_SINCE")
        if isinstance(since, str) and since:
            since = date.fromisoformat(since)
        return cls(
            due_days=int(get("REVIEW_DUE_DAYS", 30)),
            escalate_after_days=int(get("ESCALATE_AFTER_DAYS", 7)),
            expiry_warning_days=int(get("EXPIRY_WARNING_DAYS", 30)),
            announcement_deadline_days=int(get("ANNOUNCEMENT_DEADLINE_DAYS", 20)),
            review_cycle_months=int(get("REVIEW_CYCLE_MONTHS", 12)),
            since=since or None,
        )


@dataclass(frozen=True)
class Trigger:
    """A document changed on a day: a ground for reviewing what depends on it.

    ``acting_number`` is the number of the document that caused the change ("14/2019/QĐ-UBND"), if known.
    """

    document_id: int
    number: str
    on: date
    change: Change
    acting_number: str = ""


@dataclass(frozen=True)
class TaskSpec:
    """A task to open (if its key is new)."""

    kind: TaskKind
    document_id: int | None
    procedure_id: int | None
    cause_document_id: int | None
    period: date
    opened_on: date
    due_on: date
    agency_id: int | None
    reason_vi: str
    reason_en: str

    @property
    def key(self) -> str:
        return task_key(self.kind, self.document_id, self.procedure_id, self.cause_document_id, self.period)


def task_key(
    kind: TaskKind | str,
    document_id: int | None,
    procedure_id: int | None,
    cause_document_id: int | None,
    period: date,
) -> str:
    """The dedupe key ``kind:subject:cause:period``, e.g. ``basis_changed:p12:d40:2019-05-06``."""
    subject = f"p{procedure_id}" if procedure_id is not None else f"d{document_id}"
    cause = f"d{cause_document_id}" if cause_document_id is not None else "-"
    return f"{TaskKind(kind).value}:{subject}:{cause}:{period.isoformat()}"


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day (31/01 + 1 → 28/02 or 29/02)."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def next_cycle_day(anchor: date, months: int) -> date:
    """The day a periodic review comes due: ``months`` after the last review (or the day it became active)."""
    return add_months(anchor, max(1, months))


def escalation_day(due_on: date, escalate_after_days: int) -> date:
    """The day an open task escalates to the admin."""
    return due_on + timedelta(days=escalate_after_days)


def is_overdue(due_on: date, today: date) -> bool:
    """A task is overdue from the day after its due day."""
    return today > due_on


def expiry_warning_day(expires_on: date, warning_days: int) -> date:
    """The day the warning about a stated end date opens."""
    return expires_on - timedelta(days=warning_days)


def announcement_deadline(effective_on: date, deadline_days: int) -> date:
    """The last day to announce the procedures a document lays down (DOMAIN §5.2)."""
    return effective_on - timedelta(days=deadline_days)


def fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def change_phrase(change: Change, lang: str = "vi") -> str:
    vi, en = _CHANGE_PHRASES[change]
    return en if lang.startswith("en") else vi


def _by(trigger: Trigger, lang: str) -> str:
    if not trigger.acting_number:
        return ""
    return f" ({'by' if lang == 'en' else 'theo'} {trigger.acting_number})"


def reason_basis_changed(trigger: Trigger, procedure_label: str) -> tuple[str, str]:
    """Why a procedure must be reviewed: its legal basis changed."""
    vi = (
        f"Căn cứ pháp lý {trigger.number} của thủ tục {procedure_label} "
        f"{change_phrase(trigger.change)} từ {fmt(trigger.on)}{_by(trigger, 'vi')}: rà soát thủ tục."
    )
    en = (
        f"Legal basis {trigger.number} of procedure {procedure_label} {change_phrase(trigger.change, 'en')} "
        f"on {fmt(trigger.on)}{_by(trigger, 'en')}: review the procedure."
    )
    return vi, en


def reason_dependent(trigger: Trigger, subject_number: str, relation: str) -> tuple[str, str]:
    """Why a document must be reviewed: a document it cites as basis (``relation`` "basis") or details
    (``relation`` "details") changed."""
    if relation == "details":
        vi_rel, en_rel = "quy định chi tiết", "details"
    else:
        vi_rel, en_rel = "căn cứ", "cites as legal basis"
    vi = (
        f"Văn bản {subject_number} {vi_rel} văn bản {trigger.number}, văn bản này "
        f"{change_phrase(trigger.change)} từ {fmt(trigger.on)}{_by(trigger, 'vi')}: rà soát văn bản."
    )
    en = (
        f"Document {subject_number} {en_rel} {trigger.number}, which {change_phrase(trigger.change, 'en')} "
        f"on {fmt(trigger.on)}{_by(trigger, 'en')}: review the document."
    )
    return vi, en


def reason_parent_expired(trigger: Trigger, subject_number: str) -> tuple[str, str]:
    """Why a detailing document must be reviewed after its parent expired on or after the cut-over."""
    vi = (
        f"Văn bản {subject_number} quy định chi tiết văn bản {trigger.number}, văn bản này hết hiệu lực từ "
        f"{fmt(trigger.on)}{_by(trigger, 'vi')}. Theo Luật 2025, văn bản quy định chi tiết vẫn còn hiệu lực "
        f"trừ khi trái với văn bản mới hoặc được công bố hết hiệu lực: rà soát và xác định."
    )
    en = (
        f"Document {subject_number} details {trigger.number}, which expired on {fmt(trigger.on)}"
        f"{_by(trigger, 'en')}. Under the 2025 Law a detailing document stays in force unless it contradicts "
        f"the new document or is announced as expired: review and decide."
    )
    return vi, en


def reason_announcement(number: str, effective_on: date, deadline: date, procedures: int) -> tuple[str, str]:
    """Why an announcement is due: the document's procedures were not announced by the deadline."""
    count_vi = f"{procedures} thủ tục hành chính" if procedures else "các thủ tục hành chính"
    count_en = f"{procedures} administrative procedure(s)" if procedures else "the administrative procedures"
    vi = (
        f"Văn bản {number} có hiệu lực từ {fmt(effective_on)} quy định {count_vi} chưa được công bố "
        f"đến hạn {fmt(deadline)}: ban hành quyết định công bố."
    )
    en = (
        f"Document {number}, in force from {fmt(effective_on)}, lays down {count_en} not announced by "
        f"the deadline {fmt(deadline)}: issue the announcement decision."
    )
    return vi, en


def reason_expiry(number: str, expires_on: date) -> tuple[str, str]:
    """Why a document whose stated term ends soon must be reviewed."""
    vi = (
        f"Văn bản {number} hết thời hạn có hiệu lực từ {fmt(expires_on)}: rà soát, "
        f"đề xuất thay thế hoặc đưa vào danh mục văn bản hết hiệu lực."
    )
    en = (
        f"Document {number} reaches the end of its stated term on {fmt(expires_on)}: review, propose a "
        f"replacement or list it as expired."
    )
    return vi, en


def reason_periodic(procedure_label: str, anchor: date, months: int) -> tuple[str, str]:
    """Why a procedure's periodic review is due."""
    vi = f"Thủ tục {procedure_label} đến kỳ rà soát định kỳ ({months} tháng kể từ {fmt(anchor)})."
    en = f"Procedure {procedure_label} is due for its periodic review ({months} months after {fmt(anchor)})."
    return vi, en


def vn_number(n: int) -> str:
    """An integer written the Vietnamese way: 1744 → "1.744"."""
    return f"{n:,}".replace(",", ".")
