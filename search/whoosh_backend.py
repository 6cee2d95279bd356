"""Whoosh backend: the embedded default.

Design, chosen for speed (Whoosh is pure Python, so the less it iterates the better):
- Text is analysed by search.vietnamese before Whoosh sees it; every field uses a space tokenizer.
- No positions anywhere. Body and title are indexed as folded syllables, accented syllables (only the
  ones with diacritics) and folded syllable pairs ("an_toan"); a phrase is the conjunction of its pairs.
- Text fields are pre-tokenised (_Tokens): Whoosh only counts the syllables it is given.
- Queries are evaluated on per-term posting dictionaries (docnum → BM25 weight) read block by block, so
  matching, filtering and facet counting are set operations in C. Facet values, sort dates, field
  lengths and raw postings are cached per segment (by segment id) and kept across commits: after a
  commit only the new (small) segment is read; BM25 weights, which depend on the whole index, are
  recomputed per searcher generation from the cached postings.
- One searcher per backend object, refreshed when another writer committed.
- Writers take Whoosh's file lock with retries (and give up after lock_timeout, e.g. while a rebuild
  holds it); a rebuild writes segments of `segment_docs` records and replaces all the old segments in
  one commit.
"""

from __future__ import annotations

import heapq
import math
import multiprocessing
import os
import threading
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from itertools import chain
from typing import Any

from whoosh import index as windex
from whoosh import writing
from whoosh.analysis import RegexTokenizer, SpaceSeparatedTokenizer
from whoosh.codec import default_codec
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.system import pack_uint

from .common import (
    AnalyzedDoc,
    Weights,
    analyze_doc,
    analyze_parallel,
    date_to_int,
    decode_extra,
    encode_extra,
    highlight_html,
    int_to_date,
    pairs,
    phrase_regex,
    read_meta_version,
    related_text,
    snippet_html,
    sort_facet,
    suggest,
    write_meta,
)
from .query import Number, ParsedQuery, Phrase, Term, parse_query
from .types import FACET_KEYS, CheckReport, Hit, IndexDoc, SearchQuery, SearchResults
from .vietnamese import fold

SCHEMA_VERSION = 2  # 2: pre-tokenised text fields (_Tokens)
_SEP = "\x1f"

_K1 = 1.2
_B = 0.75


