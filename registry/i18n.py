"""Language selection and the helpers every template uses (dates dd/mm/yyyy, status labels).

UI strings are written in Vietnamese in the templates (``_("Văn bản")``); the English catalogue lives in
``registry/translations/en``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, g, request, session

from registry.documents import validity as v

LOCALES = ("vi", "en")
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def select_locale() -> str:
    lang = request.args.get("lang")
    if lang in LOCALES:
        session["lang"] = lang
        return lang
    return session.get("lang") or current_app.config.get("DEFAULT_LOCALE", "vi")


def current_lang() -> str:
    try:
        return g.get("lang") or select_locale()
    except RuntimeError:
        return "vi"


def dmy(value: date | datetime | None, with_time: bool = False) -> str:
    """dd/mm/yyyy (and hh:mm in Vietnam time for timestamps)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = value.astimezone(VN_TZ) if value.tzinfo else value
        return local.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


def pick(vi: str, en: str) -> str:
    return en if current_lang() == "en" and en else vi


def status_label(code: str | v.Status | None) -> str:
    if not code:
        return ""
    vi, en = v.STATUS_LABELS[v.Status(code)]
    return pick(vi, en)


def doc_type_label(code: str) -> str:
    """A document type's name in the UI language ("Quyết định" / "Decision")."""
    from registry.documents.models import DOC_TYPES

    vi, en = DOC_TYPES.get(code, (code, code))
    return pick(vi, en)


def event_label(code: str | v.EventKind) -> str:
    vi, en = v.EVENT_LABELS[v.EventKind(code)]
    return pick(vi, en)


def relation_labels(code: str | v.RelationKind) -> tuple[str, str]:
    kind = v.RelationKind(code)
    return v.RELATION_LABELS_EN[kind] if current_lang() == "en" else v.RELATION_LABELS[kind]


STATUS_COLORS = {
    "not_yet_effective": "info",
    "in_force": "ok",
    "partly_expired": "warn",
    "expired": "bad",
    "suspended": "bad",
    "partly_suspended": "warn",
    "obsolete": "muted",
    "unknown": "muted",
}


def template_helpers(filters: bool = False) -> dict[str, Any]:
    if filters:
        return {"dmy": dmy, "status_label": status_label, "event_label": event_label, "doc_type_label": doc_type_label}
    return {
        "pick": pick,
        "current_lang": current_lang,
        "status_label": status_label,
        "event_label": event_label,
        "relation_labels": relation_labels,
        "status_color": lambda code: STATUS_COLORS.get(
            str(code.value if hasattr(code, "value") else code), "muted"
        ),
        "STATUSES": list(v.Status),
    }


def ensure_compiled(directory: str) -> None:
    """Compile each catalogue whose .mo is missing or older than its .po (a fresh checkout has only the .po,
    and `make install` may not have run: the UI must still speak English)."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path(directory).glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as fh:
            write_mo(fh, catalog)
        tmp.replace(mo)
