"""Report pages: annual list, systematisation, statistics (page, CSV, XLSX, print), and the dashboard."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from registry.accounts.models import Role
from registry.accounts.permissions import can_read_internal, role_required
from registry.documents import queries as documents
from registry.documents.models import Agency
from registry.errors import DomainError
from registry.extensions import db
from registry.i18n import current_lang
from registry.reports import exports, queries, services
from registry.reports.text import ACTION_WORDS, TYPE_NOUNS
from registry.reviews import queries as reviews

bp = Blueprint("reports", __name__, url_prefix="/reports")

FORMATS = ("html", "csv", "xlsx", "print")

#: worksheet names (31 characters at most, unique)
SHEET_NAMES = {
    "expired": "Hết hiệu lực toàn bộ",
    "partly_expired": "Hết hiệu lực một phần",
    "suspended": "Ngưng hiệu lực toàn bộ",
    "partly_suspended": "Ngưng hiệu lực một phần",
    "in_force": "Còn hiệu lực",
    "to_change": "Cần sửa đổi, bãi bỏ",
}


def _today() -> date:
    return current_app.config.get("REVIEWS_TODAY") or date.today()


def _date(name: str, default: date) -> date:
    raw = request.args.get(name, "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return default


def _agency_id() -> int | None:
    raw = request.args.get("agency", "").strip()
    return int(raw) if raw.isdigit() else None


def _agencies() -> list[Agency]:
    return list(db.session.scalars(select(Agency).where(Agency.level != "central").order_by(Agency.name)))


def _format() -> str:
    fmt = request.args.get("format", "html")
    return fmt if fmt in FORMATS else "html"


def _file(sheets: list[exports.Sheet], fmt: str, name: str) -> Response:
    if fmt == "csv":
        return Response(
            exports.to_csv(sheets),
            mimetype="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    return Response(
        exports.to_xlsx(sheets),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


@bp.get("/")
@role_required(Role.STAFF)
def index():
    today = _today()
    return render_template("reports/index.html", today=today, agencies=_agencies())


# --------------------------------------------------------------------------------------------- annual list

ANNUAL_HEADERS = [
    "STT",
    "Tên loại văn bản",
    "Số, ký hiệu; ngày, tháng, năm ban hành",
    "Tên gọi của văn bản",
    "Lý do hết hiệu lực, ngưng hiệu lực",
    "Ngày hết hiệu lực, ngưng hiệu lực",
]


def _annual_rows(entries: list[queries.ListEntry], partial: bool) -> list[list[Any]]:
    rows = []
    for i, e in enumerate(entries, 1):
        number = f"{e.number} ngày {e.issued_on:%d/%m/%Y}" if e.issued_on else e.number
        row: list[Any] = [i, e.type_name, number, e.summary]
        if partial:
            row.append(e.provisions)
        row += [e.reason, e.on]
        rows.append(row)
    return rows


@bp.get("/annual")
@role_required(Role.STAFF)
def annual():
    today = _today()
    year = request.args.get("year", type=int) or today.year
    agency_id = _agency_id()
    lst = queries.annual_list(
        db.session,
        year=year,
        agency_id=agency_id,
        include_internal=can_read_internal(),
        cutover=current_app.config["DETAILING_CUTOVER"],
    )
    fmt = _format()
    if fmt in ("csv", "xlsx"):
        sheets = []
        for code, section in lst.lists.items():
            partial = code.startswith("partly")
            headers = list(ANNUAL_HEADERS)
            if partial:
                headers.insert(4, "Nội dung, quy định hết hiệu lực, ngưng hiệu lực")
            rows = _annual_rows(section.entries, partial)
            if section.backlog:
                rows.append(["", "", "Văn bản đến hạn từ các năm trước, chưa được công bố", "", "", ""])
                rows += _annual_rows(section.backlog, partial)
            sheets.append(
                exports.Sheet(SHEET_NAMES[code], headers, rows, heading=f"{section.title} năm {year}")
            )
        return _file(sheets, fmt, f"danh-muc-het-hieu-luc-{year}")
    template = "reports/annual_print.html" if fmt == "print" else "reports/annual.html"
    return render_template(
        template,
        lst=lst,
        year=year,
        agency_id=agency_id,
        agencies=_agencies(),
        today=today,
        headers=ANNUAL_HEADERS,
    )


@bp.post("/annual/publish")
@role_required(Role.OFFICER)
def publish():
    year = request.form.get("year", type=int)
    raw_agency = request.form.get("agency", "")
    agency_id = int(raw_agency) if raw_agency.isdigit() else None
    raw_day = request.form.get("published_on", "").strip()
    try:
        day = datetime.strptime(raw_day, "%d/%m/%Y").date() if "/" in raw_day else date.fromisoformat(raw_day)
    except ValueError:
        day = None
    if not year or day is None:
        flash(_("Hãy nhập năm và ngày công bố (dd/mm/yyyy)."), "bad")
        return redirect(url_for("reports.annual", year=year, agency=agency_id or ""))
    try:
        services.publish_list(
            db.session,
            year=year,
            agency_id=agency_id,
            published_on=day,
            reference=request.form.get("reference", ""),
            note=request.form.get("note", ""),
            actor_id=current_user.id,
            cutover=current_app.config["DETAILING_CUTOVER"],
        )
    except DomainError as err:
        db.session.rollback()
        flash(err.message_en if current_lang() == "en" else err.message, "bad")
        return redirect(url_for("reports.annual", year=year, agency=agency_id or ""))
    db.session.commit()
    flash(_("Đã ghi nhận công bố danh mục năm %(y)s.", y=year), "ok")
    return redirect(url_for("reports.annual", year=year, agency=agency_id or ""))


# --------------------------------------------------------------------------------------------- systematisation

SYSTEM_HEADERS = [
    "STT",
    "Tên loại văn bản",
    "Số, ký hiệu; ngày, tháng, năm ban hành",
    "Tên gọi của văn bản",
    "Ghi chú",
]


@bp.get("/systematisation")
@role_required(Role.STAFF)
def systematisation():
    today = _today()
    default_cutoff = date(today.year - 1, 12, 31)
    cutoff = _date("cutoff", default_cutoff)
    agency_id = _agency_id()
    result = queries.systematisation(
        db.session, cutoff=cutoff, agency_id=agency_id, include_internal=can_read_internal()
    )
    fmt = _format()
    if fmt in ("csv", "xlsx"):
        sheets = []
        for code, rows in result.lists.items():
            title = result.titles[code][0]
            data = [
                [
                    i,
                    r.type_name,
                    f"{r.number} ngày {r.issued_on:%d/%m/%Y}" if r.issued_on else r.number,
                    r.summary,
                    r.reason,
                ]
                for i, r in enumerate(rows, 1)
            ]
            sheets.append(
                exports.Sheet(
                    title[:31], SYSTEM_HEADERS, data, heading=f"{title} tại thời điểm {cutoff:%d/%m/%Y}"
                )
            )
        return _file(sheets, fmt, f"he-thong-hoa-{cutoff:%Y%m%d}")
    template = "reports/systematisation_print.html" if fmt == "print" else "reports/systematisation.html"
    return render_template(
        template, result=result, cutoff=cutoff, agency_id=agency_id, agencies=_agencies(), today=today
    )


# --------------------------------------------------------------------------------------------- statistics


@bp.get("/statistics")
@role_required(Role.STAFF)
def statistics():
    today = _today()
    start = _date("start", date(today.year, 1, 1))
    end = _date("end", today)
    agency_id = _agency_id()
    st = queries.statistics(
        db.session,
        start=start,
        end=end,
        agency_ids={agency_id} if agency_id else None,
        include_internal=can_read_internal(),
    )
    fmt = _format()
    if fmt in ("csv", "xlsx"):
        rows: list[list[Any]] = [
            [f"Ban hành: {queries.type_name(t)}", n] for t, n in st.issued_by_type.items()
        ]
        rows += [
            ["Hết hiệu lực toàn bộ", st.expired],
            ["Hết hiệu lực một phần", st.partly_expired],
            ["Ngưng hiệu lực toàn bộ", st.suspended],
            ["Ngưng hiệu lực một phần", st.partly_suspended],
            ["Quyết định công bố thủ tục hành chính", st.announcements],
        ]
        rows += [[f"Thủ tục {ACTION_WORDS.get(a, a)}", n] for a, n in st.procedures_by_action.items()]
        rows.append(["Thủ tục được cung cấp trực tuyến (hiện nay)", st.procedures_online])
        heading = f"Số liệu từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
        sheets = [
            exports.Sheet("Số liệu", ["Chỉ tiêu", "Số lượng"], rows, heading=heading),
            exports.Sheet("Nhận định", ["Đoạn văn"], [[st.sentence()]]),
        ]
        return _file(sheets, fmt, f"so-lieu-{start:%Y%m%d}-{end:%Y%m%d}")
    chart = {
        "issued": {
            "labels": [queries.type_name(t) for t in st.issued_by_type],
            "values": list(st.issued_by_type.values()),
        },
        "validity": {
            "labels": [
                _("Hết hiệu lực toàn bộ"),
                _("Hết hiệu lực một phần"),
                _("Ngưng hiệu lực toàn bộ"),
                _("Ngưng hiệu lực một phần"),
            ],
            "values": [st.expired, st.partly_expired, st.suspended, st.partly_suspended],
        },
        "procedures": {
            "labels": [ACTION_WORDS.get(a, a) for a in st.procedures_by_action],
            "values": list(st.procedures_by_action.values()),
        },
    }
    template = "reports/statistics_print.html" if fmt == "print" else "reports/statistics.html"
    return render_template(
        template,
        st=st,
        start=start,
        end=end,
        agency_id=agency_id,
        agencies=_agencies(),
        chart=chart,
        type_nouns=TYPE_NOUNS,
        action_words=ACTION_WORDS,
        today=today,
    )


# --------------------------------------------------------------------------------------------- dashboard


@bp.get("/dashboard")
@role_required(Role.STAFF)
def dashboard():
    today = _today()
    include_internal = can_read_internal()
    by_status = documents.count_by_status(db.session, include_internal=include_internal)
    health = queries.procedures_by_health(db.session)
    agencies = reviews.counts_by_agency(db.session, today=today)
    changes = documents.recent_changes(db.session, today=today, include_internal=include_internal, limit=20)
    chart = {
        "status": {"labels": list(by_status), "values": list(by_status.values())},
        "health": {"labels": list(health), "values": list(health.values())},
    }
    return render_template(
        "reports/dashboard.html",
        today=today,
        by_status=by_status,
        health=health,
        agencies=agencies,
        changes=changes,
        chart=chart,
        totals={
            "open": sum(a.open for a in agencies),
            "due": sum(a.due for a in agencies),
            "overdue": sum(a.overdue for a in agencies),
            "escalated": sum(a.escalated for a in agencies),
        },
    )
