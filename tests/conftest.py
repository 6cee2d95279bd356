"""Shared fixtures: the app on SQLite (default) or PostgreSQL (HIEULUC_TEST_DB=postgresql), one rolled-back
transaction per test, a test client, users of each role, and small factories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import scoped_session, sessionmaker

from registry.app import create_app
from registry.extensions import db

PG_ADMIN_URL = os.environ.get(
    "HIEULUC_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PG_TEST_DB = os.environ.get("HIEULUC_TEST_PG_DB", "hieuluc_test")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pg_url(dbname: str = PG_TEST_DB) -> str:
    return str(make_url(PG_ADMIN_URL).set(database=dbname).render_as_string(hide_password=False))


def ensure_pg_database(dbname: str) -> str:
    """Create the PostgreSQL database if needed; skip (or fail in CI) when the server is unreachable."""
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": dbname})
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{dbname}"'))
        admin.dispose()
    except Exception as err:  # pragma: no cover - depends on the machine
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI but unreachable: {err}")
        pytest.skip(f"PostgreSQL unreachable: {err}")
    return pg_url(dbname)


def test_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if os.environ.get("HIEULUC_TEST_DB", "sqlite") == "postgresql":
        return ensure_pg_database(PG_TEST_DB)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    instance = tmp_path_factory.mktemp("instance")
    url = test_database_url(tmp_path_factory)
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(instance),
            "DATABASE_URL": url,
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
            "DAILY_JOB": False,
            "SEARCH_URL": f"whoosh://{instance / 'index'}",
            "FILES_DIR": str(instance / "files"),
            "LOGIN_MAX_ATTEMPTS": 5,
        }
    )
    with app.app_context():
        if url.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def session(app: Flask) -> Iterator[object]:
    """The app's db.session inside a transaction that is rolled back after the test (commits become savepoints)."""
    with app.app_context():
        conn = db.engine.connect()
        trans = conn.begin()
        original = db.session
        # a plain Session honours `bind` (Flask-SQLAlchemy's picks the engine itself and would commit for real)
        db.session = scoped_session(
            sessionmaker(bind=conn, join_transaction_mode="create_savepoint"), scopefunc=_app_ctx_id
        )
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = original
            trans.rollback()
            conn.close()


class _Client(FlaskClient):
    """Commits the test's own session before each request, so that what the test set up survives a
    rollback inside the request (each is a SAVEPOINT of the one transaction the test rolls back)."""

    test_session: object = None

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        if self.test_session is not None:
            self.test_session.commit()  # type: ignore[attr-defined]
        # the test's app context is reused by the request (Flask pushes none of its own when one is active):
        # start each request with an empty `g`, as a real server would (flask-login caches the user there)
        if has_app_context():
            for key in list(vars(g)):
                delattr(g, key)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app: Flask, session: object) -> FlaskClient:
    app.test_client_class = _Client
    c = app.test_client()
    c.test_session = session  # type: ignore[attr-defined]
    return c


@pytest.fixture
def agencies(session):  # type: ignore[no-untyped-def]
    from tests.factories import make_reference_data

    return make_reference_data(session)


@pytest.fixture
def users(session, agencies):  # type: ignore[no-untyped-def]
    from registry.accounts.models import Role
    from registry.accounts.services import create_user

    made = {
        role.value: create_user(
            session, f"{role.value}1", f"{role.value}-password", role=role, full_name=role.value
        )
        for role in Role
    }
    session.flush()
    return made


def login(client: FlaskClient, username: str, password: str | None = None) -> None:
    resp = client.post(
        "/login", data={"username": username, "password": password or username[:-1] + "-password"}
    )
    assert resp.status_code == 302, resp.data[:500]


@pytest.fixture
def officer_client(client: FlaskClient, users) -> FlaskClient:  # type: ignore[no-untyped-def]
    login(client, "officer1")
    return client


@pytest.fixture
def staff_client(client: FlaskClient, users) -> FlaskClient:  # type: ignore[no-untyped-def]
    login(client, "staff1")
    return client


@pytest.fixture
def admin_client(client: FlaskClient, users) -> FlaskClient:  # type: ignore[no-untyped-def]
    login(client, "admin1")
    return client


@pytest.fixture
def today() -> date:
    return date(2026, 11, 22)


DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """Argon2id with production cost takes ~50 ms a hash; tests create many users."""
    from argon2 import PasswordHasher

    import registry.accounts.services as accounts

    original = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    accounts._hasher = original
