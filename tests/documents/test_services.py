"""The documents services against a real database: the Tây Ninh chain, consistency checks, resolution."""

from __future__ import annotations

from datetime import date

import pytest

from registry.documents import services
from registry.documents import validity as v
from registry.documents.models import Relation
from registry.errors import DuplicateNumber, StaleUpdate
from tests.factories import make_document

TODAY = date(2026, 11, 22)


@pytest.fixture
def tay_ninh(session, agencies):
    ubnd = agencies["UBND-TNH"]
    doc = make_document(
        session,
        "30/2013/QĐ-UBND",
        agency=ubnd,
        issued_on=date(2013, 7, 9),
        effective_on=date(2013, 7, 19),
        summary="Ban hành Quy định về quản lý tạm trú",
    )
    d79 = make_document(
        session, "79/2014/QĐ-UBND", agency=ubnd, issued_on=date(2014, 12, 30), effective_on=date(2015, 1, 9)
    )
    d413 = make_document(
        session,
        "413/QĐ-UBND",
        agency=ubnd,
        issued_on=date(2015, 2, 27),
        effective_on=date(2015, 2, 27),
        normative=False,
    )
    d14_17 = make_document(
        session, "14/2017/QĐ-UBND", agency=ubnd, issued_on=date(2017, 5, 9), effective_on=date(2017, 5, 19)
    )
    d14_19 = make_document(
        session, "14/2019/QĐ-UBND", agency=ubnd, issued_on=date(2019, 4, 26), effective_on=date(2019, 5, 6)
    )
    services.add_relation(session, d79, v.RelationKind.AMENDS, target=doc, today=TODAY)
    services.record_event(
        session,
        doc,
        v.EventKind.PARTLY_EXPIRED,
        date(2015, 2, 27),
        cause=d413,
        provisions="Điều 5",
        today=TODAY,
    )
    services.add_relation(session, d14_17, v.RelationKind.AMENDS, target=doc, today=TODAY)
    services.add_relation(session, d14_19, v.RelationKind.REPLACES, target=doc, today=TODAY)
    return doc


def test_tay_ninh_chain_status_on_each_day(session, tay_ninh):
    expected = {
        date(2013, 7, 15): v.Status.NOT_YET_EFFECTIVE,
        date(2015, 1, 1): v.Status.IN_FORCE,
        date(2015, 3, 1): v.Status.PARTLY_EXPIRED,
        TODAY: v.Status.EXPIRED,
    }
    for day, status in expected.items():
        assert services.status_on_day(session, tay_ninh.id, day).status == status, day
    session.refresh(tay_ninh)
    assert tay_ninh.status == v.Status.EXPIRED
    assert "14/2019/QĐ-UBND" in tay_ninh.status_reason and "06/05/2019" in tay_ninh.status_reason


def test_as_of_list_shows_status_on_that_day(session, tay_ninh):
    from registry.documents.queries import DocumentFilter, list_documents

    rows = session.execute(list_documents(DocumentFilter(as_of=date(2015, 3, 1), q="30/2013"))).all()
    assert [(d.number, st) for d, st, _r in rows] == [("30/2013/QĐ-UBND", v.Status.PARTLY_EXPIRED)]
    rows = session.execute(
        list_documents(DocumentFilter(as_of=date(2015, 3, 1), statuses=["in_force"]))
    ).all()
    assert "30/2013/QĐ-UBND" not in [d.number for d, *_ in rows]


def test_duplicate_number_same_body_and_year_is_refused(session, agencies):
    make_document(
        session,
        "12/2023/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2023, 3, 1),
        effective_on=date(2023, 3, 11),
    )
    with pytest.raises(DuplicateNumber) as err:
        make_document(
            session,
            "12/2023/qđ-ubnd",
            agency=agencies["UBND-TNH"],
            issued_on=date(2023, 3, 1),
            effective_on=date(2023, 3, 11),
        )
    assert "đã được đăng ký" in err.value.message


def test_administrative_number_may_recur_in_another_year(session, agencies):
    make_document(session, "3218/QĐ-UBND", agency=agencies["UBND-TNH"], issued_on=date(2023, 11, 18))
    again = make_document(session, "3218/QĐ-UBND", agency=agencies["UBND-TNH"], issued_on=date(2024, 11, 18))
    assert again.id


