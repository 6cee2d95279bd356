"""Engine-specific speed-ups that must not change results: tantivy's pair fields, Whoosh's per-segment
caches and its segmented rebuild, and the schema version bump that tells the app to rebuild."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest

from search import SearchQuery, open_backend
from tests.search.conftest import corpus, doc


def ids(results: object) -> list[str]:
    return [h.id for h in results.hits]  # type: ignore[attr-defined]


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_long_phrase_is_checked_not_just_its_pairs(engine: str, tmp_path: os.PathLike[str]) -> None:
    """Three syllables: a record with both pairs ("an toàn", "toàn thực") but never the whole phrase
    must not be shown."""
    b = open_backend(f"{engine}://{os.fspath(tmp_path)}/{engine}")
    both_pairs = doc(1, "Ghi chú", "Nói về an toàn. Rồi toàn thực hiện xong.")
    whole = doc(2, "Quy định", "Bảo đảm an toàn thực phẩm cho mọi người.")
    b.rebuild([both_pairs, whole])
    res = b.search(SearchQuery(text='"an toàn thực"'))
    assert ids(res) == ["document:2"]
    assert res.total == 1
    # two syllables: the pair term alone decides, any spelling
    assert set(ids(b.search(SearchQuery(text='"toan thuc"')))) == {"document:1", "document:2"}
    b.close()


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_pairs_do_not_cross_into_other_records(engine: str, tmp_path: os.PathLike[str]) -> None:
    b = open_backend(f"{engine}://{os.fspath(tmp_path)}/{engine}")
    b.rebuild([doc(1, "An", "an"), doc(2, "Toàn", "toàn")])
    assert b.search(SearchQuery(text='"an toàn"')).total == 0
    b.close()


def test_whoosh_caches_carried_across_commits_match_a_fresh_reader(tmp_path: os.PathLike[str]) -> None:
    """A long-lived backend (caches kept per segment across commits) answers exactly as a freshly
    opened one after adds, replacements and deletions that touch old and new segments."""
    url = f"whoosh://{os.fspath(tmp_path)}/w"
    docs = corpus()
    live = open_backend(url, segment_docs=3)  # several segments from the rebuild already
    live.rebuild(docs)
    queries = [
        SearchQuery(text=t, include_internal=inc)
        for t in ("an toàn", "an phi", '"an toàn thực phẩm"', "30/2013", "y te", "")
        for inc in (False, True)
    ] + [SearchQuery(text="an toàn", fields={"Y tế"}, years={2013})]

    def same() -> None:
        fresh = open_backend(url)
        for q in queries:
            a, f = live.search(q), fresh.search(q)
            assert (ids(a), a.total, a.facets) == (ids(f), f.total, f.facets), q
            assert [round(h.score, 9) for h in a.hits] == [round(h.score, 9) for h in f.hits]
        assert live.count() == fresh.count()
        fresh.close()

    for q in queries:  # warm every cache
        live.search(q)
    same()
    live.add([replace(docs[0], title=docs[0].title + " sửa đổi", version="v2")])
    same()
    live.delete([docs[2].id, docs[5].id])
    same()
    live.add([doc(40 + i, f"Văn bản mới {i} về an toàn", "an toàn thực phẩm y tế") for i in range(4)])
    same()
    live.close()


def test_whoosh_segmented_rebuild_keeps_everything(tmp_path: os.PathLike[str]) -> None:
    one = open_backend(f"whoosh://{os.fspath(tmp_path)}/one")
    many = open_backend(f"whoosh://{os.fspath(tmp_path)}/many", segment_docs=2)
    seen: list[int] = []
    one.rebuild(corpus())
    many.rebuild(corpus(), progress=seen.append)
    assert many.count() == one.count() == len(corpus())
    assert seen and seen[-1] == len(corpus())
    for text in ("an toàn", "án phí", "khai sinh", "30/2013/QĐ-UBND"):
        a, b = one.search(SearchQuery(text=text)), many.search(SearchQuery(text=text))
        assert (ids(a), a.total, a.facets) == (ids(b), b.total, b.facets)
    # a second rebuild replaces all the segments of the first
    many.rebuild(corpus()[:3])
    assert many.count() == 3
    one.close()
    many.close()


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_index_of_an_older_schema_asks_for_a_rebuild(engine: str, tmp_path: os.PathLike[str]) -> None:
    path = f"{os.fspath(tmp_path)}/{engine}"
    b = open_backend(f"{engine}://{path}")
    b.rebuild(corpus())
    b.close()
    meta = os.path.join(path, "hieuluc-search.json")
    with open(meta, encoding="utf-8") as f:
        data = json.load(f)
    data["schema_version"] = 1
    with open(meta, "w", encoding="utf-8") as f:
        json.dump(data, f)
    b = open_backend(f"{engine}://{path}")
    assert b.needs_rebuild()
    b.rebuild(corpus())
    assert not b.needs_rebuild()
    assert ids(b.search(SearchQuery(text='"an toàn thực phẩm"')))[0] == "document:1"
    b.close()
