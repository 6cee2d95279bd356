"""The application factory: config → extensions → blueprints → API → CLI → hooks."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, g, request, session
from flask_login import current_user

from registry import extensions as ext
from registry.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application. ``config`` overrides defaults and HIEULUC_* environment variables."""
    instance = (config or {}).get("INSTANCE_PATH") or str(ROOT / "instance")
    app = Flask(
        __name__,
        instance_path=instance,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.update(load_config(app.instance_path, config))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _register_extensions(app)
    _register_blueprints(app)
    _register_api(app)
    _register_cli(app)
    _register_hooks(app)
    return app


def _register_extensions(app: Flask) -> None:
    import registry.models  # noqa: F401  (all tables known to the metadata)
    from registry.accounts.audit import install as install_audit
    from registry.i18n import ensure_compiled, select_locale

    ext.db.init_app(app)
    ext.migrate.init_app(app, ext.db, directory=str(Path(__file__).parent / "migrations"))
    ext.login_manager.init_app(app)
    ext.login_manager.login_view = "accounts.login"
    ext.login_manager.login_message = None
    ext.csrf.init_app(app)
    ensure_compiled(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    ext.babel.init_app(app, locale_selector=select_locale)
    install_audit()
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        from registry.db import configure_sqlite

        with app.app_context():
            configure_sqlite(ext.db.engine)


def _blueprints() -> list[Any]:
    from registry.accounts.views import bp as accounts
    from registry.documents.views import bp as documents
    from registry.site import bp as site

    blueprints = [site, accounts, documents]
    for optional in (
        "registry.searching.views",
        "registry.procedures.views",
        "registry.procedures.feeds",
        "registry.reviews.views",
        "registry.reports.views",
        "registry.ingest.views",
    ):
        blueprints.extend(_optional(optional, "bp"))
    return blueprints


def _optional(module: str, name: str) -> list[Any]:
    """Domains still being built register themselves once their module exists."""
    import importlib
    import importlib.util

    if importlib.util.find_spec(module) is None:
        return []
    found = getattr(importlib.import_module(module), name, None)
    return [found] if found is not None else []


def _register_blueprints(app: Flask) -> None:
    for bp in _blueprints():
        app.register_blueprint(bp)


def _register_api(app: Flask) -> None:
    from registry.documents.api import blp as documents_api

    ext.api.init_app(app, spec_kwargs={"info": {"description": "Hiệu Lực — registry of legal documents"}})
    ext.csrf.exempt(documents_api)
    apis = [documents_api]
    for optional in (
        "registry.searching.api",
        "registry.procedures.api",
        "registry.reviews.api",
        "registry.ingest.api",
    ):
        apis.extend(_optional(optional, "blp"))
    for blp in apis:
        ext.csrf.exempt(blp)
        ext.api.register_blueprint(blp)


def _register_cli(app: Flask) -> None:
    from registry.accounts.cli import users
    from registry.documents.cli import documents

    for group in (users, documents):
        app.cli.add_command(group)
    for optional in (
        "registry.demo",
        "registry.searching.cli",
        "registry.reviews.cli",
        "registry.ingest.cli",
        "registry.procedures.cli",
        "registry.reports.cli",
    ):
        for group in _optional(optional, "cli"):
            app.cli.add_command(group)


def _register_hooks(app: Flask) -> None:
    from registry.accounts.audit import set_actor
    from registry.errors import register_error_handlers
    from registry.i18n import template_helpers

    register_error_handlers(app)
    app.jinja_env.globals["url_map_endpoints"] = set(app.view_functions)
    app.jinja_env.globals.update(template_helpers())
    app.jinja_env.filters.update(template_helpers(filters=True))
    from registry.searching.sync import install as install_search_sync

    install_search_sync(app)
    for hook in _optional("registry.procedures.hooks", "install"):
        hook(app)
    for hook in _optional("registry.reviews.hooks", "install"):
        hook(app)

    @app.before_request
    def _actor() -> None:
        g.lang = session.get("lang") or app.config["DEFAULT_LOCALE"]
        set_actor(ext.db.session, current_user.id if current_user.is_authenticated else None)

    @app.before_request
    def _api_csrf() -> None:
        # the API is exempt from form CSRF for token clients; a browser session writing to it must send the
        # CSRF token in the X-CSRFToken header
        if (
            request.path.startswith("/api/")
            and request.method not in ("GET", "HEAD", "OPTIONS")
            and current_user.is_authenticated
            and not g.get("token_auth")
            and app.config.get("WTF_CSRF_ENABLED", True)
        ):
            ext.csrf.protect()

    @app.after_request
    def _headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        return response
