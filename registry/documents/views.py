"""Documents: browse (also as of a past day), read, and — for officers — register, relate, record events."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from registry.accounts.models import Role
from registry.accounts.permissions import can_read_internal, public, role_required
from registry.documents import queries, services
from registry.documents import validity as v
from registry.documents.forms import CorrectionForm, DocumentForm, EventForm, RelationForm
from registry.documents.models import DOC_TYPES, Document, DocumentFile, Field, ValidityEvent
from registry.errors import DomainError
from registry.extensions import db
from registry.forms import show_error
from registry.i18n import current_lang
from registry.pagination import paginate

bp = Blueprint("documents", __name__, url_prefix="/documents")


def _cfg() -> dict[str, Any]:
    return {"cutover": current_app.config["DETAILING_CUTOVER"]}


def _visible(doc: Document) -> Document:
    if not doc.public and not can_read_internal():
        abort(404)
    return doc


def _parse_date(raw: str | None) -> date | None:
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            from datetime import datetime

            return datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _ints(name: str) -> list[int]:
    return [int(x) for x in request.args.getlist(name) if x.strip().isdigit()]


@bp.get("/")
@public
def index():
    raw_as_of = request.args.get("as_of", "").strip()
    as_of = _parse_date(raw_as_of)
    if raw_as_of and as_of is None:
        flash(_("Ngày “%(d)s” không hợp lệ; hãy nhập dd/mm/yyyy.", d=raw_as_of), "bad")
    f = queries.DocumentFilter(
        q=request.args.get("q", "").strip(),
        doc_types=[t for t in request.args.getlist("type") if t in DOC_TYPES],
        agency_ids=_ints("agency"),
        statuses=[s for s in request.args.getlist("status") if s in {x.value for x in v.Status}],
        field_ids=_ints("field"),
        year=request.args.get("year", type=int),
        as_of=as_of,
        sort=request.args.get("sort", "issued_desc"),
        include_internal=can_read_internal(),
    )
    page = max(1, request.args.get("page", 1, type=int))
    pagination = paginate(
        db.session, queries.list_documents(f), page=page, per_page=current_app.config["PER_PAGE"]
    )
    rows = pagination.items
    years = [
        y
        for (y,) in db.session.execute(
            select(Document.year).where(Document.year.is_not(None)).distinct().order_by(Document.year.desc())
        )
    ]
    return render_template(
        "documents/index.html",
        rows=rows,
        pagination=pagination,
        f=f,
        as_of=as_of,
        agencies=queries.list_agencies(db.session),
        fields=queries.list_fields(db.session),
        years=years,
        doc_types=DOC_TYPES,
    )


@bp.get("/<int:doc_id>")
@public
def detail(doc_id: int):
    doc = _visible(services.get_document(db.session, doc_id))
    include_internal = can_read_internal()
    as_of = _parse_date(request.args.get("as_of"))
    state_as_of = services.status_on_day(db.session, doc.id, as_of) if as_of else None
    events = queries.list_events(db.session, doc.id)
    periods = queries.list_periods(db.session, doc.id)
    groups = queries.relation_groups(db.session, doc, include_internal=include_internal, lang=current_lang())
    timeline = _timeline(doc, events, periods)
    return render_template(
        "documents/detail.html",
        doc=doc,
        groups=groups,
        events=events,
        periods=periods,
        timeline=timeline,
        as_of=as_of,
        state_as_of=state_as_of,
        correction_form=CorrectionForm(),
    )


def _timeline(doc: Document, events: list[ValidityEvent], periods: list[Any]) -> list[dict[str, Any]]:
    """Dated entries for the page: the document's own dates, recorded events, and each change of status."""
    lang = current_lang()
    items: list[dict[str, Any]] = []
    if doc.issued_on:
        items.append({"on": doc.issued_on, "label": _("Ban hành"), "detail": "", "kind": "issued"})
    for p in periods:
        if p.starts_on is not None:
            items.append(
                {
                    "on": p.starts_on,
                    "label": _("Tình trạng: %(s)s", s=v.STATUS_LABELS[p.status][1 if lang == "en" else 0]),
                    "detail": p.reason_en if lang == "en" else p.reason,
                    "status": p.status,
                    "kind": "status",
                }
            )
    for e in events:
        items.append(
            {
                "on": e.on,
                "label": v.EVENT_LABELS[e.kind][1 if lang == "en" else 0],
                "event": e,
                "detail": " ".join(x for x in (e.cause_number, e.provisions, e.note) if x),
                "kind": "event",
            }
        )
    items.sort(key=lambda i: (i["on"], {"issued": 0, "event": 1, "status": 2}[i["kind"]]))
    return items


