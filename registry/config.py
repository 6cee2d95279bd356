"""Configuration: defaults, then ``HIEULUC_*`` environment variables, then a mapping passed by tests.

Nothing is read at import time: :func:`load_config` is called by ``create_app``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

PREFIX = "HIEULUC_"

#: name -> (default, description). The README's configuration table is generated from this list.
SETTINGS: dict[str, tuple[Any, str]] = {
    "SECRET_KEY": (
        None,
        "Secret for sessions and CSRF tokens; generated into instance/secret_key when unset.",
    ),
    "DATABASE_URL": (
        None,
        "SQLAlchemy URL; default sqlite:///instance/hieuluc.sqlite3. PostgreSQL: postgresql+psycopg://user@host/db",
    ),
    "SEARCH_URL": (
        None,
        "Search backend: whoosh:///path (default instance/index), tantivy:///path, or postgresql://… (shared)",
    ),
    "FILES_DIR": (
        None,
        "Where original files are kept, content-addressed by SHA-256; default instance/files",
    ),
    "DETAILING_CUTOVER": (
        "2025-04-01",
        "Parents expiring before this date expire their detailing documents; later ones only flag them",
    ),
    "ANNOUNCEMENT_DEADLINE_DAYS": (
        20,
        "Procedures must be announced this many days before their legal document takes effect",
    ),
    "REVIEW_CYCLE_MONTHS": (12, "Default periodic review cycle of a procedure"),
    "REVIEW_DUE_DAYS": (30, "Days an officer has to close a review task"),
    "EXPIRY_WARNING_DAYS": (30, "Warn this many days before a document's stated end date"),
    "ESCALATE_AFTER_DAYS": (7, "Overdue review tasks escalate to the admin after this many days"),
    "DAILY_JOB": (True, "Run the daily review job inside the web process once a day (embedded default)"),
    "REVIEWS_SINCE": (None, "Grounds for review dated before this day (ISO) open no task; unset = all of them"),
    "BASE_URL": ("http://127.0.0.1:5000", "The site's address, for links in e-mails and feeds sent out of a request"),
    "SMTP_HOST": (None, "SMTP server for e-mail digests; none = no e-mail, in-app digest only"),
    "SMTP_PORT": (25, "SMTP port"),
    "SMTP_FROM": ("hieuluc@localhost", "Sender address of e-mail digests"),
    "MAX_UPLOAD_MB": (50, "Largest file accepted for ingest"),
    "LOGIN_MAX_ATTEMPTS": (5, "Failed logins allowed per account and address before a pause"),
    "LOGIN_LOCK_MINUTES": (15, "Length of that pause"),
    "DEFAULT_LOCALE": ("vi", "UI language: vi or en"),
    "PER_PAGE": (25, "Rows per page in lists"),
}


def _coerce(value: str, default: Any) -> Any:
    if isinstance(default, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(value)
    return value


def load_config(instance_path: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return the configuration: defaults, then HIEULUC_* environment variables, then ``overrides``."""
    cfg: dict[str, Any] = {name: default for name, (default, _doc) in SETTINGS.items()}
    for name, (default, _doc) in SETTINGS.items():
        raw = os.environ.get(PREFIX + name)
        if raw is not None:
            cfg[name] = _coerce(raw, default)
    if overrides:
        cfg.update(overrides)
    inst = Path(instance_path)
    if not cfg["DATABASE_URL"]:
        cfg["DATABASE_URL"] = f"sqlite:///{inst / 'hieuluc.sqlite3'}"
    if not cfg["SEARCH_URL"]:
        cfg["SEARCH_URL"] = f"whoosh://{inst / 'index'}"
    if not cfg["FILES_DIR"]:
        cfg["FILES_DIR"] = str(inst / "files")
    if isinstance(cfg["DETAILING_CUTOVER"], str):
        cfg["DETAILING_CUTOVER"] = date.fromisoformat(cfg["DETAILING_CUTOVER"])
    if not cfg["SECRET_KEY"]:
        cfg["SECRET_KEY"] = _instance_secret(inst)
    cfg["SQLALCHEMY_DATABASE_URI"] = cfg["DATABASE_URL"]
    cfg["MAX_CONTENT_LENGTH"] = int(cfg["MAX_UPLOAD_MB"]) * 1024 * 1024 * 20  # many files per upload
    cfg.setdefault("BABEL_DEFAULT_LOCALE", "vi")  # the templates are written in Vietnamese
    cfg.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent / "translations"))
    cfg.setdefault("SESSION_COOKIE_HTTPONLY", True)
    cfg.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    cfg.setdefault("API_TITLE", "Hiệu Lực API")
    cfg.setdefault("API_VERSION", "v1")
    cfg.setdefault("OPENAPI_VERSION", "3.0.3")
    cfg.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    cfg.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    return cfg


def _instance_secret(inst: Path) -> str:
    inst.mkdir(parents=True, exist_ok=True)
    path = inst / "secret_key"
    if not path.exists():
        path.write_text(os.urandom(32).hex())
        path.chmod(0o600)
    return path.read_text().strip()
