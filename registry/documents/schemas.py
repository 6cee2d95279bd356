"""Marshmallow schemas of the documents API."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from registry.documents import validity as v
from registry.documents.models import DOC_TYPES

STATUSES = [s.value for s in v.Status]


class AgencySchema(Schema):
    id = fields.Int(dump_only=True)
    code = fields.Str()
    name = fields.Str()
    abbrev = fields.Str()
    level = fields.Str()


class FieldSchema(Schema):
    id = fields.Int(dump_only=True)
    code = fields.Str()
    name = fields.Str()


class DocumentQuerySchema(Schema):
    q = fields.Str(load_default="")
    type = fields.List(fields.Str(validate=validate.OneOf(list(DOC_TYPES))), load_default=list)
    agency = fields.List(fields.Int(), load_default=list)
    status = fields.List(fields.Str(validate=validate.OneOf(STATUSES)), load_default=list)
    field = fields.List(fields.Int(), load_default=list)
    year = fields.Int(load_default=None)
    normative = fields.Bool(load_default=None)
    as_of = fields.Date(load_default=None, metadata={"description": "Status on this day (ISO date)"})
    sort = fields.Str(
        load_default="issued_desc",
        validate=validate.OneOf(["issued_desc", "issued_asc", "number", "number_desc"]),
    )


class DocumentSchema(Schema):
    id = fields.Int(dump_only=True)
    number = fields.Str(required=True, validate=validate.Length(min=1, max=80))
    doc_type = fields.Str(required=True, validate=validate.OneOf(list(DOC_TYPES)))
    agency_id = fields.Int(required=True)
    agency = fields.Nested(AgencySchema, dump_only=True)
    summary = fields.Str(required=True, validate=validate.Length(min=1, max=4000))
    issued_on = fields.Date(required=True)
    effective_on = fields.Date(allow_none=True)
    effective_note = fields.Str(load_default="")
    expires_on = fields.Date(allow_none=True)
    signer = fields.Str()
    signer_capacity = fields.Str()
    signer_title = fields.Str()
    place = fields.Str()
    normative = fields.Bool()
    announces_procedures = fields.Bool()
    sector = fields.Str()
    scope = fields.Str()
    gazette_number = fields.Str()
    gazette_on = fields.Date(allow_none=True)
    public = fields.Bool(load_default=True)
    note = fields.Str()
    field_ids = fields.List(fields.Int(), load_only=True)
    fields_ = fields.List(fields.Nested(FieldSchema), dump_only=True, data_key="fields", attribute="fields")
    status = fields.Str(dump_only=True)
    status_since = fields.Date(dump_only=True)
    status_reason = fields.Str(dump_only=True)
    version = fields.Int(dump_only=True)
    url = fields.Method("_url", dump_only=True)
    confirm = fields.Bool(load_only=True, load_default=False, metadata={"description": "Accept warnings"})

    def _url(self, doc):  # type: ignore[no-untyped-def]
        from flask import url_for

        return url_for("documents.detail", doc_id=doc.id, _external=True)


class DocumentListItemSchema(Schema):
    id = fields.Int()
    number = fields.Str()
    doc_type = fields.Str()
    agency = fields.Str(attribute="agency.name")
    summary = fields.Str()
    issued_on = fields.Date()
    effective_on = fields.Date()
    status = fields.Str(metadata={"description": "Status now, or on as_of when given"})
    status_reason = fields.Str()
    public = fields.Bool()


class DocumentDetailSchema(DocumentSchema):
    body_text = fields.Str()


class DocumentUpdateSchema(DocumentSchema):
    version = fields.Int(
        required=True, metadata={"description": "The version you read; a stale one gets 409"}
    )


class RelationSchema(Schema):
    id = fields.Int(dump_only=True)
    kind = fields.Str(required=True, validate=validate.OneOf([k.value for k in v.RelationKind]))
    source_id = fields.Int(dump_only=True)
    source_number = fields.Str(attribute="source.number", dump_only=True)
    target_id = fields.Int(allow_none=True)
    target_number = fields.Str(load_default="")
    target_issued_on = fields.Date(allow_none=True, load_default=None)
    target_title = fields.Str(load_default="")
    provisions = fields.Str(load_default="")
    on = fields.Date(allow_none=True, load_default=None)
    note = fields.Str(load_default="")
    resolved = fields.Method("_resolved", dump_only=True)
    confirm = fields.Bool(load_only=True, load_default=False)

    def _resolved(self, rel):  # type: ignore[no-untyped-def]
        return rel.target_id is not None


class EventSchema(Schema):
    id = fields.Int(dump_only=True)
    kind = fields.Str(
        required=True,
        validate=validate.OneOf([k.value for k in v.EventKind if k != v.EventKind.PARENT_EXPIRED]),
    )
    on = fields.Date(required=True)
    cause_id = fields.Int(allow_none=True, load_default=None)
    cause_number = fields.Str(load_default="")
    provisions = fields.Str(load_default="")
    note = fields.Str(load_default="")
    voided_at = fields.DateTime(dump_only=True)
    void_reason = fields.Str(dump_only=True)


class CorrectionSchema(Schema):
    reason = fields.Str(required=True, validate=validate.Length(min=1, max=500))
    replacement = fields.Nested(EventSchema, load_default=None, allow_none=True)


class ImpactRequestSchema(Schema):
    relation = fields.Nested(RelationSchema, load_default=None, allow_none=True)
    event = fields.Nested(EventSchema, load_default=None, allow_none=True)


class StatusChangeSchema(Schema):
    document_id = fields.Int()
    number = fields.Str()
    before = fields.Str(allow_none=True)
    after = fields.Str()
    reason = fields.Str()


class ImpactSchema(Schema):
    changes = fields.List(fields.Nested(StatusChangeSchema))
    extra = fields.Dict(keys=fields.Str(), values=fields.List(fields.Dict()))


class StatusQuerySchema(Schema):
    on = fields.Date(load_default=None)


class StatusSchema(Schema):
    document_id = fields.Int()
    on = fields.Date()
    status = fields.Str()
    label = fields.Str()
    reason = fields.Str()
    since = fields.Date(allow_none=True)
