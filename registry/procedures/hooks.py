"""Procedures listen to the documents domain: validity changes refresh the health of procedures at once.

* ``statuses_changed`` → refresh the health of procedures based on the documents whose status changed;
* ``impact_preview`` → add to ``impact.extra["procedures"]`` the procedures whose health would change;
* ``document_registered`` → resolve legal bases cited by that number, then refresh those procedures;
* an AMENDS relation or an AMENDED event changes no status (no signal), so the ORM session also notes the
  documents touched by new/removed relations and events, and before the commit refreshes the procedures
  based on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask, url_for
from sqlalchemy import event
from sqlalchemy.orm import Session

from registry.documents.models import Relation, ValidityEvent
from registry.documents.signals import (
    deleting,
    document_registered,
    impact_preview,
    inputs_changed,
    statuses_changed,
)
from registry.procedures import services
from registry.procedures.models import HEALTH_LABELS, Health

_TOUCHED = "procedures.touched_documents"
_BEFORE = "procedures.health_before"


def install(app: Flask) -> None:
    """Connect the subscribers (idempotent: several apps in one process share them)."""
    statuses_changed.connect(_on_statuses_changed, weak=False)
    inputs_changed.connect(_on_inputs_changed, weak=False)
    deleting.connect(_on_deleting, weak=False)
    impact_preview.connect(_on_impact_preview, weak=False)
    document_registered.connect(_on_document_registered, weak=False)
    if not event.contains(Session, "after_flush", _note_touched):
        event.listen(Session, "after_flush", _note_touched)
        event.listen(Session, "before_commit", _refresh_touched)
        event.listen(Session, "after_rollback", _forget)


def _on_statuses_changed(_sender: Any, **kw: Any) -> None:
    session: Session = kw["session"]
    today: date = kw.get("today") or date.today()
    ids = [c.document_id for c in kw.get("changes") or []]
    procs = services.procedures_based_on(session, ids)
    if not procs:
        return
    before = session.info.setdefault(_BEFORE, {})
    for pid, old, _new in services.refresh_health(session, [p.id for p in procs], today=today):
        before.setdefault(pid, old)


def _on_deleting(_sender: Any, **kw: Any) -> None:
    """An announcement decision carries the history of the procedures it announced: it cannot be deleted."""
    from sqlalchemy import select

    from registry.errors import Conflict
    from registry.procedures.models import Announcement

    session: Session = kw["session"]
    doc = kw["document"]
    if session.scalar(select(Announcement.id).where(Announcement.document_id == doc.id)) is not None:
        raise Conflict(
            f"{doc.number} là quyết định công bố thủ tục hành chính đã đăng ký: không thể xóa.",
            f"{doc.number} is a registered announcement decision of procedures: it cannot be deleted.",
        )


def _on_inputs_changed(_sender: Any, **kw: Any) -> None:
    """An amendment changes no status but does change the health of the procedures based on the document."""
    _on_statuses_changed(
        _sender,
        session=kw["session"],
        today=kw.get("today"),
        changes=[_Changed(i) for i in kw.get("document_ids") or ()],
    )


@dataclass(frozen=True)
class _Changed:
    document_id: int


def _label(health: Health) -> str:
    return HEALTH_LABELS[health][0]


def _on_impact_preview(_sender: Any, **kw: Any) -> None:
    """Inside the preview's savepoint the health was already refreshed: compare with what it was before."""
    session: Session = kw["session"]
    impact = kw["impact"]
    ids = [c.document_id for c in kw.get("changes") or []]
    before: dict[int, Health] = session.info.pop(_BEFORE, {})
    procs = services.procedures_based_on(session, ids)
    if not procs:
        return
    now = services.compute_health(session, [p.id for p in procs], today=kw.get("today") or date.today())
    rows = impact.extra.setdefault("procedures", [])
    for proc in procs:
        new, reason, _en = now[proc.id]
        old = before.get(proc.id, proc.health)
        if old == new:
            continue
        try:
            url = url_for("procedures.detail", proc_id=proc.id)
        except RuntimeError:
            url = None
        rows.append(
            {
                "label": f"{proc.code} — {proc.name}",
                "url": url,
                "detail": f"{_label(Health(old))} → {_label(new)}: {reason}",
            }
        )


def _on_document_registered(_sender: Any, **kw: Any) -> None:
    session: Session = kw["session"]
    doc = kw["document"]
    resolved = services.resolve_bases(session, doc)
    if resolved:
        services.refresh_health(session, {b.procedure_id for b in resolved}, today=date.today())


def _note_touched(session: Session, _ctx: Any) -> None:
    touched: set[int] = session.info.setdefault(_TOUCHED, set())
    for obj in list(session.new) + list(session.deleted) + list(session.dirty):
        if isinstance(obj, Relation) and obj.target_id:
            touched.add(obj.target_id)
        elif isinstance(obj, ValidityEvent) and obj.document_id:
            touched.add(obj.document_id)


def _refresh_touched(session: Session) -> None:
    touched: set[int] = session.info.pop(_TOUCHED, set())
    session.info.pop(_BEFORE, None)
    if not touched:
        return
    procs = services.procedures_based_on(session, touched)
    if procs:
        services.refresh_health(session, [p.id for p in procs], today=date.today())
        session.info.pop(_TOUCHED, None)


def _forget(session: Session) -> None:
    session.info.pop(_TOUCHED, None)
    session.info.pop(_BEFORE, None)


__all__ = ["install"]
