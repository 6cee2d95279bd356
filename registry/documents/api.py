"""``/api/v1/documents``: list/filter/read (with ``as_of``), create/update, relations, events, impact preview."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from registry.accounts.models import Role
from registry.accounts.permissions import can_read_internal, public, role_required
from registry.documents import queries, services
from registry.documents import validity as v
from registry.documents.models import Document, Field, Relation, ValidityEvent
from registry.documents.schemas import (
    CorrectionSchema,
    DocumentDetailSchema,
    DocumentListItemSchema,
    DocumentQuerySchema,
    DocumentSchema,
    DocumentUpdateSchema,
    EventSchema,
    ImpactRequestSchema,
    ImpactSchema,
    RelationSchema,
    StatusQuerySchema,
    StatusSchema,
)
from registry.errors import DomainError
from registry.extensions import db

blp = Blueprint("documents_api", __name__, url_prefix="/api/v1/documents", description="Legal documents")


def _cfg() -> dict[str, Any]:
    return {"cutover": current_app.config["DETAILING_CUTOVER"]}


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


def _get(doc_id: int) -> Document:
    doc = db.session.get(Document, doc_id)
    if doc is None or (not doc.public and not can_read_internal()):
        abort(404, message=f"Không có văn bản #{doc_id}.", message_en=f"No document #{doc_id}.")
    return doc  # type: ignore[return-value]


def _fields(ids: list[int] | None) -> list[Field] | None:
    if ids is None:
        return None
    return list(db.session.scalars(select(Field).where(Field.id.in_(ids))))


class _AsOf:
    """A document seen with the status of the requested day."""

    def __init__(self, doc: Document, status: Any, reason: str) -> None:
        self._doc, self.status, self.status_reason = doc, getattr(status, "value", status), reason

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)


@blp.route("/")
class Documents(MethodView):
    @public
    @blp.arguments(DocumentQuerySchema, location="query")
    @blp.response(200, DocumentListItemSchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> list[Any]:
        """List documents; with ``as_of`` each status is the one on that day."""
        f = queries.DocumentFilter(
            q=args["q"],
            doc_types=args["type"],
            agency_ids=args["agency"],
            statuses=args["status"],
            field_ids=args["field"],
            year=args["year"],
            normative=args["normative"],
            as_of=args["as_of"],
            sort=args["sort"],
            include_internal=can_read_internal(),
        )
        from registry.pagination import paginate

        page = paginate(
            db.session,
            queries.list_documents(f),
            page=pagination_parameters.page,
            per_page=pagination_parameters.page_size,
        )
        pagination_parameters.item_count = page.total
        return [_AsOf(doc, st, reason) for doc, st, reason in page.items]

    @role_required(Role.OFFICER)
    @blp.arguments(DocumentSchema)
    @blp.response(201, DocumentDetailSchema)
    def post(self, data: dict[str, Any]) -> Document:
        """Register a document (officers). 409 for a duplicate number, 422 for inconsistent dates."""
        field_ids = data.pop("field_ids", None) or []
        confirm = data.pop("confirm", False)
        try:
            doc = services.create_document(
                db.session,
                data,
                actor_id=current_user.id,
                fields=_fields(field_ids) or [],
                confirmed=confirm,
                **_cfg(),
            )
        except DomainError as err:
            _fail(err)
        db.session.commit()
        return doc


@blp.route("/<int:doc_id>")
class DocumentItem(MethodView):
    @public
    @blp.response(200, DocumentDetailSchema)
    def get(self, doc_id: int) -> Document:
        """One document with its full record."""
        return _get(doc_id)

    @role_required(Role.OFFICER)
    @blp.arguments(DocumentUpdateSchema(partial=True))
    @blp.response(200, DocumentDetailSchema)
    def patch(self, data: dict[str, Any], doc_id: int) -> Document:
        """Edit a document. Send the ``version`` you read: a stale one is refused with 409."""
        doc = _get(doc_id)
        version = data.pop("version")
        field_ids = data.pop("field_ids", None)
        confirm = data.pop("confirm", False)
        try:
            services.update_document(
                db.session,
                doc,
                data,
                expected_version=version,
                fields=_fields(field_ids),
                confirmed=confirm,
                **_cfg(),
            )
        except DomainError as err:
            _fail(err)
        db.session.commit()
        return doc


class DeleteArgs(Schema):
    reason = fields.Str(required=True, validate=validate.Length(min=1, max=500))


@blp.route("/<int:doc_id>/delete")
class DocumentDelete(MethodView):
    @role_required(Role.ADMIN)
    @blp.arguments(DeleteArgs)
    @blp.response(204)
    def post(self, data: dict[str, Any], doc_id: int) -> None:
        """Delete a document registered by mistake (admins). 409 when another record cannot lose it."""
        doc = _get(doc_id)
        try:
            services.delete_document(db.session, doc, reason=data["reason"], **_cfg())
        except DomainError as err:
            _fail(err)
        db.session.commit()


@blp.route("/<int:doc_id>/status")
class DocumentStatus(MethodView):
    @public
    @blp.arguments(StatusQuerySchema, location="query")
    @blp.response(200, StatusSchema)
    def get(self, args: dict[str, Any], doc_id: int) -> dict[str, Any]:
        """The document's status on a day (default today), with the reason."""
        doc = _get(doc_id)
        day = args["on"] or date.today()
        periods = services.compute_periods(db.session, [doc.id], **_cfg())[doc.id]
        state = services.state_in(periods, day)
        return {
            "document_id": doc.id,
            "on": day,
            "status": state.status.value,
            "label": state.label("vi"),
            "reason": state.reason("vi"),
            "since": state.since,
        }


