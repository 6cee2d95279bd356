"""Atom feeds (RFC 4287): procedures announced, amended or repealed (all, per field, per agency); documents
newly registered; validity changes (status periods starting on or before today). Public data only: internal
documents, non-public procedures and drafts never appear.

The procedure entries carry the procedure's current legal-basis health, and their ``updated`` moves when the
health changes, so a feed reader sees a procedure turn "broken" as soon as its basis is replaced.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, render_template, request, url_for
from sqlalchemy import select

from registry.accounts.permissions import public
from registry.db import utcnow
from registry.documents.models import Agency, Document, Field, StatusPeriod
from registry.documents.validity import STATUS_LABELS, Status
from registry.extensions import db
from registry.procedures.models import (
    ACTION_LABELS,
    HEALTH_LABELS,
    Announcement,
    AnnouncementItem,
    Procedure,
    ProcedureStatus,
)
from registry.procedures.queries import list_agencies_used, list_fields_used

bp = Blueprint("feeds", __name__, url_prefix="/feeds")

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
VN = timezone(timedelta(hours=7))
ET.register_namespace("", ATOM)


def _ts(value: datetime | date | None) -> str:
    """RFC 3339 timestamp; a plain (legal) date is midnight in Vietnam."""
    if value is None:
        value = utcnow()
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0), tzinfo=VN)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _feed(title: str, self_url: str, alt_url: str, entries: list[dict[str, Any]]) -> Response:
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    _sub(feed, "id", self_url)
    _sub(feed, "title", title)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=alt_url)
    author = _sub(feed, "author")
    _sub(author, "name", "Hiệu Lực")
    _sub(feed, "generator", "Hiệu Lực")
    entries = sorted(entries, key=lambda e: e["updated"], reverse=True)[:LIMIT]
    _sub(feed, "updated", max((e["updated"] for e in entries), default=_ts(None)))
    for e in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", e["id"])
        _sub(entry, "title", e["title"])
        _sub(entry, "link", rel="alternate", type="text/html", href=e["url"])
        _sub(entry, "updated", e["updated"])
        if e.get("published"):
            _sub(entry, "published", e["published"])
        for cat in e.get("categories", ()):
            _sub(entry, "category", term=cat)
        _sub(entry, "summary", e["summary"], type="text")
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml", headers={"Cache-Control": "public, max-age=300"})


@bp.get("/")
@public
def index():
    return render_template(
        "feeds/index.html", fields=list_fields_used(db.session), agencies=list_agencies_used(db.session)
    )


# ------------------------------------------------------------------------------------------ procedures


def procedure_entries(*, field_id: int | None = None, agency_id: int | None = None) -> list[dict[str, Any]]:
    """One entry per announcement item of a public procedure in a public decision, newest first."""
    q = (
        select(AnnouncementItem, Announcement, Document, Procedure)
        .join(Announcement, Announcement.id == AnnouncementItem.announcement_id)
        .join(Document, Document.id == Announcement.document_id)
        .join(Procedure, Procedure.id == AnnouncementItem.procedure_id)
        .where(
            Document.public.is_(True),
            Procedure.public.is_(True),
            Procedure.status != ProcedureStatus.DRAFT,
        )
        .order_by(Announcement.created_at.desc(), AnnouncementItem.id.desc())
        .limit(LIMIT * 2)
    )
    if field_id is not None:
        q = q.where(Procedure.field_id == field_id)
    if agency_id is not None:
        q = q.where(Procedure.agency_id == agency_id)
    out = []
    for item, ann, doc, proc in db.session.execute(q):
        action_vi = ACTION_LABELS[item.action][0]
        health_vi = HEALTH_LABELS[proc.health][0]
        updated = max(ann.created_at, proc.health_changed_at or ann.created_at)
        url = url_for("procedures.detail", proc_id=proc.id, _external=True)
        lines = [
            f"{action_vi} theo Quyết định {doc.number} ngày {_dmy(doc.issued_on)}.",
            f"Mã thủ tục: {proc.code}.",
        ]
        if item.changes:
            lines.append(f"Nội dung thay đổi: {item.changes}")
        if item.cause_number:
            lines.append(f"Văn bản quy định: {item.cause_number}.")
        if proc.status == ProcedureStatus.REPEALED:
            lines.append(f"Thủ tục không còn áp dụng từ {_dmy(proc.repealed_on)}.")
        lines.append(f"Căn cứ pháp lý: {health_vi}. {proc.health_reason}".strip())
        out.append(
            {
                "id": f"{url}#announcement-item-{item.id}",
                "title": f"[{action_vi}] {proc.name}",
                "url": url,
                "updated": _ts(updated),
                "published": _ts(doc.effective_on or doc.issued_on or ann.created_at),
                "categories": [item.action.value, f"health:{proc.health.value}"],
                "summary": "\n".join(lines),
            }
        )
    return out


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@bp.get("/procedures.atom")
@public
def procedures():
    field_id = request.args.get("field", type=int)
    agency_id = request.args.get("agency", type=int)
    return _procedures_feed(field_id=field_id, agency_id=agency_id)


@bp.get("/procedures/field/<int:field_id>.atom")
@public
def procedures_by_field(field_id: int):
    return _procedures_feed(field_id=field_id)


@bp.get("/procedures/agency/<int:agency_id>.atom")
@public
def procedures_by_agency(agency_id: int):
    return _procedures_feed(agency_id=agency_id)


def _procedures_feed(*, field_id: int | None = None, agency_id: int | None = None) -> Response:
    title = "Thủ tục hành chính mới công bố, sửa đổi, bãi bỏ"
    args: dict[str, Any] = {}
    if field_id is not None:
        fl = db.session.get(Field, field_id)
        title += f" — lĩnh vực {fl.name if fl else field_id}"
        args["field"] = field_id
    if agency_id is not None:
        ag = db.session.get(Agency, agency_id)
        title += f" — {ag.name if ag else agency_id}"
        args["agency"] = agency_id
    return _feed(
        title,
        request.url,
        url_for("procedures.index", _external=True, **args),
        procedure_entries(field_id=field_id, agency_id=agency_id),
    )


# ------------------------------------------------------------------------------------------ documents


@bp.get("/documents.atom")
@public
def documents():
    rows = db.session.scalars(
        select(Document)
        .where(Document.public.is_(True))
        .order_by(Document.created_at.desc(), Document.id.desc())
        .limit(LIMIT)
    )
    entries = []
    for doc in rows:
        url = url_for("documents.detail", doc_id=doc.id, _external=True)
        status_vi = STATUS_LABELS[Status(doc.status)][0]
        summary = (
            f"{doc.type_name} {doc.number} của {doc.agency.name}, ban hành ngày {_dmy(doc.issued_on)}"
            f"{', có hiệu lực từ ' + _dmy(doc.effective_on) if doc.effective_on else ''}. "
            f"Tình trạng: {status_vi}. {doc.summary}"
        )
        entries.append(
            {
                "id": url,
                "title": f"{doc.type_name} {doc.number} — {doc.summary[:200]}",
                "url": url,
                "updated": _ts(doc.created_at),
                "published": _ts(doc.issued_on) if doc.issued_on else None,
                "categories": [doc.doc_type],
                "summary": summary,
            }
        )
    return _feed("Văn bản mới đăng ký", request.url, url_for("documents.index", _external=True), entries)


@bp.get("/validity.atom")
@public
def validity():
    today = date.today()
    rows = db.session.execute(
        select(StatusPeriod, Document)
        .join(Document, Document.id == StatusPeriod.document_id)
        .where(
            Document.public.is_(True),
            StatusPeriod.starts_on.is_not(None),
            StatusPeriod.starts_on <= today,
        )
        .order_by(StatusPeriod.starts_on.desc(), StatusPeriod.id.desc())
        .limit(LIMIT)
    )
    entries = []
    for period, doc in rows:
        url = url_for("documents.detail", doc_id=doc.id, _external=True)
        label = STATUS_LABELS[Status(period.status)][0]
        entries.append(
            {
                "id": f"{url}#status-{period.starts_on.isoformat()}-{Status(period.status).value}",
                "title": f"{doc.number}: {label} từ {_dmy(period.starts_on)}",
                "url": url,
                "updated": _ts(period.starts_on),
                "categories": [Status(period.status).value],
                "summary": f"{doc.type_name} {doc.number} — {doc.summary[:300]}. {label}"
                + (f": {period.reason}" if period.reason else "."),
            }
        )
    return _feed(
        "Thay đổi tình trạng hiệu lực văn bản",
        request.url,
        url_for("documents.index", _external=True),
        entries,
    )