def test_effective_before_issue_is_refused(session, agencies):
    with pytest.raises(services.ConsistencyError) as err:
        make_document(
            session,
            "1/2024/QĐ-UBND",
            agency=agencies["UBND-TNH"],
            issued_on=date(2024, 3, 1),
            effective_on=date(2024, 2, 1),
        )
    assert err.value.problems[0].code == "effective_before_issue"


def test_relation_to_itself_and_replacement_cycle_are_refused(session, agencies):
    a = make_document(
        session,
        "1/2020/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2020, 1, 1),
        effective_on=date(2020, 1, 11),
    )
    b = make_document(
        session,
        "2/2021/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2021, 1, 1),
        effective_on=date(2021, 1, 11),
    )
    with pytest.raises(services.ConsistencyError) as err:
        services.add_relation(session, a, v.RelationKind.AMENDS, target=a)
    assert err.value.problems[0].code == "self_relation"
    services.add_relation(session, b, v.RelationKind.REPLACES, target=a)
    with pytest.raises(services.ConsistencyError) as err:
        services.add_relation(session, a, v.RelationKind.REPLACES, target=b, confirmed=True)
    assert err.value.problems[0].code == "replacement_cycle"


def test_basis_expired_when_issued_warns(session, agencies):
    old = make_document(
        session,
        "5/2010/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2010, 1, 1),
        effective_on=date(2010, 1, 11),
        expires_on=date(2015, 1, 1),
    )
    new = make_document(
        session,
        "6/2018/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2018, 1, 1),
        effective_on=date(2018, 1, 11),
    )
    with pytest.raises(services.ConsistencyError) as err:
        services.add_relation(session, new, v.RelationKind.BASIS, target=old)
    assert err.value.code == "needs_confirmation"
    assert err.value.problems[0].code == "expired_basis"
    rel = services.add_relation(session, new, v.RelationKind.BASIS, target=old, confirmed=True)
    assert rel.target_id == old.id


def test_citation_by_number_resolves_when_registered(session, agencies):
    src = make_document(
        session,
        "7/2022/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2022, 6, 1),
        effective_on=date(2022, 6, 11),
    )
    rel = services.add_relation(session, src, v.RelationKind.REPLACES, target_number="3/2015/qđ-ubnd")
    assert rel.target_id is None
    target = make_document(
        session,
        "3/2015/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2015, 4, 1),
        effective_on=date(2015, 4, 11),
    )
    session.refresh(rel)
    assert rel.target_id == target.id
    session.refresh(target)
    assert target.status == v.Status.EXPIRED


def test_detailing_document_expires_with_parent_before_cutover_only(session, agencies):
    ubnd = agencies["UBND-TNH"]
    parent = make_document(
        session,
        "1/2016/NQ-HĐND",
        agency=agencies["HDND-TNH"],
        issued_on=date(2016, 1, 1),
        effective_on=date(2016, 1, 11),
        doc_type="NQ",
    )
    child = make_document(
        session, "9/2016/QĐ-UBND", agency=ubnd, issued_on=date(2016, 2, 1), effective_on=date(2016, 2, 11)
    )
    services.add_relation(session, child, v.RelationKind.DETAILS, target=parent)
    services.record_event(session, parent, v.EventKind.EXPIRED, date(2024, 6, 1), today=TODAY)
    session.refresh(child)
    assert child.status == v.Status.EXPIRED

    parent2 = make_document(
        session,
        "2/2017/NQ-HĐND",
        agency=agencies["HDND-TNH"],
        issued_on=date(2017, 1, 1),
        effective_on=date(2017, 1, 11),
        doc_type="NQ",
    )
    child2 = make_document(
        session, "9/2017/QĐ-UBND", agency=ubnd, issued_on=date(2017, 2, 1), effective_on=date(2017, 2, 11)
    )
    services.add_relation(session, child2, v.RelationKind.DETAILS, target=parent2)
    services.record_event(session, parent2, v.EventKind.EXPIRED, date(2025, 6, 1), today=TODAY)
    session.refresh(child2)
    assert child2.status == v.Status.IN_FORCE
    assert "parent_expired_review" in child2.status_flags


