"""tantivy backend: the embedded engine for large registries.

Text is NFC-normalised in Python; tantivy's own analyzers then split syllables (Unicode alphanumeric
runs, as search.vietnamese does), lower-case them, and for the folded fields fold them to ASCII (which
folds every Vietnamese letter exactly as search.vietnamese.fold does, ``đ`` → ``d`` included: see
tests/search/test_vietnamese.py). Running the analysis in Rust keeps indexing multi-threaded.
Positions are kept on the folded fields for phrases; the accented fields only score.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import tantivy

from .common import (
    Weights,
    date_to_int,
    decode_extra,
    encode_extra,
    highlight_html,
    int_to_date,
    related_text,
    snippet_html,
    sort_facet,
    suggest,
)
from .query import Number, ParsedQuery, Phrase, Term, parse_query
from .types import FACET_KEYS, CheckReport, Hit, IndexDoc, SearchQuery, SearchResults
from .vietnamese import fold, nfc, number_keys

SCHEMA_VERSION = 1
META_FILE = "hieuluc-search.json"
_SEP = "\x1f"
_FACETS = ("kind", "doc_type", "agency", "status", "field", "year", "level")

Occur = tantivy.Occur
Q = tantivy.Query


def _schema() -> Any:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("idver", tokenizer_name="raw", fast=True)
    for f in _FACETS:
        sb.add_text_field(f, tokenizer_name="raw", fast=True)
    sb.add_text_field("title_f", tokenizer_name="vi_fold", index_option="position")
    sb.add_text_field("title_a", tokenizer_name="vi_acc", index_option="freq")
    sb.add_text_field("body_f", tokenizer_name="vi_fold", index_option="position")
    sb.add_text_field("body_a", tokenizer_name="vi_acc", index_option="freq")
    sb.add_text_field("num", tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("issued", fast=True, indexed=True)
    sb.add_boolean_field("public", fast=True, indexed=True)
    sb.add_bytes_field("data", stored=True, indexed=False)
    return sb.build()


def _register(index: Any) -> None:
    simple = tantivy.Tokenizer.simple
    index.register_tokenizer(
        "vi_fold",
        tantivy.TextAnalyzerBuilder(simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build(),
    )
    index.register_tokenizer(
        "vi_acc", tantivy.TextAnalyzerBuilder(simple()).filter(tantivy.Filter.lowercase()).build()
    )


def _document(d: IndexDoc) -> Any:
    title = nfc(d.title or "")
    body = nfc(d.body or "")
    number = nfc(d.number) if d.number else None
    data = {
        "id": d.id,
        "kind": d.kind,
        "title": title,
        "number": number,
        "issued": date_to_int(d.issued_on),
        "status": d.status,
        "doc_type": d.doc_type,
        "agency": d.agency,
        "extra": encode_extra(d.extra),
    }
    blob = json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\0" + body.encode("utf-8")
    doc = tantivy.Document()
    doc.add_text("id", d.id)
    doc.add_text("idver", f"{d.id}{_SEP}{d.version}")
    doc.add_text("kind", d.kind)
    for name, value in (
        ("doc_type", d.doc_type),
        ("agency", d.agency),
        ("status", d.status),
        ("level", d.level),
    ):
        if value:
            doc.add_text(name, value)
    for f in d.fields or []:
        if f:
            doc.add_text("field", f)
    if d.year is not None:
        doc.add_text("year", str(d.year))
    doc.add_text("title_f", title)
    doc.add_text("title_a", title)
    doc.add_text("body_f", body)
    doc.add_text("body_a", body)
    for k in number_keys(number) if number else []:
        doc.add_text("num", k)
    doc.add_integer("issued", date_to_int(d.issued_on))
    doc.add_boolean("public", bool(d.public))
    doc.add_bytes("data", blob)
    return doc


class TantivyBackend:
    """SearchBackend on a tantivy index directory."""

    name = "tantivy"

    def __init__(
        self,
        path: str,
        *,
        lock_timeout: float = 60.0,
        heap_size: int = 256_000_000,
        workers: int = 2,
    ) -> None:
        self.path = os.path.abspath(path)
        self.lock_timeout = lock_timeout
        self.heap_size = heap_size
        self.workers = workers
        self._lock = threading.RLock()
        os.makedirs(self.path, exist_ok=True)
        self._schema = _schema()
        fresh = not tantivy.Index.exists(self.path)
        if not fresh and self._stored_version() != SCHEMA_VERSION:
            # Another schema: open it with ours only if compatible, else start empty and ask for a rebuild.
            try:
                self._index = tantivy.Index(self._schema, path=self.path, reuse=True)
            except Exception:
                self._index = None  # type: ignore[assignment]
            if self._index is None:
                self._wipe()
                fresh = True
        if fresh or not hasattr(self, "_index") or self._index is None:
            self._index = tantivy.Index(self._schema, path=self.path, reuse=not fresh)
            if fresh and self._stored_version() is None:
                self._write_meta(complete=True)
        _register(self._index)
        self._meta_mtime = self._toc_mtime()

    # ------------------------------------------------------------------------------------- bookkeeping
    def _wipe(self) -> None:
        for name in os.listdir(self.path):
            p = os.path.join(self.path, name)
            if os.path.isfile(p) and name != META_FILE:
                os.unlink(p)
        self._write_meta(complete=False)

    def _meta_path(self) -> str:
        return os.path.join(self.path, META_FILE)

    def _write_meta(self, *, complete: bool) -> None:
        tmp = self._meta_path() + f".{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"schema_version": SCHEMA_VERSION, "engine": "tantivy", "complete": complete}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self._meta_path())

    def _stored_version(self) -> int | None:
        try:
            with open(self._meta_path(), encoding="utf-8") as f:
                meta = json.load(f)
        except (OSError, ValueError):
            return None
        v = meta.get("schema_version")
        if not meta.get("complete", False):
            return None
        return v if isinstance(v, int) else None

    def schema_version(self) -> int | None:
        """The schema version stored with the index, None when unknown or a rebuild did not finish."""
        return self._stored_version()

    def needs_rebuild(self) -> bool:
        """True when the index was built by another schema version or a rebuild did not finish."""
        return self._stored_version() != SCHEMA_VERSION

    def _toc_mtime(self) -> float:
        try:
            return os.stat(os.path.join(self.path, "meta.json")).st_mtime_ns
        except OSError:
            return 0

    def _searcher(self) -> Any:
        m = self._toc_mtime()
        if m != self._meta_mtime:
            self._meta_mtime = m
            self._index.reload()
        return self._index.searcher()

    def _writer(self, threads: int = 1, heap: int | None = None) -> Any:
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.02
        while True:
            try:
                return self._index.writer(heap or max(15_000_000 * threads, 50_000_000), threads)
            except ValueError as e:
                if "Lock" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 1.5, 0.5)

    def _done(self, writer: Any) -> None:
        writer.commit()
        writer.wait_merging_threads()
        self._index.reload()
        self._meta_mtime = self._toc_mtime()

    # ------------------------------------------------------------------------------------------ writes
    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Add or replace by id; committed (searchable) on return. Waits for another writer's lock."""
        prepared = [(d.id, _document(d)) for d in docs]
        if not prepared:
            return
        with self._lock:
            w = self._writer()
            try:
                for i, doc in prepared:
                    w.delete_documents_by_term("id", i)
                    w.add_document(doc)
            except BaseException:
                w.rollback()
                raise
            self._done(w)

    def delete(self, ids: Iterable[str]) -> None:
        """Remove ids; committed on return."""
        ids = list(ids)
        if not ids:
            return
        with self._lock:
            w = self._writer()
            for i in ids:
                w.delete_documents_by_term("id", i)
            self._done(w)

    def rebuild(
        self,
        docs: Iterable[IndexDoc],
        *,
        total: int | None = None,
        progress: Callable[[int], None] | None = None,
        workers: int | None = None,
    ) -> None:
        """Replace the whole index in one commit (tantivy indexes with `workers` threads); readers
        keep the old index until then."""
        with self._lock:
            self._write_meta(complete=False)
            w = self._writer(threads=workers or self.workers, heap=self.heap_size)
            done = 0
            try:
                w.delete_all_documents()
                for d in docs:
                    w.add_document(_document(d))
                    done += 1
                    if progress is not None and done % 500 == 0:
                        progress(done)
            except BaseException:
                w.rollback()
                raise
            self._done(w)
            self._write_meta(complete=True)
            if progress is not None:
                progress(done)

    # ------------------------------------------------------------------------------------------- reads
    def count(self) -> int:
        """Number of records."""
        return int(self._searcher().num_docs)

    def check(self, expected: Mapping[str, str]) -> CheckReport:
        """Compare with id → version from the database."""
        s = self._searcher()
        n = int(s.num_docs)
        found: dict[str, str] = {}
        if n:
            agg = s.aggregate(Q.all_query(), {"v": {"terms": {"field": "idver", "size": n + 10}}})
            for b in agg["v"]["buckets"]:
                i, _, ver = str(b["key"]).partition(_SEP)
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

    # -- query building
    def _t(self, field: str, value: Any) -> Any:
        return Q.term_query(self._schema, field, value)

    def _boost(self, q: Any, b: float) -> Any:
        return q if b == 1.0 else Q.boost_query(q, b)

    def _phrase(self, field: str, words: list[str]) -> Any:
        if len(words) == 1:
            return self._t(field, words[0])
        return Q.phrase_query(self._schema, field, list[Any](words))

    def _alt(self, alt: Term | Phrase | Number) -> tuple[Any, list[Any]]:
        """(query that decides the match, bonus queries)."""
        if isinstance(alt, Number):
            subs = [
                self._boost(self._t("num", k), Weights.NUMBER_FULL if i == 0 else Weights.NUMBER_PART)
                for i, k in enumerate(alt.keys)
            ]
            if alt.words:
                subs.append(self._phrase("body_f", list(alt.words)))
            return Q.boolean_query([(Occur.Should, s) for s in subs]), []
        words = [alt.text] if isinstance(alt, Term) else list(alt.words)
        folded = [fold(w) for w in words]
        match = Q.boolean_query(
            [
                (Occur.Should, self._phrase("body_f", folded)),
                (Occur.Should, self._boost(self._phrase("title_f", folded), Weights.TITLE)),
            ]
        )
        bonus: list[Any] = []
        for w, f in zip(words, folded, strict=True):
            if w != f:
                bonus.append(self._boost(self._t("body_a", w), Weights.ACCENTED))
                bonus.append(self._boost(self._t("title_a", w), Weights.TITLE / 2))
        return match, bonus

    def _filters(self, q: SearchQuery) -> list[Any]:
        out: list[Any] = []
        if not q.include_internal:
            out.append(self._t("public", True))
        for field, wanted in (
            ("kind", q.kinds),
            ("doc_type", q.doc_types),
            ("agency", q.agencies),
            ("status", q.statuses),
            ("field", q.fields),
            ("year", {str(y) for y in q.years} if q.years is not None else None),
            ("level", q.levels),
        ):
            if wanted is not None:
                vals = sorted(str(v) for v in wanted)
                out.append(Q.term_set_query(self._schema, field, vals) if vals else Q.empty_query())
        return out

    def _build(self, pq: ParsedQuery, q: SearchQuery) -> Any:
        parts: list[tuple[Any, Any]] = []
        seq: list[str] = []
        for clause in pq.clauses:
            matches: list[Any] = []
            for alt in clause:
                m, bonus = self._alt(alt)
                matches.append(m)
                parts.extend((Occur.Should, b) for b in bonus)
            parts.append(
                (
                    Occur.Must,
                    matches[0]
                    if len(matches) == 1
                    else Q.boolean_query([(Occur.Should, m) for m in matches]),
                )
            )
            if len(clause) == 1 and isinstance(clause[0], (Term, Phrase)):
                a = clause[0]
                seq.extend([a.folded] if isinstance(a, Term) else list(a.folded))
        if len(seq) > 1:
            for w1, w2 in zip(seq, seq[1:], strict=False):
                pair: list[Any] = [w1, w2]
                parts.append(
                    (
                        Occur.Should,
                        Q.boost_query(Q.phrase_query(self._schema, "body_f", pair), Weights.PAIR),
                    )
                )
            parts.append(
                (
                    Occur.Should,
                    Q.boost_query(
                        Q.phrase_query(self._schema, "title_f", list[Any](seq)), Weights.TITLE_PHRASE / 4
                    ),
                )
            )
        for alt in pq.excluded:
            m, _ = self._alt(alt)
            parts.append((Occur.MustNot, m))
        for f in self._filters(q):
            parts.append((Occur.Must, Q.const_score_query(f, 0.0)))
        if not any(o == Occur.Must for o, _ in parts):
            parts.append((Occur.Must, Q.all_query()))
        return Q.boolean_query(parts)

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a query; never raises for any query text."""
        s = self._searcher()
        pq = parse_query(query.text)
        tq = self._build(pq, query)
        page = max(1, int(query.page or 1))
        per_page = max(1, min(int(query.per_page or 20), 1000))
        offset = (page - 1) * per_page
        if query.sort in ("newest", "oldest") or pq.empty:
            order = tantivy.Order.Asc if query.sort == "oldest" else tantivy.Order.Desc
            res = s.search(tq, per_page, count=True, order_by_field="issued", offset=offset, order=order)
            scored = [(0.0, addr) for _k, addr in res.hits]
        else:
            res = s.search(tq, per_page, count=True, offset=offset)
            scored = [(float(sc), addr) for sc, addr in res.hits]
        words = pq.positive_words()
        hits = [self._hit(s.doc(addr), score, words) for score, addr in scored]
        facets: dict[str, list[tuple[str, int]]] = {}
        total = int(res.count or 0)
        if query.facets:
            if total:
                agg = s.aggregate(tq, {k: {"terms": {"field": k, "size": 500}} for k in FACET_KEYS})
                for k in FACET_KEYS:
                    facets[k] = sort_facet({str(b["key"]): int(b["doc_count"]) for b in agg[k]["buckets"]})
            else:
                facets = {k: [] for k in FACET_KEYS}
        suggestion = None
        if total == 0 and not pq.empty:
            suggestion = suggest(pq, lambda terms: self._public_df(s, terms, query.include_internal))
        return SearchResults(hits, total, False, facets, suggestion, page, per_page)

    def _public_df(self, s: Any, terms: list[str], include_internal: bool = False) -> dict[str, int]:
        out: dict[str, int] = {}
        public = Q.all_query() if include_internal else self._t("public", True)
        for t in terms:
            if s.doc_freq("body_f", t) == 0 and s.doc_freq("title_f", t) == 0:
                continue
            q = Q.boolean_query(
                [
                    (
                        Occur.Must,
                        Q.boolean_query(
                            [(Occur.Should, self._t("body_f", t)), (Occur.Should, self._t("title_f", t))]
                        ),
                    ),
                    (Occur.Must, public),
                ]
            )
            out[t] = int(s.search(q, 1, count=True).count or 0)
        return out

    def _hit(self, doc: Any, score: float, words: list[str]) -> Hit:
        blob = doc.get_first("data")
        head, _, body_b = bytes(blob).partition(b"\0")
        data = json.loads(head.decode("utf-8"))
        body = body_b.decode("utf-8")
        return Hit(
            id=data["id"],
            kind=data["kind"],
            score=score,
            title=data["title"],
            number=data["number"],
            issued_on=int_to_date(data["issued"]),
            status=data["status"],
            doc_type=data["doc_type"],
            agency=data["agency"],
            title_html=highlight_html(data["title"], words),
            snippet_html=snippet_html(body, words),
            extra=decode_extra(data["extra"]),
        )

    def related(self, id: str, *, limit: int = 5, include_internal: bool = False) -> list[Hit]:
        """Records sharing the most title words with this one; never itself."""
        s = self._searcher()
        res = s.search(self._t("id", id), 1)
        if not res.hits:
            return []
        doc = s.doc(res.hits[0][1])
        head, _, _ = bytes(doc.get_first("data")).partition(b"\0")
        text = related_text(json.loads(head.decode("utf-8"))["title"])
        if not text:
            return []
        out = self.search(
            SearchQuery(text=text, include_internal=include_internal, per_page=limit + 1, facets=False)
        )
        return [h for h in out.hits if h.id != id][:limit]

    def close(self) -> None:
        """Nothing to release beyond the Python objects."""
        self._index = None  # type: ignore[assignment]
