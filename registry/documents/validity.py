"""The validity engine: a document's status (tình trạng hiệu lực) as a function of its dates and events.

Pure module: plain dates and frozen dataclasses in, plain values out; no database, no Flask. The documents
domain turns its rows (the document's own dates, recorded validity events, relations whose target is the
document, an expired parent it details) into :class:`Facts` and :class:`Event` values and asks
:func:`status_on`, :func:`periods` or :func:`timeline`. See DOMAIN.md §2.

Decisions this module makes (and tests):

* Dates are plain, inclusive days. ``Facts.effective_on`` is the first day in force; ``Facts.expires_on``
  (the "Ngày hết hiệu lực" of vbpl.vn) is the **first day no longer in force**, like an event date.
* Events of one day are applied in a fixed order (:data:`SAME_DAY_ORDER`): effect first, then amendments and
  corrections, partial effects, resumptions, suspensions, the editorial "obsolete" label, whole expiry. Ties
  between events of the same day and kind are broken on their other fields, so the result never depends on
  the order events are given in.
* Status precedence, strongest first: expired > suspended > obsolete > (not yet in effect) > partly_expired
  > partly_suspended > in_force. A document that has not yet taken effect is ``not_yet_effective`` when a
  day of effect is known (``Facts.effective_on`` or any EFFECTIVE event), ``unknown`` otherwise; only a whole
  expiry, a suspension or the obsolete label show before effect (partial effects wait for the effect).
* Whole expiry (EXPIRED, REPLACED, REPEALED, PARENT_EXPIRED before the cut-over) is final. Only an
  **explicit EFFECTIVE event** (origin other than ``"date"``) dated after the expiry of a document that had
  already taken effect puts it back in force: it was re-enacted. That clears the expiry and the obsolete
  label but keeps partial expiries and suspensions. RESUMED only lifts suspensions (whole and partial, all
  of them) and never revives an expired document. The first EFFECTIVE event of a document never revives,
  nor does the one derived from ``Facts.effective_on``: a document repealed before it took effect stays
  expired.
* PARENT_EXPIRED (the document this one details lost effect): before the cut-over (2015 Law) the document
  expires that day; on or after it (2025 Law, in force 1/4/2025) the status is unchanged and the flag
  :data:`FLAG_PARENT_EXPIRED_REVIEW` is set, for an officer's review. The flag is not shown while the
  document is wholly expired.
* ``StatusAt.since`` is the first day of the current run of the same status value (days are compared after
  all their events); the deciding event is the one that explains the status: the whole expiry, the active
  suspension, the obsolete label, the latest partial expiry or partial suspension, or the EFFECTIVE/RESUMED
  event that last put the document in force.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "DEFAULT_CUTOVER",
    "EVENT_LABELS",
    "EXPIRING_RELATIONS",
    "FLAG_PARENT_EXPIRED_REVIEW",
    "ORIGINS",
    "RELATION_LABELS",
    "RELATION_LABELS_EN",
    "SAME_DAY_ORDER",
    "STATUS_CHANGING_RELATIONS",
    "STATUS_LABELS",
    "Event",
    "EventKind",
    "Facts",
    "Period",
    "RelationKind",
    "Status",
    "StatusAt",
    "TimelineEntry",
    "compile_events",
    "event_reason",
    "first_day_with",
    "parent_expiry_event",
    "periods",
    "relation_event",
    "status_on",
    "timeline",
]


# --------------------------------------------------------------------------------------------------------
# Vocabulary


class Status(StrEnum):
    """Validity status, values as in DOMAIN.md §2.1 (stored by value)."""

    NOT_YET_EFFECTIVE = "not_yet_effective"
    IN_FORCE = "in_force"
    PARTLY_EXPIRED = "partly_expired"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    PARTLY_SUSPENDED = "partly_suspended"
    OBSOLETE = "obsolete"
    UNKNOWN = "unknown"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.NOT_YET_EFFECTIVE: ("Chưa có hiệu lực", "Not yet in force"),
    Status.IN_FORCE: ("Còn hiệu lực", "In force"),
    Status.PARTLY_EXPIRED: ("Hết hiệu lực một phần", "Partly expired"),
    Status.EXPIRED: ("Hết hiệu lực toàn bộ", "Wholly expired"),
    Status.SUSPENDED: ("Ngưng hiệu lực", "Suspended"),
    Status.PARTLY_SUSPENDED: ("Ngưng hiệu lực một phần", "Partly suspended"),
    Status.OBSOLETE: ("Không còn phù hợp", "No longer appropriate"),
    Status.UNKNOWN: ("Chưa xác định", "Undetermined"),
}
"""(Vietnamese, English) label of each status."""


class EventKind(StrEnum):
    """What happened to a document on a day (a validity event)."""

    EFFECTIVE = "effective"
    AMENDED = "amended"
    PARTLY_EXPIRED = "partly_expired"
    PARTLY_REPEALED = "partly_repealed"
    SUSPENDED = "suspended"
    PARTLY_SUSPENDED = "partly_suspended"
    RESUMED = "resumed"
    EXPIRED = "expired"
    REPLACED = "replaced"
    REPEALED = "repealed"
    CORRECTED = "corrected"
    OBSOLETE = "obsolete"
    PARENT_EXPIRED = "parent_expired"


EVENT_LABELS: dict[EventKind, tuple[str, str]] = {
    EventKind.EFFECTIVE: ("Có hiệu lực", "Took effect"),
    EventKind.AMENDED: ("Được sửa đổi, bổ sung", "Amended, supplemented"),
    EventKind.PARTLY_EXPIRED: ("Hết hiệu lực một phần", "Partly expired"),
    EventKind.PARTLY_REPEALED: ("Bị bãi bỏ một phần", "Partly repealed"),
    EventKind.SUSPENDED: ("Bị đình chỉ thi hành", "Suspended"),
    EventKind.PARTLY_SUSPENDED: ("Bị đình chỉ thi hành một phần", "Partly suspended"),
    EventKind.RESUMED: ("Tiếp tục có hiệu lực", "Resumed"),
    EventKind.EXPIRED: ("Hết hiệu lực", "Expired"),
    EventKind.REPLACED: ("Bị thay thế", "Replaced"),
    EventKind.REPEALED: ("Bị bãi bỏ", "Repealed"),
    EventKind.CORRECTED: ("Được đính chính", "Corrected"),
    EventKind.OBSOLETE: ("Không còn phù hợp", "No longer appropriate"),
    EventKind.PARENT_EXPIRED: (
        "Văn bản được quy định chi tiết hết hiệu lực",
        "The detailed document expired",
    ),
}
"""(Vietnamese, English) label of each event kind, for timelines."""


class RelationKind(StrEnum):
    """Directed relation between documents, source acts on target (DOMAIN.md §2.4)."""

    BASIS = "basis"
    DETAILS = "details"
    AMENDS = "amends"
    REPLACES = "replaces"
    REPEALS = "repeals"
    PARTLY_REPEALS = "partly_repeals"
    SUSPENDS = "suspends"
    PARTLY_SUSPENDS = "partly_suspends"
    CORRECTS = "corrects"
    CONSOLIDATES = "consolidates"
    ANNOUNCES = "announces"
    CITES = "cites"
    RELATED = "related"


RELATION_LABELS: dict[RelationKind, tuple[str, str]] = {
    RelationKind.BASIS: ("Căn cứ ban hành", "Văn bản được căn cứ"),
    RelationKind.DETAILS: ("Quy định chi tiết, hướng dẫn thi hành", "Văn bản được quy định chi tiết"),
    RelationKind.AMENDS: ("Sửa đổi, bổ sung", "Văn bản được sửa đổi, bổ sung"),
    RelationKind.REPLACES: ("Thay thế", "Văn bản bị thay thế"),
    RelationKind.REPEALS: ("Bãi bỏ", "Văn bản bị bãi bỏ"),
    RelationKind.PARTLY_REPEALS: ("Bãi bỏ một phần", "Văn bản bị bãi bỏ một phần"),
    RelationKind.SUSPENDS: ("Đình chỉ thi hành", "Văn bản bị đình chỉ"),
    RelationKind.PARTLY_SUSPENDS: ("Đình chỉ thi hành một phần", "Văn bản bị đình chỉ một phần"),
    RelationKind.CORRECTS: ("Đính chính", "Văn bản được đính chính"),
    RelationKind.CONSOLIDATES: ("Hợp nhất", "Văn bản được hợp nhất"),
    RelationKind.ANNOUNCES: ("Công bố", "Văn bản được công bố"),
    RelationKind.CITES: ("Dẫn chiếu", "Văn bản được dẫn chiếu"),
    RelationKind.RELATED: ("Liên quan", "Liên quan"),
}
"""(label shown on the source, label shown on the target), Vietnamese, as in DOMAIN.md §2.4."""

RELATION_LABELS_EN: dict[RelationKind, tuple[str, str]] = {
    RelationKind.BASIS: ("Legal basis", "Cited as legal basis"),
    RelationKind.DETAILS: ("Details, guides", "Detailed, guided"),
    RelationKind.AMENDS: ("Amends, supplements", "Amended, supplemented"),
    RelationKind.REPLACES: ("Replaces", "Replaced"),
    RelationKind.REPEALS: ("Repeals", "Repealed"),
    RelationKind.PARTLY_REPEALS: ("Partly repeals", "Partly repealed"),
    RelationKind.SUSPENDS: ("Suspends", "Suspended"),
    RelationKind.PARTLY_SUSPENDS: ("Partly suspends", "Partly suspended"),
    RelationKind.CORRECTS: ("Corrects", "Corrected"),
    RelationKind.CONSOLIDATES: ("Consolidates", "Consolidated"),
    RelationKind.ANNOUNCES: ("Announces", "Announced"),
    RelationKind.CITES: ("Cites", "Cited"),
    RelationKind.RELATED: ("Related", "Related"),
}
"""(label shown on the source, label shown on the target), English."""

_RELATION_EVENT: dict[RelationKind, EventKind] = {
    RelationKind.REPLACES: EventKind.REPLACED,
    RelationKind.REPEALS: EventKind.REPEALED,
    RelationKind.PARTLY_REPEALS: EventKind.PARTLY_REPEALED,
    RelationKind.SUSPENDS: EventKind.SUSPENDED,
    RelationKind.PARTLY_SUSPENDS: EventKind.PARTLY_SUSPENDED,
    RelationKind.AMENDS: EventKind.AMENDED,
    RelationKind.CORRECTS: EventKind.CORRECTED,
}

STATUS_CHANGING_RELATIONS: frozenset[RelationKind] = frozenset(_RELATION_EVENT)
"""Relations that put an event on their target (see :func:`relation_event`): replaces, repeals,
partly_repeals, suspends, partly_suspends change its status; amends and corrects only show in its
timeline. A change to one of these relations means the target's status must be recomputed."""

