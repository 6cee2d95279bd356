"""Domain exceptions, and their rendering: HTML pages for the site, JSON problems for /api."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """A rule of the domain refused a change. ``message`` is Vietnamese, ``message_en`` English."""

    status_code = 422
    code = "invalid"

    def __init__(self, message: str, message_en: str = "", *, field: str | None = None, **details: Any):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message
        self.field = field
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "message_en": self.message_en,
            "field": self.field,
            **({"details": self.details} if self.details else {}),
        }


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    """The data changed under the user (stale version) or would duplicate existing data."""

    status_code = 409
    code = "conflict"


class StaleUpdate(Conflict):
    code = "stale"


class DuplicateNumber(Conflict):
    code = "duplicate_number"


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain(err: DomainError):  # type: ignore[no-untyped-def]
        if _wants_json():
            return jsonify(err.to_dict()), err.status_code
        return render_template(
            "errors/error.html", code=err.status_code, message=err.message
        ), err.status_code

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException):  # type: ignore[no-untyped-def]
        if _wants_json():
            body: dict[str, Any] = {"code": err.name.lower().replace(" ", "_"), "message": err.description}
            data = getattr(err, "data", None)
            if isinstance(data, dict):
                if data.get("messages"):
                    body["errors"] = data["messages"]
                extra = {
                    k: v
                    for k, v in data.items()
                    if k not in ("messages", "headers", "exc", "schema")
                    and isinstance(v, (str, int, float, list, dict))
                }
                body.update(extra)
            return jsonify(body), err.code
        return render_template("errors/error.html", code=err.code, message=err.description), err.code
