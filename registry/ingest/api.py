"""``/api/v1/ingest``: extract a record from an uploaded file without registering anything; staged items."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import marshmallow as ma
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from flask_smorest.fields import Upload

from registry.accounts.models import Role
from registry.accounts.permissions import role_required
from registry.extensions import db
from registry.ingest import queries
from registry.ingest.extract import extract_record
from registry.ingest.files import FileTooLarge, IngestError, read_file

blp = Blueprint(
    "ingest_api", __name__, url_prefix="/api/v1/ingest", description="Read document files (officers)"
)


class ExtractUploadSchema(ma.Schema):
    file = Upload(required=True, metadata={"description": "PDF, DOCX, HTML or text file"})


class ExtractQuerySchema(ma.Schema):
    ocr = ma.fields.Boolean(load_default=True, metadata={"description": "OCR scans (slow)"})


class FileInfoSchema(ma.Schema):
    filename = ma.fields.String()
    sha256 = ma.fields.String()
    media_type = ma.fields.String()
    pages = ma.fields.Integer()
    method = ma.fields.String()
    needs_ocr = ma.fields.Boolean()
    legacy_encoding = ma.fields.String(allow_none=True)
    metadata = ma.fields.Dict()
    seconds = ma.fields.Float()


class ExtractResultSchema(ma.Schema):
    file = ma.fields.Nested(FileInfoSchema)
    record = ma.fields.Dict(metadata={"description": "ExtractedRecord.to_json(): {value, line, confidence}"})


class ItemSchema(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.Function(lambda it: it.status.value)
    original_name = ma.fields.String()
    sha256 = ma.fields.String()
    pages = ma.fields.Integer(allow_none=True)
    document_id = ma.fields.Integer(allow_none=True)
    error = ma.fields.String()
    extraction = ma.fields.Dict(allow_none=True)
    procedures = ma.fields.List(ma.fields.Dict())


class ProcedureRowsSchema(ma.Schema):
    document_id = ma.fields.Integer()
    rows = ma.fields.List(ma.fields.Dict())


def file_payload(et: Any, seconds: float | None = None) -> dict[str, Any]:
    """The "file" part of an extraction result (shared with `flask ingest extract --json`)."""
    out = {
        "filename": et.filename,
        "sha256": et.sha256,
        "media_type": et.media_type,
        "pages": et.pages,
        "method": et.method,
        "needs_ocr": et.needs_ocr,
        "legacy_encoding": et.legacy_encoding,
        "metadata": et.metadata,
    }
    if seconds is not None:
        out["seconds"] = round(seconds, 3)
    return out


@blp.route("/extract")
class Extract(MethodView):
    @role_required(Role.OFFICER)
    @blp.arguments(ExtractQuerySchema, location="query")
    @blp.arguments(ExtractUploadSchema, location="files")
    @blp.response(200, ExtractResultSchema)
    def post(self, query: dict[str, Any], files: dict[str, Any]):
        """Extract the pre-filled record of an uploaded file; registers nothing (multipart field `file`)."""
        fs = files["file"]
        max_bytes = int(current_app.config.get("MAX_UPLOAD_MB", 50)) * 2**20
        data = fs.stream.read(max_bytes + 1)
        t0 = time.perf_counter()
        try:
            et = read_file(
                data, filename=Path(fs.filename or "file").name, max_bytes=max_bytes, ocr=query["ocr"]
            )
        except IngestError as err:
            abort(
                413 if isinstance(err, FileTooLarge) else 422,
                message=str(err),
                message_en=f"{err.en}" + (f": {err.detail}" if err.detail else ""),
                code=type(err).__name__,
            )
        rec = extract_record(et.text)
        return {"file": file_payload(et, time.perf_counter() - t0), "record": rec.to_json()}


@blp.route("/items/<int:item_id>")
class Item(MethodView):
    @role_required(Role.STAFF)
    @blp.response(200, ItemSchema)
    def get(self, item_id: int):
        """A staged file: its status, extracted record and, for announcement decisions, the appendix rows."""
        return queries.get_item(db.session, item_id)


@blp.route("/documents/<int:document_id>/procedures")
class DocumentProcedures(MethodView):
    @role_required(Role.STAFF)
    @blp.response(200, ProcedureRowsSchema)
    def get(self, document_id: int):
        """Appendix rows (procedures) read from the file a document was registered from; [] if none."""
        return {
            "document_id": document_id,
            "rows": queries.procedure_rows_for_document(db.session, document_id),
        }