EXPIRING_RELATIONS: frozenset[RelationKind] = frozenset({RelationKind.REPLACES, RelationKind.REPEALS})
"""Relations that wholly end their target."""

ORIGINS: frozenset[str] = frozenset({"manual", "relation", "date", "parent"})
"""Allowed ``Event.origin`` values. ``"date"`` is reserved for the events :func:`compile_events` derives
from :class:`Facts`."""

FLAG_PARENT_EXPIRED_REVIEW = "parent_expired_review"
"""Flag set from the day a detailed parent expired on or after the cut-over (2025 Law): review needed."""

DEFAULT_CUTOVER = date(2025, 4, 1)
"""Day Law 64/2025/QH15 took effect: detailing documents no longer expire with their parent from then."""

SAME_DAY_ORDER: tuple[EventKind, ...] = (
    EventKind.EFFECTIVE,
    EventKind.AMENDED,
    EventKind.CORRECTED,
    EventKind.PARTLY_EXPIRED,
    EventKind.PARTLY_REPEALED,
    EventKind.RESUMED,
    EventKind.PARTLY_SUSPENDED,
    EventKind.SUSPENDED,
    EventKind.OBSOLETE,
    EventKind.PARENT_EXPIRED,
    EventKind.EXPIRED,
    EventKind.REPLACED,
    EventKind.REPEALED,
)
"""Order in which events of one day are applied. RESUMED comes before the suspensions: it lifts earlier
suspensions, never one imposed the same day."""

