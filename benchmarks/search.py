"""Benchmark of the search backends (and SQLite FTS5 as the baseline) on a synthetic Vietnamese corpus.

    .venv/bin/python benchmarks/search.py --sizes 10000,30000 --engines whoosh,tantivy,fts5
    .venv/bin/python benchmarks/search.py --sizes 100000 --engines tantivy,fts5

For each size and engine: full rebuild (throughput), a warm-up pass over one query set, then p50/p95/max
over a second query set drawn with another seed (top 10 with facet counts, as the search page asks),
and the delay from a saved edit (add + commit) until a search finds it. Prints a Markdown table and
writes the figures as JSON. Never part of the test run.
"""

from __future__ import annotations

import os
import sys

# This file is named search.py: make sure `import search` finds the package, not this script.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]
sys.path.insert(0, os.path.dirname(_HERE))
sys.path.insert(1, _HERE)

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402
from typing import Any  # noqa: E402

from search_corpus import Corpus  # noqa: E402

from search import IndexDoc, SearchQuery, open_backend  # noqa: E402
from search.query import Number, Phrase, Term, parse_query  # noqa: E402
from search.vietnamese import fold  # noqa: E402


class Fts5:
    """The baseline: a plain SQLite FTS5 setup (unicode61, diacritics removed), facets by GROUP BY."""

    name = "fts5"

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path)
        self.db.executescript(
            """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, kind TEXT, title TEXT,
              number TEXT, doc_type TEXT, agency TEXT, status TEXT, year INT, level TEXT, issued TEXT, public INT);
            CREATE TABLE IF NOT EXISTS doc_fields(rowid INT, field TEXT);
            CREATE INDEX IF NOT EXISTS doc_fields_r ON doc_fields(rowid);
            CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, number, body,
              tokenize = 'unicode61 remove_diacritics 2');
            """
        )

    def rebuild(self, docs: list[IndexDoc]) -> None:
        with self.db:
            self.db.execute("DELETE FROM docs")
            self.db.execute("DELETE FROM doc_fields")
            self.db.execute("DELETE FROM fts")
            for n, d in enumerate(docs, 1):
                self._insert(n, d)

    def _insert(self, n: int, d: IndexDoc) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                n,
                d.id,
                d.kind,
                d.title,
                d.number,
                d.doc_type,
                d.agency,
                d.status,
                d.year,
                d.level,
                d.issued_on.isoformat() if d.issued_on else None,
                int(d.public),
            ),
        )
        self.db.execute("DELETE FROM doc_fields WHERE rowid = ?", (n,))
        self.db.executemany("INSERT INTO doc_fields VALUES (?,?)", [(n, f) for f in d.fields])
        self.db.execute("DELETE FROM fts WHERE rowid = ?", (n,))
        self.db.execute(
            "INSERT INTO fts(rowid, title, number, body) VALUES (?,?,?,?)",
            (n, d.title, d.number or "", d.body),
        )

    def add_one(self, n: int, d: IndexDoc) -> None:
        with self.db:
            self._insert(n, d)

    def search(self, q: SearchQuery) -> int:
        pq = parse_query(q.text)
        terms: list[str] = []
        for clause in pq.clauses:
            alts = []
            for a in clause:
                if isinstance(a, Term):
                    alts.append(f'"{fold(a.text)}"')
                elif isinstance(a, Phrase):
                    alts.append('"' + " ".join(a.folded) + '"')
                elif isinstance(a, Number):
                    alts.append('"' + " ".join(a.words) + '"')
            terms.append("(" + " OR ".join(alts) + ")")
        conds, params = ["d.public = 1"], []
        for col, vals in (("doc_type", q.doc_types), ("agency", q.agencies), ("year", q.years)):
            if vals:
                conds.append(f"d.{col} IN ({','.join('?' * len(vals))})")
                params.extend(vals)
        if q.fields:
            conds.append(
                f"d.rowid IN (SELECT rowid FROM doc_fields WHERE field IN ({','.join('?' * len(q.fields))}))"
            )
            params.extend(q.fields)
        if terms:
            base = "SELECT d.*, bm25(fts) AS score FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? AND "
            params = [" AND ".join(terms), *params]
            order = "score"
        else:
            base = "SELECT d.*, 0 AS score FROM docs d WHERE "
            order = "d.issued DESC"
        m = base + " AND ".join(conds)
        self.db.execute(f"SELECT * FROM ({m}) ORDER BY {order.replace('d.', '')} LIMIT 10", params).fetchall()
        total = self.db.execute(f"SELECT count(*) FROM ({m})", params).fetchone()[0]
        for col in ("kind", "doc_type", "agency", "status", "year", "level"):
            self.db.execute(f"SELECT {col}, count(*) FROM ({m}) GROUP BY {col}", params).fetchall()
        self.db.execute(
            f"SELECT f.field, count(*) FROM ({m}) x JOIN doc_fields f ON f.rowid = x.rowid GROUP BY f.field",
            params,
        ).fetchall()
        return int(total)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def run_engine(
    engine: str, docs: list[IndexDoc], queries_warm: list[Any], queries: list[Any], workdir: str, pg_url: str
) -> dict[str, Any]:
    path = os.path.join(workdir, f"{engine}-{len(docs)}")
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path, exist_ok=True)
    if engine == "fts5":
        backend: Any = Fts5(os.path.join(path, "fts.db"))
    elif engine == "postgresql":
        backend = open_backend(pg_url, table=f"search_bench_{len(docs)}")
    else:
        backend = open_backend(f"{engine}://{path}")
    mb = sum(len(d.body.encode("utf-8")) for d in docs) / 1e6
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    backend.rebuild(docs)
    build_s = time.perf_counter() - t0
    print(f"  {engine}: rebuilt {len(docs)} docs ({mb:.0f} MB) in {build_s:.1f} s", flush=True)
    for _cat, q in queries_warm:
        backend.search(q)
    times: dict[str, list[float]] = {}
    all_ms: list[float] = []
    for cat, q in queries:
        t = time.perf_counter()
        backend.search(q)
        ms = (time.perf_counter() - t) * 1000
        times.setdefault(cat, []).append(ms)
        all_ms.append(ms)
    # A saved edit: add + commit, then search until it is found.
    edits: list[float] = []
    adds: list[float] = []
    for k in range(5):
        d = replace(docs[k * 7], title=docs[k * 7].title + f" zqxedit{k}", public=True, version="edited")
        t = time.perf_counter()
        if engine == "fts5":
            backend.add_one(k * 7 + 1, d)
        else:
            backend.add([d])
        adds.append((time.perf_counter() - t) * 1000)
        while True:
            q = SearchQuery(text=f"zqxedit{k}")
            found = backend.search(q) if engine == "fts5" else backend.search(q).total
            if found:
                break
            if time.perf_counter() - t > 10:
                break
        edits.append((time.perf_counter() - t) * 1000)
    if engine == "postgresql":
        backend.drop()
    if hasattr(backend, "close"):
        backend.close()
    result = {
        "engine": engine,
        "docs": len(docs),
        "corpus_mb": round(mb, 1),
        "rebuild_s": round(build_s, 1),
        "docs_per_s": round(len(docs) / build_s, 1),
        "p50_ms": round(statistics.median(all_ms), 1),
        "p95_ms": round(pct(all_ms, 95), 1),
        "max_ms": round(max(all_ms), 1),
        "over_1s": sum(1 for x in all_ms if x > 1000),
        "by_category": {
            c: {"n": len(v), "p50": round(statistics.median(v), 1), "p95": round(pct(v, 95), 1)}
            for c, v in sorted(times.items())
        },
        "edit_add_ms": round(statistics.median(adds), 1),
        "edit_searchable_ms_max": round(max(edits), 1),
        "loadavg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if engine != "fts5":
        shutil.rmtree(path, ignore_errors=True)
    print("   ", json.dumps(result, ensure_ascii=False), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,30000")
    ap.add_argument("--engines", default="whoosh,tantivy,fts5")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--workdir", default="/tmp/hieuluc-search-bench")
    ap.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/search_bench")
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    corpus = Corpus()
    results: list[dict[str, Any]] = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        t = time.perf_counter()
        docs = list(corpus.docs(size))
        print(f"{size} docs generated in {time.perf_counter() - t:.1f} s", flush=True)
        numbers = [d.number for d in docs if d.number and d.kind == "document" and d.public][:2000]
        warm = corpus.queries(args.queries, numbers, seed=1)
        measured = corpus.queries(args.queries, numbers, seed=2)
        for engine in [e for e in args.engines.split(",") if e]:
            results.append(run_engine(engine, docs, warm, measured, args.workdir, args.pg_url))
    print(
        "\n| engine | docs | rebuild s | docs/s | p50 ms | p95 ms | max ms | >1 s | add ms | edit→searchable ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['engine']} | {r['docs']} | {r['rebuild_s']} | {r['docs_per_s']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | {r['over_1s']} | {r['edit_add_ms']} | {r['edit_searchable_ms_max']} |"
        )
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
