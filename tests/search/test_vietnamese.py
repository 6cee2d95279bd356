"""The pure analysis and query modules, with plain values and hypothesis."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import fold, normalize_number
from search.common import highlight_html, snippet_html
from search.query import Number, Phrase, Term, parse_query
from search.vietnamese import analyze, has_diacritics, is_number_like, number_keys, syllables

VIET_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
VIET = VIET_LOWER + VIET_LOWER.upper()
viet_text = st.text(alphabet=VIET + " ,./-0123456789", max_size=60)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("AN TOÀN THỰC PHẨM", "an toan thuc pham"),
        ("ở", "o"),
        ("Y tế", "y te"),
        ("Ưu đãi", "uu dai"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded
    assert fold(unicodedata.normalize("NFD", raw)) == folded


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("30/2013/qđ-ubnd", "30/2013/QĐ-UBND"),
        ("144/2021/NĐ\u2013 CP", "144/2021/NĐ-CP"),
        (" 3236/TTr -SNN", "3236/TTR-SNN"),
        (unicodedata.normalize("NFD", "12/2023/NQ-HĐND"), "12/2023/NQ-HĐND"),
    ],
)
def test_normalize_number(raw: str, norm: str) -> None:
    assert normalize_number(raw) == norm


def test_number_keys_and_detection() -> None:
    assert number_keys("30/2013/QĐ-UBND") == ["30/2013/QD-UBND", "30/2013/QD", "30/2013"]
    assert number_keys("3218/QĐ-UBND") == ["3218/QD-UBND", "3218/QD", "3218"]
    assert number_keys("5990/VPCP-KSTT")[0] == "5990/VPCP-KSTT"
    assert is_number_like("30/2013") and is_number_like("1.002425.000.00.00.H47")
    assert not is_number_like("qđ") and not is_number_like("-") and not is_number_like("2013")


def test_no_stop_words_no_minimum_length() -> None:
    a = analyze("Y tế ở an ninh và của 30/2013/QĐ-UBND")
    assert a.folded == ["y", "te", "o", "an", "ninh", "va", "cua", "30", "2013", "qd", "ubnd"]
    assert a.accented == ["tế", "ở", "và", "của", "qđ"]


@given(viet_text)
def test_fold_is_idempotent_and_ignores_normal_form(s: str) -> None:
    assert fold(fold(s)) == fold(s)
    assert fold(unicodedata.normalize("NFD", s)) == fold(s)
    assert fold(s).isascii()


@given(viet_text)
def test_analysis_is_normal_form_independent_and_aligned(s: str) -> None:
    a, b = analyze(s), analyze(unicodedata.normalize("NFD", s))
    assert a == b
    assert len(a.folded) == len(syllables(s))
    assert all(has_diacritics(x) for x in a.accented)


@given(viet_text)
def test_tantivy_analyzers_agree_with_ours(s: str) -> None:
    import tantivy

    folded = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    accented = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase()).build()
    )
    n = unicodedata.normalize("NFC", s)
    assert folded.analyze(n) == analyze(s).folded
    assert accented.analyze(n) == syllables(s)


def test_parse_query_forms() -> None:
    pq = parse_query('"an toàn" -thực phẩm OR y')
    assert pq.clauses == [[Phrase(("an", "toàn"))], [Term("phẩm", "pham"), Term("y", "y")]]
    assert pq.excluded == [Term("thực", "thuc")]
    num = parse_query("qđ 30/2013").clauses
    assert num == [[Number(("30/2013/QD", "30/2013"), ("30", "2013"))]]
    assert parse_query('"unclosed words').clauses == [
        [Term("unclosed", "unclosed")],
        [Term("words", "words")],
    ]
    for bad in ("AND OR (", "-", "***", '"', ""):
        assert parse_query(bad).empty


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_parse_query_never_raises(s: str) -> None:
    pq = parse_query(s)
    assert isinstance(pq.positive_words(), list)


@given(st.text(max_size=200), st.lists(st.sampled_from(["script", "an", "toàn", "b", "<", "&"]), max_size=3))
def test_highlight_and_snippet_only_ever_emit_mark(text: str, words: list[str]) -> None:
    for out in (highlight_html(text, words), snippet_html(text, words)):
        stripped = out.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in stripped and ">" not in stripped


def test_accented_query_words_highlight_only_accented_text() -> None:
    assert highlight_html("án phí, an toàn", ["án"]) == "<mark>án</mark> phí, an toàn"
    assert highlight_html("ÁN PHÍ, an toàn", ["an"]) == "<mark>ÁN</mark> PHÍ, <mark>an</mark> toàn"