_RANK: dict[EventKind, int] = {kind: i for i, kind in enumerate(SAME_DAY_ORDER)}

_WHOLE_END = frozenset({EventKind.EXPIRED, EventKind.REPLACED, EventKind.REPEALED})
_PARTIAL_END = frozenset({EventKind.PARTLY_EXPIRED, EventKind.PARTLY_REPEALED})


# --------------------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class Event:
    """Something that happened to a document on a day. Raises ValueError for an unknown origin."""

    on: date
    kind: EventKind
    cause_id: int | None = None  # id of the causing document, if registered
    cause_number: str | None = None  # its number as shown ("14/2019/QĐ-UBND")
    provisions: str | None = None  # "Điều 8, khoản 2"
    note: str | None = None
    origin: str = "manual"  # "manual" | "relation" | "date" | "parent"
    ref: str | None = None  # traceability, e.g. "event:12", "relation:5"

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise ValueError(f"unknown event origin {self.origin!r}; expected one of {sorted(ORIGINS)}")

    def label(self, lang: str = "vi") -> str:
        """The event kind's label in `lang` ("vi" or "en*"; anything else gives Vietnamese)."""
        vi, en = EVENT_LABELS[self.kind]
        return en if _is_en(lang) else vi


@dataclass(frozen=True)
class Facts:
    """A document's own dates. ``effective_on`` None means unknown; ``expires_on`` is the first day the
    document is no longer in force because its stated term ended."""

    issued_on: date | None
    effective_on: date | None
    expires_on: date | None = None


