"""Reads of documents: filtered lists (also "as of" a past day), one document with its relations and history."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from registry.documents import validity as v
from registry.documents.models import (
    Agency,
    Document,
    Field,
    Relation,
    StatusPeriod,
    ValidityEvent,
    document_fields,
)
from registry.documents.numbers import number_key


@dataclass
class DocumentFilter:
    q: str = ""  # number or words of the summary (the full-text search lives in searching/)
    doc_types: list[str] = field(default_factory=list)
    agency_ids: list[int] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    field_ids: list[int] = field(default_factory=list)
    year: int | None = None
    normative: bool | None = None
    as_of: date | None = None
    sort: str = "issued_desc"  # issued_desc | issued_asc | number | number_desc
    include_internal: bool = False


NUMBERISH = re.compile(r"^\d+\s*[/-]")

SORTS = {
    "issued_desc": (Document.issued_on.desc().nulls_last(), Document.id.desc()),
    "issued_asc": (Document.issued_on.asc().nulls_last(), Document.id.asc()),
    "number": (Document.year.asc().nulls_last(), Document.number_key.asc(), Document.id.asc()),
    "number_desc": (Document.year.desc().nulls_last(), Document.number_key.desc(), Document.id.desc()),
}


def period_on(day: date) -> Any:
    """A StatusPeriod alias restricted to the periods containing ``day`` (join it on document_id)."""
    sp = aliased(StatusPeriod)
    cond = and_(
        or_(sp.starts_on.is_(None), sp.starts_on <= day),
        or_(sp.ends_on.is_(None), sp.ends_on > day),
    )
    return sp, cond


def list_documents(f: DocumentFilter) -> Select[Any]:
    """A select of (Document, status, reason) rows: status is the cached current one, or the one on ``as_of``."""
    if f.as_of is not None:
        sp, cond = period_on(f.as_of)
        q = select(Document, sp.status.label("status_on"), sp.reason.label("reason_on")).join(
            sp, and_(sp.document_id == Document.id, cond)
        )
        status_col = sp.status
        # a document not yet issued on that day did not exist
        q = q.where(or_(Document.issued_on.is_(None), Document.issued_on <= f.as_of))
    else:
        q = select(Document, Document.status.label("status_on"), Document.status_reason.label("reason_on"))
        status_col = Document.status
    if not f.include_internal:
        q = q.where(Document.public.is_(True))
    if f.q:
        text = f.q.strip()
        key = number_key(text)
        if NUMBERISH.match(text):
            # a number: a range on the indexed key (LIKE would not use the index in SQLite)
            q = q.where(Document.number_key >= key, Document.number_key < key + "\uffff")
        else:
            q = q.where(or_(Document.number_key.startswith(key), Document.summary.ilike(f"%{text}%")))
    if f.doc_types:
        q = q.where(Document.doc_type.in_(f.doc_types))
    if f.agency_ids:
        q = q.where(Document.agency_id.in_(f.agency_ids))
    if f.statuses:
        q = q.where(status_col.in_([v.Status(s) for s in f.statuses]))
    if f.field_ids:
        q = q.where(
            Document.id.in_(
                select(document_fields.c.document_id).where(document_fields.c.field_id.in_(f.field_ids))
            )
        )
    if f.year:
        q = q.where(Document.year == f.year)
    if f.normative is not None:
        q = q.where(Document.normative.is_(f.normative))
    return q.order_by(*SORTS.get(f.sort, SORTS["issued_desc"]))


def count_by_status(
    session: Session, *, as_of: date | None = None, include_internal: bool = False
) -> dict[str, int]:
    """Documents per status, now or on a day."""
    if as_of is not None:
        sp, cond = period_on(as_of)
        q = (
            select(sp.status, func.count())
            .join(Document, Document.id == sp.document_id)
            .where(cond, or_(Document.issued_on.is_(None), Document.issued_on <= as_of))
            .group_by(sp.status)
        )
    else:
        q = select(Document.status, func.count()).group_by(Document.status)
    if not include_internal:
        q = q.where(Document.public.is_(True))
    return {str(s.value if hasattr(s, "value") else s): n for s, n in session.execute(q)}


@dataclass
class RelationGroup:
    kind: v.RelationKind
    label: str
    relations: list[Relation]
    outgoing: bool


def relation_groups(
    session: Session, doc: Document, *, include_internal: bool, lang: str = "vi"
) -> list[RelationGroup]:
    """The document's relations in both directions, grouped by kind with the labels of DOMAIN §2.4."""
    labels = v.RELATION_LABELS_EN if lang == "en" else v.RELATION_LABELS
    out = session.scalars(select(Relation).where(Relation.source_id == doc.id).order_by(Relation.id)).all()
    inc = session.scalars(select(Relation).where(Relation.target_id == doc.id).order_by(Relation.id)).all()
    groups: dict[tuple[bool, v.RelationKind], list[Relation]] = defaultdict(list)
    for rel in out:
        if rel.target is not None and not rel.target.public and not include_internal:
            continue
        groups[(True, rel.kind)].append(rel)
    for rel in inc:
        if not rel.source.public and not include_internal:
            continue
        groups[(False, rel.kind)].append(rel)
    order = list(v.RelationKind)
    result = [
        RelationGroup(kind, labels[kind][0 if outgoing else 1], rels, outgoing)
        for (outgoing, kind), rels in groups.items()
    ]
    result.sort(key=lambda g: (not g.outgoing, order.index(g.kind)))
    return result


def list_events(session: Session, doc_id: int) -> list[ValidityEvent]:
    return list(
        session.scalars(
            select(ValidityEvent)
            .where(ValidityEvent.document_id == doc_id)
            .order_by(ValidityEvent.on, ValidityEvent.id)
        )
    )


def list_periods(session: Session, doc_id: int) -> list[StatusPeriod]:
    return list(
        session.scalars(
            select(StatusPeriod)
            .where(StatusPeriod.document_id == doc_id)
            .order_by(StatusPeriod.starts_on.asc().nulls_first())
        )
    )


def list_agencies(session: Session, *, levels: tuple[str, ...] | None = None) -> list[Agency]:
    q = select(Agency).order_by(Agency.level, Agency.name)
    if levels:
        q = q.where(Agency.level.in_(levels))
    return list(session.scalars(q))


def list_fields(session: Session) -> list[Field]:
    return list(session.scalars(select(Field).order_by(Field.name)))


def recent_changes(
    session: Session, *, today: date, days: int = 30, include_internal: bool = False, limit: int = 50
):
    """Validity changes (period starts) in the last ``days`` days: (period, document) rows, newest first."""
    q = (
        select(StatusPeriod, Document)
        .join(Document, Document.id == StatusPeriod.document_id)
        .where(
            StatusPeriod.starts_on.is_not(None),
            StatusPeriod.starts_on <= today,
            StatusPeriod.starts_on > date.fromordinal(today.toordinal() - days),
        )
        .order_by(StatusPeriod.starts_on.desc(), StatusPeriod.id.desc())
        .limit(limit)
    )
    if not include_internal:
        q = q.where(Document.public.is_(True))
    return session.execute(q).all()
