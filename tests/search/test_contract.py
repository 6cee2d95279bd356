"""The contract every backend fulfils: each point of issue #3, run against Whoosh, tantivy and PostgreSQL."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from search import SearchBackend, SearchQuery
from tests.search.conftest import corpus, doc


def ids(b: SearchBackend, text: str, **kw: object) -> list[str]:
    return [h.id for h in b.search(SearchQuery(text=text, **kw)).hits]  # type: ignore[arg-type]


# -- Vietnamese as people type it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an toan thuc pham", "document:1"),
        ("dang ky khai sinh", "procedure:5"),
        ("ĐĂNG KÝ KHAI SINH", "procedure:5"),
        ("an toàn thực phẩm", "document:1"),
    ],
)
def test_without_diacritics_finds_accented_text(backend: SearchBackend, text: str, expected: str) -> None:
    assert ids(backend, text)[0] == expected


def test_diacritics_count_an_phi_does_not_drown_in_an_toan(backend: SearchBackend) -> None:
    found = ids(backend, "án phí")
    assert found[0] == "document:2"
    # Without diacritics the an toàn … phí documents match too, but the exact one is still first.
    assert set(ids(backend, "an phi")) >= {"document:2", "document:3", "document:4"}


def test_exact_title_phrase_ranks_first(backend: SearchBackend) -> None:
    assert ids(backend, "an toàn giao thông")[0] == "document:3"
    assert ids(backend, "an toàn lao động")[0] == "document:4"


@pytest.mark.parametrize("text", ["Y tế", "y te", "ở", "an ninh", "Y"])
def test_short_syllables_are_words(backend: SearchBackend, text: str) -> None:
    assert "document:6" in ids(backend, text)


def test_decomposed_input_is_normalised_in_and_out(backend: SearchBackend) -> None:
    hits = backend.search(SearchQuery(text="công tác Y tế")).hits
    assert hits[0].id == "document:6"
    assert hits[0].title == unicodedata.normalize("NFC", hits[0].title)
    assert "Quy định về công tác Y tế ở xã" == hits[0].title
    # a decomposed query finds it too
    assert ids(backend, unicodedata.normalize("NFD", "Trạm Y tế"))[0] == "document:6"


@pytest.mark.parametrize(
    "text", ["30/2013/QĐ-UBND", "30/2013/qd-ubnd", "qđ 30/2013", "30/2013", "30/2013/qđ-ubnd", "QĐ 30/2013"]
)
def test_number_in_any_spelling_finds_that_document_first(backend: SearchBackend, text: str) -> None:
    assert ids(backend, text)[0] == "document:1"


def test_procedure_code_finds_the_procedure(backend: SearchBackend) -> None:
    assert ids(backend, "1.001193.000.00.00.H47")[0] == "procedure:5"


def test_phrase_exclusion_and_or(backend: SearchBackend) -> None:
    assert ids(backend, '"an toàn thực phẩm"')[0] == "document:1"
    assert "document:3" not in ids(backend, '"an toàn thực phẩm"')
    found = ids(backend, "an toàn -giao")
    assert "document:3" not in found and "document:1" in found
    assert set(ids(backend, '"khai sinh" OR giấy')) == {"procedure:5", "procedure:10"}


@pytest.mark.parametrize(
    "text",
    [
        '"unclosed',
        "AND OR (",
        "-",
        "***",
        '"',
        "OR",
        '-"x"',
        ")(",
        "a OR",
        "OR b",
        "::",
        "\\",
        "'",
        "30/",
        "/2013",
        "NOT",
        "-30/2013",
    ],
)
def test_malformed_query_never_raises(backend: SearchBackend, text: str) -> None:
    res = backend.search(SearchQuery(text=text))
    assert res.total >= 0


def test_unclosed_quote_is_read_as_plain_words(backend: SearchBackend) -> None:
    assert ids(backend, '"an toàn thực phẩm')[0] == "document:1"


def test_did_you_mean_when_nothing_is_found(backend: SearchBackend) -> None:
    res = backend.search(SearchQuery(text="an toàn thực phẩn"))
    assert res.total == 0
    assert res.suggestion == "an toan thuc pham"
    assert backend.search(SearchQuery(text="an toàn thực phẩm")).suggestion is None


def test_related_documents(backend: SearchBackend) -> None:
    rel = [h.id for h in backend.related("document:1")]
    assert rel and "document:1" not in rel and "document:8" not in rel
    assert "document:7" in rel
    assert backend.related("document:404") == []


# -- results


def test_hit_fields_and_extra(backend: SearchBackend) -> None:
    h = backend.search(SearchQuery(text="30/2013/QĐ-UBND")).hits[0]
    assert h.id == "document:1"
    h = backend.search(SearchQuery(text="thực phẩm", doc_types={"Quyết định"}, years={2013})).hits[0]
    assert (h.kind, h.number, h.status, h.doc_type) == (
        "document",
        "30/2013/QĐ-UBND",
        "in_force",
        "Quyết định",
    )
    assert h.issued_on is not None and h.issued_on.year == 2013
    assert h.extra == {"url": "/x/1"}
    assert "<mark>" in h.snippet_html


def test_snippets_and_titles_are_safe_html(backend: SearchBackend) -> None:
    h = backend.search(SearchQuery(text="lịch tiếp")).hits[0]
    assert h.id == "document:9"
    for html in (h.title_html, h.snippet_html):
        assert "<script>" not in html and "<b>" not in html
        assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert "&lt;script&gt;" in h.title_html
    h2 = backend.search(SearchQuery(text="script")).hits[0]
    assert "<mark>script</mark>" in h2.snippet_html and "&lt;<mark>script</mark>&gt;" in h2.snippet_html


def test_internal_documents_hidden_even_from_counts_and_suggestions(backend: SearchBackend) -> None:
    anon = backend.search(SearchQuery(text="xylophon"))
    assert anon.total == 0 and anon.hits == [] and anon.suggestion is None
    typo = backend.search(SearchQuery(text="xylophom"))
    assert typo.suggestion is None
    staff = backend.search(SearchQuery(text="xylophom", include_internal=True))
    assert staff.suggestion == "xylophon"
    assert ids(backend, "xylophon", include_internal=True) == ["document:8"]
    everything = backend.search(SearchQuery(text="an toàn thực phẩm"))
    assert "document:8" not in [h.id for h in everything.hits]
    assert ("Mật", 1) not in everything.facets["field"]
    assert "Tờ trình" not in dict(backend.search(SearchQuery()).facets["doc_type"])
    assert backend.search(SearchQuery()).total == 9
    assert backend.search(SearchQuery(include_internal=True)).total == 10


def test_facets_and_combined_filters(backend: SearchBackend) -> None:
    res = backend.search(SearchQuery())
    f = res.facets
    assert set(f) == {"kind", "doc_type", "agency", "status", "field", "year", "level"}
    assert dict(f["kind"]) == {"document": 7, "procedure": 2}
    assert dict(f["level"]) == {"xã": 1, "huyện": 1}
    assert dict(f["year"])["2013"] == 2
    assert dict(f["field"])["Y tế"] == 3
    assert f["doc_type"][0] == ("Quyết định", 4)
    both = backend.search(SearchQuery(doc_types={"Quyết định"}, years={2013}))
    assert {h.id for h in both.hits} == {"document:1", "document:4"}
    assert dict(both.facets["year"]) == {"2013": 2}
    multi = backend.search(SearchQuery(text="an toàn", fields={"Giao thông", "Xây dựng"}))
    assert {h.id for h in multi.hits} == {"document:3", "document:4"}
    procs = backend.search(SearchQuery(kinds={"procedure"}, levels={"xã"}))
    assert [h.id for h in procs.hits] == ["procedure:5"]
    assert backend.search(SearchQuery(kinds={"document"}, statuses={"active"})).total == 0
    assert backend.search(SearchQuery(agencies={"Hội đồng nhân dân tỉnh"})).total == 1


def test_documents_and_procedures_together_or_separately(backend: SearchBackend) -> None:
    assert set(ids(backend, "xây dựng")) >= {"document:4", "procedure:10"}
    assert ids(backend, "xây dựng", kinds={"procedure"}) == ["procedure:10"]
    assert "procedure:10" not in ids(backend, "xây dựng", kinds={"document"})


def test_sort_and_pagination(backend: SearchBackend) -> None:
    newest = backend.search(SearchQuery(sort="newest", per_page=20)).hits
    dates = [h.issued_on for h in newest]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    oldest = backend.search(SearchQuery(sort="oldest", per_page=20)).hits
    assert [h.id for h in oldest] == [h.id for h in newest][::-1] or oldest[0].issued_on == min(dates)  # type: ignore[type-var]
    pages = [backend.search(SearchQuery(sort="newest", per_page=4, page=p)) for p in (1, 2, 3, 4)]
    seen = [h.id for r in pages for h in r.hits]
    assert len(seen) == 9 == len(set(seen)) and pages[0].total == 9
    assert pages[3].hits == [] and (pages[1].page, pages[1].per_page) == (2, 4)
    rel = backend.search(SearchQuery(text="an toàn", sort="newest")).hits
    assert [h.issued_on for h in rel] == sorted((h.issued_on for h in rel), reverse=True)  # type: ignore[type-var]


# -- the index as derived data


def test_add_replaces_and_delete_removes(fresh: SearchBackend) -> None:
    d1 = corpus()[0]
    fresh.add([replace(d1, title="Quy định về quản lý chợ", body="Chợ truyền thống.", version="v2")])
    assert ids(fresh, "quản lý chợ") == ["document:1"]
    assert "document:1" not in ids(fresh, "an toàn thực phẩm trên địa bàn")
    assert fresh.count() == 10
    fresh.delete(["document:1", "document:404"])
    assert fresh.count() == 9
    assert ids(fresh, "quản lý chợ") == []
    assert ids(fresh, "30/2013/QĐ-UBND")[:1] != ["document:1"]


def test_check_reports_missing_stale_extra(backend: SearchBackend) -> None:
    expected = {d.id: d.version for d in corpus()}
    assert backend.check(expected).ok
    expected["document:2"] = "v2"
    del expected["document:3"]
    expected["document:77"] = "v1"
    rep = backend.check(expected)
    assert (rep.missing, rep.stale, rep.extra) == (["document:77"], ["document:2"], ["document:3"])


def test_needs_rebuild_when_schema_version_changes(
    engine: str, fresh: SearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    module = importlib.import_module(
        {
            "whoosh": "search.whoosh_backend",
            "tantivy": "search.tantivy_backend",
            "postgresql": "search.postgres_backend",
        }[engine]
    )
    assert fresh.needs_rebuild() is False
    monkeypatch.setattr(module, "SCHEMA_VERSION", module.SCHEMA_VERSION + 1)
    assert fresh.needs_rebuild() is True
    fresh.rebuild(corpus())
    assert fresh.needs_rebuild() is False
    assert ids(fresh, "an toan thuc pham")[0] == "document:1"


def test_rebuild_replaces_everything_and_reports_progress(fresh: SearchBackend) -> None:
    seen: list[int] = []
    docs = [doc(100 + i, f"Văn bản số {i}", "Nội dung mới hoàn toàn") for i in range(3)]
    fresh.rebuild(iter(docs), total=3, progress=seen.append)
    assert fresh.count() == 3 and seen[-1] == 3
    assert ids(fresh, "an toan thuc pham") == []


def test_saved_edit_is_searchable_at_once(fresh: SearchBackend) -> None:
    fresh.add([doc(50, "Quy chế phối hợp quản lý cụm công nghiệp", "Nội dung")])
    assert ids(fresh, "cum cong nghiep") == ["document:50"]