@bp.get("/<int:doc_id>/files/<int:file_id>")
@public
def download(doc_id: int, file_id: int):
    doc = _visible(services.get_document(db.session, doc_id))
    f = db.session.get(DocumentFile, file_id)
    if f is None or f.document_id != doc.id:
        abort(404)
    path = Path(current_app.config["FILES_DIR"]) / f.sha256[:2] / f.sha256
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=f.media_type, as_attachment=True, download_name=f.original_name)


# ------------------------------------------------------------------------------------------ editing


def _document_form(doc: Document | None = None) -> DocumentForm:
    form = DocumentForm(obj=doc) if doc is not None and request.method == "GET" else DocumentForm()
    form.agency_id.choices = [(a.id, f"{a.name} ({a.abbrev})") for a in queries.list_agencies(db.session)]
    form.field_ids.choices = [(fl.id, fl.name) for fl in queries.list_fields(db.session)]
    if doc is not None and request.method == "GET":
        form.field_ids.data = [fl.id for fl in doc.fields]
        form.version.data = str(doc.version)
        form.effective_mode.data = (
            "on_signing"
            if doc.effective_note == "on_signing"
            else ("date" if doc.effective_on else "unknown")
        )
    return form


def _form_data(form: DocumentForm) -> dict[str, Any]:
    mode = form.effective_mode.data
    return {
        **form.record_values(),
        "effective_on": form.issued_on.data
        if mode == "on_signing"
        else (form.effective_on.data if mode == "date" else None),
        "effective_note": "on_signing" if mode == "on_signing" else "",
    }


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def create():
    form = _document_form()
    warnings = None
    if form.validate_on_submit():
        fields = db.session.scalars(select(Field).where(Field.id.in_(form.field_ids.data or []))).all()
        try:
            doc = services.create_document(
                db.session,
                _form_data(form),
                actor_id=current_user.id,
                fields=fields,
                confirmed=form.confirm.data == "1",
                **_cfg(),
            )
        except services.ConsistencyError as err:
            db.session.rollback()
            if err.code == "needs_confirmation":
                warnings = err.problems
                form.confirm.data = "1"
            else:
                show_error(form, err)
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã đăng ký văn bản %(n)s.", n=doc.number), "ok")
            return redirect(url_for("documents.detail", doc_id=doc.id))
    status = 422 if request.method == "POST" else 200
    return render_template("documents/form.html", form=form, doc=None, warnings=warnings), status


