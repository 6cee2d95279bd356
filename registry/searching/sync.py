"""Keep the index in step with the database: collect what a transaction changed, push it after the commit.

The index is derived data (STYLE rule 3): nothing here may fail a user's transaction. A push that fails is
logged; `flask search check` finds what to redo and `flask search reindex` rebuilds everything.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from registry.documents.models import Document, DocumentFile
from registry.documents.signals import statuses_changed
from registry.searching.records import DOCUMENT, PROCEDURE, load_records
from search import SearchBackend, open_backend

log = logging.getLogger(__name__)
_lock = threading.Lock()
DIRTY = "search_dirty"
DELETED = "search_deleted"
PENDING = "search_pending"


def get_backend(app: Flask | None = None) -> SearchBackend:
    """The process's one backend for this app (opened on first use)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    backend = app.extensions.get("search_backend")
    if backend is None:
        with _lock:
            backend = app.extensions.get("search_backend")
            if backend is None:
                backend = open_backend(app.config["SEARCH_URL"])
                app.extensions["search_backend"] = backend
                if backend.needs_rebuild() and not app.testing:
                    _rebuild_in_background(app, backend)
    return backend


def _rebuild_in_background(app: Flask, backend: SearchBackend) -> None:
    """An index built by an older schema (or a rebuild that never finished) is rebuilt from the database
    without holding up the request that noticed it; searches meanwhile see the old index."""

    def run() -> None:
        from registry.extensions import db
        from registry.searching.records import iter_all

        with app.app_context():
            try:
                log.warning(
                    "search: the index needs a rebuild (schema changed); rebuilding in the background"
                )
                backend.rebuild(iter_all(db.session()))
                log.warning("search: rebuild done")
            except Exception:
                log.exception("search: background rebuild failed; run `flask search reindex`")
            finally:
                db.session.remove()

    threading.Thread(target=run, name="search-rebuild", daemon=True).start()


def _index_id(obj: Any) -> str | None:
    if isinstance(obj, Document):
        return f"{DOCUMENT}:{obj.id}"
    if isinstance(obj, DocumentFile):
        return f"{DOCUMENT}:{obj.document_id}"
    table = getattr(obj, "__tablename__", "")
    if table == "procedures":
        return f"{PROCEDURE}:{obj.id}"
    if table in ("procedure_channels", "dossier_items", "legal_bases"):
        return f"{PROCEDURE}:{obj.procedure_id}"
    return None


def _after_flush(session: Session, _ctx: Any) -> None:
    dirty: set[str] = session.info.setdefault(DIRTY, set())
    deleted: set[str] = session.info.setdefault(DELETED, set())
    for obj in list(session.new) + list(session.dirty):
        index_id = _index_id(obj)
        if index_id:
            dirty.add(index_id)
    for obj in session.deleted:
        index_id = _index_id(obj)
        if index_id is None:
            continue
        whole_record = isinstance(obj, Document) or getattr(obj, "__tablename__", "") == "procedures"
        (deleted if whole_record else dirty).add(index_id)


def _on_statuses_changed(_sender: Any, *, session: Session, changes: list[Any], **_kw: Any) -> None:
    session.info.setdefault(DIRTY, set()).update(f"{DOCUMENT}:{c.document_id}" for c in changes)


def _before_commit(session: Session) -> None:
    # commit flushes after this event: flush now so the records read below are what will be committed
    session.flush()
    dirty = session.info.pop(DIRTY, set())
    deleted = session.info.pop(DELETED, set())
    if not dirty and not deleted:
        return
    try:
        records, gone = load_records(session, dirty - deleted)
    except Exception:  # the index must never break a commit
        log.exception("search: could not read changed records; run `flask search check`")
        return
    pending = session.info.setdefault(PENDING, ([], set()))
    pending[0].extend(records)
    pending[1].update(deleted | set(gone))


def _after_commit(session: Session) -> None:
    records, gone = session.info.pop(PENDING, ([], set()))
    app = session.info.get("search_app") or (current_app._get_current_object() if has_app_context() else None)  # type: ignore[attr-defined]
    if not (records or gone) or app is None:
        return
    try:
        backend = get_backend(app)
        if records:
            backend.add(records)
        if gone:
            backend.delete(sorted(gone))
    except Exception:
        log.exception("search: index update failed; run `flask search check`")


def _after_rollback(session: Session) -> None:
    for key in (DIRTY, DELETED, PENDING):
        session.info.pop(key, None)


def install(app: Flask) -> None:
    """Attach the listeners (once per process); commits update the index of the app in context."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", lambda s, _t: _after_rollback(s))
        statuses_changed.connect(_on_statuses_changed, weak=False)

    app.jinja_env.globals["related_for"] = lambda index_id, **kw: _related(app, index_id, **kw)


def _related(app: Flask, index_id: str, *, include_internal: bool = False, limit: int = 5) -> list[Any]:
    try:
        return get_backend(app).related(index_id, limit=limit, include_internal=include_internal)
    except Exception:
        log.exception("search: related documents unavailable")
        return []
