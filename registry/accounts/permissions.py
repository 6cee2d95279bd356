"""Route permissions: every endpoint declares who may use it, and a test enumerates the URL map."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, request
from flask_login import current_user

from registry.accounts.models import Role

F = TypeVar("F", bound=Callable[..., Any])

#: endpoint -> required role ("public" for anyone). Filled by the decorators below.
RULES: dict[str, str] = {}


def _key(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def public(fn: F) -> F:
    """Anyone, logged in or not."""
    RULES[_key(fn)] = "public"
    return fn


def role_required(role: Role) -> Callable[[F], F]:
    """Logged-in users with at least ``role``: 401 for anonymous users (JSON under /api), 403 otherwise."""

    def deco(fn: F) -> F:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                if request.path.startswith("/api/"):
                    abort(401)
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if not current_user.has_role(role):
                abort(403)
            return fn(*args, **kwargs)

        RULES[_key(fn)] = role.value
        RULES[_key(wrapper)] = role.value
        return wrapper  # type: ignore[return-value]

    return deco


def can_read_internal() -> bool:
    return bool(current_user.is_authenticated and current_user.can_read_internal)


def can_edit() -> bool:
    return bool(current_user.is_authenticated and current_user.can_edit)
