"""Login, logout, language, user administration and the audit log."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from registry.accounts.audit import set_actor
from registry.accounts.forms import LoginForm, UserForm
from registry.accounts.models import AuditEntry, Role, User
from registry.accounts.permissions import public, role_required
from registry.accounts.services import TooManyAttempts, authenticate, create_user, user_for_token
from registry.documents.models import Agency
from registry.errors import DomainError
from registry.extensions import db, login_manager
from registry.pagination import paginate

bp = Blueprint("accounts", __name__)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


@login_manager.request_loader
def _load_user_from_token(req) -> User | None:  # type: ignore[no-untyped-def]
    """Scripts authenticate to /api with `Authorization: Bearer <token>` (see `flask users token`)."""
    header = req.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    from flask import g

    user = user_for_token(db.session, header[7:].strip())
    g.token_auth = user is not None
    return user


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("site.home")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    form = LoginForm()
    error = None
    status = 200
    if form.validate_on_submit():
        try:
            user = authenticate(
                db.session,
                form.username.data or "",
                form.password.data or "",
                address=request.remote_addr or "?",
                max_attempts=current_app.config["LOGIN_MAX_ATTEMPTS"],
                lock_minutes=current_app.config["LOGIN_LOCK_MINUTES"],
            )
        except TooManyAttempts as err:
            db.session.commit()
            error, status = err.message if _lang() == "vi" else err.message_en, 429
        else:
            db.session.commit()
            if user is None:
                error, status = _("Tên đăng nhập hoặc mật khẩu không đúng."), 401
            else:
                login_user(user, remember=bool(form.remember.data))
                return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form, error=error), status


def _lang() -> str:
    from registry.i18n import current_lang

    return current_lang()


@bp.post("/logout")
@public
def logout():
    logout_user()
    return redirect(url_for("site.home"))


@bp.get("/lang/<code>")
@public
def set_language(code: str):
    from flask import session

    if code in ("vi", "en"):
        session["lang"] = code
    return redirect(_safe_next(request.args.get("next")))


@bp.route("/admin/users", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def users():
    form = UserForm()
    form.agency_id.choices = [(0, "—")] + [
        (a.id, a.name)
        for a in db.session.scalars(select(Agency).where(Agency.level == "province").order_by(Agency.name))
    ]
    if form.validate_on_submit():
        set_actor(db.session, current_user.id)
        try:
            create_user(
                db.session,
                form.username.data or "",
                form.password.data or "",
                role=Role(form.role.data),
                full_name=form.full_name.data or "",
                email=form.email.data or None,
                agency_id=form.agency_id.data or None,
            )
        except DomainError as err:
            db.session.rollback()
            form.username.errors = [*form.username.errors, err.message]
        else:
            db.session.commit()
            flash(_("Đã tạo tài khoản."), "ok")
            return redirect(url_for("accounts.users"))
    rows = db.session.scalars(select(User).order_by(User.username)).all()
    return render_template("accounts/users.html", users=rows, form=form)


@bp.get("/admin/audit")
@role_required(Role.ADMIN)
def audit():
    page = max(1, request.args.get("page", 1, type=int))
    q = select(AuditEntry).order_by(AuditEntry.id.desc())
    entity = request.args.get("entity")
    if entity:
        q = q.where(AuditEntry.entity_type == entity)
    entity_id = request.args.get("entity_id", type=int)
    if entity_id:
        q = q.where(AuditEntry.entity_id == entity_id)
    user_id = request.args.get("user_id", type=int)
    if user_id:
        q = q.where(AuditEntry.user_id == user_id)
    pagination = paginate(db.session, q, page=page, per_page=50, scalars=True)
    return render_template("accounts/audit.html", pagination=pagination)