class _Tokens(TEXT):  # type: ignore[misc]
    """A text field whose value is already analysed: syllables joined by spaces (or a list of them).

    Same postings as TEXT(phrase=False) with a space tokenizer (term frequencies as weights), but counted
    with one Counter instead of Whoosh's per-token Python analyzer: indexing spends its time elsewhere."""

    def index(self, value: Any, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        words = value.split() if isinstance(value, str) else value
        return [(w.encode("utf-8"), n, float(n), pack_uint(n)) for w, n in Counter(words).items()]


def _codec() -> Any:
    """Whoosh's codec without per-posting length statistics: they only feed Whoosh's own block-quality
    scoring, which this backend never uses (BM25 is computed from the length columns), and looking them
    up costs one column read per posting when a segment is written."""
    codec = default_codec()
    codec.length_stats = False
    return codec


def _schema() -> Schema:
    space = SpaceSeparatedTokenizer()
    multi = RegexTokenizer(r"[^\x1f]+")

    def text() -> TEXT:
        return _Tokens(analyzer=space, phrase=False)

    return Schema(
        id=ID(stored=False, unique=True, sortable=True),
        idver=ID(sortable=True),
        kind=ID,
        title_f=text(),
        title_a=text(),
        title_p=text(),
        body_f=text(),
        body_a=text(),
        num=text(),
        doc_type=ID,
        agency=ID,
        status=ID,
        field=TEXT(analyzer=multi, phrase=False),
        year=ID,
        level=ID,
        issued=ID,
        public=ID,
        data=STORED,
    )


def _fields(a: AnalyzedDoc) -> dict[str, Any]:
    d = a.doc
    data = {
        "id": d.id,
        "kind": d.kind,
        "title": a.title,
        "number": a.number,
        "body": a.body,
        "issued": date_to_int(d.issued_on),
        "status": d.status,
        "doc_type": d.doc_type,
        "agency": d.agency,
        "extra": encode_extra(d.extra),
        "public": bool(d.public),
    }
    out: dict[str, Any] = {
        "id": d.id,
        "idver": f"{d.id}{_SEP}{d.version}",
        "kind": d.kind,
        "title_f": " ".join(a.title_f),
        "title_a": " ".join(a.title_a),
        "title_p": " ".join(pairs(a.title_f)),
        "body_f": " ".join(a.body_f),
        "body_a": " ".join(a.body_a),
        "num": " ".join(a.num_keys),
        "issued": str(date_to_int(d.issued_on)),
        "public": "1" if d.public else "0",
        "data": data,
    }
    for key, value in (
        ("doc_type", d.doc_type),
        ("agency", d.agency),
        ("status", d.status),
        ("level", d.level),
    ):
        if value:
            out[key] = value
    if d.year is not None:
        out["year"] = str(d.year)
    if d.fields:
        out["field"] = _SEP.join(f for f in d.fields if f)
    return {k: v for k, v in out.items() if v != ""}


def _finish_sub(sub: Any) -> Any:
    """Write out a lock-free sub-writer's segment and return it (not yet in any TOC). The sub-writer's
    temporary storage is shared with the locking writer, which removes it when it finishes."""
    segment = sub._finalize_segment()
    sub.is_closed = True
    return segment


def _write_segment(args: tuple[str, list[IndexDoc], int]) -> Any:
    """In a worker process: analyse docs and write them as one new segment of the index at path,
    without taking the lock (the parent writer holds it); returns the segment, listed in no TOC yet."""
    path, docs, limitmb = args
    ix = windex.open_dir(path)
    sub = writing.SegmentWriter(ix, _lk=False, codec=_codec(), limitmb=limitmb)
    try:
        for d in docs:
            sub.add_document(**_doc_fields(d))
    except BaseException:
        try:
            sub._close_segment()
        finally:
            sub.is_closed = True
        raise
    return _finish_sub(sub)


def _doc_fields(doc: IndexDoc) -> dict[str, Any]:
    """analyze_doc then _fields: what a rebuild worker process sends back (plain strings pickle fast)."""
    return _fields(analyze_doc(doc))


def _read_postings(r: Any, fieldname: str, text: str, offset: int, out: dict[int, float]) -> None:
    """Add docnum + offset → term frequency of text in one segment reader to out, deleted docs included
    (every result is intersected with the live documents), reading whole blocks when the codec allows."""
    if (fieldname, text) not in r:
        return
    terms = getattr(r, "_terms", None)
    if terms is not None and hasattr(r, "_text_to_bytes"):
        m = terms.matcher(fieldname, r._text_to_bytes(fieldname, text), r.schema[fieldname].format)
    else:  # pragma: no cover - another reader
        m = r.postings(fieldname, text)
    if hasattr(m, "_read_ids") and hasattr(m, "_lastblock"):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids = m._ids
            if offset:
                ids = [i + offset for i in ids]
            out.update(zip(ids, m._weights, strict=False))
            if m._lastblock:
                break
            m._next_block()
    else:  # pragma: no cover - another codec
        for docnum, w in m.items_as("weight"):
            out[docnum + offset] = w


def _segment_id(r: Any) -> str | None:
    seg = r.segment() if hasattr(r, "segment") else None
    return str(seg.segment_id()) if seg is not None else None


class _Segment:
    """What is cached for one segment, by segment id, across commits: a commit that adds a small segment
    (or merges a few small ones) leaves the big segments' caches valid, since segments never change
    except for deletions, and deleted documents are filtered out per generation (_Generation.live).
    Document numbers here are local to the segment."""

    def __init__(self, size: int, cache_terms: int) -> None:
        self.size = size
        self.cache_terms = cache_terms
        self.values: dict[str, dict[str, set[int]]] = {}
        self.arrays: dict[tuple[str, bool], list[Any]] = {}
        self.lengths: dict[str, list[int]] = {}
        self.terms: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()
        self.lock = threading.Lock()

    def raw(self, r: Any, fieldname: str, text: str) -> dict[int, float]:
        key = (fieldname, text)
        with self.lock:
            got = self.terms.get(key)
            if got is not None:
                self.terms.move_to_end(key)
                return got
        got = {}
        _read_postings(r, fieldname, text, 0, got)
        with self.lock:
            self.terms[key] = got
            while len(self.terms) > self.cache_terms:
                self.terms.popitem(last=False)
        return got

    def field_values(self, r: Any, fieldname: str) -> dict[str, set[int]]:
        got = self.values.get(fieldname)
        if got is None:
            got = {}
            if fieldname in r.schema:
                for text in r.lexicon(fieldname):
                    t = text.decode("utf-8") if isinstance(text, bytes) else text
                    tf: dict[int, float] = {}
                    _read_postings(r, fieldname, t, 0, tf)
                    got[t] = set(tf)
            self.values[fieldname] = got
        return got

    def array(self, r: Any, fieldname: str, multi: bool) -> list[Any]:
        got = self.arrays.get((fieldname, multi))
        if got is None:
            got = [() if multi else None] * self.size
            for value, ids in self.field_values(r, fieldname).items():
                if multi:
                    for i in ids:
                        got[i] = (*got[i], value)
                else:
                    for i in ids:
                        got[i] = value
            self.arrays[(fieldname, multi)] = got
        return got

    def field_lengths(self, r: Any, fieldname: str) -> list[int]:
        got = self.lengths.get(fieldname)
        if got is None:
            dfl = r.doc_field_length
            # a segment without any text in the field has no length column: None, read as 0
            got = [dfl(i, fieldname, 0) or 0 for i in range(self.size)]
            self.lengths[fieldname] = got
        return got


class _Generation:
    """One searcher generation: its segments (with their carried-over caches), the live documents, and
    what depends on the whole index (BM25 weights, which use the document count and average length)."""

    def __init__(self, searcher: Any, cache_terms: int, segments: dict[str, _Segment]) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.n = max(1, self.reader.doc_count())
        self.live: set[int] | None = set(self.reader.all_doc_ids()) if self.reader.has_deletions() else None
        self.segs: list[tuple[_Segment, Any, int]] = []
        for r, offset in self.reader.leaf_readers():
            sid = _segment_id(r)
            cache = segments.get(sid) if sid is not None else None
            if cache is None or cache.size != r.doc_count_all():
                cache = _Segment(r.doc_count_all(), cache_terms)
                if sid is not None:
                    segments[sid] = cache
            self.segs.append((cache, r, offset))
        self.segment_ids = {sid for sid in (_segment_id(r) for _c, r, _o in self.segs) if sid}
        self._terms: OrderedDict[tuple[str, str, bool], dict[int, float]] = OrderedDict()
        self._cache_terms = cache_terms
        self._arrays: dict[str, list[Any]] = {}
        self._values: dict[str, dict[str, set[int]]] = {}
        self._lengths: dict[str, tuple[list[int], float]] = {}
        self.lock = threading.Lock()
        self.toc = -2

    # -- postings
    def raw(self, fieldname: str, text: str) -> dict[int, float]:
        """docnum → term frequency (deleted docs included)."""
        if len(self.segs) == 1 and not self.segs[0][2]:
            cache, r, _ = self.segs[0]
            return cache.raw(r, fieldname, text)
        out: dict[int, float] = {}
        for cache, r, offset in self.segs:
            part = cache.raw(r, fieldname, text)
            if offset:
                out.update(zip([i + offset for i in part], part.values(), strict=True))
            else:
                out.update(part)
        return out

    def lengths(self, fieldname: str) -> tuple[list[int], float]:
        got = self._lengths.get(fieldname)
        if got is None:
            arr: list[int] = []
            for cache, r, _offset in self.segs:  # leaf readers come in docnum order
                arr += cache.field_lengths(r, fieldname)
            avg = (sum(arr) / len(arr)) if arr else 1.0
            got = (arr, max(avg, 1.0))
            self._lengths[fieldname] = got
        return got

    def weights(self, fieldname: str, text: str, *, bm25: bool = True) -> dict[int, float]:
        """docnum → BM25 weight of text in fieldname (or 1.0 each when bm25 is False); cached."""
        key = (fieldname, text, bm25)
        with self.lock:
            got = self._terms.get(key)
            if got is not None:
                self._terms.move_to_end(key)
                return got
        tf = self.raw(fieldname, text)
        if bm25 and tf:
            lens, avg = self.lengths(fieldname)
            df = len(tf)
            idf = math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))
            k1, b = _K1, _B
            got = {d: idf * (f * (k1 + 1)) / (f + k1 * (1 - b + b * lens[d] / avg)) for d, f in tf.items()}
        else:
            got = dict.fromkeys(tf, 1.0)
        with self.lock:
            self._terms[key] = got
            while len(self._terms) > self._cache_terms:
                self._terms.popitem(last=False)
        return got

    def docs(self, fieldname: str, text: str) -> set[int] | Any:
        return self.weights(fieldname, text, bm25=fieldname.startswith("body")).keys()

    # -- facet values
    def values(self, fieldname: str) -> dict[str, set[int]]:
        got = self._values.get(fieldname)
        if got is None:
            got = {}
            for cache, r, offset in self.segs:
                for value, ids in cache.field_values(r, fieldname).items():
                    shifted = {i + offset for i in ids} if offset else ids
                    have = got.get(value)
                    got[value] = shifted if have is None else (have | shifted)
            self._values[fieldname] = got
        return got

    def array(self, fieldname: str, multi: bool = False) -> list[Any]:
        got = self._arrays.get(fieldname)
        if got is None:
            got = []
            for cache, r, _offset in self.segs:
                got += cache.array(r, fieldname, multi)
            self._arrays[fieldname] = got
        return got


