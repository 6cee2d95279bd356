"""Staging of ingested files: what was read from each file, waiting for an officer to confirm it.

An `IngestItem` holds everything needed to register a document later (the original file is already kept
content-addressed under FILES_DIR, the extracted record is JSON), so nothing is half-registered: the
document, its file row, relations and events are only written when the officer confirms, in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, UTCDateTime, created_at, enum_column, intpk
from registry.documents.models import Document


class ItemStatus(StrEnum):
    """Where a staged file stands."""

    PENDING = "pending"  # read and extracted, waiting for the officer's confirmation
    CONFIRMED = "confirmed"  # registered as (or attached to) `document`
    FAILED = "failed"  # unreadable: `error` says why; no file kept
    DISCARDED = "discarded"  # the officer threw it away


class IngestItem(Base):
    """One uploaded (or CLI-imported) file and the record extracted from it."""

    __tablename__ = "ingest_items"
    __table_args__ = (Index("ix_ingest_items_status_created", "status", "created_at"),)

    id: Mapped[intpk]
    batch: Mapped[str] = mapped_column(String(40), default="", index=True)  # groups one upload / one run
    source: Mapped[str] = mapped_column(String(20), default="upload")  # upload | cli | sheet | api
    status: Mapped[ItemStatus] = mapped_column(enum_column(ItemStatus), default=ItemStatus.PENDING)
    sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int | None] = mapped_column(Integer)
    text_method: Mapped[str] = mapped_column(String(20), default="")
    needs_ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    legacy_encoding: Mapped[str] = mapped_column(String(20), default="")
    meta: Mapped[dict[str, Any] | None] = mapped_column("metadata", JSON)
    text: Mapped[str] = mapped_column(Text, default="")
    #: ExtractedRecord.to_json(); for announcement decisions `procedures` holds the appendix rows
    extraction: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(String(1000), default="")
    error_code: Mapped[str] = mapped_column(String(40), default="")
    seconds: Mapped[float | None] = mapped_column()  # read + extract time
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[created_at]
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    document: Mapped[Document | None] = relationship(lazy="joined")

    @property
    def number(self) -> str:
        """The extracted number, or ""."""
        rec = self.extraction or {}
        n = rec.get("number") or {}
        return str(n.get("value") or "")

    @property
    def summary(self) -> str:
        """The extracted trích yếu, or ""."""
        rec = self.extraction or {}
        s = rec.get("summary") or {}
        return str(s.get("value") or "")

    @property
    def procedures(self) -> list[dict[str, Any]]:
        """Appendix rows of an announcement decision (name, code, action, field, legal_basis, …)."""
        return list((self.extraction or {}).get("procedures") or [])


__all__ = ["IngestItem", "ItemStatus"]
