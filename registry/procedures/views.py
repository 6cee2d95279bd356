"""Procedures: the public catalogue and procedure pages; for officers, editing, announcements and import."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from registry.accounts.models import Role
from registry.accounts.permissions import can_edit, can_read_internal, public, role_required
from registry.documents.models import Agency, Document, Field
from registry.documents.services import find_by_number
from registry.errors import DomainError
from registry.extensions import db
from registry.forms import error_message, show_error
from registry.i18n import current_lang
from registry.pagination import paginate
from registry.procedures import catalogue, queries, services
from registry.procedures.forms import EMPTY_ROWS, AnnouncementForm, ImportForm, ProcedureForm
from registry.procedures.models import (
    ACTION_LABELS,
    CHANNEL_LABELS,
    HEALTH_LABELS,
    LEVEL_LABELS,
    ONLINE_LABELS,
    STATUS_LABELS,
    Announcement,
    AnnouncementAction,
    Health,
    OnlineLevel,
    Procedure,
    ProcedureLevel,
    ProcedureStatus,
)
from registry.procedures.text import parse_basis_text

bp = Blueprint("procedures", __name__, url_prefix="/procedures")

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    return {
        "PROC_LEVELS": LEVEL_LABELS,
        "PROC_ONLINE": ONLINE_LABELS,
        "PROC_STATUS": STATUS_LABELS,
        "PROC_HEALTH": HEALTH_LABELS,
        "PROC_ACTIONS": ACTION_LABELS,
        "PROC_CHANNELS": CHANNEL_LABELS,
        "health_color": lambda h: {"ok": "ok", "attention": "warn", "broken": "bad"}.get(
            str(getattr(h, "value", h)), "muted"
        ),
    }


def _today() -> date:
    return date.today()


def _ints(name: str) -> list[int]:
    return [int(x) for x in request.args.getlist(name) if x.strip().isdigit()]


def _visible(proc: Procedure) -> Procedure:
    if not proc.visible_to_public and not can_read_internal():
        abort(404)
    return proc


# ------------------------------------------------------------------------------------------ public


def _filter_from_args() -> queries.ProcedureFilter:
    return queries.ProcedureFilter(
        q=request.args.get("q", "").strip(),
        field_ids=_ints("field"),
        levels=request.args.getlist("level"),
        agency_ids=_ints("agency"),
        online_levels=request.args.getlist("online"),
        statuses=[s for s in request.args.getlist("status") if s],
        healths=[h for h in request.args.getlist("health") if h],
        include_internal=can_read_internal(),
        sort=request.args.get("sort", "name"),
    )


@bp.get("/")
@public
def index():
    f = _filter_from_args()
    page = max(1, request.args.get("page", 1, type=int))
    pagination = paginate(
        db.session,
        queries.list_procedures(f),
        page=page,
        per_page=current_app.config["PER_PAGE"],
        scalars=True,
    )
    return render_template(
        "procedures/index.html",
        rows=pagination.items,
        pagination=pagination,
        f=f,
        fields=queries.list_fields_used(db.session),
        agencies=queries.list_agencies_used(db.session),
        levels=list(ProcedureLevel),
        online_levels=list(OnlineLevel),
        healths=list(Health),
        feed_args=_feed_args(f),
    )


def _feed_args(f: queries.ProcedureFilter) -> dict[str, Any]:
    args: dict[str, Any] = {}
    if len(f.field_ids) == 1:
        args["field"] = f.field_ids[0]
    if len(f.agency_ids) == 1:
        args["agency"] = f.agency_ids[0]
    return args


@bp.get("/<int:proc_id>")
@public
def detail(proc_id: int):
    proc = _visible(services.get_procedure(db.session, proc_id))
    include_internal = can_read_internal()
    hist = queries.history(db.session, proc.id, include_internal=include_internal)
    repeal = next(
        ((item, doc) for item, doc in reversed(hist) if item.action == AnnouncementAction.REPEALED), None
    )
    return render_template(
        "procedures/detail.html",
        proc=proc,
        history=hist,
        repeal=repeal if proc.status == ProcedureStatus.REPEALED else None,
        include_internal=include_internal,
        review_cycle=proc.review_cycle_months or current_app.config.get("REVIEW_CYCLE_MONTHS", 12),
    )


@bp.get("/code/<code>")
@public
def by_code(code: str):
    proc = services.get_by_code(db.session, code)
    if proc is None:
        abort(404)
    _visible(proc)
    return redirect(url_for("procedures.detail", proc_id=proc.id))


@bp.get("/export.<fmt>")
@public
def export(fmt: str):
    """Open data: the public catalogue (procedures in use and repealed ones) as CSV, XLSX or JSON."""
    if fmt not in EXPORT_TYPES:
        abort(404)
    procs = list(
        db.session.scalars(
            select(Procedure)
            .where(Procedure.public.is_(True), Procedure.status != ProcedureStatus.DRAFT)
            .order_by(Procedure.code)
        )
    )
    body = catalogue.export(db.session, procs, fmt)
    name = f"thu-tuc-hanh-chinh-{_today().isoformat()}.{fmt}"
    return Response(
        body,
        mimetype=EXPORT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/announcements/")
@public
def announcements():
    page = max(1, request.args.get("page", 1, type=int))
    pagination = paginate(
        db.session,
        queries.list_announcements(include_internal=can_read_internal()),
        page=page,
        per_page=current_app.config["PER_PAGE"],
    )
    return render_template("procedures/announcements.html", rows=pagination.items, pagination=pagination)


@bp.get("/announcements/<int:ann_id>")
@public
def announcement(ann_id: int):
    ann = db.session.get(Announcement, ann_id)
    if ann is None or (not ann.document.public and not can_read_internal()):
        abort(404)
    return render_template("procedures/announcement.html", ann=ann, include_internal=can_read_internal())


# ------------------------------------------------------------------------------------------ staff


@bp.get("/health")
@role_required(Role.STAFF)
def health():
    by = request.args.get("by", "agency")
    f = _filter_from_args()
    if not f.healths:
        f.healths = [Health.BROKEN.value, Health.ATTENTION.value]
    f.sort = "health"
    page = max(1, request.args.get("page", 1, type=int))
    pagination = paginate(
        db.session,
        queries.list_procedures(f),
        page=page,
        per_page=current_app.config["PER_PAGE"],
        scalars=True,
    )
    return render_template(
        "procedures/health.html",
        summary=queries.health_summary(db.session, by=by),
        by=by,
        rows=pagination.items,
        pagination=pagination,
        f=f,
        fields=queries.list_fields_used(db.session),
        agencies=queries.list_agencies_used(db.session),
    )


# ------------------------------------------------------------------------------------------ editing


def _choices_fields() -> list[tuple[str, str]]:
    return [("", "—")] + [
        (str(fl.id), fl.name) for fl in db.session.scalars(select(Field).order_by(Field.name))
    ]


def _choices_agencies() -> list[tuple[str, str]]:
    return [("", "—")] + [
        (str(a.id), a.name) for a in db.session.scalars(select(Agency).order_by(Agency.level, Agency.name))
    ]


def _procedure_form(proc: Procedure | None = None) -> ProcedureForm:
    if proc is not None and request.method == "GET":
        form = ProcedureForm(obj=proc)
        form.level.data = proc.level.value
        form.online_level.data = proc.online_level.value
        form.status.data = proc.status.value
        form.version.data = str(proc.version)
        _fill_rows(form, proc)
    else:
        form = ProcedureForm()
    form.field_id.choices = _choices_fields()
    form.agency_id.choices = _choices_agencies()
    return form


def _fill_rows(form: ProcedureForm, proc: Procedure) -> None:
    for name, rows, keys in (
        ("channels", proc.channels, ("channel", "time_limit", "time_limit_days", "fee", "description")),
        ("dossier", proc.dossier, ("name", "form_name", "copies_original", "copies_copy", "note")),
        ("bases", proc.bases, ("number", "provisions", "title", "issued_on")),
    ):
        fl = getattr(form, name)
        extra = fl.min_entries
        while len(fl.entries):
            fl.pop_entry()
        for row in rows:
            data = {k: getattr(row, k) for k in keys}
            if name == "channels":
                data["channel"] = row.channel.value
            if name == "bases" and row.document is not None:
                data["number"] = row.document.number
            fl.append_entry(data)
        for _i in range(max(2, extra - len(rows))):
            fl.append_entry()


def _rows(form: ProcedureForm) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    channels = [
        {
            "channel": e.form.channel.data,
            "time_limit": e.form.time_limit.data or "",
            "time_limit_days": e.form.time_limit_days.data,
            "fee": e.form.fee.data or "",
            "description": e.form.description.data or "",
        }
        for e in form.channels
        if not e.form.is_empty()
    ]
    dossier = [
        {
            "name": e.form.name.data,
            "form_name": e.form.form_name.data or "",
            "copies_original": e.form.copies_original.data or 0,
            "copies_copy": e.form.copies_copy.data or 0,
            "note": e.form.note.data or "",
        }
        for e in form.dossier
        if not e.form.is_empty()
    ]
    bases = [
        {
            "number": e.form.number.data or "",
            "provisions": e.form.provisions.data or "",
            "title": e.form.title.data or "",
            "issued_on": e.form.issued_on.data,
        }
        for e in form.bases
        if not e.form.is_empty()
    ]
    return channels, dossier, bases


def _form_data(form: ProcedureForm) -> dict[str, Any]:
    return {
        "code": form.code.data,
        "name": form.name.data,
        "level": form.level.data,
        "procedure_type": form.procedure_type.data or "",
        "field_id": form.field_id.data,
        "agency_id": form.agency_id.data,
        "competent_agency": form.competent_agency.data or "",
        "authorized_agency": form.authorized_agency.data or "",
        "coordinating_agency": form.coordinating_agency.data or "",
        "steps": form.steps.data or "",
        "applicants": form.applicants.data or "",
        "submission_address": form.submission_address.data or "",
        "result": form.result.data or "",
        "requirements": form.requirements.data or "",
        "fee_note": form.fee_note.data or "",
        "time_limit": form.time_limit.data or "",
        "online_level": form.online_level.data,
        "review_cycle_months": form.review_cycle_months.data,
        "public": bool(form.public.data),
        "status": form.status.data or ProcedureStatus.DRAFT.value,
        "active_since": form.active_since.data,
        "repealed_on": form.repealed_on.data,
    }


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def create():
    form = _procedure_form()
    if form.validate_on_submit():
        channels, dossier, bases = _rows(form)
        try:
            proc = services.create_procedure(
                db.session,
                _form_data(form),
                channels=channels,
                dossier=dossier,
                bases=bases,
                actor_id=current_user.id,
                today=_today(),
            )
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lưu thủ tục %(c)s.", c=proc.code), "ok")
            return redirect(url_for("procedures.detail", proc_id=proc.id))
    status = 422 if request.method == "POST" else 200
    return render_template("procedures/form.html", form=form, proc=None), status


@bp.route("/<int:proc_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit(proc_id: int):
    proc = services.get_procedure(db.session, proc_id)
    form = _procedure_form(proc)
    if form.validate_on_submit():
        channels, dossier, bases = _rows(form)
        try:
            services.update_procedure(
                db.session,
                proc,
                _form_data(form),
                expected_version=int(form.version.data or 0) or None,
                channels=channels,
                dossier=dossier,
                bases=bases,
                today=_today(),
            )
        except DomainError as err:
            db.session.rollback()
            if err.code == "stale":
                flash(error_message(err), "bad")
                return render_template("procedures/form.html", form=form, proc=proc, stale=True), 409
            show_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lưu."), "ok")
            return redirect(url_for("procedures.detail", proc_id=proc.id))
    status = 422 if request.method == "POST" else 200
    return render_template("procedures/form.html", form=form, proc=proc), status


@bp.post("/<int:proc_id>/reviewed")
@role_required(Role.OFFICER)
def reviewed(proc_id: int):
    proc = services.get_procedure(db.session, proc_id)
    services.mark_reviewed(db.session, proc, on=_today(), today=_today())
    db.session.commit()
    flash(_("Đã ghi nhận rà soát thủ tục ngày %(d)s.", d=_today().strftime("%d/%m/%Y")), "ok")
    return redirect(url_for("procedures.detail", proc_id=proc.id))


# ------------------------------------------------------------------------------------------ announcements


def _prefill(doc: Document) -> list[dict[str, Any]]:
    """Item rows read from the decision's appendix table (ingest's extractor), when it is available."""
    if not (doc.body_text or "").strip():
        return []
    try:
        from registry.ingest.extract import extract_record
    except ImportError:  # the ingest domain is optional
        return []
    try:
        rows = extract_record(doc.body_text).procedures
    except Exception:  # noqa: BLE001 - a pre-fill must never break the form
        current_app.logger.exception("procedure table extraction failed for document %s", doc.id)
        return []
    actions = {a.value for a in AnnouncementAction}
    out = []
    for row in rows:
        code = (row.get("code") or "").strip()
        if code and not code[0].isdigit():
            code = ""  # "Không có mã số"
        action = row.get("action") if row.get("action") in actions else AnnouncementAction.NEW.value
        out.append(
            {
                "procedure_code": code,
                "procedure_name": (row.get("name") or "").strip(),
                "action": action,
                "basis_text": (row.get("legal_basis") or "").strip(),
                "time_limit": (row.get("time_limit") or "").strip(),
            }
        )
    return out


def _announcement_form(doc: Document | None, prefill: list[dict[str, Any]]) -> AnnouncementForm:
    if request.method == "GET":
        form = AnnouncementForm()
        while len(form.items.entries):
            form.items.pop_entry()
        for row in prefill:
            form.items.append_entry(row)
        for _i in range(EMPTY_ROWS):
            form.items.append_entry()
        if doc is not None:
            form.document_number.data = doc.number
            form.document_id.data = str(doc.id)
            form.document_issued_on.data = doc.issued_on
    else:
        form = AnnouncementForm()
    form.default_field_id.choices = _choices_fields()
    form.default_agency_id.choices = _choices_agencies()
    return form


def _find_decision(form: AnnouncementForm) -> Document | None:
    doc = None
    raw_id = (form.document_id.data or "").strip()
    number = (form.document_number.data or "").strip()
    if raw_id.isdigit():
        doc = db.session.get(Document, int(raw_id))
        if doc is not None and number and doc.number_key != _key(number):
            doc = None  # the officer typed another number after choosing
    if doc is None and number:
        doc = find_by_number(db.session, number, issued_on=form.document_issued_on.data)
    return doc


def _key(number: str) -> str:
    from registry.documents.numbers import number_key

    return number_key(number)


@bp.route("/announcements/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def announce():
    doc = None
    prefill: list[dict[str, Any]] = []
    if request.method == "GET":
        if request.args.get("document_id", "").isdigit():
            doc = db.session.get(Document, int(request.args["document_id"]))
        elif request.args.get("number"):
            doc = find_by_number(db.session, request.args["number"])
        if doc is not None:
            prefill = _prefill(doc)
    form = _announcement_form(doc, prefill)
    row_errors: dict[int, str] = {}
    if form.validate_on_submit():
        doc = _find_decision(form)
        if doc is None:
            form.document_number.errors = [
                *form.document_number.errors,
                _(
                    "Chưa có văn bản số “%(n)s” trong cơ sở dữ liệu: hãy đăng ký quyết định trước.",
                    n=form.document_number.data or "",
                ),
            ]
        else:
            items, positions = _items(form)
            try:
                ann = services.register_announcement(
                    db.session,
                    doc,
                    items,
                    actor_id=current_user.id,
                    today=_today(),
                    note=form.note.data or "",
                )
            except DomainError as err:
                db.session.rollback()
                rows = (err.details or {}).get("rows") or {}
                row_errors = {positions[int(i)]: msg for i, msg in rows.items() if int(i) < len(positions)}
                if not row_errors:
                    flash(error_message(err), "bad")
            else:
                db.session.commit()
                flash(
                    _("Đã đăng ký quyết định công bố %(n)s với %(k)s thủ tục.", n=doc.number, k=len(items)),
                    "ok",
                )
                return redirect(url_for("procedures.announcement", ann_id=ann.id))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "procedures/announce.html", form=form, doc=doc, prefilled=len(prefill), row_errors=row_errors
    ), status


def _items(form: AnnouncementForm) -> tuple[list[dict[str, Any]], list[int]]:
    """Item dicts for the service from the non-empty rows, and the form row of each."""
    items: list[dict[str, Any]] = []
    positions: list[int] = []
    for n, entry in enumerate(form.items):
        row = entry.form
        if row.is_empty():
            continue
        code = (row.procedure_code.data or "").strip()
        name = (row.procedure_name.data or "").strip()
        new_procedure = None
        if name and services.get_by_code(db.session, code) is None and row.action.data != "repealed":
            new_procedure = {
                "name": name,
                "level": form.default_level.data or ProcedureLevel.PROVINCE.value,
                "field_id": form.default_field_id.data,
                "agency_id": form.default_agency_id.data,
                "time_limit": row.time_limit.data or "",
                "status": ProcedureStatus.DRAFT.value,
                "bases": parse_basis_text(row.basis_text.data or ""),
            }
        items.append(
            {
                "procedure_code": code,
                "procedure_name": name,
                "action": row.action.data,
                "changes": row.changes.data or "",
                "cause_number": row.cause_number.data or "",
                "new_procedure": new_procedure,
            }
        )
        positions.append(n)
    return items, positions


# ------------------------------------------------------------------------------------------ import


@bp.route("/import", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def import_catalogue():
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        if upload is None or not getattr(upload, "filename", ""):
            form.file.errors = [_("Hãy chọn tệp.")]
        else:
            data = upload.read()
            fmt = catalogue.detect_format(upload.filename)
            report = catalogue.import_catalogue(
                db.session,
                data,
                fmt,
                dry_run=bool(form.dry_run.data),
                actor_id=current_user.id,
                today=_today(),
            )
            if report.ok and not report.dry_run:
                db.session.commit()
                flash(report.summary(current_lang()), "ok")
            else:
                db.session.rollback()
    status = 422 if report is not None and not report.ok else 200
    return render_template("procedures/import.html", form=form, report=report), status


__all__ = ["bp", "can_edit"]