def relation_event(
    kind: RelationKind,
    *,
    target_side: bool,
    source_effective_on: date | None,
    relation_on: date | None,
    source_id: int | None,
    source_number: str | None,
    provisions: str | None = None,
    ref: str | None = None,
) -> Event | None:
    """The event a relation puts on its target (``target_side=True``), origin ``"relation"``.

    replaces→REPLACED, repeals→REPEALED, partly_repeals→PARTLY_REPEALED, suspends→SUSPENDED,
    partly_suspends→PARTLY_SUSPENDED, amends→AMENDED, corrects→CORRECTED; dated ``relation_on`` if given,
    else the source's effective date. None on the source side (a relation never changes its source), for
    kinds with no effect on status or timeline, or when neither date is known.
    """
    if not target_side:
        return None
    event_kind = _RELATION_EVENT.get(kind)
    on = relation_on if relation_on is not None else source_effective_on
    if event_kind is None or on is None:
        return None
    return Event(
        on=on,
        kind=event_kind,
        cause_id=source_id,
        cause_number=source_number,
        provisions=provisions,
        origin="relation",
        ref=ref,
    )


def parent_expiry_event(
    parent_expired_on: date,
    *,
    parent_id: int | None,
    parent_number: str | None,
    ref: str | None = None,
) -> Event:
    """The PARENT_EXPIRED event (origin ``"parent"``) for a document whose detailed parent wholly lost effect
    on `parent_expired_on`; whether it expires the document depends on the cut-over (see module doc)."""
    return Event(
        on=parent_expired_on,
        kind=EventKind.PARENT_EXPIRED,
        cause_id=parent_id,
        cause_number=parent_number,
        origin="parent",
        ref=ref,
    )


# --------------------------------------------------------------------------------------------------------
# Outputs


