"""What every form page does with a refused change."""

from __future__ import annotations

from typing import Any

from flask import flash

from registry.errors import DomainError
from registry.i18n import current_lang


def error_message(err: DomainError) -> str:
    """The error in the user's language."""
    return err.message_en if current_lang() == "en" else err.message


def show_error(form: Any, err: DomainError) -> None:
    """Put a refused change's message on the field it names — also a row of a field list, as
    ``channels-2-fee`` — or flash it when it names none."""
    msg = error_message(err)
    target: Any = None
    if err.field:
        target = form
        for part in err.field.split("-"):
            if target is None:
                break
            if part.isdigit():
                entries = getattr(target, "entries", [])
                target = entries[int(part)].form if int(part) < len(entries) else None
            else:
                target = getattr(target, part, None)
    if target is not None and isinstance(getattr(target, "errors", None), (list, tuple)):
        target.errors = [*target.errors, msg]
    else:
        flash(msg, "bad")
