"""The daily job's tasks on a known province; the cascade at once; closing; escalation; idempotency."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from registry.documents import services as ds
from registry.documents import validity as v
from registry.errors import Conflict, DomainError
from registry.reviews import services
from registry.reviews.models import ReviewTask, TaskStatus
from registry.reviews.rules import ReviewSettings
from tests.factories import make_document
from tests.reviews.province import CUTOVER, LAST_DAY, build_province

SETTINGS = ReviewSettings()


def _tasks(session, p):  # type: ignore[no-untyped-def]
    names = {d.id: k for k, d in p.docs.items()}
    procs = {pr.id: k for k, pr in p.procedures.items()}
    out = {}
    for t in session.scalars(select(ReviewTask)):
        subject = procs.get(t.procedure_id) if t.procedure_id else names.get(t.document_id)
        if subject is None:
            continue
        out[(t.kind.value, subject, names.get(t.cause_document_id), t.period)] = t
    return out


def test_daily_job_opens_the_expected_tasks(session):  # type: ignore[no-untyped-def]
    p = build_province(session, "T")
    result = services.run_daily(session, today=LAST_DAY, cutover=CUTOVER, settings=SETTINGS)
    tasks = _tasks(session, p)
    assert set(tasks) == {
        ("basis_changed", "P1", "nd10", date(2025, 3, 1)),
        ("dependent_changed", "qd05", "nd10", date(2025, 3, 1)),
        ("parent_expired", "qd06", "nq03", date(2025, 4, 15)),
        ("expiry_warning", "qd08", None, date(2025, 5, 20)),
        ("basis_changed", "P2", "qd11", date(2025, 5, 1)),
        ("announcement_due", "nd30", "nd30", date(2025, 4, 25)),
        ("announcement_due", "nd10", "nd10", date(2024, 2, 10)),  # P1 announced only on 25/04/2024
        ("announcement_due", "qd11", "qd11", date(2024, 4, 24)),  # P2 has no announcement in the registry
        ("periodic", "P1", None, date(2025, 4, 25)),
        ("periodic", "P2", None, date(2024, 12, 1)),
    }
    assert result.opened == 10
    warning = tasks[("expiry_warning", "qd08", None, date(2025, 5, 20))]
    assert (warning.opened_on, warning.due_on) == (date(2025, 4, 20), date(2025, 5, 20))
    basis = tasks[("basis_changed", "P1", "nd10", date(2025, 3, 1))]
    assert (basis.opened_on, basis.due_on, basis.escalated_on) == (
        date(2025, 3, 1),
        date(2025, 3, 31),
        date(2025, 4, 7),
    )
    assert "10/2024/NĐ-CP" in basis.reason_vi and "20/2025/NĐ-CP" in basis.reason_vi
    assert basis.agency_id == p.agencies["UBND"].id
    ann = tasks[("announcement_due", "nd30", "nd30", date(2025, 4, 25))]
    assert ann.due_on == date(2025, 5, 15)
    assert "Luật 2025" in tasks[("parent_expired", "qd06", "nq03", date(2025, 4, 15))].reason_vi
    # idempotent: a second run opens nothing
    again = services.run_daily(session, today=LAST_DAY, cutover=CUTOVER, settings=SETTINGS)
    assert again.opened == 0 and again.escalated == 0


def test_since_setting_ignores_older_triggers(session):  # type: ignore[no-untyped-def]
    p = build_province(session, "U")
    services.run_daily(
        session, today=LAST_DAY, cutover=CUTOVER, settings=ReviewSettings(since=date(2025, 4, 1))
    )
    kinds = {(k[0], k[1]) for k in _tasks(session, p)}
    assert ("basis_changed", "P1") not in kinds  # 01/03/2025, before since
    assert ("parent_expired", "qd06") in kinds


def test_cascade_runs_at_once_when_an_officer_records_a_change(session, agencies):  # type: ignore[no-untyped-def]
    ubnd = agencies["UBND-TNH"]
    parent = make_document(
        session, "12/2020/QĐ-UBND", agency=ubnd, issued_on=date(2020, 1, 2), effective_on=date(2020, 1, 12)
    )
    child = make_document(
        session, "13/2020/QĐ-UBND", agency=ubnd, issued_on=date(2020, 2, 2), effective_on=date(2020, 2, 12)
    )
    ds.add_relation(
        session, child, v.RelationKind.BASIS, target=parent, today=date(2026, 11, 22), confirmed=True
    )
    ds.record_event(session, parent, v.EventKind.SUSPENDED, date(2026, 11, 20), today=date(2026, 11, 22))
    task = session.scalars(select(ReviewTask).where(ReviewTask.document_id == child.id)).one()
    assert task.kind.value == "dependent_changed" and task.cause_document_id == parent.id
    assert task.opened_on == date(2026, 11, 20)
    assert "bị ngưng hiệu lực" in task.reason_vi


def test_preview_lists_the_tasks_the_change_would_open(session, agencies):  # type: ignore[no-untyped-def]
    ubnd = agencies["UBND-TNH"]
    parent = make_document(
        session, "14/2020/QĐ-UBND", agency=ubnd, issued_on=date(2020, 1, 2), effective_on=date(2020, 1, 12)
    )
    child = make_document(
        session, "15/2020/QĐ-UBND", agency=ubnd, issued_on=date(2020, 2, 2), effective_on=date(2020, 2, 12)
    )
    ds.add_relation(
        session, child, v.RelationKind.DETAILS, target=parent, today=date(2026, 11, 22), confirmed=True
    )
    repealer = make_document(
        session, "16/2026/QĐ-UBND", agency=ubnd, issued_on=date(2026, 1, 2), effective_on=date(2026, 1, 12)
    )
    impact = ds.preview(
        session,
        lambda: ds.add_relation(
            session, repealer, v.RelationKind.REPEALS, target=parent, today=date.today(), confirmed=True
        ),
    )
    rows = impact.extra.get("reviews")
    assert rows and any("15/2020/QĐ-UBND" in r["label"] for r in rows)
    assert session.scalars(select(ReviewTask).where(ReviewTask.document_id == child.id)).first() is None


def test_closing_requires_outcome_and_note_and_restarts_the_cycle(session):  # type: ignore[no-untyped-def]
    p = build_province(session, "V")
    services.run_daily(session, today=LAST_DAY, cutover=CUTOVER, settings=SETTINGS)
    task = _tasks(session, p)[("periodic", "P2", None, date(2024, 12, 1))]
    with pytest.raises(DomainError) as err:
        services.close_task(session, task, outcome=None, note="ok", actor_id=None, today=LAST_DAY)
    assert err.value.field == "outcome"
    with pytest.raises(DomainError) as err:
        services.close_task(session, task, outcome="confirmed", note="  ", actor_id=None, today=LAST_DAY)
    assert err.value.field == "note"
    with pytest.raises(DomainError):
        services.close_task(session, task, outcome="maybe", note="x", actor_id=None, today=LAST_DAY)
    services.close_task(
        session, task, outcome="confirmed", note="Đã rà soát, giữ nguyên.", actor_id=None, today=LAST_DAY
    )
    assert task.status == TaskStatus.DONE and task.closed_on == LAST_DAY
    assert p.procedures["P2"].last_reviewed_on == LAST_DAY
    with pytest.raises(Conflict):
        services.close_task(session, task, outcome="confirmed", note="again", actor_id=None, today=LAST_DAY)
    # the next cycle comes six months after the review
    later = date(2025, 12, 10)
    services.run_daily(session, today=later, cutover=CUTOVER, settings=SETTINGS)
    assert ("periodic", "P2", None, date(2025, 12, 10)) in _tasks(session, p)


def test_escalation_is_dated_from_the_due_day(session):  # type: ignore[no-untyped-def]
    p = build_province(session, "W")
    services.run_daily(session, today=date(2025, 4, 6), cutover=CUTOVER, settings=SETTINGS)
    task = _tasks(session, p)[("basis_changed", "P1", "nd10", date(2025, 3, 1))]
    assert task.escalated_on is None
    services.run_daily(session, today=date(2025, 4, 20), cutover=CUTOVER, settings=SETTINGS)
    session.refresh(task)
    assert task.escalated_on == date(2025, 4, 7)


def test_marked_document_is_watched_for_its_announcement(session, agencies):  # type: ignore[no-untyped-def]
    doc = make_document(
        session,
        "20/2025/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2025, 6, 1),
        effective_on=date(2025, 7, 1),
    )
    services.mark_lays_down_procedures(session, doc, note="Quy định thủ tục cấp phép")
    specs = services.plan_announcements(session, today=date(2025, 6, 11), settings=SETTINGS)
    assert [(s.document_id, s.period, s.due_on) for s in specs] == [
        (doc.id, date(2025, 6, 11), date(2025, 7, 1))
    ]
    assert services.plan_announcements(session, today=date(2025, 6, 10), settings=SETTINGS) == []
    announcer = make_document(
        session,
        "900/QĐ-UBND",
        agency=agencies["CT-UBND-TNH"],
        issued_on=date(2025, 6, 5),
        effective_on=date(2025, 6, 5),
    )
    ds.add_relation(session, announcer, v.RelationKind.ANNOUNCES, target=doc, confirmed=True)
    assert services.plan_announcements(session, today=date(2025, 6, 11), settings=SETTINGS) == []
