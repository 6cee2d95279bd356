"""PostgreSQL full-text backend: one index shared by several application servers.

Text is analysed by search.vietnamese in Python and handed to PostgreSQL as ready tsvector literals
(lexeme:position+weight), so PostgreSQL's parser, dictionaries and locale never touch it: folding
(``đ`` → ``d`` included) is exactly the same as in the embedded engines, which `unaccent`'s default
rules do not guarantee. Two tsvectors per row: folded syllables of title (weight A) and body (D) for
matching and phrases, and accented syllables for the bonus a query typed with diacritics earns.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import psycopg

from .common import (
    Weights,
    analyze_parallel,
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
from .vietnamese import fold, nfc, number_keys, syllables

SCHEMA_VERSION = 1
_MAXPOS = 16383
_COLUMNS = (
    "id, kind, title, number, body, doc_type, agency, status, fields, year, level, issued, public, "
    "version, extra, nums, title_fold, tsv_f, tsv_a"
)


def _tsvector(parts: list[tuple[list[str], str]]) -> str:
    """A tsvector literal from token lists, each with a weight letter; positions run on across parts."""
    positions: dict[str, list[str]] = defaultdict(list)
    pos = 0
    for tokens, weight in parts:
        for tok in tokens:
            pos += 1
            if tok:
                plist = positions[tok]
                if len(plist) < 256:
                    plist.append(f"{min(pos, _MAXPOS)}{weight if weight != 'D' else ''}")
        pos += 1
    return " ".join(f"'{t}':{','.join(p)}" for t, p in positions.items())


def _row(d: IndexDoc) -> tuple[Any, ...]:
    """The table row for a document (module-level so that rebuild can run it in worker processes)."""
    title = nfc(d.title or "")
    body = nfc(d.body or "")
    number = nfc(d.number) if d.number else None
    ts, bs = syllables(title), syllables(body)
    tf, bf = [fold(s) for s in ts], [fold(s) for s in bs]
    ta = [s if s != f else "" for s, f in zip(ts, tf, strict=True)]
    ba = [s if s != f else "" for s, f in zip(bs, bf, strict=True)]
    return (
        d.id,
        d.kind,
        title,
        number,
        body,
        d.doc_type,
        d.agency,
        d.status,
        [f for f in d.fields or [] if f],
        d.year,
        d.level,
        date_to_int(d.issued_on),
        bool(d.public),
        d.version,
        encode_extra(d.extra),
        number_keys(number) if number else [],
        " " + " ".join(tf) + " ",
        _tsvector([(tf, "A"), (bf, "D")]),
        _tsvector([(ta, "A"), (ba, "D")]),
    )


def _lex(word: str) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def _phrase_tsq(words: list[str]) -> str:
    return " <-> ".join(_lex(w) for w in words)


_SAFE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")


class PostgresBackend:
    """SearchBackend on a PostgreSQL table (psycopg 3)."""

    name = "postgresql"

    def __init__(
        self, url: str, *, table: str = "search_docs", workers: int = 2, connect_timeout: int = 5
    ) -> None:
        if not _SAFE_NAME.match(table):
            raise ValueError(f"bad table name {table!r}")
        self.url = url
        self.table = table
        self.workers = workers
        self._lock = threading.RLock()
        self._conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        self._ensure()

    # ------------------------------------------------------------------------------------- bookkeeping
    def _ensure(self) -> None:
        t = self.table
        with self._lock, self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (t,))
            self._conn.execute(
                f"CREATE TABLE IF NOT EXISTS {t}_meta (key text PRIMARY KEY, value text NOT NULL)"
            )
            exists = self._conn.execute("SELECT to_regclass(%s) IS NOT NULL", (t,)).fetchone()
            if not (exists and exists[0]):
                self._create_table()
                self._conn.execute(
                    f"INSERT INTO {t}_meta VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    (str(SCHEMA_VERSION),),
                )

    def _create_table(self) -> None:
        t = self.table
        self._conn.execute(f"DROP TABLE IF EXISTS {t}")
        self._conn.execute(
            f"""CREATE TABLE {t} (
                id text PRIMARY KEY, kind text NOT NULL, title text NOT NULL, number text, body text NOT NULL,
                doc_type text, agency text, status text, fields text[] NOT NULL DEFAULT '{{}}', year int,
                level text, issued int NOT NULL DEFAULT 0, public boolean NOT NULL, version text NOT NULL,
                extra text NOT NULL DEFAULT '{{}}', nums text[] NOT NULL DEFAULT '{{}}',
                title_fold text NOT NULL, tsv_f tsvector NOT NULL, tsv_a tsvector NOT NULL)"""
        )
        self._conn.execute(f"CREATE INDEX {t}_tsv_f ON {t} USING gin (tsv_f)")
        self._conn.execute(f"CREATE INDEX {t}_nums ON {t} USING gin (nums)")
        self._conn.execute(f"CREATE INDEX {t}_issued ON {t} (issued)")

    def schema_version(self) -> int | None:
        """The schema version stored in the database, None when unknown."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT value FROM {self.table}_meta WHERE key = 'schema_version'"
            ).fetchone()
        try:
            return int(row[0]) if row else None
        except ValueError:
            return None

    def needs_rebuild(self) -> bool:
        """True when the table was built by another schema version."""
        return self.schema_version() != SCHEMA_VERSION

    # ------------------------------------------------------------------------------------------ writes
    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Insert or replace by id in one transaction; committed on return."""
        rows = [_row(d) for d in docs]
        if not rows:
            return
        cols = _COLUMNS
        placeholders = ", ".join(["%s"] * 19)
        updates = ", ".join(f"{c.strip()} = EXCLUDED.{c.strip()}" for c in cols.split(",")[1:])
        with self._lock, self._conn.transaction():
            with self._conn.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {self.table} ({cols}) VALUES ({placeholders}) ON CONFLICT (id) DO UPDATE SET {updates}",
                    rows,
                )

    def delete(self, ids: Iterable[str]) -> None:
        """Remove ids; committed on return."""
        ids = list(ids)
        if ids:
            with self._lock:
                self._conn.execute(f"DELETE FROM {self.table} WHERE id = ANY(%s)", (ids,))

    def rebuild(
        self,
        docs: Iterable[IndexDoc],
        *,
        total: int | None = None,
        progress: Callable[[int], None] | None = None,
        workers: int | None = None,
    ) -> None:
        """Replace every row in one transaction (readers see the old rows until it commits). Rows are
        prepared in `workers` processes and streamed with COPY."""
        done = 0
        with self._lock, self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.table,))
            if self.schema_version() != SCHEMA_VERSION:
                self._create_table()
            else:
                self._conn.execute(f"DELETE FROM {self.table}")
            with self._conn.cursor() as cur:
                with cur.copy(f"COPY {self.table} ({_COLUMNS}) FROM STDIN") as copy:
                    for row in analyze_parallel(docs, workers=workers or self.workers, func=_row):
                        copy.write_row(row)
                        done += 1
                        if progress is not None and done % 500 == 0:
                            progress(done)
            self._conn.execute(
                f"INSERT INTO {self.table}_meta VALUES ('schema_version', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (str(SCHEMA_VERSION),),
            )
        with self._lock:
            self._conn.execute(f"ANALYZE {self.table}")
        if progress is not None:
            progress(done)

    # ------------------------------------------------------------------------------------------- reads
    def count(self) -> int:
        """Number of records."""
        with self._lock:
            row = self._conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()
        return int(row[0]) if row else 0

    def check(self, expected: Mapping[str, str]) -> CheckReport:
        """Compare with id → version from the database of record."""
        with self._lock:
            found: dict[str, str] = dict(
                self._conn.execute(f"SELECT id, version FROM {self.table}").fetchall()
            )
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

    def _alt_sql(self, alt: Term | Phrase | Number, params: list[Any]) -> str:
        if isinstance(alt, Term):
            params.append(_lex(alt.folded))
            return "tsv_f @@ %s::tsquery"
        if isinstance(alt, Phrase):
            params.append(_phrase_tsq(list(alt.folded)))
            return "tsv_f @@ %s::tsquery"
        params.append(list(alt.keys))
        if alt.words:
            params.append(_phrase_tsq(list(alt.words)))
            return "(nums && %s::text[] OR tsv_f @@ %s::tsquery)"
        return "nums && %s::text[]"

    def _where(self, pq: ParsedQuery, q: SearchQuery) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        for clause in pq.clauses:
            alts = [self._alt_sql(a, params) for a in clause]
            conds.append("(" + " OR ".join(alts) + ")")
        for alt in pq.excluded:
            conds.append("NOT " + self._alt_sql(alt, params))
        if not q.include_internal:
            conds.append("public")
        for col, wanted in (
            ("kind", q.kinds),
            ("doc_type", q.doc_types),
            ("agency", q.agencies),
            ("status", q.statuses),
            ("level", q.levels),
        ):
            if wanted is not None:
                conds.append(f"{col} = ANY(%s::text[])")
                params.append(sorted(wanted))
        if q.fields is not None:
            conds.append("fields && %s::text[]")
            params.append(sorted(q.fields))
        if q.years is not None:
            conds.append("year = ANY(%s::int[])")
            params.append(sorted(int(y) for y in q.years))
        return (" AND ".join(conds) or "TRUE"), params

    def _rank(self, pq: ParsedQuery) -> tuple[str, list[Any]]:
        folded: list[str] = []
        accented: list[str] = []
        parts: list[str] = []
        params: list[Any] = []
        seq: list[str] = []
        for clause in pq.clauses:
            for alt in clause:
                if isinstance(alt, Number):
                    params.append([alt.keys[0]])
                    parts.append(f"(CASE WHEN nums && %s::text[] THEN {Weights.NUMBER_FULL} ELSE 0 END)")
                    if len(alt.keys) > 1:
                        params.append(list(alt.keys[1:]))
                        parts.append(f"(CASE WHEN nums && %s::text[] THEN {Weights.NUMBER_PART} ELSE 0 END)")
                    folded.extend(alt.words)
                    continue
                words = [alt.text] if isinstance(alt, Term) else list(alt.words)
                for w in words:
                    folded.append(fold(w))
                    if w != fold(w):
                        accented.append(w)
            if len(clause) == 1 and isinstance(clause[0], (Term, Phrase)):
                a = clause[0]
                seq.extend([a.folded] if isinstance(a, Term) else list(a.folded))
        if folded:
            params.append(" | ".join(_lex(w) for w in dict.fromkeys(folded)))
            parts.append(
                f"{10 * Weights.TITLE / 8:.1f} * ts_rank('{{0.1, 0.2, 0.4, 1.0}}'::float4[], tsv_f, %s::tsquery)"
            )
        if accented:
            params.append(" | ".join(_lex(w) for w in dict.fromkeys(accented)))
            parts.append(
                f"{10 * Weights.ACCENTED:.1f} * ts_rank('{{0.1, 0.2, 0.4, 1.0}}'::float4[], tsv_a, %s::tsquery)"
            )
        if len(seq) > 1:
            params.append(_phrase_tsq(seq))
            parts.append(f"{Weights.PAIR * 5} * ts_rank(tsv_f, %s::tsquery)")
            params.append("% " + " ".join(seq) + " %")
            parts.append(f"(CASE WHEN title_fold LIKE %s THEN {Weights.TITLE_PHRASE} ELSE 0 END)")
        return (" + ".join(parts) or "0"), params

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a query; never raises for any query text (database errors do raise)."""
        pq = parse_query(query.text)
        where, wparams = self._where(pq, query)
        page = max(1, int(query.page or 1))
        per_page = max(1, min(int(query.per_page or 20), 1000))
        t = self.table
        if query.sort in ("newest", "oldest") or pq.empty:
            rank, rparams = "0", list[Any]()
            order = "issued ASC, id" if query.sort == "oldest" else "issued DESC, id"
        else:
            rank, rparams = self._rank(pq)
            order = "score DESC, issued DESC, id"
        sql = (
            f"SELECT id, kind, title, number, body, issued, status, doc_type, agency, extra, ({rank}) AS score "
            f"FROM {t} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with self._lock:
            rows = self._conn.execute(sql, [*rparams, *wparams, per_page, (page - 1) * per_page]).fetchall()
            facets: dict[str, list[tuple[str, int]]] = {}
            if query.facets:
                fsql = (
                    f"WITH m AS (SELECT kind, doc_type, agency, status, fields, year, level FROM {t} WHERE {where}) "
                    "SELECT 'total', NULL, count(*) FROM m "
                    "UNION ALL SELECT 'kind', kind, count(*) FROM m GROUP BY kind "
                    "UNION ALL SELECT 'doc_type', doc_type, count(*) FROM m WHERE doc_type IS NOT NULL GROUP BY doc_type "
                    "UNION ALL SELECT 'agency', agency, count(*) FROM m WHERE agency IS NOT NULL GROUP BY agency "
                    "UNION ALL SELECT 'status', status, count(*) FROM m WHERE status IS NOT NULL GROUP BY status "
                    "UNION ALL SELECT 'year', year::text, count(*) FROM m WHERE year IS NOT NULL GROUP BY year "
                    "UNION ALL SELECT 'level', level, count(*) FROM m WHERE level IS NOT NULL GROUP BY level "
                    "UNION ALL SELECT 'field', f, count(*) FROM m, unnest(m.fields) f GROUP BY f"
                )
                counts: dict[str, dict[str, int]] = {k: {} for k in FACET_KEYS}
                total = 0
                for key, value, n in self._conn.execute(fsql, wparams).fetchall():
                    if key == "total":
                        total = int(n)
                    else:
                        counts[key][str(value)] = int(n)
                facets = {k: sort_facet(v) for k, v in counts.items()}
            else:
                row = self._conn.execute(f"SELECT count(*) FROM {t} WHERE {where}", wparams).fetchone()
                total = int(row[0]) if row else 0
        words = pq.positive_words()
        hits = [
            Hit(
                id=r[0],
                kind=r[1],
                score=float(r[10] or 0.0),
                title=r[2],
                number=r[3],
                issued_on=int_to_date(r[5]),
                status=r[6],
                doc_type=r[7],
                agency=r[8],
                title_html=highlight_html(r[2], words),
                snippet_html=snippet_html(r[4], words),
                extra=decode_extra(r[9]),
            )
            for r in rows
        ]
        suggestion = None
        if total == 0 and not pq.empty:
            suggestion = suggest(pq, lambda terms: self._public_df(terms, query.include_internal))
        return SearchResults(hits, total, False, facets, suggestion, page, per_page)

    def _public_df(self, terms: list[str], include_internal: bool = False) -> dict[str, int]:
        if not terms:
            return {}
        visible = "TRUE" if include_internal else "public"
        sql = (
            f"SELECT c, (SELECT count(*) FROM {self.table} WHERE {visible} AND tsv_f @@ quote_literal(c)::tsquery) "
            "FROM unnest(%s::text[]) AS c"
        )
        with self._lock:
            rows = self._conn.execute(sql, (terms,)).fetchall()
        return {c: int(n) for c, n in rows if n}

    def related(self, id: str, *, limit: int = 5, include_internal: bool = False) -> list[Hit]:
        """Records sharing the most title words with this one; never itself."""
        with self._lock:
            row = self._conn.execute(f"SELECT title FROM {self.table} WHERE id = %s", (id,)).fetchone()
        if not row:
            return []
        text = related_text(row[0])
        if not text:
            return []
        res = self.search(
            SearchQuery(text=text, include_internal=include_internal, per_page=limit + 1, facets=False)
        )
        return [h for h in res.hits if h.id != id][:limit]

    def drop(self) -> None:
        """Drop the table and its metadata (tests and benchmarks)."""
        with self._lock:
            self._conn.execute(f"DROP TABLE IF EXISTS {self.table}")
            self._conn.execute(f"DROP TABLE IF EXISTS {self.table}_meta")

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


__all__ = ["PostgresBackend", "SCHEMA_VERSION", "json"]