@blp.route("/<int:doc_id>/relations")
class DocumentRelations(MethodView):
    @public
    @blp.response(200, RelationSchema(many=True))
    def get(self, doc_id: int) -> list[Relation]:
        """Relations in both directions (``source_id`` tells the direction)."""
        doc = _get(doc_id)
        rels = db.session.scalars(
            select(Relation)
            .where((Relation.source_id == doc.id) | (Relation.target_id == doc.id))
            .order_by(Relation.id)
        ).all()
        if can_read_internal():
            return list(rels)
        return [r for r in rels if r.source.public and (r.target is None or r.target.public)]

    @role_required(Role.OFFICER)
    @blp.arguments(RelationSchema)
    @blp.response(201, RelationSchema)
    def post(self, data: dict[str, Any], doc_id: int) -> Relation:
        """Add a relation from this document to a registered one (``target_id``) or one cited by number."""
        doc = _get(doc_id)
        target = db.session.get(Document, data["target_id"]) if data.get("target_id") else None
        if data.get("target_id") and target is None:
            abort(422, message=f"Không có văn bản #{data['target_id']}.", field="target_id")
        try:
            rel = services.add_relation(
                db.session,
                doc,
                v.RelationKind(data["kind"]),
                target=target,
                target_number=data["target_number"],
                target_issued_on=data["target_issued_on"],
                target_title=data["target_title"],
                provisions=data["provisions"],
                on=data["on"],
                note=data["note"],
                actor_id=current_user.id,
                confirmed=data["confirm"],
                **_cfg(),
            )
        except DomainError as err:
            _fail(err)
        db.session.commit()
        return rel


@blp.route("/<int:doc_id>/events")
class DocumentEvents(MethodView):
    @public
    @blp.response(200, EventSchema(many=True))
    def get(self, doc_id: int) -> list[ValidityEvent]:
        """Recorded validity events, corrected ones included (with ``voided_at``)."""
        return queries.list_events(db.session, _get(doc_id).id)

    @role_required(Role.OFFICER)
    @blp.arguments(EventSchema)
    @blp.response(201, EventSchema)
    def post(self, data: dict[str, Any], doc_id: int) -> ValidityEvent:
        """Record a validity event."""
        doc = _get(doc_id)
        cause = db.session.get(Document, data["cause_id"]) if data.get("cause_id") else None
        try:
            ev = services.record_event(
                db.session,
                doc,
                v.EventKind(data["kind"]),
                data["on"],
                cause=cause,
                cause_number=data["cause_number"],
                provisions=data["provisions"],
                note=data["note"],
                actor_id=current_user.id,
                **_cfg(),
            )
        except DomainError as err:
            _fail(err)
        db.session.commit()
        return ev


@blp.route("/<int:doc_id>/events/<int:event_id>/correct")
class EventCorrection(MethodView):
    @role_required(Role.OFFICER)
    @blp.arguments(CorrectionSchema)
    @blp.response(200, EventSchema(many=True))
    def post(self, data: dict[str, Any], doc_id: int, event_id: int) -> list[ValidityEvent]:
        """Void a wrong event, optionally recording the right one; returns the document's events."""
        doc = _get(doc_id)
        event = db.session.get(ValidityEvent, event_id)
        if event is None or event.document_id != doc.id:
            abort(404, message="Không có sự kiện này.")
        replacement = data.get("replacement")
        if replacement:
            cause_id = replacement.pop("cause_id", None)
            replacement = {
                **replacement,
                "kind": v.EventKind(replacement["kind"]),
                "cause": db.session.get(Document, cause_id) if cause_id else None,
            }
        try:
            services.correct_event(
                db.session,
                event,
                reason=data["reason"],
                replacement=replacement,
                actor_id=current_user.id,
                **_cfg(),
            )
        except DomainError as err:
            _fail(err)
        db.session.commit()
        return queries.list_events(db.session, doc.id)


@blp.route("/<int:doc_id>/impact")
class DocumentImpact(MethodView):
    @role_required(Role.OFFICER)
    @blp.arguments(ImpactRequestSchema)
    @blp.response(200, ImpactSchema)
    def post(self, data: dict[str, Any], doc_id: int) -> Any:
        """What a relation or an event would change, without saving anything."""
        doc = _get(doc_id)
        rel, ev = data.get("relation"), data.get("event")
        if not rel and not ev:
            abort(422, message="Gửi 'relation' hoặc 'event'.", message_en="Send 'relation' or 'event'.")

        def change() -> Any:
            if rel:
                target = db.session.get(Document, rel["target_id"]) if rel.get("target_id") else None
                return services.add_relation(
                    db.session,
                    doc,
                    v.RelationKind(rel["kind"]),
                    target=target,
                    target_number=rel["target_number"],
                    target_issued_on=rel["target_issued_on"],
                    provisions=rel["provisions"],
                    on=rel["on"],
                    confirmed=True,
                    **_cfg(),
                )
            cause = db.session.get(Document, ev["cause_id"]) if ev.get("cause_id") else None
            return services.record_event(
                db.session,
                doc,
                v.EventKind(ev["kind"]),
                ev["on"],
                cause=cause,
                cause_number=ev["cause_number"],
                provisions=ev["provisions"],
                **_cfg(),
            )

        try:
            impact = services.preview(db.session, change)
        except DomainError as err:
            _fail(err)
        return {
            "changes": [
                {
                    "document_id": c.document_id,
                    "number": c.number,
                    "before": c.before.value if c.before else None,
                    "after": c.after.value,
                    "reason": c.reason,
                }
                for c in impact.changes
            ],
            "extra": impact.extra,
        }
