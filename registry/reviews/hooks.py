"""Wiring: the cascade at once (documents.statuses_changed), the impact preview, and the embedded daily job.

The daily thread (config ``DAILY_JOB``, off in tests) wakes every few minutes; when no run is recorded for
today it takes a non-blocking file lock in the instance folder (so several workers of one deployment never run
the job together), checks again under the lock, runs :func:`registry.reviews.jobs.run_and_commit` and releases.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_app_context, has_request_context, url_for

from registry.documents.signals import impact_preview, inputs_changed, statuses_changed
from registry.reviews import rules as r

log = logging.getLogger(__name__)

LOCK_NAME = "reviews-daily.lock"
WAKE_SECONDS = 300


def _settings() -> tuple[r.ReviewSettings, date | None]:
    if has_app_context():
        cfg = current_app.config
        return r.ReviewSettings.from_config(cfg), cfg.get("DETAILING_CUTOVER")
    return r.ReviewSettings(), None


def on_statuses_changed(_sender: Any, **kw: Any) -> None:
    """Open the review tasks the changes call for, in the same transaction (skipped inside the daily job,
    which plans everything itself after refreshing)."""
    from registry.reviews import services

    session = kw["session"]
    if session.info.get(services.JOB_FLAG):
        return
    settings, cutover = _settings()
    ids = {c.document_id for c in kw.get("changes") or ()}
    if not ids:
        return
    services.open_for_changes(
        session, ids, today=kw["today"], cutover=kw.get("cutover") or cutover, settings=settings
    )


def on_inputs_changed(_sender: Any, **kw: Any) -> None:
    """An amendment (or any new relation or event) opens its tasks at once, not at the next daily job;
    tasks are deduplicated, so hearing a change twice opens nothing twice."""
    from registry.reviews import services

    session = kw["session"]
    if session.info.get(services.JOB_FLAG) or not kw.get("document_ids"):
        return
    settings, cutover = _settings()
    services.open_for_changes(
        session,
        kw["document_ids"],
        today=kw["today"],
        cutover=kw.get("cutover") or cutover,
        settings=settings,
    )


def on_impact_preview(_sender: Any, **kw: Any) -> None:
    """Add to the preview the review tasks the change would open."""
    from registry.reviews import services

    session, impact = kw["session"], kw["impact"]
    ids = {c.document_id for c in kw.get("changes") or ()}
    if not ids:
        return
    settings, cutover = _settings()
    specs = services.preview_for_changes(
        session,
        ids,
        today=kw["today"],
        cutover=cutover or kw["today"],
        settings=settings,
    )
    rows = impact.extra.setdefault("reviews", [])
    rows.extend(preview_rows(session, specs))


def preview_rows(session: Any, specs: list[r.TaskSpec]) -> list[dict[str, Any]]:
    """``{"label", "url", "detail"}`` rows for the preview: what each task is about and why."""
    from sqlalchemy import select

    from registry.documents.models import Document

    lang = "vi"
    if has_request_context():
        from registry.i18n import current_lang

        lang = current_lang()
    # numbers and codes by id, read as plain columns: loading ORM procedures would drag in their eager
    # relationships (legal bases joined to documents), which is slow on a large registry
    doc_ids = {s.document_id for s in specs if s.document_id is not None}
    proc_ids = {s.procedure_id for s in specs if s.procedure_id is not None}
    numbers: dict[int, str] = {}
    if doc_ids:
        numbers = dict(
            session.execute(select(Document.id, Document.number).where(Document.id.in_(doc_ids))).all()
        )
    codes: dict[int, str] = {}
    if proc_ids:
        from registry.procedures.models import Procedure

        codes = dict(
            session.execute(select(Procedure.id, Procedure.code).where(Procedure.id.in_(proc_ids))).all()
        )
    rows = []
    for s in specs:
        vi, en = r.KIND_LABELS[s.kind]
        label = en if lang == "en" else vi
        url = None
        if s.document_id is not None:
            label = f"{label}: {numbers.get(s.document_id) or s.document_id}"
            if has_request_context():
                url = url_for("documents.detail", doc_id=s.document_id)
        elif s.procedure_id is not None:
            label = f"{label}: {codes.get(s.procedure_id) or s.procedure_id}"
            if has_request_context() and "procedures.detail" in current_app.view_functions:
                url = url_for("procedures.detail", proc_id=s.procedure_id)
        rows.append({"label": label, "url": url, "detail": s.reason_en if lang == "en" else s.reason_vi})
    return rows


# --------------------------------------------------------------------------------------------- daily thread


def lock_path(app: Flask) -> Path:
    return Path(app.instance_path) / LOCK_NAME


def run_once_if_due(app: Flask, *, today: date | None = None) -> bool:
    """Run the daily job for ``today`` unless a run is recorded for it or another process holds the lock.
    Returns whether this call ran it."""
    from registry.reviews import jobs, services

    day = today or date.today()
    path = lock_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    with app.app_context(), open(path, "a+") as handle:
        from registry.extensions import db

        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        try:
            if services.last_run_for(db.session, day) is not None:
                db.session.rollback()
                return False
            jobs.run_and_commit(db.session, app.config, today=day, origin="embedded")
            return True
        except Exception:  # pragma: no cover - logged, retried at the next wake-up
            db.session.rollback()
            log.exception("daily review job failed")
            return False
        finally:
            db.session.remove()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _loop(app: Flask, stop: threading.Event) -> None:  # pragma: no cover - timing
    while not stop.is_set():
        run_once_if_due(app)
        stop.wait(WAKE_SECONDS)


def start_daily_thread(app: Flask) -> threading.Thread:
    """Start the daemon thread that runs the job once a day in this process."""
    stop = threading.Event()
    thread = threading.Thread(target=_loop, args=(app, stop), name="reviews-daily", daemon=True)
    app.extensions["reviews_daily"] = (thread, stop)
    thread.start()
    return thread


def install(app: Flask) -> None:
    """Connect the subscribers (once per process) and, when ``DAILY_JOB`` is on, start the daily thread with
    the first request this process serves (so CLI commands never start it)."""
    statuses_changed.connect(on_statuses_changed, weak=False)
    inputs_changed.connect(on_inputs_changed, weak=False)
    impact_preview.connect(on_impact_preview, weak=False)
    from registry.reviews.views import review_history

    app.jinja_env.globals["review_history"] = review_history
    if not app.config.get("DAILY_JOB"):
        return
    started = threading.Lock()

    @app.before_request
    def _start_daily_job() -> None:
        if "reviews_daily" in app.extensions or not started.acquire(blocking=False):
            return
        start_daily_thread(app)


__all__ = ["install", "on_impact_preview", "on_statuses_changed", "run_once_if_due", "start_daily_thread"]
