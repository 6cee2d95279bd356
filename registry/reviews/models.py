"""Review tasks, publications of the annual lists, marks "lays down procedures", and the daily job's runs."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, UTCDateTime, created_at, enum_column, intpk
from registry.reviews.rules import KIND_LABELS, OUTCOME_LABELS, Outcome, TaskKind


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class ReviewTask(Base):
    """A ground for review (DOMAIN §3, §5.3) on one document or one procedure, until an officer closes it.

    ``dedupe_key`` is the task's identity (kind, subject, cause, period): see :mod:`registry.reviews.rules`.
    """

    __tablename__ = "review_tasks"
    __audited__ = True
    __table_args__ = (
        Index("ix_review_tasks_status_due", "status", "due_on"),
        Index("ix_review_tasks_agency_status", "agency_id", "status"),
        Index("ix_review_tasks_assignee_status", "assignee_id", "status"),
    )

    id: Mapped[intpk]
    kind: Mapped[TaskKind] = mapped_column(enum_column(TaskKind))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    procedure_id: Mapped[int | None] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    cause_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    period: Mapped[date] = mapped_column(Date)  # day of the triggering event
    reason_vi: Mapped[str] = mapped_column(String(1000), default="")
    reason_en: Mapped[str] = mapped_column(String(1000), default="")
    opened_on: Mapped[date] = mapped_column(Date, index=True)
    due_on: Mapped[date] = mapped_column(Date)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="SET NULL"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[TaskStatus] = mapped_column(enum_column(TaskStatus), default=TaskStatus.OPEN)
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    escalated_on: Mapped[date | None] = mapped_column(Date)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[created_at]

    document = relationship("Document", foreign_keys=[document_id], lazy="joined")
    cause = relationship("Document", foreign_keys=[cause_document_id], lazy="joined")
    procedure = relationship("Procedure", foreign_keys=[procedure_id], lazy="joined")
    agency = relationship("Agency", lazy="joined")
    assignee = relationship("User", foreign_keys=[assignee_id], lazy="joined")
    closed_by = relationship("User", foreign_keys=[closed_by_id], lazy="joined")

    @property
    def audit_label(self) -> str:
        return f"{self.kind.value} — {self.reason_vi[:300]}"

    def kind_label(self, lang: str = "vi") -> str:
        vi, en = KIND_LABELS[self.kind]
        return en if lang == "en" else vi

    def outcome_label(self, lang: str = "vi") -> str:
        if self.outcome is None:
            return ""
        vi, en = OUTCOME_LABELS[self.outcome]
        return en if lang == "en" else vi

    def reason(self, lang: str = "vi") -> str:
        return self.reason_en if lang == "en" and self.reason_en else self.reason_vi

    def overdue(self, today: date) -> bool:
        return self.status == TaskStatus.OPEN and today > self.due_on


class ListPublication(Base):
    """An officer marked a year's annual list (DOMAIN §3) as published; the documents it held are kept."""

    __tablename__ = "list_publications"
    __audited__ = True
    __table_args__ = (UniqueConstraint("year", "agency_id", name="year_agency"),)

    id: Mapped[intpk]
    year: Mapped[int] = mapped_column(Integer)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    published_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(120), default="")  # the publishing decision's number
    note: Mapped[str] = mapped_column(Text, default="")
    #: [[list_code, document_id], …] — what the published list held
    entries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[created_at]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    agency = relationship("Agency", lazy="joined")

    @property
    def audit_label(self) -> str:
        return f"Danh mục năm {self.year} ({self.agency_id or 'toàn tỉnh'})"


class ProcedureSourceMark(Base):
    """An officer marked a document as laying down administrative procedures (before they are entered)."""

    __tablename__ = "procedure_source_marks"
    __audited__ = True

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[created_at]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    document = relationship("Document", lazy="joined")

    @property
    def audit_label(self) -> str:
        return f"Quy định thủ tục hành chính: văn bản #{self.document_id}"


class JobRun(Base):
    """One run of the daily job, for the day it ran as (``ran_for``)."""

    __tablename__ = "review_job_runs"

    id: Mapped[intpk]
    ran_for: Mapped[date] = mapped_column(Date, index=True)
    started_at: Mapped[created_at]
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status_changes: Mapped[int] = mapped_column(Integer, default=0)
    opened: Mapped[int] = mapped_column(Integer, default=0)
    escalated: Mapped[int] = mapped_column(Integer, default=0)
    mailed: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(20), default="cli")  # cli | embedded


__all__ = ["JobRun", "ListPublication", "ProcedureSourceMark", "ReviewTask", "TaskStatus"]
