"""Reads of procedures: the filtered catalogue, one procedure's history, announcements, health summaries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from registry.documents.models import Agency, Document, Field
from registry.procedures.models import (
    Announcement,
    AnnouncementItem,
    Health,
    OnlineLevel,
    Procedure,
    ProcedureLevel,
    ProcedureStatus,
)
from registry.procedures.text import fold

_CODE_LIKE = re.compile(r"^\d\.\d+[\d.A-Za-z]*$")


@dataclass
class ProcedureFilter:
    q: str = ""  # words of the name, with or without diacritics, or a code
    field_ids: list[int] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    agency_ids: list[int] = field(default_factory=list)
    online_levels: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)  # empty: active only
    healths: list[str] = field(default_factory=list)
    include_internal: bool = False  # staff: non-public procedures and drafts too
    sort: str = "name"  # name | code | health | recent


SORTS: dict[str, tuple[Any, ...]] = {
    "name": (Procedure.name_folded.asc(), Procedure.id.asc()),
    "code": (Procedure.code.asc(),),
    "health": (Procedure.health.desc(), Procedure.name_folded.asc()),
    "recent": (Procedure.active_since.desc().nulls_last(), Procedure.id.desc()),
}


def text_condition(q: str) -> Any:
    """Every word of ``q`` in the folded name (so "dang ky khai sinh" finds "Đăng ký khai sinh"), or a code."""
    q = (q or "").strip()
    if _CODE_LIKE.match(q):
        return or_(Procedure.code.startswith(q), Procedure.national_code == q)
    words = fold(q).split()
    if not words:
        return None
    return and_(*(Procedure.name_folded.contains(w, autoescape=True) for w in words))


def list_procedures(f: ProcedureFilter) -> Select[Any]:
    """A select of Procedure objects matching the filter (use ``scalars=True`` when paginating)."""
    q = select(Procedure)
    statuses = [s for s in f.statuses if s in {x.value for x in ProcedureStatus}]
    if "all" in f.statuses:
        statuses = [s.value for s in ProcedureStatus]
    if not statuses:
        statuses = [ProcedureStatus.ACTIVE.value]
    if not f.include_internal:
        q = q.where(Procedure.public.is_(True))
        statuses = [s for s in statuses if s != ProcedureStatus.DRAFT.value] or [ProcedureStatus.ACTIVE.value]
    q = q.where(Procedure.status.in_([ProcedureStatus(s) for s in statuses]))
    cond = text_condition(f.q)
    if cond is not None:
        q = q.where(cond)
    if f.field_ids:
        q = q.where(Procedure.field_id.in_(f.field_ids))
    levels = [ProcedureLevel(x) for x in f.levels if x in {lv.value for lv in ProcedureLevel}]
    if levels:
        q = q.where(Procedure.level.in_(levels))
    if f.agency_ids:
        q = q.where(Procedure.agency_id.in_(f.agency_ids))
    online = [OnlineLevel(x) for x in f.online_levels if x in {o.value for o in OnlineLevel}]
    if online:
        q = q.where(Procedure.online_level.in_(online))
    healths = [Health(x) for x in f.healths if x in {h.value for h in Health}]
    if healths:
        q = q.where(Procedure.health.in_(healths))
    return q.order_by(*SORTS.get(f.sort, SORTS["name"]))


def history(
    session: Session, proc_id: int, *, include_internal: bool
) -> list[tuple[AnnouncementItem, Document]]:
    """The announcements of a procedure, oldest first: (item, announcing decision)."""
    q = (
        select(AnnouncementItem, Document)
        .join(Announcement, Announcement.id == AnnouncementItem.announcement_id)
        .join(Document, Document.id == Announcement.document_id)
        .where(AnnouncementItem.procedure_id == proc_id)
        .order_by(func.coalesce(Document.effective_on, Document.issued_on).asc(), Announcement.id.asc())
    )
    if not include_internal:
        q = q.where(Document.public.is_(True))
    return [(item, doc) for item, doc in session.execute(q)]


def list_announcements(*, include_internal: bool) -> Select[Any]:
    """Announcements, newest decision first: (Announcement, item count) rows."""
    count = (
        select(func.count(AnnouncementItem.id))
        .where(AnnouncementItem.announcement_id == Announcement.id)
        .scalar_subquery()
    )
    q = (
        select(Announcement, count.label("items"))
        .join(Document, Document.id == Announcement.document_id)
        .order_by(Document.issued_on.desc().nulls_last(), Announcement.id.desc())
    )
    if not include_internal:
        q = q.where(Document.public.is_(True))
    return q


def health_summary(session: Session, by: str = "agency") -> list[dict[str, Any]]:
    """Active procedures counted by health, per implementing agency or per field (``by``)."""
    if by == "field":
        key, name, join_on = Procedure.field_id, Field.name, Field.id == Procedure.field_id
        table: Any = Field
    else:
        key, name, join_on = Procedure.agency_id, Agency.name, Agency.id == Procedure.agency_id
        table = Agency
    rows = session.execute(
        select(key, name, Procedure.health, func.count())
        .select_from(Procedure)
        .outerjoin(table, join_on)
        .where(Procedure.status == ProcedureStatus.ACTIVE)
        .group_by(key, name, Procedure.health)
    ).all()
    out: dict[Any, dict[str, Any]] = {}
    for k, label, health, n in rows:
        entry = out.setdefault(k, {"id": k, "name": label or "—", "ok": 0, "attention": 0, "broken": 0})
        entry[Health(health).value] += n
    return sorted(out.values(), key=lambda e: (-e["broken"], -e["attention"], e["name"]))


def list_fields_used(session: Session) -> list[Field]:
    return list(session.scalars(select(Field).order_by(Field.name)))


def list_agencies_used(session: Session) -> list[Agency]:
    """Agencies that implement at least one procedure (the catalogue's agency filter)."""
    sub = select(Procedure.agency_id).where(Procedure.agency_id.is_not(None)).distinct()
    return list(session.scalars(select(Agency).where(Agency.id.in_(sub)).order_by(Agency.name)))
