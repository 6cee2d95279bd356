"""Changes the reports make: marking a year's annual list as published. Flushes, never commits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.documents import validity as v
from registry.errors import Conflict, DomainError
from registry.reports.queries import annual_list
from registry.reviews.models import ListPublication


def publish_list(
    session: Session,
    *,
    year: int,
    agency_id: int | None,
    published_on: date,
    reference: str = "",
    note: str = "",
    actor_id: int | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> ListPublication:
    """Record that the annual list of ``year`` for an issuing body (None: the whole province) was published on
    ``published_on``, keeping the rows it held (this year's and the backlog it caught up). Raises Conflict when
    already published, DomainError for a publication before the year ended. Flushes."""
    existing = session.scalars(
        select(ListPublication).where(
            ListPublication.year == year,
            ListPublication.agency_id == agency_id
            if agency_id is not None
            else ListPublication.agency_id.is_(None),
        )
    ).first()
    if existing is not None:
        raise Conflict(
            f"Danh mục năm {year} đã được công bố ngày {existing.published_on:%d/%m/%Y}.",
            f"The list for {year} was already published on {existing.published_on:%d/%m/%Y}.",
        )
    if published_on.year < year:
        raise DomainError(
            "Ngày công bố phải sau khi năm bắt đầu.",
            "The publication day must fall after the year began.",
            field="published_on",
        )
    lst = annual_list(session, year=year, agency_id=agency_id, include_internal=True, cutover=cutover)
    pub = ListPublication(
        year=year,
        agency_id=agency_id,
        published_on=published_on,
        reference=reference.strip(),
        note=note.strip(),
        entries=lst.keys(),
        created_by_id=actor_id,
    )
    session.add(pub)
    session.flush()
    return pub
