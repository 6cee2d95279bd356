"""The citation parser on plain strings (DOMAIN.md §1.2, §1.3, §2.4, §2.5)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.ingest.citations import find_citations, number_key, parse_vn_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quảng Bình, ngày 18 tháng 11 năm 2024", date(2024, 11, 18)),
        ("ngày 29/8/2024", date(2024, 8, 29)),
        ("ngày 08/06/2010", date(2010, 6, 8)),
        ("ngày 03-04-2018", date(2018, 4, 3)),
        ("09/07/2013", date(2013, 7, 9)),
        ("2013-07-19", date(2013, 7, 19)),
        ("--", None),
        ("Đang cập nhật", None),
        ("Đã biết", None),
        ("31/02/2020", None),
        ("ngày 30 tháng 13 năm 2020", None),
    ],
)
def test_parse_vn_date(text: str, expected: date | None) -> None:
    assert parse_vn_date(text) == expected


@given(st.dates(min_value=date(1945, 1, 1), max_value=date(2100, 12, 31)))
def test_every_written_form_parses_back(d: date) -> None:
    forms = [
        f"ngày {d.day} tháng {d.month} năm {d.year}",
        f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        d.isoformat(),
    ]
    assert all(parse_vn_date(f) == d for f in forms)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("30/2013/qđ-ubnd", "30/2013/QĐ-UBND"),
        ("3236/TTr -SNN", "3236/TTR-SNN"),
        ("144/2021/NĐ– CP", "144/2021/NĐ-CP"),
        ("05/2000/TT-BXD", "5/2000/TT-BXD"),
        ("36-HD/VPTW", "36-HD/VPTW"),
    ],
)
def test_number_key(raw: str, key: str) -> None:
    assert number_key(raw) == key


def _one(text: str, **kw: str) -> list:
    return [c for c in find_citations(text, **kw) if c.number]


def test_full_citation_with_issuer_and_date() -> None:
    (c,) = _one("theo Quyết định số 30/2013/QĐ-UBND ngày 09/7/2013 của UBND tỉnh Tây Ninh về việc ban hành")
    assert (c.number, c.doc_type, c.type_code, c.issuer_code) == (
        "30/2013/QĐ-UBND",
        "Quyết định",
        "QĐ",
        "UBND",
    )
    assert c.issuer_name == "UBND tỉnh Tây Ninh"
    assert c.date == date(2013, 7, 9) and c.year == 2013


def test_number_without_so_and_stray_spaces() -> None:
    numbers = [
        c.number
        for c in _one("Nghị định 92/2017/NĐ-CP, Tờ trình số 3236/TTr -SNN và Nghị định 144/2021/NĐ- CP")
    ]
    assert numbers == ["92/2017/NĐ-CP", "3236/TTr-SNN", "144/2021/NĐ-CP"]


def test_law_cited_by_name() -> None:
    (c,) = find_citations("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert c.number is None and c.doc_type == "Luật"
    assert c.title == "Luật Tổ chức chính quyền địa phương" and c.date == date(2015, 6, 19)
    assert c.relation == "basis"


def test_party_document() -> None:
    (c,) = _one("Thực hiện Hướng dẫn số 36-HD/VPTW ngày 03-04-2018 của Văn phòng Trung ương Đảng")
    assert (c.number, c.doc_type, c.issuer_code, c.date) == (
        "36-HD/VPTW",
        "Hướng dẫn",
        "VPTW",
        date(2018, 4, 3),
    )


def test_date_shared_by_two_numbers() -> None:
    cits = _one("Quyết định số 12/QĐ-UBND và Quyết định số 13/QĐ-UBND ngày 5/1/2022 của UBND tỉnh")
    assert [(c.number, c.date) for c in cits] == [
        ("12/QĐ-UBND", date(2022, 1, 5)),
        ("13/QĐ-UBND", date(2022, 1, 5)),
    ]


def test_short_reference_to_earlier_full_citation() -> None:
    text = "Căn cứ Quyết định số 20/2000/QĐ-TTg ngày 3/2/2000 của Thủ tướng Chính phủ. Người được hỗ trợ theo QĐ 20."
    cits = _one(text)
    assert [c.number for c in cits] == ["20/2000/QĐ-TTg", "20/2000/QĐ-TTg"]
    assert cits[1].sentence == "Người được hỗ trợ theo QĐ 20."


def test_own_number_and_forms_are_not_citations() -> None:
    text = "Ban hành kèm theo Quyết định số 1766 /QĐ-UBND; theo mẫu số C74-HĐ/LĐTBXH; ngày 19/6/2015; mã 1.002425"
    assert _one(text, self_number="1766/QĐ-UBND") == []


def test_upper_case_trich_yeu() -> None:
    (c,) = _one("HƯỚNG DẪN THỰC HIỆN QUYẾT ĐỊNH SỐ 22/2013/QĐ-TTG NGÀY 26/4/2013 CỦA THỦ TƯỚNG")
    assert c.number == "22/2013/QĐ-TTg" and c.doc_type == "Quyết định"


def test_effects_and_provisions_in_the_operative_part() -> None:
    text = (
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ sửa đổi Nghị định số 20/2008/NĐ-CP;\n\n"
        "QUYẾT ĐỊNH:\n\n"
        "Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 14/2017/QĐ-UBND ngày 19/5/2017.\n"
        "Điều 2. Bãi bỏ khoản 2 Điều 8 của Quyết định số 79/2014/QĐ-UBND.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 30/2013/QĐ-UBND ngày 09/7/2013.\n"
    )
    rel = {c.number: (c.relation, c.provisions) for c in _one(text)}
    assert rel["63/2010/NĐ-CP"] == ("basis", None)
    assert rel["20/2008/NĐ-CP"] == ("basis", None)  # named in a basis, described, not acted on
    assert rel["14/2017/QĐ-UBND"] == ("amends", None)
    assert rel["79/2014/QĐ-UBND"] == ("partly_repeals", "khoản 2 Điều 8")
    assert rel["30/2013/QĐ-UBND"] == ("replaces", None)


def test_passive_mentions_are_not_effects() -> None:
    text = "QUYẾT ĐỊNH:\n\nĐiều 1. Công bố thủ tục hành chính bị bãi bỏ tại Quyết định số 1329/QĐ-BTP ngày 01/6/2020."
    (c,) = _one(text)
    assert c.relation is None


def test_offsets_point_into_the_text() -> None:
    text = "Theo Công văn số 5990/VPCP-KSTT ngày 2/1/2020."
    (c,) = _one(text)
    assert text[c.start : c.end] == "5990/VPCP-KSTT" and c.doc_type == "Công văn" and c.issuer_code == "VPCP"