def _is_en(lang: str) -> bool:
    return lang.lower().startswith("en")


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# Phrases per event kind: (vi verb phrase, vi word before the cause, en verb phrase, en word before cause).
_PHRASES: dict[EventKind, tuple[str, str, str, str]] = {
    EventKind.EFFECTIVE: ("có hiệu lực", "theo", "in force", "under"),
    EventKind.AMENDED: ("được sửa đổi, bổ sung", "bởi", "amended", "by"),
    EventKind.CORRECTED: ("được đính chính", "bởi", "corrected", "by"),
    EventKind.PARTLY_EXPIRED: ("hết hiệu lực một phần", "theo", "partly expired", "under"),
    EventKind.PARTLY_REPEALED: ("bị bãi bỏ một phần", "bởi", "partly repealed", "by"),
    EventKind.RESUMED: ("tiếp tục có hiệu lực", "theo", "in force again", "under"),
    EventKind.PARTLY_SUSPENDED: ("bị đình chỉ thi hành một phần", "bởi", "partly suspended", "by"),
    EventKind.SUSPENDED: ("bị đình chỉ thi hành", "bởi", "suspended", "by"),
    EventKind.OBSOLETE: ("không còn phù hợp", "theo", "no longer appropriate", "according to"),
    EventKind.PARENT_EXPIRED: (
        "hết hiệu lực cùng văn bản được quy định chi tiết",
        "",
        "expired together with the detailed document",
        "",
    ),
    EventKind.EXPIRED: ("hết hiệu lực", "theo", "expired", "under"),
    EventKind.REPLACED: ("bị thay thế", "bởi", "replaced", "by"),
    EventKind.REPEALED: ("bị bãi bỏ", "bởi", "repealed", "by"),
}


def event_reason(event: Event, lang: str = "vi") -> str:
    """One phrase saying what `event` did and when, e.g. "bị thay thế bởi 14/2019/QĐ-UBND từ 06/05/2019"."""
    en = _is_en(lang)
    if event.kind is EventKind.EXPIRED and event.origin == "date":
        if en:
            return f"expired at the end of its stated term, from {_fmt(event.on)}"
        return f"hết thời hạn có hiệu lực từ {_fmt(event.on)}"
    vi_verb, vi_by, en_verb, en_by = _PHRASES[event.kind]
    parts = [en_verb if en else vi_verb]
    if event.provisions:
        parts.append(f"({event.provisions})")
    if event.cause_number:
        by = en_by if en else vi_by
        parts.append(f"{by} {event.cause_number}" if by else event.cause_number)
    parts.append(f"{'from' if en else 'từ'} {_fmt(event.on)}")
    return " ".join(parts)


@dataclass(frozen=True)
class StatusAt:
    """A document's status on some day, with what explains it.

    ``since`` is the first day of the current run of this status (None: since always); ``event`` the
    deciding event (None while not yet in effect); ``flags`` extra facts for officers, e.g.
    ``("parent_expired_review",)``; ``takes_effect_on`` the known day effect starts, for a document not yet
    in effect.
    """

    status: Status
    since: date | None
    event: Event | None
    flags: tuple[str, ...] = ()
    takes_effect_on: date | None = None

    def label(self, lang: str = "vi") -> str:
        """The status label in `lang` ("vi" or "en*"; anything else gives Vietnamese)."""
        vi, en = STATUS_LABELS[self.status]
        return en if _is_en(lang) else vi

    def reason(self, lang: str = "vi") -> str:
        """Why the document has this status, e.g. "bị thay thế bởi 14/2019/QĐ-UBND từ 06/05/2019",
        "chưa có hiệu lực (có hiệu lực từ 19/07/2013)"; dates dd/mm/yyyy; "" when there is nothing to say."""
        en = _is_en(lang)
        if self.status is Status.NOT_YET_EFFECTIVE:
            if self.takes_effect_on is None:
                return "not yet in force" if en else "chưa có hiệu lực"
            day = _fmt(self.takes_effect_on)
            return (
                f"not yet in force (takes effect on {day})"
                if en
                else f"chưa có hiệu lực (có hiệu lực từ {day})"
            )
        if self.event is None:
            return ""
        return event_reason(self.event, lang)

    def describe(self, lang: str = "vi") -> str:
        """Label and reason in one line: "Hết hiệu lực toàn bộ — bị thay thế bởi 14/2019/QĐ-UBND từ
        06/05/2019"; a review flag adds a note in parentheses."""
        text = self.label(lang)
        reason = self.reason(lang)
        if self.status is Status.NOT_YET_EFFECTIVE:
            # The reason repeats the label; keep only the day effect starts.
            reason = "" if self.takes_effect_on is None else reason[reason.index("(") + 1 : -1]
        if reason:
            text = f"{text} — {reason}"
        if FLAG_PARENT_EXPIRED_REVIEW in self.flags:
            note = (
                "the detailed document expired: review needed"
                if _is_en(lang)
                else "văn bản được quy định chi tiết đã hết hiệu lực: cần rà soát"
            )
            text = f"{text} ({note})"
        return text


