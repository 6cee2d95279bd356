"""Alembic: `upgrade head` on an empty database works, and the result matches the models exactly."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from registry.app import create_app
from registry.db import Base
from tests.conftest import ensure_pg_database


def _url(tmp_path) -> str:
    if os.environ.get("HIEULUC_TEST_DB", "sqlite") == "postgresql":
        url = ensure_pg_database("hieuluc_migrations")
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
        engine.dispose()
        return url
    return f"sqlite:///{tmp_path / 'migrated.sqlite3'}"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_upgrade_head_on_empty_database_matches_models(tmp_path):
    url = _url(tmp_path)
    app = create_app(
        {"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x", "DAILY_JOB": False}
    )
    with app.app_context():
        upgrade()
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"
