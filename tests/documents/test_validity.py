"""The validity engine on plain values: the Tây Ninh chain of DOMAIN.md §6 and each rule, one at a time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from registry.documents.validity import (
    DEFAULT_CUTOVER,
    EVENT_LABELS,
    FLAG_PARENT_EXPIRED_REVIEW,
    RELATION_LABELS,
    RELATION_LABELS_EN,
    SAME_DAY_ORDER,
    STATUS_CHANGING_RELATIONS,
    STATUS_LABELS,
    Event,
    EventKind,
    Facts,
    Period,
    RelationKind,
    Status,
    StatusAt,
    compile_events,
    first_day_with,
    parent_expiry_event,
    periods,
    relation_event,
    status_on,
    timeline,
)

D = date
K = EventKind

# --------------------------------------------------------------------------------------------------------
# Tây Ninh QĐ 30/2013/QĐ-UBND (DOMAIN.md §6)

TAY_NINH = Facts(issued_on=D(2013, 7, 9), effective_on=D(2013, 7, 19))
TAY_NINH_EVENTS = [
    Event(D(2015, 1, 9), K.AMENDED, cause_id=2, cause_number="79/2014/QĐ-UBND", origin="relation"),
    Event(D(2015, 2, 27), K.PARTLY_EXPIRED, cause_id=3, cause_number="413/QĐ-UBND", origin="relation"),
    Event(D(2017, 5, 19), K.AMENDED, cause_id=4, cause_number="14/2017/QĐ-UBND", origin="relation"),
    Event(D(2019, 5, 6), K.REPLACED, cause_id=5, cause_number="14/2019/QĐ-UBND", origin="relation"),
]


@pytest.mark.parametrize(
    ("day", "expected", "since"),
    [
        (D(2013, 7, 15), Status.NOT_YET_EFFECTIVE, None),
        (D(2015, 1, 1), Status.IN_FORCE, D(2013, 7, 19)),
        (D(2015, 3, 1), Status.PARTLY_EXPIRED, D(2015, 2, 27)),
        (date.today(), Status.EXPIRED, D(2019, 5, 6)),
    ],
)
def test_tay_ninh_chain(day: date, expected: Status, since: date | None) -> None:
    state = status_on(TAY_NINH, TAY_NINH_EVENTS, day)
    assert state.status is expected
    assert state.since == since


def test_tay_ninh_today_names_the_replacing_decision() -> None:
    state = status_on(TAY_NINH, TAY_NINH_EVENTS, date.today())
    assert state.event is not None and state.event.cause_number == "14/2019/QĐ-UBND"
    assert state.reason() == "bị thay thế bởi 14/2019/QĐ-UBND từ 06/05/2019"
    assert state.reason("en") == "replaced by 14/2019/QĐ-UBND from 06/05/2019"
    assert state.describe() == "Hết hiệu lực toàn bộ — bị thay thế bởi 14/2019/QĐ-UBND từ 06/05/2019"
    assert state.describe("en") == "Wholly expired — replaced by 14/2019/QĐ-UBND from 06/05/2019"


def test_tay_ninh_reasons_on_the_other_dates() -> None:
    before = status_on(TAY_NINH, TAY_NINH_EVENTS, D(2013, 7, 15))
    assert before.reason() == "chưa có hiệu lực (có hiệu lực từ 19/07/2013)"
    assert before.reason("en") == "not yet in force (takes effect on 19/07/2013)"
    assert before.describe() == "Chưa có hiệu lực — có hiệu lực từ 19/07/2013"
    in_force = status_on(TAY_NINH, TAY_NINH_EVENTS, D(2015, 1, 1))
    assert in_force.reason() == "có hiệu lực từ 19/07/2013"
    assert in_force.reason("en") == "in force from 19/07/2013"
    partly = status_on(TAY_NINH, TAY_NINH_EVENTS, D(2015, 3, 1))
    assert partly.reason() == "hết hiệu lực một phần theo 413/QĐ-UBND từ 27/02/2015"
    # The 2017 amendment keeps the status and its explanation.
    assert status_on(TAY_NINH, TAY_NINH_EVENTS, D(2018, 1, 1)) == partly


def test_tay_ninh_periods_and_timeline() -> None:
    assert [(p.starts_on, p.ends_on, p.state.status) for p in periods(TAY_NINH, TAY_NINH_EVENTS)] == [
        (None, D(2013, 7, 19), Status.NOT_YET_EFFECTIVE),
        (D(2013, 7, 19), D(2015, 2, 27), Status.IN_FORCE),
        (D(2015, 2, 27), D(2019, 5, 6), Status.PARTLY_EXPIRED),
        (D(2019, 5, 6), None, Status.EXPIRED),
    ]
    assert [(t.on, t.event.kind, t.status_after) for t in timeline(TAY_NINH, TAY_NINH_EVENTS)] == [
        (D(2013, 7, 19), K.EFFECTIVE, Status.IN_FORCE),
        (D(2015, 1, 9), K.AMENDED, Status.IN_FORCE),
        (D(2015, 2, 27), K.PARTLY_EXPIRED, Status.PARTLY_EXPIRED),
        (D(2017, 5, 19), K.AMENDED, Status.PARTLY_EXPIRED),
        (D(2019, 5, 6), K.REPLACED, Status.EXPIRED),
    ]
    assert first_day_with({Status.EXPIRED}, TAY_NINH, TAY_NINH_EVENTS) == D(2019, 5, 6)
    assert first_day_with({"partly_expired", "expired"}, TAY_NINH, TAY_NINH_EVENTS) == D(2015, 2, 27)


def test_tay_ninh_from_relations() -> None:
    events = [
        relation_event(
            RelationKind.AMENDS,
            target_side=True,
            source_effective_on=D(2015, 1, 9),
            relation_on=None,
            source_id=2,
            source_number="79/2014/QĐ-UBND",
        ),
        relation_event(
            RelationKind.REPLACES,
            target_side=True,
            source_effective_on=D(2019, 5, 6),
            relation_on=None,
            source_id=5,
            source_number="14/2019/QĐ-UBND",
            ref="relation:9",
        ),
    ]
    assert all(e is not None for e in events)
    state = status_on(TAY_NINH, [e for e in events if e is not None], D(2020, 1, 1))
    assert state.describe() == "Hết hiệu lực toàn bộ — bị thay thế bởi 14/2019/QĐ-UBND từ 06/05/2019"
    assert state.event is not None and state.event.ref == "relation:9"


# --------------------------------------------------------------------------------------------------------
# Start of effect

PLAIN = Facts(issued_on=D(2020, 1, 1), effective_on=D(2020, 1, 11))


def test_not_yet_effective_before_and_in_force_on_the_effective_date() -> None:
    assert status_on(PLAIN, [], D(2020, 1, 10)).status is Status.NOT_YET_EFFECTIVE
    on_day = status_on(PLAIN, [], D(2020, 1, 11))
    assert on_day.status is Status.IN_FORCE
    assert on_day.since == D(2020, 1, 11)
    assert on_day.event is not None and on_day.event.origin == "date"


def test_unknown_without_any_effective_date() -> None:
    facts = Facts(issued_on=D(2020, 1, 1), effective_on=None)
    state = status_on(facts, [Event(D(2021, 1, 1), K.AMENDED)], D(2022, 1, 1))
    assert state == StatusAt(Status.UNKNOWN, None, None)
    assert state.reason() == "" and state.reason("en") == ""
    assert state.describe() == "Chưa xác định"
    assert periods(facts, []) == [Period(None, None, state)]


def test_a_manual_effective_event_makes_the_date_known() -> None:
    facts = Facts(issued_on=D(2020, 1, 1), effective_on=None)
    events = [Event(D(2020, 2, 1), K.EFFECTIVE, note="ngày đăng Công báo")]
    before = status_on(facts, events, D(2020, 1, 15))
    assert before.status is Status.NOT_YET_EFFECTIVE
    assert before.takes_effect_on == D(2020, 2, 1)
    assert status_on(facts, events, D(2020, 2, 1)).status is Status.IN_FORCE


def test_partial_expiry_before_effect_waits_for_the_effect() -> None:
    events = [Event(D(2020, 1, 5), K.PARTLY_REPEALED, cause_number="2/2020/QĐ-UBND")]
    assert status_on(PLAIN, events, D(2020, 1, 6)).status is Status.NOT_YET_EFFECTIVE
    assert status_on(PLAIN, events, D(2020, 1, 11)).status is Status.PARTLY_EXPIRED


# --------------------------------------------------------------------------------------------------------
# End of effect


def test_repeal_before_effect_expires_on_that_day_and_for_good() -> None:
    events = [Event(D(2020, 1, 5), K.REPEALED, cause_number="3/2020/QĐ-UBND")]
    assert status_on(PLAIN, events, D(2020, 1, 4)).status is Status.NOT_YET_EFFECTIVE
    for day in (D(2020, 1, 5), D(2020, 1, 11), D(2030, 1, 1)):
        state = status_on(PLAIN, events, day)
        assert state.status is Status.EXPIRED
        assert state.since == D(2020, 1, 5)
    assert status_on(PLAIN, events, D(2030, 1, 1)).reason() == "bị bãi bỏ bởi 3/2020/QĐ-UBND từ 05/01/2020"


def test_replacement_on_the_effective_day_wins() -> None:
    events = [Event(D(2020, 1, 11), K.REPLACED, cause_number="4/2020/QĐ-UBND")]
    assert status_on(PLAIN, events, D(2020, 1, 11)).status is Status.EXPIRED
    assert [t.status_after for t in timeline(PLAIN, events)] == [Status.IN_FORCE, Status.EXPIRED]


def test_stated_term_expires_the_document() -> None:
    facts = Facts(issued_on=D(2020, 1, 1), effective_on=D(2020, 1, 11), expires_on=D(2020, 12, 31))
    assert status_on(facts, [], D(2020, 12, 30)).status is Status.IN_FORCE
    state = status_on(facts, [], D(2020, 12, 31))
    assert state.status is Status.EXPIRED
    assert state.reason() == "hết thời hạn có hiệu lực từ 31/12/2020"
    assert state.reason("en") == "expired at the end of its stated term, from 31/12/2020"


def test_the_first_whole_expiry_decides() -> None:
    facts = Facts(issued_on=D(2020, 1, 1), effective_on=D(2020, 1, 11), expires_on=D(2022, 1, 1))
    events = [Event(D(2021, 6, 1), K.REPLACED, cause_number="9/2021/QĐ-UBND")]
    state = status_on(facts, events, D(2023, 1, 1))
    assert state.event is not None and state.event.kind is K.REPLACED
    assert state.since == D(2021, 6, 1)


@pytest.mark.parametrize("kind", [K.PARTLY_EXPIRED, K.PARTLY_REPEALED])
def test_partial_effects_give_partly_expired(kind: EventKind) -> None:
    events = [Event(D(2021, 1, 1), kind, cause_number="5/2021/QĐ-UBND", provisions="Điều 8, khoản 2")]
    state = status_on(PLAIN, events, D(2021, 1, 1))
    assert state.status is Status.PARTLY_EXPIRED
    assert "(Điều 8, khoản 2)" in state.reason()


def test_later_partial_expiry_becomes_the_reason_but_not_the_start() -> None:
    events = [
        Event(D(2021, 1, 1), K.PARTLY_REPEALED, cause_number="5/2021/QĐ-UBND"),
        Event(D(2022, 1, 1), K.PARTLY_REPEALED, cause_number="6/2022/QĐ-UBND"),
    ]
    state = status_on(PLAIN, events, D(2022, 6, 1))
    assert state.since == D(2021, 1, 1)
    assert state.reason() == "bị bãi bỏ một phần bởi 6/2022/QĐ-UBND từ 01/01/2022"
    assert [p.starts_on for p in periods(PLAIN, events)] == [
        None,
        D(2020, 1, 11),
        D(2021, 1, 1),
        D(2022, 1, 1),
    ]


# --------------------------------------------------------------------------------------------------------
# Suspension


def test_suspension_holds_until_resumed() -> None:
    events = [
        Event(D(2021, 1, 1), K.SUSPENDED, cause_number="10/QĐ-TTg"),
        Event(D(2021, 6, 1), K.RESUMED, cause_number="20/QĐ-TTg"),
    ]
    suspended = status_on(PLAIN, events, D(2021, 3, 1))
    assert suspended.status is Status.SUSPENDED
    assert suspended.reason() == "bị đình chỉ thi hành bởi 10/QĐ-TTg từ 01/01/2021"
    assert suspended.reason("en") == "suspended by 10/QĐ-TTg from 01/01/2021"
    resumed = status_on(PLAIN, events, D(2021, 6, 1))
    assert resumed.status is Status.IN_FORCE
    assert resumed.since == D(2021, 6, 1)
    assert resumed.reason() == "tiếp tục có hiệu lực theo 20/QĐ-TTg từ 01/06/2021"


def test_resumption_returns_to_partly_expired() -> None:
    events = [
        Event(D(2020, 6, 1), K.PARTLY_REPEALED, cause_number="5/2020/QĐ-UBND"),
        Event(D(2021, 1, 1), K.SUSPENDED),
        Event(D(2021, 6, 1), K.RESUMED),
    ]
    assert status_on(PLAIN, events, D(2021, 3, 1)).status is Status.SUSPENDED
    state = status_on(PLAIN, events, D(2021, 6, 1))
    assert state.status is Status.PARTLY_EXPIRED
    assert state.since == D(2021, 6, 1)
    assert state.event is not None and state.event.cause_number == "5/2020/QĐ-UBND"


def test_suspended_document_can_still_expire() -> None:
    events = [
        Event(D(2021, 1, 1), K.SUSPENDED),
        Event(D(2021, 3, 1), K.REPEALED),
        Event(D(2021, 6, 1), K.RESUMED),
    ]
    assert status_on(PLAIN, events, D(2021, 7, 1)).status is Status.EXPIRED


def test_resumption_never_lifts_a_suspension_of_the_same_day() -> None:
    events = [Event(D(2021, 1, 1), K.SUSPENDED), Event(D(2021, 1, 1), K.RESUMED)]
    assert status_on(PLAIN, events, D(2021, 1, 1)).status is Status.SUSPENDED


def test_suspension_before_effect_shows() -> None:
    events = [Event(D(2020, 1, 5), K.SUSPENDED), Event(D(2020, 2, 1), K.RESUMED)]
    assert status_on(PLAIN, events, D(2020, 1, 5)).status is Status.SUSPENDED
    assert status_on(PLAIN, events, D(2020, 1, 20)).status is Status.SUSPENDED
    after = status_on(PLAIN, events, D(2020, 2, 1))
    assert after.status is Status.IN_FORCE
    assert after.event is not None and after.event.kind is K.RESUMED


def test_partial_suspension_until_resumed() -> None:
    events = [
        Event(D(2021, 1, 1), K.PARTLY_SUSPENDED, cause_number="11/QĐ-TTg", provisions="Điều 3"),
        Event(D(2021, 6, 1), K.RESUMED),
    ]
    state = status_on(PLAIN, events, D(2021, 1, 1))
    assert state.status is Status.PARTLY_SUSPENDED
    assert state.reason() == "bị đình chỉ thi hành một phần (Điều 3) bởi 11/QĐ-TTg từ 01/01/2021"
    assert state.reason("en") == "partly suspended (Điều 3) by 11/QĐ-TTg from 01/01/2021"
    assert status_on(PLAIN, events, D(2021, 6, 1)).status is Status.IN_FORCE


@pytest.mark.parametrize(
    ("stronger", "expected"),
    [
        (K.PARTLY_REPEALED, Status.PARTLY_EXPIRED),
        (K.SUSPENDED, Status.SUSPENDED),
        (K.REPEALED, Status.EXPIRED),
        (K.OBSOLETE, Status.OBSOLETE),
    ],
)
def test_partial_suspension_never_hides_a_stronger_status(stronger: EventKind, expected: Status) -> None:
    for first, second in ((stronger, K.PARTLY_SUSPENDED), (K.PARTLY_SUSPENDED, stronger)):
        events = [Event(D(2021, 1, 1), first), Event(D(2021, 2, 1), second)]
        assert status_on(PLAIN, events, D(2021, 3, 1)).status is expected


# --------------------------------------------------------------------------------------------------------
# Amendments, corrections, obsolete


@pytest.mark.parametrize("kind", [K.AMENDED, K.CORRECTED])
def test_amendments_and_corrections_keep_status_and_show_in_timeline(kind: EventKind) -> None:
    events = [Event(D(2021, 1, 1), kind, cause_number="7/2021/QĐ-UBND")]
    assert status_on(PLAIN, events, D(2021, 1, 1)) == status_on(PLAIN, [], D(2021, 1, 1))
    assert [(t.event.kind, t.status_after) for t in timeline(PLAIN, events)] == [
        (K.EFFECTIVE, Status.IN_FORCE),
        (kind, Status.IN_FORCE),
    ]
    assert len(periods(PLAIN, events)) == 2


def test_obsolete_then_expired() -> None:
    events = [Event(D(2021, 1, 1), K.OBSOLETE, note="rà soát 2020"), Event(D(2022, 1, 1), K.REPEALED)]
    state = status_on(PLAIN, events, D(2021, 6, 1))
    assert state.status is Status.OBSOLETE
    assert state.reason() == "không còn phù hợp từ 01/01/2021"
    assert status_on(PLAIN, events, D(2022, 1, 1)).status is Status.EXPIRED


def test_obsolete_after_expiry_keeps_expired() -> None:
    events = [Event(D(2021, 1, 1), K.REPEALED), Event(D(2022, 1, 1), K.OBSOLETE)]
    state = status_on(PLAIN, events, D(2023, 1, 1))
    assert state.status is Status.EXPIRED
    assert state.event is not None and state.event.kind is K.REPEALED


# --------------------------------------------------------------------------------------------------------
# Re-enactment


def test_explicit_effective_after_expiry_re_enacts() -> None:
    events = [
        Event(D(2020, 6, 1), K.PARTLY_REPEALED),
        Event(D(2021, 1, 1), K.REPEALED),
        Event(D(2022, 1, 1), K.EFFECTIVE, cause_number="1/2022/QĐ-UBND", note="khôi phục"),
    ]
    assert status_on(PLAIN, events, D(2021, 12, 31)).status is Status.EXPIRED
    state = status_on(PLAIN, events, D(2022, 1, 1))
    assert state.status is Status.PARTLY_EXPIRED  # the partial repeal still stands
    assert state.since == D(2022, 1, 1)


def test_resumed_never_revives_an_expired_document() -> None:
    events = [Event(D(2021, 1, 1), K.REPEALED), Event(D(2022, 1, 1), K.RESUMED)]
    assert status_on(PLAIN, events, D(2022, 1, 1)).status is Status.EXPIRED


def test_effective_on_the_day_of_expiry_does_not_revive() -> None:
    events = [Event(D(2021, 1, 1), K.REPEALED), Event(D(2021, 1, 1), K.EFFECTIVE)]
    assert status_on(PLAIN, events, D(2021, 1, 1)).status is Status.EXPIRED


def test_own_effective_date_never_revives() -> None:
    # Took effect early by a manual event, repealed, then the stated effective date comes: still expired.
    events = [Event(D(2020, 1, 2), K.EFFECTIVE), Event(D(2020, 1, 5), K.REPEALED)]
    assert status_on(PLAIN, events, D(2020, 1, 4)).status is Status.IN_FORCE
    assert status_on(PLAIN, events, D(2020, 1, 11)).status is Status.EXPIRED


def test_first_effect_after_a_repeal_does_not_revive() -> None:
    facts = Facts(issued_on=D(2020, 1, 1), effective_on=None)
    events = [Event(D(2020, 1, 5), K.REPEALED), Event(D(2020, 1, 11), K.EFFECTIVE)]
    assert status_on(facts, events, D(2020, 2, 1)).status is Status.EXPIRED


# --------------------------------------------------------------------------------------------------------
# Detailing documents and the 2025 cut-over


def _parent(on: date) -> Event:
    return parent_expiry_event(on, parent_id=7, parent_number="63/2010/NĐ-CP", ref="relation:3")


def test_parent_expiry_event_fields() -> None:
    event = _parent(D(2020, 5, 1))
    assert event == Event(
        D(2020, 5, 1),
        K.PARENT_EXPIRED,
        cause_id=7,
        cause_number="63/2010/NĐ-CP",
        origin="parent",
        ref="relation:3",
    )


def test_parent_expired_before_cutover_expires_the_document() -> None:
    day = DEFAULT_CUTOVER - timedelta(days=1)
    state = status_on(PLAIN, [_parent(day)], day)
    assert state.status is Status.EXPIRED
    assert state.flags == ()
    assert state.reason() == "hết hiệu lực cùng văn bản được quy định chi tiết 63/2010/NĐ-CP từ 31/03/2025"
    assert state.reason("en") == "expired together with the detailed document 63/2010/NĐ-CP from 31/03/2025"


@pytest.mark.parametrize("day", [DEFAULT_CUTOVER, DEFAULT_CUTOVER + timedelta(days=200)])
def test_parent_expired_on_or_after_cutover_only_flags(day: date) -> None:
    assert status_on(PLAIN, [_parent(day)], day - timedelta(days=1)).flags == ()
    state = status_on(PLAIN, [_parent(day)], day)
    assert state.status is Status.IN_FORCE
    assert state.flags == (FLAG_PARENT_EXPIRED_REVIEW,)
    assert state.since == PLAIN.effective_on
    assert state.describe().endswith("(văn bản được quy định chi tiết đã hết hiệu lực: cần rà soát)")
    assert state.describe("en").endswith("(the detailed document expired: review needed)")
    # The flag starts a period of its own.
    assert [(p.starts_on, p.state.flags) for p in periods(PLAIN, [_parent(day)])][-1] == (
        day,
        (FLAG_PARENT_EXPIRED_REVIEW,),
    )


def test_review_flag_disappears_once_expired() -> None:
    events = [_parent(D(2025, 6, 1)), Event(D(2025, 9, 1), K.REPEALED)]
    state = status_on(PLAIN, events, D(2025, 9, 1))
    assert state.status is Status.EXPIRED
    assert state.flags == ()


def test_non_default_cutover() -> None:
    cutover = D(2016, 7, 1)  # e.g. a rule that changed with the 2015 Law instead
    before = _parent(D(2016, 6, 30))
    after = _parent(D(2016, 7, 1))
    assert status_on(TAY_NINH, [before], D(2017, 1, 1), cutover=cutover).status is Status.EXPIRED
    flagged = status_on(TAY_NINH, [after], D(2017, 1, 1), cutover=cutover)
    assert (flagged.status, flagged.flags) == (Status.IN_FORCE, (FLAG_PARENT_EXPIRED_REVIEW,))
    # Under the default cut-over both are pre-2025, so both expire.
    assert status_on(TAY_NINH, [after], D(2017, 1, 1)).status is Status.EXPIRED
    assert first_day_with({Status.EXPIRED}, TAY_NINH, [after], cutover=cutover) is None


# --------------------------------------------------------------------------------------------------------
# Relations


@pytest.mark.parametrize(
    ("relation", "kind"),
    [
        (RelationKind.REPLACES, K.REPLACED),
        (RelationKind.REPEALS, K.REPEALED),
        (RelationKind.PARTLY_REPEALS, K.PARTLY_REPEALED),
        (RelationKind.SUSPENDS, K.SUSPENDED),
        (RelationKind.PARTLY_SUSPENDS, K.PARTLY_SUSPENDED),
        (RelationKind.AMENDS, K.AMENDED),
        (RelationKind.CORRECTS, K.CORRECTED),
    ],
)
def test_relation_event_on_the_target(relation: RelationKind, kind: EventKind) -> None:
    event = relation_event(
        relation,
        target_side=True,
        source_effective_on=D(2021, 1, 1),
        relation_on=None,
        source_id=9,
        source_number="9/2021/QĐ-UBND",
        provisions="Điều 2",
        ref="relation:1",
    )
    assert event == Event(
        D(2021, 1, 1),
        kind,
        cause_id=9,
        cause_number="9/2021/QĐ-UBND",
        provisions="Điều 2",
        origin="relation",
        ref="relation:1",
    )
    assert relation in STATUS_CHANGING_RELATIONS


def test_relation_date_wins_over_the_source_effective_date() -> None:
    event = relation_event(
        RelationKind.SUSPENDS,
        target_side=True,
        source_effective_on=D(2021, 1, 1),
        relation_on=D(2021, 3, 1),
        source_id=None,
        source_number="12/QĐ-TTg",
    )
    assert event is not None and event.on == D(2021, 3, 1)


@pytest.mark.parametrize(
    "relation",
    [
        RelationKind.BASIS,
        RelationKind.DETAILS,
        RelationKind.CONSOLIDATES,
        RelationKind.ANNOUNCES,
        RelationKind.CITES,
        RelationKind.RELATED,
    ],
)
def test_relations_without_effect_give_no_event(relation: RelationKind) -> None:
    assert relation not in STATUS_CHANGING_RELATIONS
    assert (
        relation_event(
            relation,
            target_side=True,
            source_effective_on=D(2021, 1, 1),
            relation_on=None,
            source_id=1,
            source_number="x",
        )
        is None
    )


def test_relation_event_none_without_date_or_on_the_source_side() -> None:
    no_date = relation_event(
        RelationKind.REPEALS,
        target_side=True,
        source_effective_on=None,
        relation_on=None,
        source_id=1,
        source_number="1/2021/QĐ-UBND",
    )
    source_side = relation_event(
        RelationKind.REPEALS,
        target_side=False,
        source_effective_on=D(2021, 1, 1),
        relation_on=None,
        source_id=1,
        source_number="1/2021/QĐ-UBND",
    )
    assert no_date is None and source_side is None


# --------------------------------------------------------------------------------------------------------
# Ordering, labels, helpers


def test_compile_events_adds_own_dates_and_orders_same_day_events() -> None:
    facts = Facts(issued_on=None, effective_on=D(2021, 1, 1), expires_on=D(2021, 1, 1))
    given = [
        Event(D(2021, 1, 1), K.REPEALED),
        Event(D(2021, 1, 1), K.SUSPENDED),
        Event(D(2021, 1, 1), K.AMENDED, cause_number="B"),
        Event(D(2021, 1, 1), K.AMENDED, cause_number="A"),
        Event(D(2021, 1, 1), K.AMENDED),
        Event(D(2020, 12, 31), K.OBSOLETE),
    ]
    compiled = compile_events(facts, given)
    assert [(e.kind, e.cause_number, e.origin) for e in compiled] == [
        (K.OBSOLETE, None, "manual"),
        (K.EFFECTIVE, None, "date"),
        (K.AMENDED, None, "manual"),
        (K.AMENDED, "A", "manual"),
        (K.AMENDED, "B", "manual"),
        (K.SUSPENDED, None, "manual"),
        (K.EXPIRED, None, "date"),
        (K.REPEALED, None, "manual"),
    ]
    assert compile_events(facts, reversed(given)) == compiled
    assert set(SAME_DAY_ORDER) == set(EventKind)


def test_labels_cover_every_value() -> None:
    assert set(STATUS_LABELS) == set(Status)
    assert set(EVENT_LABELS) == set(EventKind)
    assert set(RELATION_LABELS) == set(RelationKind) == set(RELATION_LABELS_EN)
    assert STATUS_LABELS[Status.EXPIRED] == ("Hết hiệu lực toàn bộ", "Wholly expired")
    assert EVENT_LABELS[K.REPLACED] == ("Bị thay thế", "Replaced")
    assert RELATION_LABELS[RelationKind.REPLACES] == ("Thay thế", "Văn bản bị thay thế")
    assert [s.value for s in Status] == [
        "not_yet_effective",
        "in_force",
        "partly_expired",
        "expired",
        "suspended",
        "partly_suspended",
        "obsolete",
        "unknown",
    ]


def test_language_codes() -> None:
    state = status_on(TAY_NINH, TAY_NINH_EVENTS, D(2015, 1, 1))
    assert state.label("en_US") == "In force"
    assert state.label("en-GB") == "In force"
    assert state.label("vi_VN") == "Còn hiệu lực"
    assert state.label() == "Còn hiệu lực"
    assert Event(D(2021, 1, 1), K.REPLACED).label("en") == "Replaced"


def test_reason_without_cause_number() -> None:
    state = status_on(PLAIN, [Event(D(2021, 1, 1), K.REPEALED, cause_id=3)], D(2021, 1, 1))
    assert state.reason() == "bị bãi bỏ từ 01/01/2021"
    assert state.reason("en") == "repealed from 01/01/2021"


def test_unknown_origin_is_rejected() -> None:
    with pytest.raises(ValueError, match="origin"):
        Event(D(2021, 1, 1), K.REPEALED, origin="guess")


def test_first_day_with_open_start_and_never() -> None:
    assert first_day_with({Status.NOT_YET_EFFECTIVE}, PLAIN, []) == date.min
    assert first_day_with({Status.EXPIRED}, PLAIN, []) is None
    with pytest.raises(ValueError):
        first_day_with({"gone"}, PLAIN, [])