@dataclass(frozen=True)
class Period:
    """A stretch of days with one state: ``starts_on`` inclusive (None: open start), ``ends_on`` exclusive
    (None: open end)."""

    starts_on: date | None
    ends_on: date | None
    state: StatusAt

    def contains(self, day: date) -> bool:
        """Whether `day` falls in this period."""
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is None or day < self.ends_on
        )


@dataclass(frozen=True)
class TimelineEntry:
    """One event in a document's history and the status right after it (same-day events in order)."""

    on: date
    event: Event
    status_after: Status


# --------------------------------------------------------------------------------------------------------
# The engine


def _sort_key(event: Event) -> tuple[object, ...]:
    def opt(value: object) -> tuple[bool, object]:
        return (value is not None, value if value is not None else 0)

    return (
        event.on,
        _RANK[event.kind],
        opt(event.cause_number),
        opt(event.cause_id),
        opt(event.provisions),
        opt(event.note),
        event.origin,
        opt(event.ref),
    )


def compile_events(facts: Facts, events: Iterable[Event]) -> list[Event]:
    """Own-date events (EFFECTIVE on ``effective_on``, EXPIRED on ``expires_on``, origin ``"date"``) plus the
    given ones, sorted by day, then :data:`SAME_DAY_ORDER`, then their other fields: the result does not
    depend on the order of `events`. Duplicates are kept."""
    compiled = list(events)
    if facts.effective_on is not None:
        compiled.append(
            Event(on=facts.effective_on, kind=EventKind.EFFECTIVE, origin="date", ref="facts:effective_on")
        )
    if facts.expires_on is not None:
        compiled.append(
            Event(on=facts.expires_on, kind=EventKind.EXPIRED, origin="date", ref="facts:expires_on")
        )
    compiled.sort(key=_sort_key)
    return compiled


class _Machine:
    """Folds compiled events in order; snapshot() gives the StatusAt after the events applied so far."""

    def __init__(self, compiled: Sequence[Event], cutover: date) -> None:
        self._events = compiled
        self._next = 0
        self._cutover = cutover
        self._effective_days = [e.on for e in compiled if e.kind is EventKind.EFFECTIVE]
        self._base = Status.NOT_YET_EFFECTIVE if self._effective_days else Status.UNKNOWN
        self.started: Event | None = None  # first EFFECTIVE applied: the document has taken effect
        self.in_force_by: Event | None = None  # EFFECTIVE/RESUMED that last put it in force
        self.whole_end: Event | None = None
        self.partial_end: Event | None = None
        self.suspension: Event | None = None
        self.partial_suspension: Event | None = None
        self.obsolete: Event | None = None
        self.review = False
        self._run_status = self._base
        self._since: date | None = None

    # -- applying events

    def apply(self, e: Event) -> None:
        kind = e.kind
        if kind is EventKind.EFFECTIVE:
            if self.started is None:
                # First effect. Never revives: a document repealed before it took effect stays expired.
                self.started = e
                self.in_force_by = e
            elif e.origin != "date" and (self.whole_end is not None or self.obsolete is not None):
                # Re-enacted: an explicit EFFECTIVE after the expiry of a document that had been in effect
                # (same-day order puts EFFECTIVE first, so it is always dated after the expiry).
                self.whole_end = None
                self.obsolete = None
                self.review = False
                self.in_force_by = e
        elif kind in _WHOLE_END or (kind is EventKind.PARENT_EXPIRED and e.on < self._cutover):
            if self.whole_end is None:
                self.whole_end = e
        elif kind is EventKind.PARENT_EXPIRED:
            self.review = True
        elif kind in _PARTIAL_END:
            self.partial_end = e
        elif kind is EventKind.SUSPENDED:
            if self.suspension is None:
                self.suspension = e
        elif kind is EventKind.PARTLY_SUSPENDED:
            self.partial_suspension = e
        elif kind is EventKind.RESUMED:
            if self.suspension is not None or self.partial_suspension is not None:
                self.suspension = None
                self.partial_suspension = None
                if self.started is not None:
                    self.in_force_by = e
        elif kind is EventKind.OBSOLETE:
            if self.obsolete is None:
                self.obsolete = e
        # AMENDED, CORRECTED: timeline only.

    def current(self) -> tuple[Status, Event | None]:
        if self.whole_end is not None:
            return Status.EXPIRED, self.whole_end
        if self.suspension is not None:
            return Status.SUSPENDED, self.suspension
        if self.obsolete is not None:
            return Status.OBSOLETE, self.obsolete
        if self.started is None:
            return self._base, None
        if self.partial_end is not None:
            return Status.PARTLY_EXPIRED, self.partial_end
        if self.partial_suspension is not None:
            return Status.PARTLY_SUSPENDED, self.partial_suspension
        return Status.IN_FORCE, self.in_force_by

    def advance_through(self, day: date) -> None:
        """Apply every remaining event dated on or before `day`, a day at a time."""
        events = self._events
        while self._next < len(events) and events[self._next].on <= day:
            current_day = events[self._next].on
            while self._next < len(events) and events[self._next].on == current_day:
                self.apply(events[self._next])
                self._next += 1
            status, _ = self.current()
            if status is not self._run_status:
                self._run_status = status
                self._since = current_day

    def snapshot(self) -> StatusAt:
        status, event = self.current()
        flags = (FLAG_PARENT_EXPIRED_REVIEW,) if self.review and status is not Status.EXPIRED else ()
        takes_effect_on = None
        if status is Status.NOT_YET_EFFECTIVE:
            # Not started, so every EFFECTIVE is still ahead; the earliest is when effect starts.
            takes_effect_on = min(self._effective_days)
        return StatusAt(
            status=status, since=self._since, event=event, flags=flags, takes_effect_on=takes_effect_on
        )


