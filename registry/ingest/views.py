"""Officer pages of ingest: upload files (one request per file with JS, a plain multi-file form without),
confirm each pre-filled record, and import a registry sheet (dry run first)."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from registry.accounts.models import Role
from registry.accounts.permissions import role_required
from registry.documents import queries as doc_queries
from registry.documents import services as doc_services
from registry.documents import validity as v
from registry.documents.forms import type_choices
from registry.documents.models import DOC_TYPES, Field
from registry.errors import DomainError, DuplicateNumber
from registry.extensions import db
from registry.forms import show_error
from registry.ingest import bulk, queries, services
from registry.ingest.citations import parse_vn_date
from registry.ingest.forms import ConfirmForm, SheetForm
from registry.ingest.models import ItemStatus
from registry.ingest.sheets import SheetError, read_sheet
from registry.pagination import paginate

bp = Blueprint("ingest", __name__, url_prefix="/ingest")

EXTRA_RELATION_ROWS = 3


def _max_bytes() -> int:
    return int(current_app.config.get("MAX_UPLOAD_MB", 50)) * 2**20


def _files_dir() -> str:
    return str(current_app.config["FILES_DIR"])


def _cfg() -> dict[str, Any]:
    return {"cutover": current_app.config["DETAILING_CUTOVER"], "today": date.today()}


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" or request.headers.get("X-Requested-With") == "fetch"


def _result_json(name: str, res: services.StageResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "filename": name,
        "outcome": res.outcome,
        "error": res.error,
        "code": res.error_code,
    }
    if res.item is not None:
        out |= {
            "item_id": res.item.id,
            "number": res.item.number,
            "summary": res.item.summary,
            "pages": res.item.pages,
            "seconds": res.item.seconds,
        }
        if res.outcome in ("staged", "pending"):
            out["url"] = url_for("ingest.item", item_id=res.item.id)
    if res.document is not None:
        out |= {
            "document_id": res.document.id,
            "number": res.document.number,
            "url": url_for("documents.detail", doc_id=res.document.id),
        }
    return out


# ------------------------------------------------------------------------------------------ upload


@bp.route("/", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def upload():
    """GET: the upload page and the files waiting for confirmation. POST: stage each uploaded file."""
    if request.method == "GET":
        page = max(1, request.args.get("page", 1, type=int))
        pending = paginate(
            db.session, queries.list_items(), page=page, per_page=current_app.config["PER_PAGE"], scalars=True
        )
        failed = list(db.session.scalars(queries.list_items([ItemStatus.FAILED]).limit(10)))
        return render_template(
            "ingest/upload.html",
            pending=pending,
            failed=failed,
            max_mb=current_app.config.get("MAX_UPLOAD_MB", 50),
        )
    try:
        uploads = [f for f in request.files.getlist("files") if f and f.filename]
    except RequestEntityTooLarge:
        msg = _("Tệp vượt quá dung lượng cho phép (%(n)s MB).", n=current_app.config.get("MAX_UPLOAD_MB"))
        if _wants_json():
            return jsonify({"outcome": "failed", "error": msg, "code": "FileTooLarge"}), 413
        flash(msg, "bad")
        return redirect(url_for("ingest.upload")), 303
    if not uploads:
        if _wants_json():
            return jsonify({"outcome": "failed", "error": _("Chưa chọn tệp."), "code": "NoFile"}), 400
        flash(_("Chưa chọn tệp."), "bad")
        return redirect(url_for("ingest.upload")), 303
    batch = (request.form.get("batch") or uuid.uuid4().hex[:12])[:40]
    results = []
    for fs in uploads:
        name = Path(fs.filename or "file").name
        data = fs.stream.read(_max_bytes() + 1)
        try:
            res = services.stage_file(
                db.session,
                data,
                filename=name,
                files_dir=_files_dir(),
                max_bytes=_max_bytes(),
                source="upload",
                batch=batch,
                actor_id=current_user.id,
            )
            db.session.commit()  # one file, one transaction: a bad file never takes the others with it
        except Exception:
            db.session.rollback()
            raise
        results.append(_result_json(name, res))
    if _wants_json():
        body = results[0] if len(results) == 1 else {"results": results}
        status = 422 if len(results) == 1 and results[0]["outcome"] == "failed" else 200
        return jsonify(body), status
    if len(results) == 1 and results[0]["outcome"] in ("staged", "pending"):
        return redirect(results[0]["url"]), 303
    status = 422 if all(r["outcome"] == "failed" for r in results) else 200
    return render_template("ingest/results.html", results=results), status


# ------------------------------------------------------------------------------------------ one item


def _relation_rows(pre: services.Prefill) -> list[dict[str, Any]]:
    rows = [
        {
            "kind": r.kind,
            "number": r.number,
            "title": r.title,
            "doc_type": r.doc_type,
            "issued_on": r.issued_on.strftime("%d/%m/%Y") if r.issued_on else "",
            "provisions": r.provisions,
            "line": r.line,
            "target": r.target,
            "target_id": r.target.id if r.target else "",
            "include": r.include,
            "error": "",
        }
        for r in pre.relations
    ]
    if request.method == "POST":
        count = request.form.get("rel-count", type=int) or 0
        posted = []
        for i in range(count):
            p = f"rel-{i}-"
            base = rows[i] if i < len(rows) else {"line": "", "target": None}
            row = {
                "kind": request.form.get(p + "kind", "basis"),
                "number": request.form.get(p + "number", "").strip(),
                "title": request.form.get(p + "title", "").strip(),
                "doc_type": request.form.get(p + "doc_type", "").strip(),
                "issued_on": request.form.get(p + "issued_on", "").strip(),
                "provisions": request.form.get(p + "provisions", "").strip(),
                "line": base.get("line", ""),
                "target": base.get("target"),
                "target_id": request.form.get(p + "target_id", "").strip(),
                "include": bool(request.form.get(p + "include")),
                "error": "",
            }
            posted.append(row)
        return posted
    rows += [
        {
            "kind": "basis",
            "number": "",
            "title": "",
            "doc_type": "",
            "issued_on": "",
            "provisions": "",
            "line": "",
            "target": None,
            "target_id": "",
            "include": True,
            "error": "",
            "blank": True,
        }
        for _i in range(EXTRA_RELATION_ROWS)
    ]
    return rows


def _relation_inputs(rows: list[dict[str, Any]]) -> list[services.RelationInput] | None:
    out, ok = [], True
    kinds = {k.value for k in v.RelationKind}
    for row in rows:
        if not row["include"] or not (row["number"] or row["title"] or row["target_id"]):
            continue
        if row["kind"] not in kinds:
            row["error"] = _("Quan hệ không hợp lệ.")
            ok = False
            continue
        d = None
        if row["issued_on"]:
            d = parse_vn_date(row["issued_on"])
            if d is None:
                row["error"] = _("Ngày không hợp lệ (dd/mm/yyyy).")
                ok = False
                continue
        tid = int(row["target_id"]) if str(row["target_id"]).isdigit() else None
        out.append(
            services.RelationInput(
                kind=row["kind"],
                target_id=tid,
                number=row["number"],
                title=row["title"],
                doc_type=row["doc_type"],
                issued_on=d,
                provisions=row["provisions"],
            )
        )
    return out if ok else None


def _form_values(form: ConfirmForm) -> dict[str, Any]:
    return {
        **form.record_values(),
        "effective_mode": form.effective_mode.data,
        "effective_on": form.effective_on.data,
        "effective_days": form.effective_days.data,
    }


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def item(item_id: int):
    """The pre-filled form of one staged file; POST confirms it (document + file + relations, one commit)."""
    it = queries.get_item(db.session, item_id)
    if it.status != ItemStatus.PENDING:
        if it.status == ItemStatus.CONFIRMED and it.document_id:
            flash(_("Tệp này đã được đăng ký."), "ok")
            return redirect(url_for("documents.detail", doc_id=it.document_id))
        return render_template("ingest/item_closed.html", item=it), 410
    pre = services.prefill(db.session, it)
    if request.method == "GET":
        form = ConfirmForm(data={k: val for k, val in pre.values.items() if val is not None})
    else:
        form = ConfirmForm()
    form.agency_id.choices = [(0, _("— chọn cơ quan —"))] + [
        (a.id, f"{a.name} ({a.abbrev})") for a in doc_queries.list_agencies(db.session)
    ]
    form.field_ids.choices = [(fl.id, fl.name) for fl in doc_queries.list_fields(db.session)]
    form.doc_type.choices = [("", _("— chọn loại —"))] + type_choices()
    rows = _relation_rows(pre)
    warnings = None
    duplicate = pre.duplicate
    status = 200
    if request.method == "POST":
        status = 422
        rel_inputs = _relation_inputs(rows)
        valid = form.validate_on_submit()
        if valid and rel_inputs is not None:
            fields = db.session.scalars(select(Field).where(Field.id.in_(form.field_ids.data or []))).all()
            try:
                doc = services.confirm_item(
                    db.session,
                    it,
                    _form_values(form),
                    rel_inputs,
                    actor_id=current_user.id,
                    confirmed=form.confirm.data == "1",
                    **_cfg(),
                )
                if fields:
                    doc.fields = list(fields)
                    db.session.flush()
            except doc_services.ConsistencyError as err:
                db.session.rollback()
                if err.code == "needs_confirmation":
                    warnings = err.problems
                    form.confirm.data = "1"
                else:
                    show_error(form, err)
            except DuplicateNumber as err:
                db.session.rollback()
                show_error(form, err)
            except DomainError as err:
                db.session.rollback()
                show_error(form, err)
            else:
                db.session.commit()
                flash(_("Đã đăng ký văn bản %(n)s.", n=doc.number), "ok")
                return redirect(url_for("documents.detail", doc_id=doc.id)), 303
        it = queries.get_item(db.session, item_id)
    return render_template(
        "ingest/item.html",
        item=it,
        form=form,
        pre=pre,
        rows=rows,
        warnings=warnings,
        duplicate=duplicate,
        kinds=[(k.value, v.RELATION_LABELS[k][0]) for k in v.RelationKind],
        doc_types=DOC_TYPES,
    ), status


@bp.post("/items/<int:item_id>/discard")
@role_required(Role.OFFICER)
def discard(item_id: int):
    it = queries.get_item(db.session, item_id)
    services.discard_item(db.session, it)
    db.session.commit()
    flash(_("Đã bỏ tệp %(n)s.", n=it.original_name), "ok")
    return redirect(url_for("ingest.upload")), 303


# ------------------------------------------------------------------------------------------ sheet


@bp.route("/sheet", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def sheet():
    """Bulk import of a registry sheet (CSV/XLSX) with optional files: dry run report, then import."""
    form = SheetForm()
    report = None
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        sheet_file = request.files.get("sheet")
        if sheet_file is None or not sheet_file.filename:
            flash(_("Chưa chọn bảng (CSV hoặc XLSX)."), "bad")
            return render_template("ingest/sheet.html", form=form, report=None), 422
        dry = request.form.get("action", "dry_run") != "import"
        files = {
            Path(f.filename).name: f.stream.read(_max_bytes() + 1)
            for f in request.files.getlist("files")
            if f and f.filename
        }
        try:
            rows = read_sheet(sheet_file.stream.read(), sheet_file.filename)
        except SheetError as err:
            flash(str(err), "bad")
            return render_template("ingest/sheet.html", form=form, report=None), 422
        report = bulk.plan_sheet(db.session, rows, files=files, max_bytes=_max_bytes())
        if not dry:
            try:
                bulk.apply_sheet(
                    db.session, report, files_dir=_files_dir(), actor_id=current_user.id, **_cfg()
                )
                db.session.commit()
            except Exception:
                db.session.rollback()
                raise
            flash(
                _(
                    "Đã nhập: %(c)s mới, %(m)s bổ sung, %(r)s bị từ chối.",
                    c=report.count("create"),
                    m=report.count("merge"),
                    r=report.count("reject"),
                ),
                "ok",
            )
    elif request.method == "POST":
        status = 422
    return render_template("ingest/sheet.html", form=form, report=report), status
