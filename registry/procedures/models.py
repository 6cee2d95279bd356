"""Administrative procedures (thủ tục hành chính), their legal bases and the decisions announcing them.

DOMAIN.md §5. A procedure's ``status`` follows from its announcements (see :mod:`registry.procedures.lifecycle`)
and its ``health`` from the validity of its legal bases (see :mod:`registry.procedures.health`); both are
caches refreshed by the services, never edited by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, UTCDateTime, created_at, enum_column, intpk, utcnow
from registry.documents.models import Agency, Document, Field


class ProcedureLevel(StrEnum):
    """Cấp thực hiện: tỉnh, huyện (district level existed until 2025: historical records), xã."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class OnlineLevel(StrEnum):
    """Dịch vụ công trực tuyến: toàn trình (fully online), một phần (partly), none."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


class ProcedureStatus(StrEnum):
    DRAFT = "draft"  # recorded, not announced yet: never shown to the public
    ACTIVE = "active"  # covered by an announcement, not repealed by a later one
    REPEALED = "repealed"  # a later announcement repealed it (bãi bỏ)


class Health(StrEnum):
    """Health of a procedure's legal bases."""

    OK = "ok"  # every basis in force
    ATTENTION = "attention"  # a basis amended, partly expired, partly suspended, not yet in force, unknown
    BROKEN = "broken"  # a basis expired, replaced, repealed or suspended


class AnnouncementAction(StrEnum):
    """What an announcement decision does to a procedure (the groups of its Part I)."""

    NEW = "new"  # mới ban hành
    AMENDED = "amended"  # sửa đổi, bổ sung
    REPLACED = "replaced"  # thay thế (the announced procedure replaces an earlier one; it is active)
    REPEALED = "repealed"  # bãi bỏ


class ChannelKind(StrEnum):
    """Cách thức thực hiện."""

    DIRECT = "direct"  # trực tiếp
    ONLINE = "online"  # trực tuyến
    POSTAL = "postal"  # bưu chính


LEVEL_LABELS: dict[ProcedureLevel, tuple[str, str]] = {
    ProcedureLevel.PROVINCE: ("Cấp tỉnh", "Province"),
    ProcedureLevel.DISTRICT: ("Cấp huyện", "District"),
    ProcedureLevel.COMMUNE: ("Cấp xã", "Commune"),
}
ONLINE_LABELS: dict[OnlineLevel, tuple[str, str]] = {
    OnlineLevel.FULL: ("Trực tuyến toàn trình", "Fully online"),
    OnlineLevel.PARTIAL: ("Trực tuyến một phần", "Partly online"),
    OnlineLevel.NONE: ("Không trực tuyến", "Not online"),
}
STATUS_LABELS: dict[ProcedureStatus, tuple[str, str]] = {
    ProcedureStatus.DRAFT: ("Chưa công bố", "Not announced"),
    ProcedureStatus.ACTIVE: ("Đang áp dụng", "In use"),
    ProcedureStatus.REPEALED: ("Đã bãi bỏ", "Repealed"),
}
HEALTH_LABELS: dict[Health, tuple[str, str]] = {
    Health.OK: ("Căn cứ còn hiệu lực", "Bases in force"),
    Health.ATTENTION: ("Cần chú ý", "Needs attention"),
    Health.BROKEN: ("Căn cứ hết hiệu lực", "Basis no longer in force"),
}
ACTION_LABELS: dict[AnnouncementAction, tuple[str, str]] = {
    AnnouncementAction.NEW: ("Mới ban hành", "New"),
    AnnouncementAction.AMENDED: ("Sửa đổi, bổ sung", "Amended, supplemented"),
    AnnouncementAction.REPLACED: ("Thay thế", "Replaced"),
    AnnouncementAction.REPEALED: ("Bãi bỏ", "Repealed"),
}
CHANNEL_LABELS: dict[ChannelKind, tuple[str, str]] = {
    ChannelKind.DIRECT: ("Trực tiếp", "In person"),
    ChannelKind.ONLINE: ("Trực tuyến", "Online"),
    ChannelKind.POSTAL: ("Bưu chính", "By post"),
}


