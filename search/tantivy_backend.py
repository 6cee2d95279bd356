"""tantivy backend: the embedded engine for large registries.

Text is NFC-normalised in Python; tantivy's own analyzers then split syllables (Unicode alphanumeric
runs, as search.vietnamese does), lower-case them, and for the folded fields fold them to ASCII (which
folds every Vietnamese letter exactly as search.vietnamese.fold does, ``đ`` → ``d`` included: see
tests/search/test_vietnamese.py). Running the analysis in Rust keeps indexing multi-threaded.
Phrases need no positions in the body: consecutive folded syllables are also indexed as single pair
terms ("an_toan toan_thuc thuc_pham", fields body_p and title_p, made in Python by the same analysis the
query parser uses), so a two-syllable phrase is one term lookup and a longer one the conjunction of its
pairs; the hits shown for a phrase of three or more syllables are then checked on the stored text (their
total becomes an estimate, as in the Whoosh backend). Only the short title keeps positions, for the
whole-query title bonus. Facet counts run on the matching part of the query only (no scoring clauses).
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
    META_FILE,
    Weights,
    date_to_int,
    decode_extra,
    encode_extra,
    highlight_html,
    int_to_date,
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
from .vietnamese import fold, folded_syllables, nfc, number_keys, pairs

SCHEMA_VERSION = 2  # 2: pair fields body_p / title_p, no positions in body_f
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
    sb.add_text_field("body_f", tokenizer_name="vi_fold", index_option="freq")
    sb.add_text_field("title_p", tokenizer_name="vi_pair", index_option="freq")
    sb.add_text_field("body_p", tokenizer_name="vi_pair", index_option="freq")
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
    index.register_tokenizer("vi_pair", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
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
    doc.add_text("title_p", " ".join(pairs(folded_syllables(title))))
    doc.add_text("body_p", " ".join(pairs(folded_syllables(body))))
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
                self._wipe()  # leaves the meta incomplete: needs_rebuild() stays True until a rebuild
                fresh = wiped = True
        else:
            wiped = False
        if fresh or not hasattr(self, "_index") or self._index is None:
            self._index = tantivy.Index(self._schema, path=self.path, reuse=not fresh)
            if fresh and not wiped and self._stored_version() is None:
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

    def _write_meta(self, *, complete: bool) -> None:
        write_meta(self.path, engine="tantivy", schema_version=SCHEMA_VERSION, complete=complete)

    def _stored_version(self) -> int | None:
        return read_meta_version(self.path)

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
        """Folded words side by side in body or title: one term, else the conjunction of the pair terms
        (exact for two syllables; longer phrases are checked on the stored text of the shown hits)."""
        if len(words) == 1:
            return self._t(f"{field}_f", words[0])
        terms = [self._t(f"{field}_p", p) for p in dict.fromkeys(pairs(words))]
        return terms[0] if len(terms) == 1 else Q.boolean_query([(Occur.Must, t) for t in terms])

    def _alt(self, alt: Term | Phrase | Number) -> tuple[Any, list[Any]]:
        """(query that decides the match, bonus queries)."""
        if isinstance(alt, Number):
            subs = [
                self._boost(self._t("num", k), Weights.NUMBER_FULL if i == 0 else Weights.NUMBER_PART)
                for i, k in enumerate(alt.keys)
            ]
            if alt.words:
                subs.append(self._phrase("body", list(alt.words)))
            return Q.boolean_query([(Occur.Should, s) for s in subs]), []
        words = [alt.text] if isinstance(alt, Term) else list(alt.words)
        folded = [fold(w) for w in words]
        match = Q.boolean_query(
            [
                (Occur.Should, self._phrase("body", folded)),
                (Occur.Should, self._boost(self._phrase("title", folded), Weights.TITLE)),
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

    def _build(self, pq: ParsedQuery, q: SearchQuery) -> tuple[Any, Any]:
        """(the scoring query, the same match without its scoring-only clauses, for facet counts)."""
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
            for pair in dict.fromkeys(pairs(seq)):
                parts.append((Occur.Should, Q.boost_query(self._t("body_p", pair), Weights.PAIR)))
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
        matching = [(o, x) for o, x in parts if o != Occur.Should]
        return Q.boolean_query(parts), Q.boolean_query(matching)

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a query; never raises for any query text."""
        s = self._searcher()
        pq = parse_query(query.text)
        tq, mq = self._build(pq, query)
        page = max(1, int(query.page or 1))
        per_page = max(1, min(int(query.per_page or 20), 1000))
        offset = (page - 1) * per_page
        by_date = query.sort in ("newest", "oldest") or pq.empty
        order = tantivy.Order.Asc if query.sort == "oldest" else tantivy.Order.Desc

        def fetch(limit: int, off: int) -> tuple[list[tuple[float, Any]], int]:
            if by_date:
                r = s.search(tq, limit, count=True, order_by_field="issued", offset=off, order=order)
                return [(0.0, addr) for _k, addr in r.hits], int(r.count or 0)
            r = s.search(tq, limit, count=True, offset=off)
            return [(float(sc), addr) for sc, addr in r.hits], int(r.count or 0)

        # Phrases of three or more syllables matched as a conjunction of pairs: check the shown hits.
        long_phrases = [
            phrase_regex(list(c[0].folded))
            for c in pq.clauses
            if len(c) == 1 and isinstance(c[0], Phrase) and len(c[0].words) > 2
        ]
        docs: dict[tuple[int, int], Any] = {}
        estimate = False
        if long_phrases:
            need = offset + per_page
            limit = need * 2 + 20
            while True:
                candidates, total = fetch(limit, 0)
                kept: list[tuple[float, Any]] = []
                checked = 0
                for score, addr in candidates:
                    doc = docs[(addr.segment_ord, addr.doc)] = s.doc(addr)
                    checked += 1
                    data, body = self._stored(doc)
                    title_l, body_l = data["title"].lower(), body.lower()
                    if all(r.search(title_l) or r.search(body_l) for r in long_phrases):
                        kept.append((score, addr))
                        if len(kept) >= need:
                            break
                if len(kept) >= need or len(candidates) < limit or limit >= 4000:
                    break
                limit *= 4
            if checked < total:
                estimate = True
                total = max(len(kept), round(total * len(kept) / max(checked, 1)))
            else:
                total = len(kept)
            scored = kept[offset:need]
        else:
            scored, total = fetch(per_page, offset)
        words = pq.positive_words()
        hits = [
            self._hit(docs.get((addr.segment_ord, addr.doc)) or s.doc(addr), score, words)
            for score, addr in scored
        ]
        facets: dict[str, list[tuple[str, int]]] = {}
        if query.facets:
            if total:
                agg = s.aggregate(mq, {k: {"terms": {"field": k, "size": 500}} for k in FACET_KEYS})
                for k in FACET_KEYS:
                    facets[k] = sort_facet({str(b["key"]): int(b["doc_count"]) for b in agg[k]["buckets"]})
            else:
                facets = {k: [] for k in FACET_KEYS}
        suggestion = None
        if total == 0 and not pq.empty:
            suggestion = suggest(pq, lambda terms: self._public_df(s, terms, query.include_internal))
        return SearchResults(hits, total, estimate, facets, suggestion, page, per_page)

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

    @staticmethod
    def _stored(doc: Any) -> tuple[dict[str, Any], str]:
        """The stored record of a tantivy document: (data, body)."""
        head, _, body_b = bytes(doc.get_first("data")).partition(b"\0")
        return json.loads(head.decode("utf-8")), body_b.decode("utf-8")

    def _hit(self, doc: Any, score: float, words: list[str]) -> Hit:
        data, body = self._stored(doc)
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
