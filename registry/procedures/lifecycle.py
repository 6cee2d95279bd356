"""A procedure's status from the announcements that cover it (pure: plain values in, plain values out).

DOMAIN §5.2: a procedure is *active* while some announcement covers it and no later one repeals it.
Announcements are taken in the order of the day they apply (the decision's effective date, else its issue
date), ties broken by ``seq`` (registration order). Only those applying on or before ``today`` count: a
repeal dated later leaves the procedure active until that day (``flask procedures refresh`` and the daily
job bring the cache up to date).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from registry.procedures.models import AnnouncementAction, ProcedureStatus

__all__ = ["Step", "Lifecycle", "status_from_announcements"]

COVERING = frozenset({AnnouncementAction.NEW, AnnouncementAction.AMENDED, AnnouncementAction.REPLACED})


@dataclass(frozen=True)
class Step:
    """One announcement of a procedure: the day it applies, a tie-breaker, and the action."""

    on: date
    seq: int
    action: AnnouncementAction


@dataclass(frozen=True)
class Lifecycle:
    status: ProcedureStatus
    active_since: date | None
    repealed_on: date | None


def status_from_announcements(steps: Iterable[Step], *, today: date) -> Lifecycle | None:
    """Status, first day of the current active run, and day of repeal; None when no announcement applies yet."""
    ordered = sorted((s for s in steps if s.on <= today), key=lambda s: (s.on, s.seq))
    if not ordered:
        return None
    status: ProcedureStatus | None = None
    since: date | None = None
    repealed: date | None = None
    for step in ordered:
        if AnnouncementAction(step.action) in COVERING:
            if status is not ProcedureStatus.ACTIVE:
                since = step.on
            status, repealed = ProcedureStatus.ACTIVE, None
        else:
            if status is ProcedureStatus.REPEALED:
                continue  # repealed twice: the first repeal counts
            status, repealed = ProcedureStatus.REPEALED, step.on
    assert status is not None
    return Lifecycle(status=status, active_since=since, repealed_on=repealed)
