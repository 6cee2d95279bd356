"""Login, password hashing, throttling, CSRF, the users command and the audit log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.accounts.models import AuditEntry, User
from tests.conftest import login
from tests.factories import make_document


def test_passwords_are_hashed_with_argon2(session, users):
    user = session.scalar(select(User).where(User.username == "officer1"))
    assert user.password_hash.startswith("$argon2id$")
    assert "officer-password" not in user.password_hash


def test_wrong_password_is_refused_then_throttled(client, users):
    for _ in range(5):
        resp = client.post("/login", data={"username": "officer1", "password": "wrong"})
        assert resp.status_code == 401
    resp = client.post("/login", data={"username": "officer1", "password": "officer-password"})
    assert resp.status_code == 429
    assert "quá nhiều lần" in resp.get_data(as_text=True)


def test_login_and_logout(client, users):
    login(client, "officer1")
    assert "officer" in client.get("/").get_data(as_text=True)
    client.post("/logout")
    assert client.get("/documents/new").status_code == 302


def test_open_redirect_after_login_is_refused(client, users):
    resp = client.post(
        "/login?next=//evil.example/x", data={"username": "staff1", "password": "staff-password"}
    )
    assert resp.headers["Location"] == "/"


def test_csrf_is_enforced_on_forms(app, users):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        c = app.test_client()
        resp = c.post("/login", data={"username": "officer1", "password": "officer-password"})
        assert resp.status_code == 400
        assert "CSRF" in resp.get_data(as_text=True)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_users_create_command(app, session):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create", "canbo2", "--role", "officer", "--password", "a-long-password"]
    )
    assert result.exit_code == 0, result.output
    assert session.scalar(select(User.role).where(User.username == "canbo2")).value == "officer"
    result = runner.invoke(args=["users", "create", "canbo2", "--password", "a-long-password"])
    assert result.exit_code != 0 and "taken" in result.output
    result = runner.invoke(args=["users", "create", "x", "--password", "short"])
    assert result.exit_code != 0 and "10 characters" in result.output


def test_changes_are_audited_with_who_and_before_after(officer_client, session, agencies, users):
    doc = make_document(
        session,
        "5/2024/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2024, 1, 2),
        effective_on=date(2024, 1, 12),
        summary="Trước",
    )
    form = {
        "number": doc.number,
        "doc_type": "QĐ",
        "agency_id": doc.agency_id,
        "summary": "Sau",
        "issued_on": "02/01/2024",
        "effective_mode": "date",
        "effective_on": "12/01/2024",
        "public": "y",
        "version": str(doc.version),
    }
    resp = officer_client.post(f"/documents/{doc.id}/edit", data=form)
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    entry = session.scalars(
        select(AuditEntry).where(
            AuditEntry.entity_type == "documents",
            AuditEntry.entity_id == doc.id,
            AuditEntry.action == "update",
        )
    ).first()
    assert entry.user.username == "officer1"
    assert entry.before["summary"] == "Trước" and entry.after["summary"] == "Sau"


def test_admin_browses_the_audit_log(admin_client, session, agencies):
    make_document(
        session,
        "6/2024/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2024, 1, 2),
        effective_on=date(2024, 1, 12),
    )
    html = admin_client.get("/admin/audit?entity=documents").get_data(as_text=True)
    assert "6/2024/QĐ-UBND" in html


def test_api_token_authenticates_scripts_and_cookie_writes_need_csrf(app, session, users, agencies):
    from registry.accounts.services import issue_token

    token = issue_token(session, users["officer"], name="script")
    session.commit()
    c = app.test_client()
    payload = {
        "number": "11/2024/QĐ-UBND",
        "doc_type": "QĐ",
        "agency_id": agencies["UBND-TNH"].id,
        "summary": "Ban hành Quy định",
        "issued_on": "2024-03-01",
        "effective_on": "2024-03-11",
    }
    assert (
        c.post("/api/v1/documents/", json=payload, headers={"Authorization": "Bearer wrong"}).status_code
        == 401
    )
    resp = c.post("/api/v1/documents/", json=payload, headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 201, resp.get_json()
    login(c, "officer1")  # CSRF is off in tests; turn it on for the write that follows
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        resp = c.post("/api/v1/documents/", json={**payload, "number": "12/2024/QĐ-UBND"})
        assert resp.status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
