"""Procedures services against a real database: status from announcements, bases, health, stale edits."""

from __future__ import annotations

from datetime import date

import pytest

from registry.documents import services as doc_services
from registry.documents import validity as v
from registry.errors import Conflict, DomainError, StaleUpdate
from registry.procedures import services
from registry.procedures.models import Health, ProcedureStatus
from tests.factories import make_document
from tests.procedures.conftest import CODE_1, CODE_2, TODAY, make_procedure


def test_announcement_creates_active_procedures_with_resolved_bases(session, announced):
    p1, p2 = announced["p1"], announced["p2"]
    assert p1.status is ProcedureStatus.ACTIVE and p1.active_since == date(2024, 11, 18)
    assert p1.bases[0].document_id == announced["106"].id and p1.bases[0].provisions == "Điều 8, Điều 14"
    assert [c.channel.value for c in p1.channels] == ["direct", "postal", "online"]
    assert p1.channels[0].time_limit_days == 90
    assert p1.health is Health.OK and p2.health is Health.OK
    assert announced["3218"].announces_procedures


def test_a_later_decision_repeals_procedures_of_an_earlier_one(session, announced, agencies):
    later = make_document(
        session,
        "1766/QĐ-UBND",
        agency=agencies["CT-UBND-TNH"],
        issued_on=date(2025, 8, 3),
        effective_on=date(2025, 8, 3),
        normative=False,
    )
    services.register_announcement(
        session,
        later,
        [
            {"procedure_code": CODE_1, "action": "repealed", "cause_number": "106/2024/NĐ-CP"},
            {"procedure_code": CODE_2, "action": "amended", "changes": "Thời hạn giải quyết: 30 ngày"},
            {
                "procedure_code": "",
                "procedure_name": "Chứng thực chữ ký (không có mã số)",
                "action": "repealed",
            },
        ],
        today=TODAY,
    )
    p1, p2 = announced["p1"], announced["p2"]
    session.refresh(p1)
    session.refresh(p2)
    assert (p1.status, p1.repealed_on) == (ProcedureStatus.REPEALED, date(2025, 8, 3))
    assert (p2.status, p2.active_since, p2.repealed_on) == (ProcedureStatus.ACTIVE, date(2024, 11, 18), None)


def test_status_uses_the_decisions_dates_not_the_order_of_registration(session, announced, agencies):
    # an older decision registered later does not undo the newer one
    older = make_document(
        session, "900/QĐ-UBND", agency=agencies["CT-UBND-TNH"], issued_on=date(2023, 1, 5), normative=False
    )
    services.register_announcement(
        session, older, [{"procedure_code": CODE_1, "action": "repealed"}], today=TODAY
    )
    p1 = announced["p1"]
    session.refresh(p1)
    assert p1.status is ProcedureStatus.ACTIVE


def test_announcement_refuses_bad_rows_and_a_second_registration(session, announced, agencies):
    dec = make_document(
        session, "55/QĐ-UBND", agency=agencies["CT-UBND-TNH"], issued_on=date(2025, 2, 1), normative=False
    )
    with pytest.raises(DomainError) as err:
        services.register_announcement(
            session,
            dec,
            [
                {"procedure_code": CODE_1, "action": "amended"},
                {"procedure_code": CODE_1, "action": "repealed"},
                {"procedure_code": "1.999999", "action": "amended"},
                {"procedure_code": CODE_2, "action": "bogus"},
            ],
            today=TODAY,
        )
    assert set(err.value.details["rows"]) == {1, 2, 3}
    with pytest.raises(Conflict):
        services.register_announcement(
            session, announced["3218"], [{"procedure_code": CODE_1, "action": "new"}]
        )


def test_basis_cited_by_number_is_resolved_when_registered(session, agencies):
    proc = make_procedure(session, bases=[{"number": "123/2025/nđ-cp", "provisions": "Điều 3"}])
    assert proc.bases[0].document_id is None and proc.health is Health.ATTENTION
    assert "123/2025/NĐ-CP" in proc.health_reason or "123/2025/nđ-cp" in proc.health_reason
    doc = make_document(
        session,
        "123/2025/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2025, 3, 1),
        effective_on=date(2025, 4, 15),
    )
    session.refresh(proc)
    assert proc.bases[0].document_id == doc.id
    assert proc.health is Health.OK


