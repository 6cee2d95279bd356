"""Loading the demo into the test database: counts, statuses, the Tây Ninh chain, idempotence, procedures."""

from __future__ import annotations

import stat
from datetime import date

import pytest
from sqlalchemy import func, select

from registry.demo.generate import ANCHOR
from registry.demo.load import load_demo, write_users_file
from registry.documents import services
from registry.documents import validity as v
from registry.documents.models import Document

pytestmark = pytest.mark.slow


def test_load_everything_once(session, tmp_path):
    report = load_demo(session, today=ANCHOR, password="demo-password-123")
    assert report.loaded
    total = session.scalar(select(func.count()).select_from(Document))
    assert total >= 300
    statuses = report.statuses
    for status in v.Status:
        assert statuses.get(status.value, 0) >= 1, (status, statuses)
    assert statuses["expired"] > statuses["in_force"] > statuses["partly_expired"] > statuses["unknown"]

    chain = session.scalar(select(Document).where(Document.number == "30/2013/QĐ-UBND"))
    expected = {
        date(2013, 7, 15): v.Status.NOT_YET_EFFECTIVE,
        date(2015, 1, 1): v.Status.IN_FORCE,
        date(2015, 3, 1): v.Status.PARTLY_EXPIRED,
        ANCHOR: v.Status.EXPIRED,
    }
    for day, status in expected.items():
        assert services.status_on_day(session, chain.id, day).status == status, day
    assert chain.status == v.Status.EXPIRED and "14/2019/QĐ-UBND" in chain.status_reason

    # detailing documents: expired with a parent before the cut-over, flagged after it
    flagged = session.scalar(
        select(func.count())
        .select_from(Document)
        .where(Document.status_flags.contains("parent_expired_review"))
    )
    assert flagged >= 1

    assert set(report.passwords) == {"admin", "canbo", "nhanvien"}
    path = tmp_path / "demo-users.txt"
    write_users_file(path, report.passwords)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "canbo\tofficer\tdemo-password-123" in path.read_text()

    if report.procedures:
        from registry.procedures.models import (
            Announcement,
            AnnouncementAction,
            AnnouncementItem,
            Health,
            Procedure,
            ProcedureStatus,
        )

        assert report.procedures >= 150
        healths = set(session.scalars(select(Procedure.health).distinct()))
        assert healths == set(Health)
        assert session.scalar(
            select(func.count()).select_from(Procedure).where(Procedure.status == ProcedureStatus.REPEALED)
        )
        repealing = session.scalars(
            select(Announcement)
            .join(AnnouncementItem)
            .where(AnnouncementItem.action == AnnouncementAction.REPEALED)
            .distinct()
        ).all()
        assert repealing
        ann = repealing[0]
        repealed = [i.procedure_id for i in ann.items if i.action == AnnouncementAction.REPEALED]
        earlier = session.scalar(
            select(func.count())
            .select_from(AnnouncementItem)
            .where(AnnouncementItem.procedure_id.in_(repealed), AnnouncementItem.announcement_id != ann.id)
        )
        assert earlier >= 1

    again = load_demo(session, today=ANCHOR)
    assert not again.loaded
    assert session.scalar(select(func.count()).select_from(Document)) == total

    # a registry in use for years: old grounds were reviewed in one sweep, recent ones wait in the queue,
    # and the next day's job opens nothing stale
    from datetime import timedelta

    from registry.reviews import rules as review_rules
    from registry.reviews import services as reviews
    from registry.reviews.models import ReviewTask, TaskStatus

    assert report.reviews_closed > 100
    open_tasks = session.scalars(select(ReviewTask).where(ReviewTask.status == TaskStatus.OPEN)).all()
    assert open_tasks and all(t.opened_on >= ANCHOR - timedelta(days=120) for t in open_tasks)
    reviews.run_daily(
        session,
        today=ANCHOR + timedelta(days=1),
        cutover=v.DEFAULT_CUTOVER,
        settings=review_rules.ReviewSettings(),
        refresh=False,
    )
    reopened = session.scalars(select(ReviewTask).where(ReviewTask.status == TaskStatus.OPEN)).all()
    assert all(t.opened_on >= ANCHOR - timedelta(days=120) for t in reopened)
