"""Users, roles and the audit log."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, created_at, enum_column, intpk


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    STAFF = "staff"


ROLE_LABELS = {
    Role.ADMIN: ("Quản trị", "Administrator"),
    Role.OFFICER: ("Cán bộ pháp chế", "Legal officer"),
    Role.STAFF: ("Cán bộ, công chức", "Staff"),
}

#: what each role may do; a role includes the ones below it
ROLE_RANK = {Role.STAFF: 1, Role.OFFICER: 2, Role.ADMIN: 3}


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[intpk]
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.STAFF)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[created_at]

    agency = relationship("Agency", lazy="joined")

    @property
    def is_active(self) -> bool:  # flask-login
        return self.active

    def has_role(self, role: Role) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def can_edit(self) -> bool:
        return self.has_role(Role.OFFICER)

    @property
    def can_read_internal(self) -> bool:
        return self.has_role(Role.STAFF)


class LoginAttempt(Base):
    """Failed logins, for throttling by username and by address."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_key_at", "key", "at"),)

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[created_at]


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_entity", "entity_type", "entity_id"),)

    id: Mapped[intpk]
    at: Mapped[created_at] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # create | update | delete
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None]
    summary: Mapped[str] = mapped_column(String(500), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    user = relationship(User, lazy="joined")

    @property
    def at_local(self) -> datetime:
        return self.at


class ApiToken(Base):
    """A bearer token for scripts using the API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"
    __audited__ = True

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]
    revoked: Mapped[bool] = mapped_column(default=False)

    user = relationship(User, lazy="joined")

    @property
    def audit_label(self) -> str:
        return f"token {self.name} of user {self.user_id}"