_FACET_FIELDS = {
    "kind": "kind",
    "doc_type": "doc_type",
    "agency": "agency",
    "status": "status",
    "field": "field",
    "year": "year",
    "level": "level",
}


class WhooshBackend:
    """SearchBackend on a Whoosh index directory."""

    name = "whoosh"

    def __init__(
        self,
        path: str,
        *,
        lock_timeout: float = 60.0,
        cache_terms: int = 512,
        workers: int = 2,
        segment_docs: int = 5000,
        limitmb: int = 2048,
    ) -> None:
        self.path = os.path.abspath(path)
        self.lock_timeout = lock_timeout
        self.cache_terms = cache_terms
        self.workers = workers
        self.segment_docs = max(1, segment_docs)  # records per segment written by rebuild()
        self.limitmb = limitmb  # Whoosh's posting-pool limit per rebuild segment (its estimate, MB)
        self._lock = threading.RLock()
        self._gen: _Generation | None = None
        self._segments: dict[str, _Segment] = {}  # caches by segment id, carried across commits
        os.makedirs(self.path, exist_ok=True)
        if not windex.exists_in(self.path):
            self._create()
        self._ix = windex.open_dir(self.path)

    # ------------------------------------------------------------------------------------- bookkeeping
    def _create(self) -> None:
        windex.create_in(self.path, _schema())
        self._write_meta(complete=True)

    def _write_meta(self, *, complete: bool) -> None:
        write_meta(self.path, engine="whoosh", schema_version=SCHEMA_VERSION, complete=complete)

    def schema_version(self) -> int | None:
        """The schema version stored in the index, None when unknown."""
        return read_meta_version(self.path)

    def needs_rebuild(self) -> bool:
        """True when the index was built by another schema version or a rebuild did not finish."""
        return self.schema_version() != SCHEMA_VERSION

    def _writer(self, **kwargs: Any) -> Any:
        return writing.SegmentWriter(
            self._ix, timeout=self.lock_timeout, delay=0.05, codec=_codec(), **kwargs
        )

    def _generation(self) -> _Generation:
        with self._lock:
            gen = self._gen
            latest = self._ix.latest_generation()
            if gen is None or gen.toc != latest:
                if gen is not None:
                    gen.searcher.close()
                gen = _Generation(self._ix.searcher(), self.cache_terms, self._segments)
                for sid in set(self._segments) - gen.segment_ids:  # merged away or deleted
                    del self._segments[sid]
                gen.toc = latest
                self._gen = gen
            return gen

    # ------------------------------------------------------------------------------------------ writes
    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Add or replace by id; committed (searchable) on return. Waits for another writer's lock."""
        analysed = [_doc_fields(d) for d in docs]
        if not analysed:
            return
        w = self._writer()
        try:
            for a in analysed:
                w.update_document(**a)
        except BaseException:
            w.cancel()
            raise
        w.commit()

    def delete(self, ids: Iterable[str]) -> None:
        """Remove ids; committed on return."""
        ids = list(ids)
        if not ids:
            return
        w = self._writer()
        try:
            for i in ids:
                w.delete_by_term("id", i)
        except BaseException:
            w.cancel()
            raise
        w.commit()

    def rebuild(
        self,
        docs: Iterable[IndexDoc],
        *,
        total: int | None = None,
        progress: Callable[[int], None] | None = None,
        workers: int | None = None,
    ) -> None:
        """Replace the whole index; the old segments stay visible to readers until the final commit
        replaces them all at once.

        The new index is written as segments of `segment_docs` records, each sorted in memory (Whoosh
        spills postings beyond its memory limit to run files and merges them back in Python, which
        made one big segment about 3x slower); the final commit lists them all. With `workers` > 1
        and more than one segment, `workers` processes each analyse and write whole segments (at
        most workers + 1 batches of records in memory at once), else analysis runs in worker
        processes beside one writer. Memory per writer stays bounded by one segment's postings
        (about 1.2 GB for 5,000 records of ~9 KB), and such segments are too big for Whoosh's
        small-segment merge policy to touch later. `progress` is called per segment when segments
        are written in parallel."""
        schema_changed = self.schema_version() != SCHEMA_VERSION
        self._write_meta(complete=False)
        if schema_changed:
            with self._lock:
                self._ix = windex.create_in(self.path, _schema())
                self._gen = None
                self._segments.clear()
        nworkers = workers or self.workers
        w = self._writer()  # holds the index lock; the segments are written by lock-free sub-writers
        it = iter(docs)
        first: list[IndexDoc] = []
        for d in it:
            first.append(d)
            if len(first) > self.segment_docs:
                break
        if nworkers > 1 and len(first) > self.segment_docs:
            self._rebuild_parallel(w, chain(first, it), nworkers, progress)
            return
        segments: list[Any] = []
        sub: Any = None
        in_sub = done = 0
        try:
            for a in analyze_parallel(chain(first, it), workers=nworkers, func=_doc_fields):
                if sub is None:
                    sub = writing.SegmentWriter(self._ix, _lk=False, codec=_codec(), limitmb=self.limitmb)
                    in_sub = 0
                sub.add_document(**a)
                in_sub += 1
                done += 1
                if in_sub >= self.segment_docs:
                    segments.append(_finish_sub(sub))
                    sub = None
                if progress is not None and done % 500 == 0:
                    progress(done)
            if sub is not None:
                segments.append(_finish_sub(sub))
                sub = None
        except BaseException:
            if sub is not None:
                try:
                    sub._close_segment()
                finally:
                    sub.is_closed = True
            w.cancel()  # also removes the temporary files the sub-writers shared
            raise
        # As MpWriter does with its sub-writers' segments: a new TOC listing only them (the old segments'
        # files are deleted; open readers keep theirs until they close).
        self._commit_segments(w, segments)
        self._write_meta(complete=True)
        if progress is not None:
            progress(done)

    def _commit_segments(self, w: Any, segments: list[Any]) -> None:
        w._close_segment()
        w._commit_toc(segments)
        w._finish()

    def _rebuild_parallel(
        self,
        w: Any,
        docs: Iterable[IndexDoc],
        nworkers: int,
        progress: Callable[[int], None] | None,
    ) -> None:
        def batches() -> Any:
            buf: list[IndexDoc] = []
            for d in docs:
                buf.append(d)
                if len(buf) >= self.segment_docs:
                    yield buf
                    buf = []
            if buf:
                yield buf

        ctx = multiprocessing.get_context(
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        segments: list[Any] = []
        done = 0
        try:
            with ctx.Pool(nworkers) as pool:
                pending: deque[tuple[int, Any]] = deque()

                def collect() -> None:
                    nonlocal done
                    n, job = pending.popleft()
                    segments.append(job.get())
                    done += n
                    if progress is not None:
                        progress(done)

                for batch in batches():
                    pending.append(
                        (len(batch), pool.apply_async(_write_segment, ((self.path, batch, self.limitmb),)))
                    )
                    while len(pending) > nworkers:
                        collect()
                while pending:
                    collect()
        except BaseException:
            w.cancel()  # the segments written so far are in no TOC: the next commit deletes their files
            raise
        self._commit_segments(w, segments)
        self._write_meta(complete=True)

    # ------------------------------------------------------------------------------------------- reads
    def count(self) -> int:
        """Number of records."""
        return self._generation().reader.doc_count()

    def check(self, expected: Mapping[str, str]) -> CheckReport:
        """Compare with id → version from the database."""
        gen = self._generation()
        col = gen.reader.column_reader("idver")
        found: dict[str, str] = {}
        for docnum in gen.reader.all_doc_ids():
            raw = col[docnum]
            v = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            i, _, ver = v.partition(_SEP)
            found[i] = ver
        rep = CheckReport()
        for i, ver in expected.items():
            if i not in found:
                rep.missing.append(i)
            elif found[i] != ver:
                rep.stale.append(i)
        rep.extra = sorted(set(found) - set(expected))
        rep.missing.sort()
        rep.stale.sort()
        return rep

    def _alt_docs(self, gen: _Generation, alt: Term | Phrase | Number) -> set[int]:
        if isinstance(alt, Term):
            return set(gen.docs("body_f", alt.folded)) | set(gen.docs("title_f", alt.folded))
        if isinstance(alt, Phrase):
            return self._phrase_docs(gen, list(alt.folded))
        out: set[int] = set()
        for k in alt.keys:
            out |= set(gen.docs("num", k))
        if len(alt.words) > 1:
            out |= self._title_phrase_docs(gen, list(alt.words))
        return out

    def _title_phrase_docs(self, gen: _Generation, words: list[str]) -> set[int]:
        sets = sorted((set(gen.docs("title_p", p)) for p in pairs(words)), key=len)
        out = sets[0] if sets else set()
        for s in sets[1:]:
            out &= s
        return out

    def _phrase_docs(self, gen: _Generation, words: list[str]) -> set[int]:
        if len(words) == 1:
            return set(gen.docs("body_f", words[0])) | set(gen.docs("title_f", words[0]))
        # No positions in the body: candidates contain every word; adjacency is verified on the stored
        # text of the hits actually shown (see _verify), so the total becomes an estimate.
        sets = sorted((set(gen.docs("body_f", w)) for w in set(words)), key=len)
        out = sets[0]
        for s in sets[1:]:
            out &= s
            if not out:
                break
        return out | self._title_phrase_docs(gen, words)

    def _filter(self, gen: _Generation, q: SearchQuery) -> set[int] | None:
        """Docs allowed by the facet filters and visibility; None = all."""
        result: set[int] | None = None

        def narrow(fieldname: str, wanted: Iterable[Any] | None) -> None:
            nonlocal result
            if wanted is None:
                return
            vals = gen.values(fieldname)
            allowed: set[int] = set()
            for v in wanted:
                allowed |= vals.get(str(v), set())
            result = allowed if result is None else (result & allowed)

        if not q.include_internal:
            narrow("public", ["1"])
        narrow("kind", q.kinds)
        narrow("doc_type", q.doc_types)
        narrow("agency", q.agencies)
        narrow("status", q.statuses)
        narrow("field", q.fields)
        narrow("year", q.years)
        narrow("level", q.levels)
        return result

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a query; never raises for any query text."""
        gen = self._generation()
        pq = parse_query(query.text)
        allowed = self._filter(gen, query)
        if pq.empty:
            if allowed is None:
                matched = set(gen.live) if gen.live is not None else set(range(gen.size))
            else:
                matched = allowed if gen.live is None else allowed & gen.live
        else:
            matched = self._match(gen, pq, allowed)
        page = max(1, int(query.page or 1))
        per_page = max(1, min(int(query.per_page or 20), 1000))
        need = page * per_page
        issued = gen.array("issued")
        if query.sort in ("newest", "oldest") or pq.empty:
            key = lambda d: (issued[d] or "0", d)  # noqa: E731
            if query.sort == "oldest":
                top = heapq.nsmallest(need, matched, key=lambda d: (issued[d] or "99999999", d))
            else:
                top = heapq.nlargest(need, matched, key=key)
            scores = dict.fromkeys(top, 0.0)
        else:
            scores = self._score(gen, pq, matched)
            top = heapq.nlargest(need, matched, key=lambda d: (scores.get(d, 0.0), issued[d] or "0"))
        total, estimate = len(matched), False
        phrases = [c[0] for c in pq.clauses if len(c) == 1 and isinstance(c[0], Phrase)]
        if phrases and top:
            top, total, estimate = self._verify(gen, phrases, top, matched, scores, issued, need)
        page_docs = top[(page - 1) * per_page : need]
        words = pq.positive_words()
        hits = [self._hit(gen, d, scores.get(d, 0.0), words) for d in page_docs]
        facets: dict[str, list[tuple[str, int]]] = {}
        if query.facets:
            for key_name in FACET_KEYS:
                fname = _FACET_FIELDS[key_name]
                if key_name == "field":
                    arr = gen.array(fname, multi=True)
                    counts = Counter(chain.from_iterable(map(arr.__getitem__, matched)))
                else:
                    arr = gen.array(fname)
                    counts = Counter(map(arr.__getitem__, matched))
                    counts.pop(None, None)
                facets[key_name] = sort_facet(counts)
        suggestion = None
        if not matched and not pq.empty:
            suggestion = suggest(pq, lambda terms: self._public_df(gen, terms, query.include_internal))
        return SearchResults(hits, total, estimate, facets, suggestion, page, per_page)

    def _verify(
        self,
        gen: _Generation,
        phrases: list[Phrase],
        top: list[int],
        matched: set[int],
        scores: Mapping[int, float],
        issued: list[Any],
        need: int,
    ) -> tuple[list[int], int, bool]:
        """Keep the candidates whose stored text really has the phrases side by side.

        Only as many candidates as the page needs are read; the total is then an estimate from the
        share that passed."""
        regexes = [phrase_regex(list(p.words)) for p in phrases]
        ranked = heapq.nlargest(
            min(len(matched), need * 4 + 40), matched, key=lambda d: (scores.get(d, 0.0), issued[d] or "0")
        )
        kept: list[int] = []
        checked = 0
        for d in ranked:
            data = gen.searcher.stored_fields(d)["data"]
            checked += 1
            text = (data["title"] + "\n" + data["body"]).lower()
            if all(r.search(text) for r in regexes):
                kept.append(d)
                if len(kept) >= need:
                    break
        if checked >= len(matched):
            return kept, len(kept), False
        estimate = max(len(kept), round(len(matched) * len(kept) / max(checked, 1)))
        return kept, estimate, True

    def _public_df(
        self, gen: _Generation, terms: list[str], include_internal: bool = False
    ) -> dict[str, int]:
        public = gen.values("public").get("1", set())
        out: dict[str, int] = {}
        for t in terms:
            if gen.reader.doc_frequency("body_f", t) == 0 and gen.reader.doc_frequency("title_f", t) == 0:
                continue
            docs = set(gen.raw("body_f", t)) | set(gen.raw("title_f", t))
            if not include_internal:
                docs &= public
            if gen.live is not None:
                docs &= gen.live
            out[t] = len(docs)
        return out

    def _match(self, gen: _Generation, pq: ParsedQuery, allowed: set[int] | None) -> set[int]:
        clause_sets: list[set[int]] = []
        for clause in pq.clauses:
            s: set[int] = set()
            for alt in clause:
                s |= self._alt_docs(gen, alt)
            clause_sets.append(s)
        clause_sets.sort(key=len)
        if allowed is not None:
            clause_sets.insert(0, allowed)
        result = set(clause_sets[0])
        for s in clause_sets[1:]:
            result &= s
            if not result:
                return result
        for alt in pq.excluded:
            result -= self._alt_docs(gen, alt)
        if gen.live is not None:
            result &= gen.live
        return result

    def _score(self, gen: _Generation, pq: ParsedQuery, matched: set[int]) -> dict[int, float]:
        scores: dict[int, float] = defaultdict(float)
        if not matched:
            return scores

        def add(weights: Mapping[int, float], factor: float) -> None:
            if len(weights) < len(matched):
                for d, w in weights.items():
                    if d in matched:
                        scores[d] += w * factor
            else:
                for d in matched:
                    got = weights.get(d)
                    if got:
                        scores[d] += got * factor

        seq: list[str] = []  # folded syllables of adjacent single-word clauses, for pair bonuses
        title_seq: list[str] = []
        for clause in pq.clauses:
            for alt in clause:
                if isinstance(alt, Number):
                    for i, k in enumerate(alt.keys):
                        add(
                            gen.weights("num", k, bm25=False),
                            Weights.NUMBER_FULL if i == 0 else Weights.NUMBER_PART,
                        )
                    continue
                words = [alt.text] if isinstance(alt, Term) else list(alt.words)
                for w in words:
                    fw = fold(w)
                    add(gen.weights("body_f", fw), 1.0)
                    add(gen.weights("title_f", fw, bm25=False), Weights.TITLE)
                    if w != fw:
                        add(gen.weights("body_a", w), Weights.ACCENTED)
                        add(gen.weights("title_a", w, bm25=False), Weights.TITLE / 2)
                if isinstance(alt, Phrase):
                    tp = [set(gen.docs("title_p", p)) for p in pairs(list(alt.folded))]
                    for d in set.intersection(*tp) & matched if tp else set():
                        scores[d] += Weights.TITLE_PHRASE
            if len(clause) == 1 and not isinstance(clause[0], Number):
                alt = clause[0]
                fws = [alt.folded] if isinstance(alt, Term) else list(alt.folded)
                seq.extend(fws)
                title_seq.extend(fws)
        if len(seq) > 1:
            tp = [set(gen.docs("title_p", p)) for p in pairs(title_seq)]
            both = set.intersection(*tp) & matched if tp else set()
            for d in both:
                scores[d] += Weights.TITLE_PHRASE
        return scores

    def _hit(self, gen: _Generation, docnum: int, score: float, words: list[str]) -> Hit:
        data = gen.searcher.stored_fields(docnum)["data"]
        return Hit(
            id=data["id"],
            kind=data["kind"],
            score=float(score),
            title=data["title"],
            number=data["number"],
            issued_on=int_to_date(data["issued"]),
            status=data["status"],
            doc_type=data["doc_type"],
            agency=data["agency"],
            title_html=highlight_html(data["title"], words),
            snippet_html=snippet_html(data["body"], words),
            extra=decode_extra(data["extra"]),
        )

    def related(self, id: str, *, limit: int = 5, include_internal: bool = False) -> list[Hit]:
        """Records sharing the most title words with this one; never itself."""
        gen = self._generation()
        docnum = gen.reader.first_id("id", id) if ("id", id) in gen.reader else None
        if docnum is None or (gen.live is not None and docnum not in gen.live):
            return []
        data = gen.searcher.stored_fields(docnum)["data"]
        text = related_text(data["title"])
        if not text:
            return []
        res = self.search(
            SearchQuery(text=text, include_internal=include_internal, per_page=limit + 1, facets=False)
        )
        return [h for h in res.hits if h.id != id][:limit]

    def close(self) -> None:
        """Release the searcher and files."""
        with self._lock:
            if self._gen is not None:
                self._gen.searcher.close()
                self._gen = None
                self._segments.clear()
            self._ix.close()
