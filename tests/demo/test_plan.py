"""The demo plan, as plain values: deterministic, realistic numbers and dates, every relation kind."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from registry.demo.generate import ANCHOR, build_plan
from registry.demo.procedures import assign
from registry.documents.validity import RelationKind


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return build_plan()


def test_same_seed_same_plan(plan):
    again = build_plan()
    assert [(d.key, d.number, d.issued_on, d.body_text) for d in again.docs] == [
        (d.key, d.number, d.issued_on, d.body_text) for d in plan.docs
    ]


def test_at_least_300_documents_of_the_province_plus_central_ones(plan):
    provincial = [d for d in plan.docs if not d.central]
    assert len(provincial) >= 300
    assert sum(d.central for d in plan.docs) >= 50
    assert min(d.issued_on.year for d in provincial) == 2008
    assert max(d.issued_on for d in plan.docs) < ANCHOR


def test_numbers_are_unique_per_body_and_year_and_well_formed(plan):
    seen = Counter((d.number, d.agency, d.issued_on.year) for d in plan.docs)
    assert [k for k, n in seen.items() if n > 1] == []
    for d in plan.docs:
        if d.central:
            continue
        if d.normative:
            assert re.fullmatch(rf"\d{{2,3}}/{d.issued_on.year}/(QĐ|NQ|CT)-(UBND|HĐND)", d.number), d.number
        else:
            assert re.fullmatch(r"\d+/(QĐ|NQ|KH)-(UBND|HĐND|TTg)", d.number), d.number
    directives = [d for d in plan.docs if d.doc_type == "CT" and not d.central]
    assert directives and all(d.issued_on.year < 2016 for d in directives)


def test_the_tay_ninh_chain_has_its_real_numbers_and_dates(plan):
    docs = plan.by_key()
    assert docs["tn-30-2013"].number == "30/2013/QĐ-UBND"
    assert str(docs["tn-30-2013"].effective_on) == "2013-07-19"
    assert docs["list-2014"].number == "413/QĐ-UBND"
    assert str(docs["tn-14-2019"].effective_on) == "2019-05-06"


def test_every_relation_kind_and_unresolved_citations(plan):
    kinds = {r.kind for r in plan.relations}
    for kind in (
        RelationKind.BASIS,
        RelationKind.DETAILS,
        RelationKind.AMENDS,
        RelationKind.REPLACES,
        RelationKind.REPEALS,
        RelationKind.PARTLY_REPEALS,
        RelationKind.SUSPENDS,
        RelationKind.PARTLY_SUSPENDS,
        RelationKind.CORRECTS,
        RelationKind.ANNOUNCES,
        RelationKind.CITES,
    ):
        assert kind in kinds, kind
    assert sum(1 for r in plan.relations if r.target is None) >= 20
    biggest = Counter(r.source for r in plan.relations if r.kind == RelationKind.REPEALS).most_common(1)[0]
    assert biggest[1] >= 30  # one decision repealing many (Kon Tum 19/2023 style)


def test_some_documents_take_effect_after_the_anchor_and_some_are_internal(plan):
    assert sum(1 for d in plan.docs if d.effective_on and d.effective_on > ANCHOR) >= 3
    assert any(not d.public for d in plan.docs)


def test_texts_name_their_bases_and_effect(plan):
    d = plan.by_key()["tn-14-2019"]
    assert "Căn cứ Luật Tổ chức chính quyền địa phương" in d.body_text
    assert "thay thế Quyết định số 30/2013/QĐ-UBND" in d.body_text
    assert "có hiệu lực kể từ ngày 06 tháng 5 năm 2019" in d.body_text


def test_procedures_are_announced_and_some_repealed_by_a_later_decision(plan):
    items = assign(plan.docs, plan.seed)
    codes = {e.code for rows in items.values() for e, _a in rows}
    assert len(codes) >= 150
    assert all(code.endswith(".000.00.00.H53") for code in codes)
    first = {}
    for key in sorted(items, key=lambda k: plan.by_key()[k].issued_on):
        for e, action in items[key]:
            if action == "repealed":
                assert first[e.code] != key
            first.setdefault(e.code, key)
    assert any(a == "repealed" for rows in items.values() for _e, a in rows)
