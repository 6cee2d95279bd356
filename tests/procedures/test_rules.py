"""Pure rules: health from the bases' states, status from announcements, text helpers."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from registry.documents.validity import Status
from registry.procedures.health import HEALTH_ORDER, BasisState, basis_health, basis_level
from registry.procedures.lifecycle import Step, status_from_announcements
from registry.procedures.models import AnnouncementAction, Health, ProcedureStatus
from registry.procedures.text import days_in, fold, national_code, parse_basis_text, valid_code

D = date(2026, 1, 1)


def test_all_bases_in_force_is_ok():
    health, vi, en = basis_health(
        [BasisState("106/2024/NĐ-CP", Status.IN_FORCE), BasisState("63/2010/NĐ-CP", Status.IN_FORCE)]
    )
    assert health is Health.OK
    assert "còn hiệu lực" in vi and "in force" in en


def test_replaced_basis_is_broken_and_named_in_the_reason():
    replaced = BasisState(
        "106/2024/NĐ-CP",
        Status.EXPIRED,
        reason="bị thay thế bởi 200/2026/NĐ-CP từ 01/02/2026",
        reason_en="replaced by 200/2026/NĐ-CP from 01/02/2026",
    )
    health, vi, en = basis_health([BasisState("63/2010/NĐ-CP", Status.IN_FORCE), replaced])
    assert health is Health.BROKEN
    assert vi == "Căn cứ 106/2024/NĐ-CP bị thay thế bởi 200/2026/NĐ-CP từ 01/02/2026"
    assert en == "Basis 106/2024/NĐ-CP replaced by 200/2026/NĐ-CP from 01/02/2026"


def test_suspended_basis_is_broken():
    assert basis_health([BasisState("1/2020/QĐ-UBND", Status.SUSPENDED)])[0] is Health.BROKEN


def test_partial_and_not_yet_effective_need_attention():
    for status in (Status.PARTLY_EXPIRED, Status.PARTLY_SUSPENDED, Status.NOT_YET_EFFECTIVE, Status.UNKNOWN):
        health, vi, _en = basis_health([BasisState("5/2025/QĐ-UBND", status)])
        assert health is Health.ATTENTION, status
        assert "5/2025/QĐ-UBND" in vi


def test_amendment_needs_attention_unless_checked_since():
    amended = BasisState(
        "106/2024/NĐ-CP", Status.IN_FORCE, amended_on=date(2025, 6, 1), amended_by="50/2025/NĐ-CP"
    )
    health, vi, en = basis_health([amended])
    assert health is Health.ATTENTION
    assert vi == "Căn cứ 106/2024/NĐ-CP được sửa đổi, bổ sung bởi 50/2025/NĐ-CP từ 01/06/2025"
    assert "amended by 50/2025/NĐ-CP" in en
    assert basis_health([amended], checked_since=date(2025, 6, 1))[0] is Health.OK
    assert basis_health([amended], checked_since=date(2025, 5, 31))[0] is Health.ATTENTION


def test_upcoming_replacement_needs_attention():
    b = BasisState(
        "106/2024/NĐ-CP",
        Status.IN_FORCE,
        upcoming=Status.EXPIRED,
        upcoming_on=date(2027, 1, 1),
        upcoming_reason="bị thay thế bởi 9/2026/NĐ-CP từ 01/01/2027",
    )
    health, vi, _ = basis_level(b)
    assert (
        health is Health.ATTENTION
        and vi == "Căn cứ 106/2024/NĐ-CP sẽ bị thay thế bởi 9/2026/NĐ-CP từ 01/01/2027"
    )


def test_unregistered_basis_and_no_basis_need_attention():
    assert basis_health([BasisState("999/2025/NĐ-CP", None)])[0] is Health.ATTENTION
    health, vi, _ = basis_health([])
    assert health is Health.ATTENTION and "chưa có căn cứ" in vi


STATES = st.builds(
    BasisState,
    number=st.sampled_from(["1/2020/NĐ-CP", "2/2021/TT-BTP", "3/2022/QĐ-UBND"]),
    status=st.one_of(st.none(), st.sampled_from(list(Status))),
    amended_on=st.one_of(st.none(), st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 1, 1))),
)


@given(st.lists(STATES, min_size=1, max_size=6))
def test_worst_basis_decides_whatever_the_order(bases):
    health = basis_health(bases)[0]
    assert health is max((basis_level(b)[0] for b in bases), key=HEALTH_ORDER.__getitem__)
    assert basis_health(list(reversed(bases)))[0] is health
    if any(b.status in (Status.EXPIRED, Status.SUSPENDED) for b in bases):
        assert health is Health.BROKEN


def _s(day: int, seq: int, action: str) -> Step:
    return Step(on=date(2024, 1, day), seq=seq, action=AnnouncementAction(action))


def test_status_follows_announcements():
    assert status_from_announcements([], today=D) is None
    life = status_from_announcements([_s(5, 1, "new")], today=D)
    assert (life.status, life.active_since, life.repealed_on) == (
        ProcedureStatus.ACTIVE,
        date(2024, 1, 5),
        None,
    )
    life = status_from_announcements([_s(5, 1, "new"), _s(9, 2, "amended"), _s(20, 3, "repealed")], today=D)
    assert (life.status, life.repealed_on) == (ProcedureStatus.REPEALED, date(2024, 1, 20))
    # announced again after the repeal: active again, since the new announcement
    life = status_from_announcements([_s(5, 1, "new"), _s(20, 3, "repealed"), _s(25, 4, "new")], today=D)
    assert (life.status, life.active_since, life.repealed_on) == (
        ProcedureStatus.ACTIVE,
        date(2024, 1, 25),
        None,
    )


def test_a_repeal_dated_later_than_today_does_not_count_yet():
    steps = [_s(5, 1, "new"), _s(20, 2, "repealed")]
    assert status_from_announcements(steps, today=date(2024, 1, 19)).status is ProcedureStatus.ACTIVE
    assert status_from_announcements(steps, today=date(2024, 1, 20)).status is ProcedureStatus.REPEALED


@given(st.permutations([_s(5, 1, "new"), _s(9, 2, "amended"), _s(20, 3, "repealed")]))
def test_status_does_not_depend_on_the_order_given(steps):
    assert status_from_announcements(steps, today=D).status is ProcedureStatus.REPEALED


def test_text_helpers():
    assert fold("Đăng ký khai sinh") == "dang ky khai sinh"
    assert fold("  ĐĂNG   KÝ ") == "dang ky"
    assert valid_code("1.002425.000.00.00.H47") and valid_code("2.000815")
    assert not valid_code("1.00242") and not valid_code("abc") and not valid_code("")
    assert national_code("1.002425.000.00.00.H47") == "1.002425"
    assert days_in("20 ngày kể từ khi nhận được hồ sơ hợp lệ") == 20 and days_in("Trong ngày") is None
    assert parse_basis_text(
        "Điều 7, Điều 8, Điều 14, Nghị định số 106/2024/NĐ-CP ngày 01 tháng 8 năm 2024 của Chính phủ"
    ) == [{"number": "106/2024/NĐ-CP", "provisions": "Điều 7, Điều 8, Điều 14", "title": ""}]
    two = parse_basis_text(
        "- Nghị định số 23/2015/NĐ-CP ngày 16/02/2015. - Thông tư số 01/2020/TT-BTP ngày 03/3/2020"
    )
    assert [b["number"] for b in two] == ["23/2015/NĐ-CP", "01/2020/TT-BTP"]
    assert parse_basis_text("Luật Hộ tịch") == [{"number": "", "provisions": "", "title": "Luật Hộ tịch"}]


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    assert fold(fold(text)) == fold(text)