class Procedure(Base):
    """A procedure as on the national portal (DOMAIN §5.1). ``code`` is the province's instance code."""

    __tablename__ = "procedures"
    __audited__ = True
    __table_args__ = (
        Index("ix_procedures_status_public", "status", "public"),
        Index("ix_procedures_health", "health"),
    )

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(60), unique=True)  # "1.002425.000.00.00.H47"
    national_code: Mapped[str] = mapped_column(String(20), index=True)  # "1.002425"
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text, default="")  # lower case, no diacritics, for search
    level: Mapped[ProcedureLevel] = mapped_column(
        enum_column(ProcedureLevel), default=ProcedureLevel.PROVINCE
    )
    procedure_type: Mapped[str] = mapped_column(String(120), default="")  # loại thủ tục
    field_id: Mapped[int | None] = mapped_column(ForeignKey("fields.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)  # cơ quan thực hiện
    competent_agency: Mapped[str] = mapped_column(String(300), default="")  # có thẩm quyền
    authorized_agency: Mapped[str] = mapped_column(String(300), default="")  # được ủy quyền
    coordinating_agency: Mapped[str] = mapped_column(String(300), default="")  # phối hợp
    steps: Mapped[str] = mapped_column(Text, default="")  # trình tự thực hiện
    applicants: Mapped[str] = mapped_column(Text, default="")  # đối tượng thực hiện
    submission_address: Mapped[str] = mapped_column(Text, default="")  # địa chỉ tiếp nhận
    result: Mapped[str] = mapped_column(Text, default="")  # kết quả thực hiện
    requirements: Mapped[str] = mapped_column(Text, default="")  # yêu cầu, điều kiện
    fee_note: Mapped[str] = mapped_column(Text, default="")  # phí, lệ phí (general note)
    time_limit: Mapped[str] = mapped_column(Text, default="")  # thời hạn giải quyết (general)
    online_level: Mapped[OnlineLevel] = mapped_column(enum_column(OnlineLevel), default=OnlineLevel.NONE)
    status: Mapped[ProcedureStatus] = mapped_column(
        enum_column(ProcedureStatus), default=ProcedureStatus.DRAFT
    )
    active_since: Mapped[date | None] = mapped_column(Date)
    repealed_on: Mapped[date | None] = mapped_column(Date)
    health: Mapped[Health] = mapped_column(enum_column(Health), default=Health.ATTENTION)
    health_reason: Mapped[str] = mapped_column(Text, default="")
    health_reason_en: Mapped[str] = mapped_column(Text, default="")
    health_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    review_cycle_months: Mapped[int | None] = mapped_column(Integer)  # None: the configured default
    last_reviewed_on: Mapped[date | None] = mapped_column(Date)
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[created_at]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    field: Mapped[Field | None] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")
    channels: Mapped[list[ProcedureChannel]] = relationship(
        back_populates="procedure",
        cascade="all, delete-orphan",
        order_by="ProcedureChannel.position",
        lazy="selectin",
    )
    dossier: Mapped[list[DossierItem]] = relationship(
        back_populates="procedure",
        cascade="all, delete-orphan",
        order_by="DossierItem.position",
        lazy="selectin",
    )
    bases: Mapped[list[LegalBasis]] = relationship(
        back_populates="procedure",
        cascade="all, delete-orphan",
        order_by="LegalBasis.position",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def audit_label(self) -> str:
        return f"{self.code} — {self.name[:200]}"

    @property
    def visible_to_public(self) -> bool:
        return self.public and self.status != ProcedureStatus.DRAFT

    def __str__(self) -> str:
        return self.name


class ProcedureChannel(Base):
    """One way to carry out a procedure (cách thức thực hiện), with its own time limit and fee."""

    __tablename__ = "procedure_channels"
    __audited__ = True

    id: Mapped[intpk]
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[ChannelKind] = mapped_column(enum_column(ChannelKind))
    time_limit: Mapped[str] = mapped_column(Text, default="")  # "20 ngày kể từ khi nhận được hồ sơ hợp lệ"
    time_limit_days: Mapped[int | None] = mapped_column(Integer)
    fee: Mapped[str] = mapped_column(Text, default="")  # "Không" or the amount and its basis
    description: Mapped[str] = mapped_column(Text, default="")

    procedure: Mapped[Procedure] = relationship(back_populates="channels")

    @property
    def audit_label(self) -> str:
        return f"{self.channel.value} (procedure {self.procedure_id})"


class DossierItem(Base):
    """A component of the dossier (thành phần hồ sơ): document name, form, number of copies."""

    __tablename__ = "procedure_dossier_items"
    __audited__ = True

    id: Mapped[intpk]
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    form_name: Mapped[str] = mapped_column(String(300), default="")  # mẫu đơn, tờ khai
    copies_original: Mapped[int] = mapped_column(Integer, default=0)  # bản chính
    copies_copy: Mapped[int] = mapped_column(Integer, default=0)  # bản sao
    note: Mapped[str] = mapped_column(Text, default="")

    procedure: Mapped[Procedure] = relationship(back_populates="dossier")

    @property
    def audit_label(self) -> str:
        return self.name[:200]


class LegalBasis(Base):
    """A legal basis of a procedure (căn cứ pháp lý), down to the article where known.

    ``document_id`` is None while the cited document is not registered; the basis is kept by number and
    resolved when that document is registered (``documents.signals.document_registered``).
    """

    __tablename__ = "legal_bases"
    __audited__ = True
    __table_args__ = (Index("ix_legal_bases_unresolved", "number_key", "document_id"),)

    id: Mapped[intpk]
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    number: Mapped[str] = mapped_column(String(80), default="")  # as cited: "106/2024/NĐ-CP"
    number_key: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(500), default="")  # laws cited by name; or the summary
    issued_on: Mapped[date | None] = mapped_column(Date)
    provisions: Mapped[str] = mapped_column(String(300), default="")  # "Điều 8, Điều 14"

    procedure: Mapped[Procedure] = relationship(back_populates="bases")
    document: Mapped[Document | None] = relationship(lazy="joined")

    @property
    def audit_label(self) -> str:
        return f"{self.display} (procedure {self.procedure_id})"

    @property
    def display(self) -> str:
        if self.document is not None:
            return self.document.number
        return self.number or self.title


class Announcement(Base):
    """A decision announcing procedures (quyết định công bố TTHC): a document of the registry and its items."""

    __tablename__ = "announcements"
    __audited__ = True

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[created_at]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    document: Mapped[Document] = relationship(lazy="joined", innerjoin=True)
    items: Mapped[list[AnnouncementItem]] = relationship(
        back_populates="announcement",
        cascade="all, delete-orphan",
        order_by="AnnouncementItem.position",
        lazy="selectin",
    )

    @property
    def audit_label(self) -> str:
        return f"Công bố TTHC {self.document.number if self.document else self.document_id}"

    @property
    def on(self) -> date | None:
        """The day the announcement applies: the decision's effective date, else its issue date."""
        doc = self.document
        return (doc.effective_on or doc.issued_on) if doc is not None else None


class AnnouncementItem(Base):
    """One procedure of an announcement and what the decision does to it.

    ``procedure_id`` may be None for a repealed procedure that was never recorded in the registry; its
    code and name are then kept as written in the decision.
    """

    __tablename__ = "announcement_items"
    __audited__ = True
    __table_args__ = (UniqueConstraint("announcement_id", "procedure_id", name="one_item_per_procedure"),)

    id: Mapped[intpk]
    announcement_id: Mapped[int] = mapped_column(
        ForeignKey("announcements.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    procedure_id: Mapped[int | None] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    procedure_code: Mapped[str] = mapped_column(String(60), default="")
    procedure_name: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[AnnouncementAction] = mapped_column(enum_column(AnnouncementAction))
    changes: Mapped[str] = mapped_column(Text, default="")  # what changed (for amended / replaced)
    cause_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    cause_number: Mapped[str] = mapped_column(String(80), default="")

    announcement: Mapped[Announcement] = relationship(back_populates="items")
    procedure: Mapped[Procedure | None] = relationship(lazy="joined")
    cause_document: Mapped[Document | None] = relationship(lazy="joined")

    @property
    def audit_label(self) -> str:
        return f"{self.action.value} {self.procedure_code} (announcement {self.announcement_id})"


__all__ = [
    "ACTION_LABELS",
    "CHANNEL_LABELS",
    "HEALTH_LABELS",
    "LEVEL_LABELS",
    "ONLINE_LABELS",
    "STATUS_LABELS",
    "Announcement",
    "AnnouncementAction",
    "AnnouncementItem",
    "ChannelKind",
    "DossierItem",
    "Health",
    "LegalBasis",
    "OnlineLevel",
    "Procedure",
    "ProcedureChannel",
    "ProcedureLevel",
    "ProcedureStatus",
]