def status_on(
    facts: Facts, events: Iterable[Event], day: date, *, cutover: date = DEFAULT_CUTOVER
) -> StatusAt:
    """The document's status on `day` (after all events of that day).

    Depends on the facts and the events dated on or before `day`, with one look ahead: whether a day of
    effect is known at all (not_yet_effective vs unknown) and which, while the document has not taken effect.
    """
    machine = _Machine(compile_events(facts, events), cutover)
    machine.advance_through(day)
    return machine.snapshot()


def periods(facts: Facts, events: Iterable[Event], *, cutover: date = DEFAULT_CUTOVER) -> list[Period]:
    """Contiguous, non-overlapping periods covering all time, first with an open start, last with an open
    end; ``status_on(day)`` equals the state of the period containing `day`. Neighbouring periods always
    differ in state (status, deciding event or flags)."""
    compiled = compile_events(facts, events)
    machine = _Machine(compiled, cutover)
    result: list[Period] = []
    start: date | None = None
    state = machine.snapshot()
    for day in sorted({e.on for e in compiled}):
        machine.advance_through(day)
        new_state = machine.snapshot()
        if new_state != state:
            result.append(Period(start, day, state))
            start, state = day, new_state
    result.append(Period(start, None, state))
    return result


def timeline(
    facts: Facts, events: Iterable[Event], *, cutover: date = DEFAULT_CUTOVER
) -> list[TimelineEntry]:
    """Every compiled event in order with the status right after it; the last entry of a day carries that
    day's status as :func:`status_on` gives it."""
    compiled = compile_events(facts, events)
    machine = _Machine(compiled, cutover)
    entries: list[TimelineEntry] = []
    for event in compiled:
        machine.apply(event)
        entries.append(TimelineEntry(on=event.on, event=event, status_after=machine.current()[0]))
    return entries


def first_day_with(
    status_set: Collection[Status | str],
    facts: Facts,
    events: Iterable[Event],
    *,
    cutover: date = DEFAULT_CUTOVER,
) -> date | None:
    """The first day the status is in `status_set` (e.g. when it first became expired); ``date.min`` when
    that holds from the open start, None when never. Raises ValueError for an unknown status value."""
    wanted = frozenset(Status(s) for s in status_set)
    for period in periods(facts, events, cutover=cutover):
        if period.state.status in wanted:
            return period.starts_on if period.starts_on is not None else _dt.date.min
    return None
