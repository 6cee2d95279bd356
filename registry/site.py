"""Home page and health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from sqlalchemy import func, select, text

from registry.accounts.permissions import can_read_internal, public
from registry.documents.models import Document
from registry.extensions import db

bp = Blueprint("site", __name__)


@bp.get("/")
@public
def home():
    q = select(Document).order_by(Document.created_at.desc(), Document.id.desc()).limit(8)
    if not can_read_internal():
        q = q.where(Document.public.is_(True))
    recent = db.session.scalars(q).all()
    counts_q = select(Document.status, func.count()).group_by(Document.status)
    if not can_read_internal():
        counts_q = counts_q.where(Document.public.is_(True))
    counts = dict(db.session.execute(counts_q).all())
    return render_template("site/home.html", recent=recent, counts=counts)


@bp.get("/healthz")
@public
def health():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok", documents=db.session.scalar(select(func.count()).select_from(Document)))
