"""The queue, one task, closing through the web (outcome and note required), permissions, digest, history."""

from __future__ import annotations

from datetime import date

from flask import render_template_string
from sqlalchemy import select

from registry.reviews import services
from registry.reviews.models import ReviewTask, TaskStatus
from registry.reviews.rules import ReviewSettings
from tests.reviews.province import CUTOVER, LAST_DAY, build_province


def _setup(app, session):  # type: ignore[no-untyped-def]
    app.config["REVIEWS_TODAY"] = LAST_DAY
    p = build_province(session, "Q")
    services.run_daily(session, today=LAST_DAY, cutover=CUTOVER, settings=ReviewSettings())
    task = session.scalars(
        select(ReviewTask).where(
            ReviewTask.procedure_id == p.procedures["P1"].id, ReviewTask.kind == "basis_changed"
        )
    ).one()
    return p, task


def test_queue_shows_overdue_tasks_highlighted_with_reason_and_cause(app, session, staff_client):  # type: ignore[no-untyped-def]
    p, task = _setup(app, session)
    try:
        html = staff_client.get("/reviews/?state=overdue").get_data(as_text=True)
        assert f'data-task-id="{task.id}"' in html
        assert 'class="overdue"' in html
        assert "10/2024/NĐ-CP" in html and f"/documents/{p.docs['nd10'].id}" in html
        resp = staff_client.get(f"/reviews/?state=due&agency={p.agencies['UBND'].id}")
        assert resp.status_code == 200
        assert staff_client.get(f"/reviews/{task.id}").status_code == 200
    finally:
        app.config.pop("REVIEWS_TODAY", None)


def test_staff_cannot_close_and_anonymous_is_sent_to_login(app, session, client, users):  # type: ignore[no-untyped-def]
    _p, task = _setup(app, session)
    try:
        assert client.get("/reviews/").status_code == 302
        from tests.conftest import login

        login(client, "staff1")
        resp = client.post(f"/reviews/{task.id}/close", data={"outcome": "confirmed", "note": "x"})
        assert resp.status_code == 403
        assert "Đóng nhiệm vụ" not in client.get(f"/reviews/{task.id}").get_data(as_text=True)
    finally:
        app.config.pop("REVIEWS_TODAY", None)


def test_officer_closes_with_outcome_and_note(app, session, officer_client, users):  # type: ignore[no-untyped-def]
    p, task = _setup(app, session)
    try:
        resp = officer_client.post(f"/reviews/{task.id}/close", data={"note": "Đã xem"})
        assert resp.status_code == 422 and "Hãy chọn kết quả rà soát" in resp.get_data(as_text=True)
        resp = officer_client.post(
            f"/reviews/{task.id}/close", data={"outcome": "amendment_needed", "note": ""}
        )
        assert resp.status_code == 422 and "Hãy ghi nhận xét" in resp.get_data(as_text=True)
        resp = officer_client.post(
            f"/reviews/{task.id}/close",
            data={"outcome": "amendment_needed", "note": "Cần sửa theo Nghị định 20/2025/NĐ-CP"},
        )
        assert resp.status_code == 302
        session.refresh(task)
        assert task.status == TaskStatus.DONE and task.closed_by_id == users["officer"].id
        html = officer_client.get("/reviews/?state=done").get_data(as_text=True)
        assert "Cần sửa theo Nghị định 20/2025/NĐ-CP" in html
        # assign another task to me
        other = session.scalars(select(ReviewTask).where(ReviewTask.status == TaskStatus.OPEN)).first()
        assert (
            officer_client.post(f"/reviews/{other.id}/assign", data={"assignee_id": "me"}).status_code == 302
        )
        session.refresh(other)
        assert other.assignee_id == users["officer"].id
        assert f'data-task-id="{other.id}"' in officer_client.get("/reviews/?scope=mine").get_data(
            as_text=True
        )
    finally:
        app.config.pop("REVIEWS_TODAY", None)


def test_digest_page_and_history_include(app, session, admin_client):  # type: ignore[no-untyped-def]
    p, task = _setup(app, session)
    try:
        html = admin_client.get("/reviews/digest").get_data(as_text=True)
        assert 'id="digest-overdue"' in html and 'id="digest-escalated"' in html
        services.close_task(
            session, task, outcome="confirmed", note="Giữ nguyên", actor_id=None, today=LAST_DAY
        )
        doc = p.docs["qd05"]
        with app.test_request_context("/"):
            from flask_login import login_user

            from registry.accounts.models import User

            login_user(session.scalars(select(User).where(User.username == "admin1")).one())
            out = render_template_string('{% include "reviews/_history.html" %}', doc=doc)
            assert "Lịch sử rà soát" in out and "10/2024/NĐ-CP" in out
            out = render_template_string(
                '{% include "reviews/_history.html" %}', procedure=p.procedures["P1"]
            )
            assert "Giữ nguyên" in out
    finally:
        app.config.pop("REVIEWS_TODAY", None)


def test_mark_document_as_laying_down_procedures(app, session, officer_client):  # type: ignore[no-untyped-def]
    p, _task = _setup(app, session)
    try:
        doc = p.docs["qd03"]
        assert officer_client.post(f"/reviews/documents/{doc.id}/lays-down-procedures").status_code == 302
        from registry.reviews.models import ProcedureSourceMark

        assert session.scalars(
            select(ProcedureSourceMark).where(ProcedureSourceMark.document_id == doc.id)
        ).one()
        assert services.documents_laying_down_procedures(session)[doc.id] == []
    finally:
        app.config.pop("REVIEWS_TODAY", None)


def test_cli_run_replays_days(app, session):  # type: ignore[no-untyped-def]
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["reviews", "run", "--since", "2025-06-01", "--today", "2025-06-03", "--no-mail"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("tasks opened") == 3
    assert date(2025, 6, 3).strftime("%d/%m/%Y") in result.output
