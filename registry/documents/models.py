"""Legal documents, the reference tables they use, their relations and validity events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, UTCDateTime, created_at, enum_column, intpk, utcnow
from registry.documents.validity import EventKind, RelationKind, Status

#: Type codes of DOMAIN §1.2 (Nghị định 30/2020/NĐ-CP) plus the central forms cited as bases.
DOC_TYPES: dict[str, tuple[str, str]] = {
    "L": ("Luật", "Law"),
    "BL": ("Bộ luật", "Code"),
    "HP": ("Hiến pháp", "Constitution"),
    "PL": ("Pháp lệnh", "Ordinance"),
    "NQ": ("Nghị quyết", "Resolution"),
    "QĐ": ("Quyết định", "Decision"),
    "CT": ("Chỉ thị", "Directive"),
    "NĐ": ("Nghị định", "Decree"),
    "TT": ("Thông tư", "Circular"),
    "TTLT": ("Thông tư liên tịch", "Joint circular"),
    "QC": ("Quy chế", "Regulation"),
    "QyĐ": ("Quy định", "Rules"),
    "TB": ("Thông báo", "Announcement"),
    "HD": ("Hướng dẫn", "Guidance"),
    "CTr": ("Chương trình", "Programme"),
    "KH": ("Kế hoạch", "Plan"),
    "PA": ("Phương án", "Scheme"),
    "ĐA": ("Đề án", "Project"),
    "BC": ("Báo cáo", "Report"),
    "TTr": ("Tờ trình", "Submission"),
    "CĐ": ("Công điện", "Telegram"),
    "CV": ("Công văn", "Official letter"),
    "VBHN": ("Văn bản hợp nhất", "Consolidated text"),
}

#: which type a name in running text refers to ("Quyết định" -> "QĐ")
DOC_TYPE_BY_NAME = {vi.lower(): code for code, (vi, _en) in DOC_TYPES.items()}


class Agency(Base):
    """An issuing or implementing body (cơ quan ban hành / thực hiện)."""

    __tablename__ = "agencies"
    __audited__ = True

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(40), unique=True)  # "UBND-TNH"
    name: Mapped[str] = mapped_column(String(200))  # "Ủy ban nhân dân tỉnh Tây Ninh"
    name_en: Mapped[str] = mapped_column(String(200), default="")
    abbrev: Mapped[str] = mapped_column(String(40))  # "UBND" — the issuer part of numbers
    level: Mapped[str] = mapped_column(String(20), default="province")  # central | province | commune | party
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))

    @property
    def audit_label(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name


class Field(Base):
    """A field (lĩnh vực), shared by documents and procedures."""

    __tablename__ = "fields"
    __audited__ = True

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)  # "Đất đai"
    name_en: Mapped[str] = mapped_column(String(200), default="")

    @property
    def audit_label(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name


document_fields = Table(
    "document_fields",
    Base.metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("field_id", ForeignKey("fields.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Document(Base):
    """A legal or administrative document and its record as on vbpl.vn (DOMAIN §1.1)."""

    __tablename__ = "documents"
    __audited__ = True
    __table_args__ = (
        Index("ix_documents_number_key_agency", "number_key", "agency_id"),
        # equality columns first, then the sort column: filtered pages come out of the index in order, and
        # counts for anonymous users (public = true) are index-only scans
        Index("ix_documents_status_public_issued", "status", "public", "issued_on"),
        Index("ix_documents_type_public_issued", "doc_type", "public", "issued_on"),
        Index("ix_documents_public_issued", "public", "issued_on"),
    )

    id: Mapped[intpk]
    number: Mapped[str] = mapped_column(String(80))  # as printed: "30/2013/QĐ-UBND"
    number_key: Mapped[str] = mapped_column(String(80), index=True)  # normalised for lookup
    doc_type: Mapped[str] = mapped_column(String(10))  # key of DOC_TYPES
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    summary: Mapped[str] = mapped_column(Text)  # trích yếu
    issued_on: Mapped[date | None] = mapped_column(Date, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)  # of issue, derived
    effective_on: Mapped[date | None] = mapped_column(Date)
    effective_note: Mapped[str] = mapped_column(String(200), default="")  # "kể từ ngày ký", "sau 10 ngày…"
    expires_on: Mapped[date | None] = mapped_column(Date)  # term stated in the document
    signer: Mapped[str] = mapped_column(String(120), default="")
    signer_capacity: Mapped[str] = mapped_column(String(120), default="")  # "KT. CHỦ TỊCH"
    signer_title: Mapped[str] = mapped_column(String(120), default="")  # "PHÓ CHỦ TỊCH"
    place: Mapped[str] = mapped_column(String(120), default="")
    normative: Mapped[bool] = mapped_column(Boolean, default=False)  # VBQPPL
    announces_procedures: Mapped[bool] = mapped_column(Boolean, default=False)
    sector: Mapped[str] = mapped_column(String(120), default="")  # ngành
    scope: Mapped[str] = mapped_column(String(200), default="")  # phạm vi
    gazette_number: Mapped[str] = mapped_column(String(60), default="")
    gazette_on: Mapped[date | None] = mapped_column(Date)
    public: Mapped[bool] = mapped_column(Boolean, default=True)  # False: internal, staff and up only
    body_text: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    # cache of the validity engine; refreshed by services.recompute and the daily job, never by hand
    status: Mapped[Status] = mapped_column(enum_column(Status), default=Status.UNKNOWN)
    status_since: Mapped[date | None] = mapped_column(Date)
    status_reason: Mapped[str] = mapped_column(String(500), default="")
    status_flags: Mapped[str] = mapped_column(String(200), default="")
    status_computed_on: Mapped[date | None] = mapped_column(Date)

    created_at: Mapped[created_at]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    # "unnested": when a document is itself joined in through an outer join (a basis, a relation target),
    # a nested inner join makes SQLite scan every document
    # (a documented value the type stub does not know)
    agency: Mapped[Agency] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
    fields: Mapped[list[Field]] = relationship(
        secondary=document_fields, lazy="selectin", order_by=Field.name
    )
    files: Mapped[list[DocumentFile]] = relationship(
        back_populates="document", cascade="all, delete-orphan", lazy="select", order_by="DocumentFile.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def audit_label(self) -> str:
        return f"{self.number} — {self.summary[:200]}"

    @property
    def type_name(self) -> str:
        return DOC_TYPES.get(self.doc_type, (self.doc_type, self.doc_type))[0]

    def __str__(self) -> str:
        return f"{self.type_name} {self.number}"


class DocumentFile(Base):
    """An original file (PDF, DOCX…) kept content-addressed by SHA-256."""

    __tablename__ = "document_files"
    __audited__ = True

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    text_method: Mapped[str] = mapped_column(String(20), default="")  # pdfminer | ocr | docx | …
    needs_ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    meta: Mapped[dict[str, Any] | None] = mapped_column("metadata", JSON)
    uploaded_at: Mapped[created_at]

    document: Mapped[Document] = relationship(back_populates="files")

    @property
    def audit_label(self) -> str:
        return self.original_name


class Relation(Base):
    """Source acts on target (DOMAIN §2.4). The target may be known only by its number until registered."""

    __tablename__ = "relations"
    __audited__ = True
    __table_args__ = (
        CheckConstraint("target_id IS NULL OR target_id <> source_id", name="not_self"),
        Index("ix_relations_target_kind", "target_id", "kind"),
        Index("ix_relations_source_kind", "source_id", "kind"),
        Index("ix_relations_unresolved", "target_number_key", postgresql_where="target_id IS NULL"),
    )

    id: Mapped[intpk]
    kind: Mapped[RelationKind] = mapped_column(enum_column(RelationKind))
    source_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    # the target as cited: kept even once resolved, so the citation can be shown as written
    target_number: Mapped[str] = mapped_column(String(80), default="")
    target_number_key: Mapped[str] = mapped_column(String(80), default="")
    target_type: Mapped[str] = mapped_column(String(10), default="")
    target_issued_on: Mapped[date | None] = mapped_column(Date)
    target_title: Mapped[str] = mapped_column(String(300), default="")  # laws cited by name
    provisions: Mapped[str] = mapped_column(String(300), default="")  # "Điều 8, khoản 2"
    on: Mapped[date | None] = mapped_column(
        Date
    )  # the relation's own date, when it differs from the source's effect
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[created_at]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    source: Mapped[Document] = relationship(foreign_keys=[source_id], lazy="joined", innerjoin=True)
    target: Mapped[Document | None] = relationship(foreign_keys=[target_id], lazy="joined")

    @property
    def audit_label(self) -> str:
        return (
            f"{self.source.number if self.source else self.source_id} {self.kind.value} {self.target_display}"
        )

    @property
    def target_display(self) -> str:
        if self.target is not None:
            return self.target.number
        return self.target_number or self.target_title


class ValidityEvent(Base):
    """A validity event recorded by an officer (or by the daily job for date-driven transitions).

    Events are never edited in place: a correction voids the wrong event and records the right one,
    and both steps are audited.
    """

    __tablename__ = "validity_events"
    __audited__ = True
    __table_args__ = (Index("ix_validity_events_doc_on", "document_id", "on"),)

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    on: Mapped[date] = mapped_column(Date)
    cause_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    cause_number: Mapped[str] = mapped_column(String(80), default="")
    provisions: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(20), default="manual")  # manual | daily | ingest
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    void_reason: Mapped[str] = mapped_column(String(500), default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("validity_events.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    document: Mapped[Document] = relationship(foreign_keys=[document_id])
    cause: Mapped[Document | None] = relationship(foreign_keys=[cause_id], lazy="joined")

    @property
    def audit_label(self) -> str:
        return f"{self.kind.value} {self.on.isoformat()} (document {self.document_id})"


class StatusPeriod(Base):
    """Cache of the validity engine: one row per period of constant status, for fast "as of" queries."""

    __tablename__ = "status_periods"
    __table_args__ = (
        Index("ix_status_periods_doc", "document_id"),
        Index("ix_status_periods_range", "starts_on", "ends_on"),
        Index("ix_status_periods_status_range", "status", "starts_on", "ends_on"),
    )

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    starts_on: Mapped[date | None] = mapped_column(Date)  # None: open start
    ends_on: Mapped[date | None] = mapped_column(Date)  # exclusive; None: open end
    status: Mapped[Status] = mapped_column(enum_column(Status))
    since: Mapped[date | None] = mapped_column(Date)  # first day of this run of the status
    flags: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    reason_en: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(String(500), default="")  # label — reason, as on the badge
    cause_id: Mapped[int | None] = mapped_column(Integer)


__all__ = [
    "Agency",
    "Field",
    "Document",
    "DocumentFile",
    "Relation",
    "ValidityEvent",
    "StatusPeriod",
    "DOC_TYPES",
]
