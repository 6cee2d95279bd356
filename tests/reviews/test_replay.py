"""Replaying every day with the daily job gives the same statuses, tasks and reports as one run today."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from registry.documents.models import Document
from registry.reports import queries as reports
from registry.reviews import services
from registry.reviews.models import ReviewTask
from registry.reviews.rules import ReviewSettings
from tests.reviews.province import CUTOVER, FIRST_DAY, LAST_DAY, Province, build_province

SETTINGS = ReviewSettings()


def snapshot(session: Any, p: Province) -> dict[str, Any]:
    """Statuses, tasks and reports of one province, keyed by numbers and codes (not ids)."""
    names = {d.id: d.number for d in p.docs.values()}
    codes = {pr.id: pr.code for pr in p.procedures.values()}
    docs = session.scalars(select(Document).where(Document.agency_id.in_(p.agency_ids))).all()
    statuses = {d.number: (d.status, d.status_since, d.status_reason, d.status_flags) for d in docs}
    proc_ids = {pr.id for pr in p.procedures.values()}
    tasks = set()
    for t in session.scalars(select(ReviewTask)):
        if t.document_id in names or t.procedure_id in proc_ids:
            subject = codes[t.procedure_id] if t.procedure_id else names[t.document_id]
            tasks.add(
                (
                    t.kind.value,
                    subject,
                    names.get(t.cause_document_id),
                    t.period,
                    t.opened_on,
                    t.due_on,
                    t.escalated_on,
                    t.reason_vi,
                    t.status.value,
                )
            )
    ubnd = p.agencies["UBND"].id
    annual = reports.annual_list(session, year=2025, agency_id=ubnd)
    lists = {
        code: [(e.number, e.on, e.reason, e.provisions) for e in lst.entries]
        for code, lst in annual.lists.items()
    }
    stats = reports.statistics(session, start=date(2025, 1, 1), end=LAST_DAY, agency_ids=p.agency_ids)
    return {
        "statuses": statuses,
        "tasks": tasks,
        "lists": lists,
        "stats": {k: v for k, v in stats.as_dict().items() if k != "issued_by_agency"},
    }


def test_replay_day_by_day_equals_one_run(session):  # type: ignore[no-untyped-def]
    replayed = build_province(session, "R")
    day = FIRST_DAY
    while day <= LAST_DAY:
        services.run_daily(session, today=day, cutover=CUTOVER, settings=SETTINGS)
        day += timedelta(days=1)
    a = snapshot(session, replayed)

    once = build_province(session, "S")
    services.run_daily(session, today=LAST_DAY, cutover=CUTOVER, settings=SETTINGS)
    b = snapshot(session, once)

    assert a["statuses"] == b["statuses"]
    assert _retag(a["tasks"], "R") == _retag(b["tasks"], "S")
    assert a["lists"] == b["lists"]
    assert a["stats"] == b["stats"]
    assert len(a["tasks"]) >= 8


def _retag(tasks: set[tuple[Any, ...]], prefix: str) -> set[tuple[Any, ...]]:
    return {tuple(x.replace(f".{prefix}", ".X") if isinstance(x, str) else x for x in t) for t in tasks}
