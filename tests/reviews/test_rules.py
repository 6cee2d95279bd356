"""The pure rules: dedupe keys, calendar arithmetic, reasons."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from registry.reviews import rules as r


def test_task_key_names_kind_subject_cause_and_period() -> None:
    assert r.task_key("basis_changed", None, 12, 40, date(2019, 5, 6)) == "basis_changed:p12:d40:2019-05-06"
    assert (
        r.task_key(r.TaskKind.EXPIRY_WARNING, 7, None, None, date(2025, 1, 2))
        == "expiry_warning:d7:-:2025-01-02"
    )


def test_add_months_clamps_to_month_end() -> None:
    assert r.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert r.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert r.add_months(date(2024, 11, 15), 12) == date(2025, 11, 15)
    assert r.add_months(date(2024, 12, 1), 6) == date(2025, 6, 1)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(min_value=0, max_value=120)
)
def test_add_months_moves_whole_months(day: date, months: int) -> None:
    later = r.add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day <= day.day


def test_dates_of_warnings_deadlines_and_escalation() -> None:
    assert r.expiry_warning_day(date(2025, 5, 20), 30) == date(2025, 4, 20)
    assert r.announcement_deadline(date(2025, 5, 15), 20) == date(2025, 4, 25)
    assert r.escalation_day(date(2025, 3, 31), 7) == date(2025, 4, 7)
    assert not r.is_overdue(date(2025, 3, 31), date(2025, 3, 31))
    assert r.is_overdue(date(2025, 3, 31), date(2025, 3, 31) + timedelta(days=1))


def test_reasons_say_why_in_both_languages() -> None:
    t = r.Trigger(1, "10/2024/NĐ-CP", date(2025, 3, 1), r.Change.EXPIRED, "20/2025/NĐ-CP")
    vi, en = r.reason_basis_changed(t, "1.001 — Cấp phép")
    assert vi == (
        "Căn cứ pháp lý 10/2024/NĐ-CP của thủ tục 1.001 — Cấp phép hết hiệu lực toàn bộ từ 01/03/2025 "
        "(theo 20/2025/NĐ-CP): rà soát thủ tục."
    )
    assert "wholly expired on 01/03/2025 (by 20/2025/NĐ-CP)" in en


def test_settings_from_config() -> None:
    s = r.ReviewSettings.from_config(
        {"REVIEW_DUE_DAYS": 10, "ESCALATE_AFTER_DAYS": 3, "REVIEWS_SINCE": "2025-01-01"}
    )
    assert (s.due_days, s.escalate_after_days, s.since) == (10, 3, date(2025, 1, 1))
    assert r.ReviewSettings.from_config({}).review_cycle_months == 12
