"""Reads of review tasks: queues (per agency, per officer), counts, the history of a document or procedure,
and the digest an officer receives by e-mail and sees in the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from registry.accounts.models import Role, User
from registry.documents.models import Agency
from registry.reviews.models import ReviewTask, TaskStatus
from registry.reviews.rules import TaskKind

STATES = ("open", "due", "overdue", "escalated", "done", "all")


@dataclass
class TaskFilter:
    state: str = "open"  # open | due (open, due within `due_within` days) | overdue | escalated | done | all
    agency_id: int | None = None
    assignee_id: int | None = None
    mine_for: int | None = None  # user id: tasks assigned to them, or unassigned in their agency
    mine_agency_id: int | None = None
    kind: str | None = None
    document_id: int | None = None
    procedure_id: int | None = None
    today: date = field(default_factory=date.today)
    due_within: int = 7


def list_tasks(f: TaskFilter) -> Select[Any]:
    """A select of ReviewTask: overdue first, then by due day."""
    q = select(ReviewTask)
    if f.state == "open":
        q = q.where(ReviewTask.status == TaskStatus.OPEN)
    elif f.state == "due":
        q = q.where(
            ReviewTask.status == TaskStatus.OPEN,
            ReviewTask.due_on >= f.today,
            ReviewTask.due_on <= f.today + timedelta(days=f.due_within),
        )
    elif f.state == "overdue":
        q = q.where(ReviewTask.status == TaskStatus.OPEN, ReviewTask.due_on < f.today)
    elif f.state == "escalated":
        q = q.where(ReviewTask.status == TaskStatus.OPEN, ReviewTask.escalated_on.is_not(None))
    elif f.state == "done":
        q = q.where(ReviewTask.status == TaskStatus.DONE)
    if f.agency_id is not None:
        q = q.where(ReviewTask.agency_id == f.agency_id)
    if f.assignee_id is not None:
        q = q.where(ReviewTask.assignee_id == f.assignee_id)
    if f.mine_for is not None:
        mine = ReviewTask.assignee_id == f.mine_for
        if f.mine_agency_id is not None:
            mine = or_(mine, (ReviewTask.assignee_id.is_(None)) & (ReviewTask.agency_id == f.mine_agency_id))
        q = q.where(mine)
    if f.kind:
        q = q.where(ReviewTask.kind == TaskKind(f.kind))
    if f.document_id is not None:
        q = q.where(ReviewTask.document_id == f.document_id)
    if f.procedure_id is not None:
        q = q.where(ReviewTask.procedure_id == f.procedure_id)
    if f.state == "done":
        return q.order_by(ReviewTask.closed_at.desc(), ReviewTask.id.desc())
    return q.order_by(ReviewTask.status, ReviewTask.due_on, ReviewTask.id)


@dataclass
class AgencyCounts:
    agency_id: int | None
    agency_name: str
    open: int
    due: int
    overdue: int
    escalated: int


def counts_by_agency(session: Session, *, today: date, due_within: int = 7) -> list[AgencyCounts]:
    """Open, due soon, overdue and escalated tasks per agency (agencies with open tasks only). Reads only."""
    soon = today + timedelta(days=due_within)
    rows = session.execute(
        select(
            ReviewTask.agency_id,
            Agency.name,
            func.count(),
            func.sum(case(((ReviewTask.due_on >= today) & (ReviewTask.due_on <= soon), 1), else_=0)),
            func.sum(case((ReviewTask.due_on < today, 1), else_=0)),
            func.sum(case((ReviewTask.escalated_on.is_not(None), 1), else_=0)),
        )
        .outerjoin(Agency, Agency.id == ReviewTask.agency_id)
        .where(ReviewTask.status == TaskStatus.OPEN)
        .group_by(ReviewTask.agency_id, Agency.name)
        .order_by(Agency.name)
    )
    return [
        AgencyCounts(a, name or "—", int(n or 0), int(d or 0), int(o or 0), int(e or 0))
        for a, name, n, d, o, e in rows
    ]


def history(
    session: Session, *, document_id: int | None = None, procedure_id: int | None = None
) -> list[ReviewTask]:
    """The closed tasks of a document or a procedure, newest first (their outcomes are its review history),
    then the open ones. Reads only."""
    q = select(ReviewTask)
    if document_id is not None:
        q = q.where(ReviewTask.document_id == document_id)
    elif procedure_id is not None:
        q = q.where(ReviewTask.procedure_id == procedure_id)
    else:
        return []
    return list(
        session.scalars(
            q.order_by(ReviewTask.status.desc(), ReviewTask.closed_at.desc(), ReviewTask.id.desc())
        )
    )


@dataclass
class Digest:
    """What one user should look at: overdue, due within a week, newly opened, and (admins) escalated."""

    user_id: int
    email: str | None
    name: str
    overdue: list[ReviewTask] = field(default_factory=list)
    due_soon: list[ReviewTask] = field(default_factory=list)
    opened: list[ReviewTask] = field(default_factory=list)
    escalated: list[ReviewTask] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.opened or self.escalated)


def digest_for(session: Session, user: User, *, today: date, due_within: int = 7, limit: int = 200) -> Digest:
    """The digest of ``user``: tasks assigned to them or unassigned in their agency (all agencies when they
    have none); admins also get every escalated task. Reads only."""
    d = Digest(user.id, user.email, user.full_name or user.username)

    def fetch(state: str) -> list[ReviewTask]:
        f = TaskFilter(state=state, today=today, due_within=due_within)
        if user.agency_id is not None:
            f.mine_for, f.mine_agency_id = user.id, user.agency_id
        return list(session.scalars(list_tasks(f).limit(limit)))

    d.overdue = fetch("overdue")
    d.due_soon = fetch("due")
    d.opened = [t for t in fetch("open") if t.opened_on == today]
    if user.has_role(Role.ADMIN):
        d.escalated = list(
            session.scalars(list_tasks(TaskFilter(state="escalated", today=today)).limit(limit))
        )
    return d


def digest_recipients(session: Session) -> list[User]:
    """Active officers and admins (who receive digests). Reads only."""
    return list(
        session.scalars(
            select(User)
            .where(User.active.is_(True), User.role.in_([Role.OFFICER, Role.ADMIN]))
            .order_by(User.id)
        )
    )
