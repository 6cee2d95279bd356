"""What all backends share: document analysis, ranking weights, snippets, suggestions, parallel analysis."""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass
from datetime import date
from typing import Any

from .query import Number, ParsedQuery, Phrase, Term
from .types import IndexDoc
from .vietnamese import analyze, find_numbers, fold, nfc, number_keys, pairs

__all__ = [
    "AnalyzedDoc",
    "analyze_doc",
    "analyze_parallel",
    "edits1",
    "highlight_html",
    "snippet_html",
    "suggest",
    "Weights",
]


class Weights:
    """Ranking tiers shared by every backend, so that they agree on what comes first."""

    NUMBER_FULL = 1000.0  # the number (all of it) the user typed
    NUMBER_PART = 300.0  # "30/2013" or "30/2013/QĐ": a part of it
    TITLE_PHRASE = 60.0  # the whole query, in order, in the title
    TITLE = 8.0  # a query word in the title
    ACCENTED = 3.0  # the accented form the user typed (body), on top of the folded match
    PAIR = 2.0  # two query syllables side by side in the text


@dataclass
class AnalyzedDoc:
    """An IndexDoc analysed for indexing. Lists of folded / accented syllables and number keys."""

    doc: IndexDoc
    title: str  # NFC
    body: str  # NFC
    number: str | None  # NFC
    title_f: list[str]
    title_a: list[str]
    body_f: list[str]
    body_a: list[str]
    num_keys: list[str]


def analyze_doc(doc: IndexDoc) -> AnalyzedDoc:
    """NFC the text of doc and analyse title, body and number. Pure; picklable result."""
    title = nfc(doc.title or "")
    body = nfc(doc.body or "")
    number = nfc(doc.number) if doc.number else None
    t = analyze(title)
    b = analyze(body)
    keys: list[str] = []
    if number:
        keys.extend(number_keys(number))
    # Numbers written in the title ("sửa đổi Quyết định 30/2013/QĐ-UBND") are found too, but weaker:
    # they are indexed as plain syllables in the title and body.
    return AnalyzedDoc(doc, title, body, number, t.folded, t.accented, b.folded, b.accented, keys)


def _map_chunk(args: tuple[Callable[[IndexDoc], Any], list[IndexDoc]]) -> list[Any]:
    func, docs = args
    return [func(d) for d in docs]


def analyze_parallel(
    docs: Iterable[IndexDoc],
    *,
    workers: int = 2,
    chunk: int = 64,
    func: Callable[[IndexDoc], Any] = analyze_doc,
) -> Iterator[Any]:
    """Apply func (a module-level function; analyze_doc by default) to docs in `workers` processes,
    in order, while the caller indexes the previous results."""
    if workers <= 1 or (isinstance(docs, Sized) and len(docs) < 256):  # a pool costs more than it saves
        for d in docs:
            yield func(d)
        return

    def chunks() -> Iterator[list[IndexDoc]]:
        buf: list[IndexDoc] = []
        for d in docs:
            buf.append(d)
            if len(buf) >= chunk:
                yield buf
                buf = []
        if buf:
            yield buf

    ctx = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ctx.Pool(workers) as pool:
        for result in pool.imap(_map_chunk, ((func, c) for c in chunks()), chunksize=1):
            yield from result


# ---------------------------------------------------------------------------------------------- snippets

_WORDCHARS = r"[^\W_]"


