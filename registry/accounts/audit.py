"""Every change to an audited model is written to the audit log, in the same transaction.

Models opt in with ``__audited__ = True``. The actor is whoever the request or command put in
``session.info["actor_id"]`` (see :func:`set_actor`); services never look it up themselves.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from registry.accounts.models import AuditEntry

SKIP = {"updated_at", "version", "body_text", "search_text"}


def set_actor(session: Session, user_id: int | None) -> None:
    """Name the user whose changes the next flushes record."""
    session.info["actor_id"] = user_id


def _json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def snapshot(obj: Any) -> dict[str, Any]:
    """The column values of ``obj`` as JSON-ready data."""
    mapper = inspect(obj).mapper
    return {c.key: _json(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in SKIP}


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIP:
            continue
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            before[attr.key] = _json(hist.deleted[0]) if hist.deleted else None
            after[attr.key] = _json(hist.added[0]) if hist.added else None
    return before, after


def _label(obj: Any) -> str:
    return str(getattr(obj, "audit_label", None) or obj.__class__.__name__)[:500]


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    actor = session.info.get("actor_id")
    for obj in list(session.dirty):
        if getattr(obj, "__audited__", False) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after or before:
                session.add(
                    AuditEntry(
                        user_id=actor,
                        action="update",
                        entity_type=obj.__tablename__,
                        entity_id=obj.id,
                        summary=_label(obj),
                        before=before,
                        after=after,
                    )
                )
    for obj in list(session.deleted):
        if getattr(obj, "__audited__", False):
            session.add(
                AuditEntry(
                    user_id=actor,
                    action="delete",
                    entity_type=obj.__tablename__,
                    entity_id=obj.id,
                    summary=_label(obj),
                    before=snapshot(obj),
                    after=None,
                )
            )
    new = [o for o in session.new if getattr(o, "__audited__", False)]
    session.info.setdefault("audit_new", []).extend(new)


def _after_flush(session: Session, _ctx: Any) -> None:
    # ids of new rows exist only now; entries added here are flushed by the next flush/commit
    new = session.info.pop("audit_new", [])
    actor = session.info.get("actor_id")
    for obj in new:
        session.add(
            AuditEntry(
                user_id=actor,
                action="create",
                entity_type=obj.__tablename__,
                entity_id=obj.id,
                summary=_label(obj),
                before=None,
                after=snapshot(obj),
            )
        )


def install() -> None:
    """Attach the audit listeners to every ORM session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush_postexec", _after_flush)