def test_preview_shows_consequences_and_changes_nothing(session, agencies):
    ubnd = agencies["UBND-TNH"]
    parent = make_document(
        session,
        "3/2016/NQ-HĐND",
        agency=agencies["HDND-TNH"],
        issued_on=date(2016, 1, 1),
        effective_on=date(2016, 1, 11),
        doc_type="NQ",
    )
    child = make_document(
        session, "10/2016/QĐ-UBND", agency=ubnd, issued_on=date(2016, 2, 1), effective_on=date(2016, 2, 11)
    )
    services.add_relation(session, child, v.RelationKind.DETAILS, target=parent)
    repealer = make_document(
        session,
        "4/2020/NQ-HĐND",
        agency=agencies["HDND-TNH"],
        issued_on=date(2020, 1, 1),
        effective_on=date(2020, 1, 11),
        doc_type="NQ",
    )
    impact = services.preview(
        session,
        lambda: services.add_relation(session, repealer, v.RelationKind.REPEALS, target=parent, today=TODAY),
        today=TODAY,
    )
    assert {(c.number, c.after) for c in impact.changes} == {
        ("3/2016/NQ-HĐND", v.Status.EXPIRED),
        ("10/2016/QĐ-UBND", v.Status.EXPIRED),
    }
    session.refresh(parent)
    assert parent.status == v.Status.IN_FORCE
    assert session.query(Relation).filter_by(source_id=repealer.id).count() == 0


def test_stale_update_is_refused(session, agencies):
    doc = make_document(
        session,
        "8/2022/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2022, 6, 1),
        effective_on=date(2022, 6, 11),
    )
    version = doc.version
    services.update_document(session, doc, {"summary": "Sửa lần 1"}, expected_version=version)
    with pytest.raises(StaleUpdate):
        services.update_document(session, doc, {"summary": "Sửa lần 2"}, expected_version=version)


def test_correction_voids_event_and_is_audited(session, agencies):
    from registry.accounts.models import AuditEntry

    doc = make_document(
        session,
        "9/2022/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2022, 6, 1),
        effective_on=date(2022, 6, 11),
    )
    ev = services.record_event(session, doc, v.EventKind.EXPIRED, date(2023, 1, 1), today=TODAY)
    session.refresh(doc)
    assert doc.status == v.Status.EXPIRED
    services.correct_event(session, ev, reason="Nhập nhầm văn bản", today=TODAY)
    session.refresh(doc)
    assert doc.status == v.Status.IN_FORCE
    session.flush()
    entries = session.query(AuditEntry).filter_by(entity_type="validity_events", entity_id=ev.id).all()
    assert {e.action for e in entries} == {"create", "update"}
    update = next(e for e in entries if e.action == "update")
    assert update.after["void_reason"] == "Nhập nhầm văn bản"


def test_detailing_chain_and_deferred_recompute(session, agencies):
    """A detailing document of a detailing document follows its grandparent, also when computed in bulk."""
    ubnd, hdnd = agencies["UBND-TNH"], agencies["HDND-TNH"]
    with services.deferred_recompute(session, today=TODAY):
        law = make_document(
            session,
            "5/2016/NQ-HĐND",
            agency=hdnd,
            issued_on=date(2016, 1, 1),
            effective_on=date(2016, 1, 11),
            doc_type="NQ",
        )
        child = make_document(
            session,
            "11/2016/QĐ-UBND",
            agency=ubnd,
            issued_on=date(2016, 2, 1),
            effective_on=date(2016, 2, 11),
        )
        grandchild = make_document(
            session,
            "12/2016/QĐ-UBND",
            agency=ubnd,
            issued_on=date(2016, 3, 1),
            effective_on=date(2016, 3, 11),
        )
        services.add_relation(session, grandchild, v.RelationKind.DETAILS, target=child)
        services.add_relation(session, child, v.RelationKind.DETAILS, target=law)
        services.record_event(session, law, v.EventKind.EXPIRED, date(2020, 1, 1))
        session.refresh(grandchild)
        assert grandchild.status == v.Status.UNKNOWN  # nothing computed inside the block
    session.refresh(child)
    session.refresh(grandchild)
    assert child.status == v.Status.EXPIRED
    assert grandchild.status == v.Status.EXPIRED
    assert services.status_on_day(session, grandchild.id, date(2019, 12, 31)).status == v.Status.IN_FORCE


def test_details_relation_added_after_the_parent_expired(session, agencies):
    parent = make_document(
        session,
        "6/2016/NQ-HĐND",
        agency=agencies["HDND-TNH"],
        issued_on=date(2016, 1, 1),
        effective_on=date(2016, 1, 11),
        doc_type="NQ",
        expires_on=date(2020, 1, 1),
    )
    child = make_document(
        session,
        "13/2016/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2016, 2, 1),
        effective_on=date(2016, 2, 11),
    )
    services.add_relation(session, child, v.RelationKind.DETAILS, target=parent, today=TODAY)
    session.refresh(child)
    assert child.status == v.Status.EXPIRED