def test_basis_with_another_issue_date_is_not_resolved(session, agencies):
    proc = make_procedure(session, bases=[{"number": "5/QĐ-UBND", "issued_on": date(2020, 1, 2)}])
    make_document(
        session, "5/QĐ-UBND", agency=agencies["UBND-TNH"], issued_on=date(2021, 1, 4), normative=False
    )
    session.refresh(proc)
    assert proc.bases[0].document_id is None


def test_codes_are_unique_and_checked(session, agencies):
    make_procedure(session)
    with pytest.raises(Conflict):
        make_procedure(session)
    with pytest.raises(DomainError) as err:
        make_procedure(session, code="1.23")
    assert err.value.field == "code"


def test_stale_update_is_refused_and_rows_only_edit_bumps_version(session, agencies):
    proc = make_procedure(session)
    v1 = proc.version
    services.update_procedure(
        session, proc, {}, expected_version=v1, dossier=[{"name": "Giấy chứng sinh"}], today=TODAY
    )
    assert proc.version == v1 + 1 and [d.name for d in proc.dossier] == ["Giấy chứng sinh"]
    with pytest.raises(StaleUpdate):
        services.update_procedure(session, proc, {"name": "X"}, expected_version=v1, today=TODAY)


def test_health_refresh_does_not_bump_version(session, announced):
    p1 = announced["p1"]
    before = p1.version
    services.refresh_health(session, [p1.id], today=TODAY, force=True)
    assert p1.version == before


def test_replacing_a_basis_breaks_the_procedures_at_once(session, announced, agencies):
    new = make_document(
        session,
        "200/2026/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2026, 1, 1),
        effective_on=date(2026, 2, 1),
    )
    doc_services.add_relation(session, new, v.RelationKind.REPLACES, target=announced["106"], today=TODAY)
    for p in (announced["p1"], announced["p2"]):
        session.refresh(p)
        assert p.health is Health.BROKEN
        assert p.health_reason == "Căn cứ 106/2024/NĐ-CP bị thay thế bởi 200/2026/NĐ-CP từ 01/02/2026"
    assert {p.id for p in services.procedures_based_on(session, [announced["106"].id])} == {
        announced["p1"].id,
        announced["p2"].id,
    }


def test_amending_a_basis_asks_for_attention_on_commit(session, announced, agencies):
    amending = make_document(
        session,
        "60/2025/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2025, 3, 1),
        effective_on=date(2025, 4, 1),
    )
    doc_services.add_relation(session, amending, v.RelationKind.AMENDS, target=announced["106"], today=TODAY)
    session.commit()  # a savepoint in tests: the before-commit hook runs
    p1 = announced["p1"]
    session.refresh(p1)
    assert p1.health is Health.ATTENTION
    assert "sửa đổi, bổ sung bởi 60/2025/NĐ-CP từ 01/04/2025" in p1.health_reason
    services.mark_reviewed(session, p1, on=date(2025, 5, 1), today=TODAY)
    assert p1.health is Health.OK


def test_partly_expired_basis_needs_attention(session, announced):
    doc_services.record_event(
        session,
        announced["106"],
        v.EventKind.PARTLY_EXPIRED,
        date(2025, 1, 1),
        provisions="Điều 7",
        today=TODAY,
    )
    session.refresh(announced["p1"])
    assert announced["p1"].health is Health.ATTENTION
    assert "Căn cứ 106/2024/NĐ-CP hết hiệu lực một phần" in announced["p1"].health_reason


def test_impact_preview_lists_procedures_that_would_break(session, announced, agencies):
    new = make_document(
        session,
        "201/2026/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2026, 1, 1),
        effective_on=date(2026, 2, 1),
    )
    impact = doc_services.preview(
        session,
        lambda: doc_services.add_relation(
            session, new, v.RelationKind.REPEALS, target=announced["106"], today=TODAY
        ),
        today=TODAY,
    )
    rows = impact.extra["procedures"]
    assert {r["label"].split(" — ")[0] for r in rows} == {CODE_1, CODE_2}
    assert all("Căn cứ pháp lý còn hiệu lực" in r["detail"] or "→" in r["detail"] for r in rows)
    session.refresh(announced["p1"])
    assert announced["p1"].health is Health.OK  # nothing changed


def test_draft_procedure_keeps_manual_status_until_announced(session, agencies):
    proc = make_procedure(session, data={"status": "active", "active_since": date(2020, 1, 1)})
    assert proc.status is ProcedureStatus.ACTIVE
    services.update_procedure(
        session,
        proc,
        {"status": "repealed", "repealed_on": date(2021, 1, 1)},
        expected_version=proc.version,
        today=TODAY,
    )
    assert proc.status is ProcedureStatus.REPEALED
