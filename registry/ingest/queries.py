"""Reads of the ingest staging table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from registry.errors import NotFound
from registry.ingest.models import IngestItem, ItemStatus

__all__ = ["list_items", "get_item", "procedure_rows_for_document", "items_of_batch"]


def list_items(statuses: Sequence[ItemStatus] = (ItemStatus.PENDING,)) -> Select[tuple[IngestItem]]:
    """Items with these statuses, newest first (a select, for paginate())."""
    return (
        select(IngestItem)
        .where(IngestItem.status.in_(list(statuses)))
        .order_by(IngestItem.created_at.desc(), IngestItem.id.desc())
    )


def items_of_batch(session: Session, batch: str) -> list[IngestItem]:
    """Every item of one upload / run, in the order they were staged."""
    return list(session.scalars(select(IngestItem).where(IngestItem.batch == batch).order_by(IngestItem.id)))


def get_item(session: Session, item_id: int) -> IngestItem:
    """The staged item with this id. Raises NotFound."""
    item = session.get(IngestItem, item_id)
    if item is None:
        raise NotFound(f"Không có tệp nhập #{item_id}.", f"No ingested file #{item_id}.")
    return item


def procedure_rows_for_document(session: Session, document_id: int) -> list[dict[str, Any]]:
    """Appendix rows of the announcement decision registered as `document_id` from an ingested file.

    Each row: {"action": "new"|"amended"|"repealed", "name", and when the table has them "code", "field",
    "legal_basis", "time_limit", "fee", "agency"}. Empty when the document did not come through ingest.
    """
    item = session.scalars(
        select(IngestItem)
        .where(IngestItem.document_id == document_id, IngestItem.status == ItemStatus.CONFIRMED)
        .order_by(IngestItem.id.desc())
        .limit(1)
    ).first()
    return item.procedures if item is not None else []
