"""Review queue (per agency, per officer), one task, closing with an outcome, the digest page."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from registry.accounts.models import Role, User
from registry.accounts.permissions import role_required
from registry.documents.models import Agency
from registry.documents.services import get_document
from registry.errors import DomainError
from registry.extensions import db
from registry.i18n import current_lang
from registry.pagination import paginate
from registry.reviews import queries, services
from registry.reviews.models import ProcedureSourceMark, ReviewTask
from registry.reviews.rules import KIND_LABELS, OUTCOME_LABELS, Outcome, TaskKind

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


def _today() -> date:
    return current_app.config.get("REVIEWS_TODAY") or date.today()


def _int(name: str) -> int | None:
    raw = request.args.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


@bp.get("/")
@role_required(Role.STAFF)
def queue():
    today = _today()
    state = request.args.get("state", "open")
    if state not in queries.STATES:
        state = "open"
    scope = request.args.get("scope", "all")
    f = queries.TaskFilter(state=state, today=today)
    if scope == "mine":
        f.mine_for = current_user.id
        f.mine_agency_id = current_user.agency_id
    agency_id = _int("agency")
    if agency_id is not None:
        f.agency_id = agency_id
    kind = request.args.get("kind")
    if kind in {k.value for k in TaskKind}:
        f.kind = kind
    pagination = paginate(
        db.session,
        queries.list_tasks(f),
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config["PER_PAGE"],
        scalars=True,
    )
    return render_template(
        "reviews/queue.html",
        pagination=pagination,
        tasks=pagination.items,
        f=f,
        scope=scope,
        today=today,
        counts=queries.counts_by_agency(db.session, today=today),
        agencies=list(db.session.scalars(select(Agency).order_by(Agency.level, Agency.name))),
        kinds=KIND_LABELS,
    )


@bp.get("/<int:task_id>")
@role_required(Role.STAFF)
def detail(task_id: int):
    task = services.get_task(db.session, task_id)
    return _render_task(task)


def _render_task(task: ReviewTask, *, errors: dict[str, str] | None = None, status: int = 200) -> Any:
    officers = list(
        db.session.scalars(
            select(User)
            .where(User.active.is_(True), User.role.in_([Role.OFFICER, Role.ADMIN]))
            .order_by(User.full_name, User.username)
        )
    )
    return render_template(
        "reviews/task.html",
        task=task,
        today=_today(),
        outcomes=OUTCOME_LABELS,
        officers=officers,
        errors=errors or {},
        form=request.form,
    ), status


@bp.post("/<int:task_id>/close")
@role_required(Role.OFFICER)
def close(task_id: int):
    task = services.get_task(db.session, task_id)
    outcome = request.form.get("outcome", "")
    note = request.form.get("note", "")
    try:
        services.close_task(
            db.session,
            task,
            outcome=outcome if outcome in {o.value for o in Outcome} else (outcome and "invalid"),
            note=note,
            actor_id=current_user.id,
            today=_today(),
        )
    except DomainError as err:
        db.session.rollback()
        task = services.get_task(db.session, task_id)
        message = err.message_en if current_lang() == "en" else err.message
        if err.code == "conflict":
            flash(message, "bad")
            return redirect(url_for("reviews.detail", task_id=task_id))
        return _render_task(task, errors={err.field or "outcome": message}, status=422)
    db.session.commit()
    flash(_("Đã đóng nhiệm vụ rà soát #%(i)s.", i=task_id), "ok")
    return redirect(request.form.get("next") or url_for("reviews.queue"))


@bp.post("/<int:task_id>/assign")
@role_required(Role.OFFICER)
def assign(task_id: int):
    task = services.get_task(db.session, task_id)
    raw = request.form.get("assignee_id", "")
    if raw == "me":
        assignee: int | None = current_user.id
    elif raw.isdigit():
        user = db.session.get(User, int(raw))
        if user is None or not user.has_role(Role.OFFICER):
            abort(400)
        assignee = user.id
    else:
        assignee = None
    try:
        services.assign_task(db.session, task, assignee_id=assignee)
    except DomainError as err:
        db.session.rollback()
        flash(err.message_en if current_lang() == "en" else err.message, "bad")
        return redirect(url_for("reviews.detail", task_id=task_id))
    db.session.commit()
    flash(_("Đã giao nhiệm vụ."), "ok")
    return redirect(url_for("reviews.detail", task_id=task_id))


@bp.get("/digest")
@role_required(Role.STAFF)
def digest():
    today = _today()
    d = queries.digest_for(db.session, current_user, today=today)
    return render_template("reviews/digest.html", digest=d, today=today)


@bp.post("/documents/<int:doc_id>/lays-down-procedures")
@role_required(Role.OFFICER)
def mark_source(doc_id: int):
    doc = get_document(db.session, doc_id)
    if request.form.get("remove"):
        services.unmark_lays_down_procedures(db.session, doc)
        flash(_("Đã bỏ đánh dấu."), "ok")
    else:
        services.mark_lays_down_procedures(
            db.session, doc, note=request.form.get("note", ""), actor_id=current_user.id
        )
        flash(_("Đã đánh dấu văn bản quy định thủ tục hành chính: hạn công bố sẽ được theo dõi."), "ok")
    db.session.commit()
    return redirect(request.form.get("next") or url_for("documents.detail", doc_id=doc_id))


def review_history(*, document_id: int | None = None, procedure_id: int | None = None) -> dict[str, Any]:
    """Template helper behind ``reviews/_history.html``: the tasks of a document or procedure, and whether
    the document is marked as laying down procedures."""
    tasks = queries.history(db.session, document_id=document_id, procedure_id=procedure_id)
    marked = False
    if document_id is not None:
        marked = (
            db.session.scalar(
                select(ProcedureSourceMark.id).where(ProcedureSourceMark.document_id == document_id)
            )
            is not None
        )
    return {"tasks": tasks, "marked": marked, "today": _today()}


__all__ = ["bp", "review_history"]
