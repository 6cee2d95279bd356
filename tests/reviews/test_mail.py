"""E-mail digests through a real SMTP server (aiosmtpd on 127.0.0.1), and the embedded job's lock."""

from __future__ import annotations

import email
import fcntl
import socket
from datetime import date
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from registry.accounts.models import User
from registry.reviews import hooks, jobs
from registry.reviews.models import JobRun
from tests.reviews.province import LAST_DAY, build_province


class Collector:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def test_digest_is_mailed_to_officers_and_escalations_to_the_admin(app, session, users, smtp):  # type: ignore[no-untyped-def]
    controller, handler = smtp
    users["officer"].email = "officer@example.org"
    users["admin"].email = "admin@example.org"
    users["staff"].email = "staff@example.org"
    session.flush()
    build_province(session, "M")
    cfg = dict(app.config)
    cfg.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_FROM="hieuluc@tinh.example")
    jobs.run_and_commit(session, cfg, today=LAST_DAY, mail=True)
    to = sorted(m["To"] for m in handler.messages)
    assert to == ["admin@example.org", "officer@example.org"]
    admin_mail = next(m for m in handler.messages if m["To"] == "admin@example.org")
    body = admin_mail.get_content()
    assert admin_mail["From"] == "hieuluc@tinh.example"
    assert "quá hạn" in admin_mail["Subject"] and "QUÁ HẠN" in body
    assert "ĐÃ CHUYỂN LÊN QUẢN TRỊ" in body and "10/2024/NĐ-CP" in body
    officer_body = next(m for m in handler.messages if m["To"] == "officer@example.org").get_content()
    assert "ĐÃ CHUYỂN LÊN QUẢN TRỊ" not in officer_body
    run = session.scalars(select(JobRun).where(JobRun.ran_for == LAST_DAY)).one()
    assert run.mailed == 2


def test_no_mail_without_smtp(app, session, users):  # type: ignore[no-untyped-def]
    cfg = dict(app.config)
    cfg["SMTP_HOST"] = None
    jobs.run_and_commit(session, cfg, today=date(2025, 6, 1), mail=True)
    assert session.scalars(select(JobRun).where(JobRun.ran_for == date(2025, 6, 1))).one().mailed == 0
    assert session.scalars(select(User)).first() is not None


def test_embedded_job_runs_once_per_day_under_a_file_lock(app, session):  # type: ignore[no-untyped-def]
    day = date(2030, 1, 2)
    path = hooks.lock_path(app)
    with open(path, "a+") as other_worker:
        fcntl.flock(other_worker.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert hooks.run_once_if_due(app, today=day) is False
        fcntl.flock(other_worker.fileno(), fcntl.LOCK_UN)
    assert hooks.run_once_if_due(app, today=day) is True
    assert hooks.run_once_if_due(app, today=day) is False
