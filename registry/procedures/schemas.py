"""Marshmallow schemas of the procedures API."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from registry.procedures.models import (
    AnnouncementAction,
    ChannelKind,
    Health,
    OnlineLevel,
    ProcedureLevel,
    ProcedureStatus,
)


def _values(enum_cls: Any) -> list[str]:
    return [m.value for m in enum_cls]


class ChannelSchema(Schema):
    channel = fields.Str(required=True, validate=validate.OneOf(_values(ChannelKind)))
    time_limit = fields.Str(load_default="")
    time_limit_days = fields.Int(allow_none=True, load_default=None)
    fee = fields.Str(load_default="")
    description = fields.Str(load_default="")


class DossierItemSchema(Schema):
    name = fields.Str(required=True, validate=validate.Length(min=1))
    form_name = fields.Str(load_default="")
    copies_original = fields.Int(load_default=0)
    copies_copy = fields.Int(load_default=0)
    note = fields.Str(load_default="")


class BasisSchema(Schema):
    id = fields.Int(dump_only=True)
    document_id = fields.Int(allow_none=True, load_default=None)
    number = fields.Str(load_default="")
    title = fields.Str(load_default="")
    issued_on = fields.Date(allow_none=True, load_default=None)
    provisions = fields.Str(load_default="")
    resolved = fields.Method("_resolved", dump_only=True)
    document_status = fields.Method("_status", dump_only=True)
    document_status_reason = fields.Method("_reason", dump_only=True)

    def _resolved(self, b):  # type: ignore[no-untyped-def]
        return b.document_id is not None

    def _status(self, b):  # type: ignore[no-untyped-def]
        return b.document.status.value if b.document is not None else None

    def _reason(self, b):  # type: ignore[no-untyped-def]
        return b.document.status_reason if b.document is not None else None


class ProcedureQuerySchema(Schema):
    q = fields.Str(
        load_default="", metadata={"description": "Words of the name (diacritics optional) or a code"}
    )
    field = fields.List(fields.Int(), load_default=list)
    level = fields.List(fields.Str(validate=validate.OneOf(_values(ProcedureLevel))), load_default=list)
    agency = fields.List(fields.Int(), load_default=list)
    online = fields.List(fields.Str(validate=validate.OneOf(_values(OnlineLevel))), load_default=list)
    status = fields.List(
        fields.Str(validate=validate.OneOf([*_values(ProcedureStatus), "all"])),
        load_default=list,
        metadata={"description": "Default: active only"},
    )
    health = fields.List(fields.Str(validate=validate.OneOf(_values(Health))), load_default=list)
    sort = fields.Str(load_default="name", validate=validate.OneOf(["name", "code", "health", "recent"]))


class ProcedureListItemSchema(Schema):
    id = fields.Int()
    code = fields.Str()
    name = fields.Str()
    level = fields.Str()
    field = fields.Str(attribute="field.name", allow_none=True)
    agency = fields.Str(attribute="agency.name", allow_none=True)
    online_level = fields.Str()
    status = fields.Str()
    health = fields.Str()
    health_reason = fields.Str()
    url = fields.Method("_url")

    def _url(self, p):  # type: ignore[no-untyped-def]
        from flask import url_for

        return url_for("procedures.detail", proc_id=p.id, _external=True)


class ProcedureSchema(Schema):
    id = fields.Int(dump_only=True)
    code = fields.Str(required=True, validate=validate.Length(min=1, max=60))
    national_code = fields.Str(dump_only=True)
    name = fields.Str(required=True, validate=validate.Length(min=1))
    level = fields.Str(
        load_default=ProcedureLevel.PROVINCE.value, validate=validate.OneOf(_values(ProcedureLevel))
    )
    procedure_type = fields.Str()
    field_id = fields.Int(allow_none=True)
    agency_id = fields.Int(allow_none=True)
    competent_agency = fields.Str()
    authorized_agency = fields.Str()
    coordinating_agency = fields.Str()
    steps = fields.Str()
    applicants = fields.Str()
    submission_address = fields.Str()
    result = fields.Str()
    requirements = fields.Str()
    fee_note = fields.Str()
    time_limit = fields.Str()
    online_level = fields.Str(
        load_default=OnlineLevel.NONE.value, validate=validate.OneOf(_values(OnlineLevel))
    )
    status = fields.Str(
        validate=validate.OneOf(_values(ProcedureStatus)),
        metadata={"description": "Only while no announcement covers the procedure"},
    )
    active_since = fields.Date(allow_none=True)
    repealed_on = fields.Date(allow_none=True)
    public = fields.Bool()
    review_cycle_months = fields.Int(allow_none=True)
    last_reviewed_on = fields.Date(allow_none=True)
    health = fields.Str(dump_only=True)
    health_reason = fields.Str(dump_only=True)
    health_reason_en = fields.Str(dump_only=True)
    version = fields.Int(dump_only=True)
    channels = fields.List(fields.Nested(ChannelSchema))
    dossier = fields.List(fields.Nested(DossierItemSchema))
    bases = fields.List(fields.Nested(BasisSchema))
    url = fields.Method("_url", dump_only=True)

    def _url(self, p):  # type: ignore[no-untyped-def]
        from flask import url_for

        return url_for("procedures.detail", proc_id=p.id, _external=True)


class ProcedureUpdateSchema(ProcedureSchema):
    version = fields.Int(
        required=True, metadata={"description": "The version you read; a stale one gets 409"}
    )


class NewProcedureSchema(ProcedureSchema):
    code = fields.Str(load_default="", metadata={"description": "Defaults to the item's procedure_code"})


class AnnouncementItemSchema(Schema):
    id = fields.Int(dump_only=True)
    position = fields.Int(dump_only=True)
    procedure_id = fields.Int(dump_only=True, allow_none=True)
    procedure_code = fields.Str(load_default="")
    procedure_name = fields.Str(load_default="")
    action = fields.Str(required=True, validate=validate.OneOf(_values(AnnouncementAction)))
    changes = fields.Str(load_default="")
    cause_document_id = fields.Int(allow_none=True, load_default=None)
    cause_number = fields.Str(load_default="")
    new_procedure = fields.Nested(
        NewProcedureSchema,
        load_only=True,
        load_default=None,
        allow_none=True,
        metadata={"description": "The procedure's record, when it is not in the registry yet"},
    )


class AnnouncementSchema(Schema):
    id = fields.Int(dump_only=True)
    document_id = fields.Int(required=True)
    document_number = fields.Str(attribute="document.number", dump_only=True)
    on = fields.Date(dump_only=True)
    note = fields.Str(load_default="")
    items = fields.List(fields.Nested(AnnouncementItemSchema), required=True, validate=validate.Length(min=1))


class HistoryEntrySchema(Schema):
    announcement_id = fields.Int()
    document_id = fields.Int()
    document_number = fields.Str()
    on = fields.Date(allow_none=True)
    action = fields.Str()
    changes = fields.Str()
    cause_number = fields.Str()