@bp.route("/<int:doc_id>/edit", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def edit(doc_id: int):
    doc = services.get_document(db.session, doc_id)
    form = _document_form(doc)
    warnings = None
    if form.validate_on_submit():
        fields = db.session.scalars(select(Field).where(Field.id.in_(form.field_ids.data or []))).all()
        try:
            services.update_document(
                db.session,
                doc,
                _form_data(form),
                expected_version=int(form.version.data or 0) or None,
                fields=fields,
                confirmed=form.confirm.data == "1",
                **_cfg(),
            )
        except services.ConsistencyError as err:
            db.session.rollback()
            if err.code == "needs_confirmation":
                warnings = err.problems
                form.confirm.data = "1"
            else:
                show_error(form, err)
        except DomainError as err:
            db.session.rollback()
            if err.code == "stale":
                flash(err.message_en if current_lang() == "en" else err.message, "bad")
                return render_template(
                    "documents/form.html", form=form, doc=doc, warnings=None, stale=True
                ), 409
            show_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lưu."), "ok")
            return redirect(url_for("documents.detail", doc_id=doc.id))
    status = 422 if request.method == "POST" else 200
    return render_template("documents/form.html", form=form, doc=doc, warnings=warnings), status


def _resolve(doc_id: int | None, number: str | None) -> Document | None:
    if doc_id:
        return db.session.get(Document, doc_id)
    if number:
        return services.find_by_number(db.session, number)
    return None


@bp.route("/<int:doc_id>/relations", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def add_relation(doc_id: int):
    doc = services.get_document(db.session, doc_id)
    form = RelationForm()
    impact = None
    if form.validate_on_submit():
        other = _resolve(form.target_id.data, None)
        if form.target_id.data and other is None:
            form.target_id.errors = [_("Không có văn bản mã %(i)s.", i=form.target_id.data)]
        elif other is None and not (form.target_number.data or form.target_title.data):
            form.target_number.errors = [_("Chọn văn bản đã đăng ký hoặc nhập số, ký hiệu.")]
        else:
            kind = v.RelationKind(form.kind.data)

            def change():
                if form.direction.data == "in":
                    if other is None:
                        raise DomainError(
                            "Văn bản tác động phải là văn bản đã đăng ký.",
                            "The acting document must be registered.",
                            field="target_id",
                        )
                    return services.add_relation(
                        db.session,
                        other,
                        kind,
                        target=doc,
                        provisions=form.provisions.data or "",
                        on=form.on.data,
                        note=form.note.data or "",
                        actor_id=current_user.id,
                        confirmed=True,
                        **_cfg(),
                    )
                return services.add_relation(
                    db.session,
                    doc,
                    kind,
                    target=other,
                    target_number=form.target_number.data or "",
                    target_issued_on=form.target_issued_on.data,
                    target_title=form.target_title.data or "",
                    provisions=form.provisions.data or "",
                    on=form.on.data,
                    note=form.note.data or "",
                    actor_id=current_user.id,
                    confirmed=True,
                    **_cfg(),
                )

            try:
                problems = []
                if form.direction.data == "in" and other is not None:
                    problems = services.check_relation(db.session, other, kind, doc)
                else:
                    target = other or (
                        services.find_by_number(
                            db.session, form.target_number.data or "", issued_on=form.target_issued_on.data
                        )
                        if form.target_number.data
                        else None
                    )
                    problems = services.check_relation(db.session, doc, kind, target)
                errors = [p for p in problems if p.level == "error"]
                if errors:
                    raise services.ConsistencyError(errors)
                if form.action.data == "save":
                    change()
                    db.session.commit()
                    flash(_("Đã thêm quan hệ."), "ok")
                    return redirect(url_for("documents.detail", doc_id=doc.id))
                impact = services.preview(db.session, change)
                impact_warnings = [p for p in problems if p.level == "warning"]
                form.action.data = "save"
                return render_template(
                    "documents/relation_form.html",
                    form=form,
                    doc=doc,
                    impact=impact,
                    warnings=impact_warnings,
                )
            except DomainError as err:
                db.session.rollback()
                show_error(form, err)
    status = 422 if request.method == "POST" else 200
    return render_template(
        "documents/relation_form.html", form=form, doc=doc, impact=impact, warnings=None
    ), status


@bp.post("/<int:doc_id>/relations/<int:rel_id>/delete")
@role_required(Role.OFFICER)
def delete_relation(doc_id: int, rel_id: int):
    from registry.documents.models import Relation

    rel = db.session.get(Relation, rel_id)
    if rel is None or doc_id not in (rel.source_id, rel.target_id):
        abort(404)
    services.remove_relation(db.session, rel, **_cfg())
    db.session.commit()
    flash(_("Đã xóa quan hệ."), "ok")
    return redirect(url_for("documents.detail", doc_id=doc_id))


@bp.route("/<int:doc_id>/events", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def add_event(doc_id: int):
    doc = services.get_document(db.session, doc_id)
    form = EventForm()
    impact = None
    if request.method == "GET" and request.args.get("kind") in {k.value for k in v.EventKind}:
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        cause = _resolve(form.cause_id.data, form.cause_number.data)
        if form.cause_id.data and cause is None:
            form.cause_id.errors = [_("Không có văn bản mã %(i)s.", i=form.cause_id.data)]
        else:

            def change():
                return services.record_event(
                    db.session,
                    doc,
                    v.EventKind(form.kind.data),
                    form.on.data,
                    cause=cause,
                    cause_number=form.cause_number.data or "",
                    provisions=form.provisions.data or "",
                    note=form.note.data or "",
                    actor_id=current_user.id,
                    **_cfg(),
                )

            try:
                if form.action.data == "save":
                    change()
                    db.session.commit()
                    flash(_("Đã ghi nhận sự kiện hiệu lực."), "ok")
                    return redirect(url_for("documents.detail", doc_id=doc.id))
                impact = services.preview(db.session, change)
                form.action.data = "save"
                return render_template("documents/event_form.html", form=form, doc=doc, impact=impact)
            except DomainError as err:
                db.session.rollback()
                form.action.data = "preview"
                show_error(form, err)
    status = 422 if request.method == "POST" else 200
    return render_template("documents/event_form.html", form=form, doc=doc, impact=impact), status


@bp.post("/<int:doc_id>/delete")
@role_required(Role.ADMIN)
def delete(doc_id: int):
    doc = services.get_document(db.session, doc_id)
    number = doc.number
    try:
        services.delete_document(db.session, doc, reason=request.form.get("reason", ""), **_cfg())
    except DomainError as err:
        db.session.rollback()
        flash(err.message_en if current_lang() == "en" else err.message, "bad")
        return redirect(url_for("documents.detail", doc_id=doc_id))
    db.session.commit()
    flash(_("Đã xóa văn bản %(n)s.", n=number), "ok")
    return redirect(url_for("documents.index"))


@bp.post("/<int:doc_id>/events/<int:event_id>/correct")
@role_required(Role.OFFICER)
def correct_event(doc_id: int, event_id: int):
    event = db.session.get(ValidityEvent, event_id)
    if event is None or event.document_id != doc_id:
        abort(404)
    form = CorrectionForm()
    if not form.validate_on_submit():
        flash(_("Hãy ghi lý do đính chính."), "bad")
        return redirect(url_for("documents.detail", doc_id=doc_id))
    try:
        services.correct_event(
            db.session, event, reason=form.reason.data or "", actor_id=current_user.id, **_cfg()
        )
    except DomainError as err:
        db.session.rollback()
        flash(err.message_en if current_lang() == "en" else err.message, "bad")
    else:
        db.session.commit()
        flash(_("Đã hủy sự kiện sai; hãy ghi lại sự kiện đúng nếu cần."), "ok")
    return redirect(url_for("documents.add_event", doc_id=doc_id, kind=event.kind.value))


# ------------------------------------------------------------------------------------------ reference tables


@bp.route("/agencies", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def agencies():
    return _reference_page("agency")


@bp.route("/fields", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def fields():
    return _reference_page("field")


def _reference_page(kind: str):  # type: ignore[no-untyped-def]
    """List and add agencies or fields; ?edit=<id> edits one (admins)."""
    from registry.documents.forms import AgencyForm, FieldForm
    from registry.documents.models import Agency

    model = Agency if kind == "agency" else Field
    edit_id = request.args.get("edit", type=int)
    row = db.session.get(model, edit_id) if edit_id else None
    form = (AgencyForm if kind == "agency" else FieldForm)(obj=row if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            if kind == "agency":
                services.save_agency(db.session, form.data, agency=row)
            else:
                services.save_field(db.session, form.data, field_row=row)
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lưu."), "ok")
            return redirect(url_for(f"documents.{'agencies' if kind == 'agency' else 'fields'}"))
    rows = queries.list_agencies(db.session) if kind == "agency" else queries.list_fields(db.session)
    status = 422 if request.method == "POST" else 200
    return render_template("documents/reference.html", kind=kind, rows=rows, form=form, editing=row), status
