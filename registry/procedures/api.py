"""``/api/v1/procedures``: the catalogue, one procedure (with bases and history), announcements.

Reads are public for public data (drafts and non-public procedures need a staff login); writes need an
officer; a PATCH with a stale ``version`` is refused with 409.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from registry.accounts.models import Role
from registry.accounts.permissions import can_read_internal, public, role_required
from registry.documents.models import Document
from registry.errors import DomainError
from registry.extensions import db
from registry.pagination import paginate
from registry.procedures import queries, services
from registry.procedures.models import Announcement, LegalBasis, Procedure
from registry.procedures.schemas import (
    AnnouncementSchema,
    BasisSchema,
    HistoryEntrySchema,
    ProcedureListItemSchema,
    ProcedureQuerySchema,
    ProcedureSchema,
    ProcedureUpdateSchema,
)

blp = Blueprint(
    "procedures_api", __name__, url_prefix="/api/v1/procedures", description="Administrative procedures"
)

ROWS = ("channels", "dossier", "bases")


def _fail(err: DomainError) -> None:
    db.session.rollback()
    abort(
        err.status_code,
        message=err.message,
        message_en=err.message_en,
        code=err.code,
        field=err.field,
        details=err.details,
    )


def _get(proc_id: int) -> Procedure:
    proc = db.session.get(Procedure, proc_id)
    if proc is None or (not proc.visible_to_public and not can_read_internal()):
        abort(404, message=f"Không có thủ tục #{proc_id}.", message_en=f"No procedure #{proc_id}.")
    return proc  # type: ignore[return-value]


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    rows = {k: data.pop(k) for k in ROWS if k in data}
    return data, rows


@blp.route("/")
class Procedures(MethodView):
    @public
    @blp.arguments(ProcedureQuerySchema, location="query")
    @blp.response(200, ProcedureListItemSchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> list[Procedure]:
        """The catalogue, filtered as on the site (``q`` matches names with or without diacritics)."""
        f = queries.ProcedureFilter(
            q=args["q"],
            field_ids=args["field"],
            levels=args["level"],
            agency_ids=args["agency"],
            online_levels=args["online"],
            statuses=args["status"],
            healths=args["health"],
            include_internal=can_read_internal(),
            sort=args["sort"],
        )
        page = paginate(
            db.session,
            queries.list_procedures(f),
            page=pagination_parameters.page,
            per_page=pagination_parameters.page_size,
            scalars=True,
        )
        pagination_parameters.item_count = page.total
        return page.items

    @role_required(Role.OFFICER)
    @blp.arguments(ProcedureSchema)
    @blp.response(201, ProcedureSchema)
    def post(self, data: dict[str, Any]) -> Procedure:
        """Record a procedure with its channels, dossier and bases (officers). 409 when the code is taken."""
        data, rows = _split(data)
        try:
            proc = services.create_procedure(
                db.session,
                data,
                channels=rows.get("channels") or [],
                dossier=rows.get("dossier") or [],
                bases=rows.get("bases") or [],
                actor_id=current_user.id,
                today=date.today(),
            )
        except DomainError as err:
            _fail(err)
        db.session.commit()
        return proc


@blp.route("/<int:proc_id>")
class ProcedureItem(MethodView):
    @public
    @blp.response(200, ProcedureSchema)
    def get(self, proc_id: int) -> Procedure:
        """One procedure with its rows, its bases (with their documents' status) and its health."""
        return _get(proc_id)

    @role_required(Role.OFFICER)
    @blp.arguments(ProcedureUpdateSchema(partial=True))
    @blp.response(200, ProcedureSchema)
    def patch(self, data: dict[str, Any], proc_id: int) -> Procedure:
        """Edit a procedure; rows sent replace the old ones. Send the ``version`` you read: stale → 409."""
        proc = _get(proc_id)
        version = data.pop("version", None)
        if version is None:
            abort(422, message="Thiếu “version”.", message_en="“version” is required.")
        data, rows = _split(data)
        try:
            services.update_procedure(
                db.session,
                proc,
                data,
                expected_version=version,
                channels=rows.get("channels"),
                dossier=rows.get("dossier"),
                bases=rows.get("bases"),
                today=date.today(),
            )
        except DomainError as err:
            _fail(err)
        db.session.commit()
        return proc


@blp.route("/<int:proc_id>/bases")
class ProcedureBases(MethodView):
    @public
    @blp.response(200, BasisSchema(many=True))
    def get(self, proc_id: int) -> list[LegalBasis]:
        """The legal bases, each with its document's current status (null while not registered)."""
        return list(_get(proc_id).bases)


@blp.route("/<int:proc_id>/history")
class ProcedureHistory(MethodView):
    @public
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, proc_id: int) -> list[dict[str, Any]]:
        """Announcements of the procedure, oldest first."""
        proc = _get(proc_id)
        return [
            {
                "announcement_id": item.announcement_id,
                "document_id": doc.id,
                "document_number": doc.number,
                "on": doc.effective_on or doc.issued_on,
                "action": item.action.value,
                "changes": item.changes,
                "cause_number": item.cause_number,
            }
            for item, doc in queries.history(db.session, proc.id, include_internal=can_read_internal())
        ]


@blp.route("/announcements/")
class Announcements(MethodView):
    @public
    @blp.response(200, AnnouncementSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters: Any) -> list[Announcement]:
        """Announcement decisions, newest first."""
        page = paginate(
            db.session,
            queries.list_announcements(include_internal=can_read_internal()),
            page=pagination_parameters.page,
            per_page=pagination_parameters.page_size,
        )
        pagination_parameters.item_count = page.total
        return [ann for ann, _n in page.items]

    @role_required(Role.OFFICER)
    @blp.arguments(AnnouncementSchema)
    @blp.response(201, AnnouncementSchema)
    def post(self, data: dict[str, Any]) -> Announcement:
        """Register a decision (a registered document) as announcing procedures, with its items."""
        doc = db.session.get(Document, data["document_id"])
        if doc is None:
            abort(422, message=f"Không có văn bản #{data['document_id']}.", message_en="No such document.")
        items = []
        for it in data["items"]:
            new = it.pop("new_procedure", None)
            cause_id = it.pop("cause_document_id", None)
            items.append(
                {
                    **it,
                    "cause_document": db.session.get(Document, cause_id) if cause_id else None,
                    "new_procedure": new,
                }
            )
        try:
            ann = services.register_announcement(
                db.session, doc, items, actor_id=current_user.id, today=date.today(), note=data["note"]
            )
        except DomainError as err:
            _fail(err)
        db.session.commit()
        return ann


@blp.route("/announcements/<int:ann_id>")
class AnnouncementItemView(MethodView):
    @public
    @blp.response(200, AnnouncementSchema)
    def get(self, ann_id: int) -> Announcement:
        """One announcement decision and its items."""
        ann = db.session.scalars(select(Announcement).where(Announcement.id == ann_id)).first()
        if ann is None or (not ann.document.public and not can_read_internal()):
            abort(404, message=f"Không có quyết định công bố #{ann_id}.", message_en="No such announcement.")
        return ann  # type: ignore[return-value]
