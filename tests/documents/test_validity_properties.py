"""Properties of the validity engine over random facts and events (hypothesis).

Days are drawn on a coarse grid around the 2025 cut-over, so that same-day events and events on the cut-over
itself are common.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.documents.validity import (
    DEFAULT_CUTOVER,
    ORIGINS,
    Event,
    EventKind,
    Facts,
    Status,
    compile_events,
    periods,
    status_on,
    timeline,
)

STEP = 40
BASE = DEFAULT_CUTOVER - timedelta(days=STEP * 12)
SETTINGS = settings(max_examples=200, deadline=None)

days = st.integers(0, 24).map(lambda k: BASE + timedelta(days=STEP * k))
early_days = st.integers(0, 8).map(lambda k: BASE + timedelta(days=STEP * k))
any_days = st.integers(-STEP, STEP * 26).map(lambda k: BASE + timedelta(days=k))
cutovers = st.sampled_from(
    [DEFAULT_CUTOVER, BASE + timedelta(days=STEP * 4), BASE + timedelta(days=STEP * 20)]
)
# Kinds that keep a document alive come more often than whole expiry, so that effect, partial effects,
# suspensions and resumptions meet often before something ends the document.
_ALIVE = [
    EventKind.EFFECTIVE,
    EventKind.AMENDED,
    EventKind.PARTLY_EXPIRED,
    EventKind.PARTLY_REPEALED,
    EventKind.SUSPENDED,
    EventKind.PARTLY_SUSPENDED,
    EventKind.RESUMED,
]
kinds = st.sampled_from([*_ALIVE, *_ALIVE, *_ALIVE, *EventKind])


def events_of(
    kinds: st.SearchStrategy[EventKind], on: st.SearchStrategy[date] = days
) -> st.SearchStrategy[Event]:
    return st.builds(
        Event,
        on=on,
        kind=kinds,
        cause_id=st.none() | st.integers(1, 3),
        cause_number=st.none() | st.sampled_from(["1/2020/QĐ-UBND", "2/QĐ-TTg"]),
        provisions=st.none() | st.just("Điều 8, khoản 2"),
        note=st.none() | st.just("ghi chú"),
        origin=st.sampled_from(sorted(ORIGINS)),
        ref=st.none() | st.sampled_from(["event:1", "relation:2"]),
    )


all_events = events_of(kinds)
# Three days, three kinds: many same-day events of one kind that differ only in their other fields.
crowded_events = events_of(
    st.sampled_from([EventKind.AMENDED, EventKind.PARTLY_REPEALED, EventKind.SUSPENDED]),
    st.integers(0, 2).map(lambda k: BASE + timedelta(days=STEP * k)),
)
event_lists = st.lists(all_events, max_size=12)
facts = st.builds(
    Facts,
    issued_on=st.none() | days,
    effective_on=st.sampled_from([None, 0, 1, 2]).flatmap(lambda k: st.none() if k is None else early_days),
    expires_on=st.sampled_from([None, None, None, 0]).flatmap(lambda k: st.none() if k is None else days),
)


def status_days(f: Facts, events: list[Event]) -> list[date]:
    """A day before everything, then every event day: the status can change only on those."""
    event_days = sorted({e.on for e in compile_events(f, events)})
    return [BASE - timedelta(days=1), *event_days]


@SETTINGS
@given(facts, event_lists, cutovers)
def test_expired_never_comes_back_without_an_explicit_effective_event(
    f: Facts, events: list[Event], cutover: date
) -> None:
    sequence = [(day, status_on(f, events, day, cutover=cutover).status) for day in status_days(f, events)]
    for i, (expired_day, status) in enumerate(sequence):
        if status is not Status.EXPIRED:
            continue
        for later_day, later in sequence[i + 1 :]:
            if later is Status.EXPIRED:
                continue
            # RESUMED is not enough: only a manual/relation/parent EFFECTIVE in between re-enacts.
            assert any(
                e.kind is EventKind.EFFECTIVE and e.origin != "date" and expired_day < e.on <= later_day
                for e in events
            ), (expired_day, later_day, later)


@SETTINGS
@given(facts, event_lists, any_days, st.lists(all_events, max_size=6), cutovers)
def test_status_on_a_day_ignores_later_events(
    f: Facts, events: list[Event], day: date, extra: list[Event], cutover: date
) -> None:
    later = [e for e in extra if e.on > day]
    before = status_on(f, events, day, cutover=cutover)
    after = status_on(f, events + later, day, cutover=cutover)
    if any(e.kind is EventKind.EFFECTIVE for e in later) and before.status in {
        Status.UNKNOWN,
        Status.NOT_YET_EFFECTIVE,
    }:
        # The one look ahead: a later EFFECTIVE event tells when (hence whether) effect starts.
        assert after.status is Status.NOT_YET_EFFECTIVE
        assert (after.since, after.event, after.flags) == (before.since, before.event, before.flags)
        assert after.takes_effect_on is not None and after.takes_effect_on > day
    else:
        assert after == before


@SETTINGS
@given(facts, event_lists, st.lists(any_days, max_size=10), cutovers)
def test_periods_are_contiguous_and_agree_with_status_on(
    f: Facts, events: list[Event], sample: list[date], cutover: date
) -> None:
    result = periods(f, events, cutover=cutover)
    assert result[0].starts_on is None
    assert result[-1].ends_on is None
    for left, right in zip(result, result[1:], strict=False):
        assert left.ends_on is not None and left.ends_on == right.starts_on
        assert left.starts_on is None or left.starts_on < left.ends_on
        assert left.state != right.state  # merged when equal
    probes = set(sample)
    for period in result:
        if period.starts_on is not None:
            probes.update({period.starts_on, period.starts_on - timedelta(days=1)})
    for day in probes:
        containing = [p for p in result if p.contains(day)]
        assert len(containing) == 1
        assert containing[0].state == status_on(f, events, day, cutover=cutover)


@SETTINGS
@given(facts, event_lists, st.lists(crowded_events, max_size=8), st.randoms(), any_days, cutovers)
def test_input_order_does_not_matter(
    f: Facts, events: list[Event], crowded: list[Event], rnd: random.Random, day: date, cutover: date
) -> None:
    events = events + crowded
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert compile_events(f, shuffled) == compile_events(f, events)
    assert status_on(f, shuffled, day, cutover=cutover) == status_on(f, events, day, cutover=cutover)
    assert periods(f, shuffled, cutover=cutover) == periods(f, events, cutover=cutover)


@SETTINGS
@given(facts, event_lists, cutovers)
def test_compiled_events_are_sorted_and_keep_the_given_ones(
    f: Facts, events: list[Event], cutover: date
) -> None:
    compiled = compile_events(f, events)
    assert [e.on for e in compiled] == sorted(e.on for e in compiled)
    own = [e for e in compiled if e.ref in {"facts:effective_on", "facts:expires_on"} and e.origin == "date"]
    assert len(compiled) == len(events) + len(own)
    assert len(own) == (f.effective_on is not None) + (f.expires_on is not None)


@SETTINGS
@given(facts, event_lists, cutovers)
def test_timeline_ends_each_day_on_its_status(f: Facts, events: list[Event], cutover: date) -> None:
    entries = timeline(f, events, cutover=cutover)
    last_of_day = {entry.on: entry.status_after for entry in entries}
    for day, status in last_of_day.items():
        assert status_on(f, events, day, cutover=cutover).status is status


@SETTINGS
@given(facts, event_lists, st.lists(st.integers(0, 3), min_size=1, max_size=3), any_days, cutovers)
def test_parent_expiry_on_or_after_cutover_never_changes_the_status(
    f: Facts, events: list[Event], offsets: list[int], day: date, cutover: date
) -> None:
    late = [
        Event(cutover + timedelta(days=STEP * k), EventKind.PARENT_EXPIRED, origin="parent") for k in offsets
    ]
    assert (
        status_on(f, events + late, day, cutover=cutover).status
        is status_on(f, events, day, cutover=cutover).status
    )


@SETTINGS
@given(facts, event_lists, events_of(st.just(EventKind.PARTLY_SUSPENDED)), any_days, cutovers)
def test_partial_suspension_never_hides_a_stronger_status(
    f: Facts, events: list[Event], suspension: Event, day: date, cutover: date
) -> None:
    without = status_on(f, events, day, cutover=cutover).status
    with_it = status_on(f, [*events, suspension], day, cutover=cutover).status
    if without is not Status.IN_FORCE:
        assert with_it is without
    else:
        assert with_it in {Status.IN_FORCE, Status.PARTLY_SUSPENDED}


@SETTINGS
@given(facts, event_lists, any_days, cutovers)
def test_reasons_render_in_both_languages(f: Facts, events: list[Event], day: date, cutover: date) -> None:
    state = status_on(f, events, day, cutover=cutover)
    for lang in ("vi", "en"):
        text = state.describe(lang)
        assert text.startswith(state.label(lang))
        if state.event is not None:
            assert state.event.on.strftime("%d/%m/%Y") in state.reason(lang)