def _variants() -> dict[str, str]:
    groups: dict[str, set[str]] = {}
    for cp in list(range(0x61, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if ch.lower() != ch:
            continue
        f = fold(ch)
        if len(f) == 1 and f.isascii():
            groups.setdefault(f, set()).add(ch)
    return {k: "[" + "".join(sorted(v)) + "]" for k, v in groups.items()}


_VARIANTS = _variants()


def _folded_regex(word: str) -> str:
    """A regex matching every lower-case spelling of a folded word, with or without diacritics."""
    return "".join(_VARIANTS.get(c, re.escape(c)) for c in word)


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for all query words, to run on the lower-cased NFC text: accented words match
    themselves, plain words match any spelling that folds to them."""
    alts: set[str] = set()
    for w in words:
        f = fold(w)
        alts.add(re.escape(w.lower()) if w != f else _folded_regex(f))
    if not alts:
        return None
    body = "|".join(sorted(alts, key=len, reverse=True))
    return re.compile(rf"(?<!{_WORDCHARS})(?:{body})(?!{_WORDCHARS})")


def _lowered(text: str) -> str:
    """text.lower() when that keeps every offset (it does for Vietnamese), else a same-length fold."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_LOWER_SAFE)


_LOWER_SAFE = {
    cp: chr(cp).lower()
    for cp in range(0x41, 0x1F00)
    if len(chr(cp).lower()) == 1 and chr(cp).lower() != chr(cp)
}


def phrase_regex(words: list[str]) -> re.Pattern[str]:
    """A regex finding the words side by side (any punctuation or spaces between), spelt as _pattern says."""
    parts = [re.escape(w.lower()) if w != fold(w) else _folded_regex(fold(w)) for w in words]
    return re.compile(rf"(?<!{_WORDCHARS})" + r"[\W_]+".join(parts) + rf"(?!{_WORDCHARS})")


def _match_spans(text: str, words: Iterable[str], limit: int = 60) -> list[tuple[int, int]]:
    words = list(words)
    if not words or not text:
        return []
    pat = _pattern(words)
    if pat is None:
        return []
    spans: list[tuple[int, int]] = []
    for m in pat.finditer(_lowered(text)):
        spans.append(m.span())
        if len(spans) >= limit:
            break
    return spans


def _mark(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out: list[str] = []
    pos = 0
    for a, b in spans:
        a -= offset
        b -= offset
        if a < pos or b > len(text):
            continue
        out.append(html.escape(text[pos:a]))
        out.append("<mark>" + html.escape(text[a:b]) + "</mark>")
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def highlight_html(text: str, words: Iterable[str]) -> str:
    """Escape text and put <mark> around the query words (accented words match only accented text)."""
    text = nfc(text or "")
    return _mark(text, _match_spans(text, words))


def snippet_html(body: str, words: Iterable[str], *, width: int = 220, fragments: int = 2) -> str:
    """Up to `fragments` escaped excerpts of body around the query words, joined by " … "."""
    body = nfc(body or "")
    spans = _match_spans(body, words)
    if not spans:
        head = body[:width]
        cut = head.rfind(" ") if len(body) > width else len(head)
        return html.escape(" ".join(head[: cut if cut > 0 else width].split())) + (
            " …" if len(body) > width else ""
        )
    # Choose windows greedily: the window with most marks first, then the next that does not overlap.
    candidates: list[tuple[int, int, int]] = []  # (-marks, start, end)
    for i, (a, _b) in enumerate(spans[:200]):
        start = max(0, a - width // 3)
        end = min(len(body), start + width)
        n = sum(1 for x, y in spans[i : i + 40] if x >= start and y <= end)
        candidates.append((-n, start, end))
    candidates.sort()
    chosen: list[tuple[int, int]] = []
    for _n, s, e in candidates:
        if all(e <= cs or s >= ce for cs, ce in chosen):
            chosen.append((s, e))
        if len(chosen) >= fragments:
            break
    chosen.sort()
    parts: list[str] = []
    for s, e in chosen:
        # widen to whole words
        while s > 0 and body[s - 1].isalnum():
            s -= 1
        while e < len(body) and body[e].isalnum():
            e += 1
        frag = body[s:e]
        inner = [(a, b) for a, b in spans if a >= s and b <= e]
        text = _mark(frag, inner, offset=s)
        parts.append(("… " if s > 0 else "") + " ".join(text.split()) + (" …" if e < len(body) else ""))
    return " ".join(parts).replace("… …", "…")


# ------------------------------------------------------------------------------------------- suggestions

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> set[str]:
    """Folded words one edit (delete, transpose, replace, insert) away from word."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return {w for w in (*deletes, *transposes, *replaces, *inserts) if w and w != word}


def suggest(pq: ParsedQuery, public_df: Callable[[list[str]], Mapping[str, int]]) -> str | None:
    """A corrected query ("did you mean"), or None.

    public_df(terms) must return, for folded syllables, how many records the user may see contain them
    (public ones only for anonymous users, so a suggestion never reveals an internal-only word)."""
    words: list[str] = []
    for clause in pq.clauses:
        for alt in clause:
            if isinstance(alt, Term):
                words.append(alt.folded)
            elif isinstance(alt, Phrase):
                words.extend(alt.folded)
            elif isinstance(alt, Number):
                words.extend(alt.words)
    if not words:
        return None
    known = public_df(sorted(set(words)))
    changed = False
    out: list[str] = []
    for w in words:
        if known.get(w, 0) > 0 or w.isdigit() or len(w) < 2:
            out.append(w)
            continue
        cands = sorted(edits1(w))
        dfs = public_df(cands) if cands else {}
        best = max(cands, key=lambda c: (dfs.get(c, 0), c), default=None)
        if best is not None and dfs.get(best, 0) > 0:
            out.append(best)
            changed = True
        else:
            out.append(w)
    return " ".join(out) if changed else None


# --------------------------------------------------------------------------------------------- helpers


def encode_extra(extra: Mapping[str, str]) -> str:
    return json.dumps(dict(extra), ensure_ascii=False, sort_keys=True)


def decode_extra(raw: str | None) -> dict[str, str]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def date_to_int(d: date | None) -> int:
    """Sort key of a plain date: yyyymmdd, 0 for unknown."""
    return d.year * 10000 + d.month * 100 + d.day if d else 0


def int_to_date(n: int | None) -> date | None:
    if not n:
        return None
    return date(n // 10000, n // 100 % 100, n % 100)


def related_text(title: str) -> str:
    """The query used for "related documents": the title's folded syllables, ORed."""
    words: list[str] = []
    for w in analyze(title).folded:
        if w not in words and not w.isdigit():
            words.append(w)
    return " OR ".join(words[:24])


def sort_facet(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Facet values by count (desc), then value."""
    return sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))


def number_fields(a: AnalyzedDoc) -> list[str]:
    """Numbers found in the title (so an amendment's title number is findable too), normalised, folded."""
    return [fold(n).upper() for n in find_numbers(a.title)]


__all__ += [
    "encode_extra",
    "decode_extra",
    "date_to_int",
    "int_to_date",
    "related_text",
    "sort_facet",
    "pairs",
]


# ----------------------------------------------------------------------------------- index metadata
#: the file beside an embedded index recording its schema version and whether its last build finished
META_FILE = "hieuluc-search.json"


def write_meta(path: str, *, engine: str, schema_version: int, complete: bool) -> None:
    """Atomically record the index's schema version and whether its last (re)build completed."""
    target = os.path.join(path, META_FILE)
    tmp = target + f".{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"schema_version": schema_version, "engine": engine, "complete": complete}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def read_meta_version(path: str) -> int | None:
    """The schema version of a completely built index; None when unknown or the build did not finish."""
    try:
        with open(os.path.join(path, META_FILE), encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError):
        return None
    if not meta.get("complete", False):
        return None
    v = meta.get("schema_version")
    return v if isinstance(v, int) else None
