"""The query language: words, "phrases", -exclusions, OR, and document numbers. Pure; never raises.

Grammar, forgiving by design (anything it does not understand is read as plain words):
  query  := clause*            clauses are ANDed
  clause := alt ("OR" alt)*    any alternative may match
  alt    := ["-"] ( '"' words '"' | number | word )
A word that splits into several syllables ("thực-phẩm") is a phrase. A number is anything like
``30/2013/QĐ-UBND``, ``30/2013`` or ``1.002425.000.00.00.H47``; a type abbreviation just before it
("qđ 30/2013") narrows it. An unclosed quote, a lone "-", "AND", "OR" at the ends, brackets and stars
are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vietnamese import fold, is_number_like, nfc, normalize_number, number_keys, syllables

__all__ = ["Number", "ParsedQuery", "Phrase", "Term", "parse_query", "TYPE_ABBREVIATIONS"]

# Type abbreviations of document numbers (DOMAIN.md §1.2), folded and upper-cased.
TYPE_ABBREVIATIONS = frozenset(
    fold(t).upper() for t in "NQ QĐ CT QC QyĐ TB HD CTr KH PA ĐA BC TTr CĐ NĐ TT TTLT VBHN TTg".split()
)


@dataclass(frozen=True)
class Term:
    """One syllable: its NFC lower-case form and its folded form."""

    text: str
    folded: str

    @property
    def accented(self) -> bool:
        return self.text != self.folded


@dataclass(frozen=True)
class Phrase:
    """Consecutive syllables (NFC lower-case)."""

    words: tuple[str, ...]

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold(w) for w in self.words)

    @property
    def accented(self) -> bool:
        return any(w != fold(w) for w in self.words)


@dataclass(frozen=True)
class Number:
    """A document number: lookup keys (strongest first, as number_keys makes them) and its syllables."""

    keys: tuple[str, ...]
    words: tuple[str, ...]


Alternative = Term | Phrase | Number


@dataclass
class ParsedQuery:
    """Clauses are ANDed; the alternatives inside a clause are ORed; excluded items must not match."""

    clauses: list[list[Alternative]] = field(default_factory=list)
    excluded: list[Alternative] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.clauses

    def positive_words(self) -> list[str]:
        """Every syllable the user asked for (for highlighting and suggestions), in order, unique."""
        out: list[str] = []
        for clause in self.clauses:
            for alt in clause:
                ws = [alt.text] if isinstance(alt, Term) else list(alt.words)
                for w in ws:
                    if w not in out:
                        out.append(w)
        return out

    def has_number(self) -> bool:
        return any(isinstance(a, Number) for c in self.clauses for a in c)


_RAW = re.compile(r'"[^"]*"|\S+')
_STRIP = "()[]{}*+!^~?:;,<>=&|\\'`"


def _alternative(token: str) -> Alternative | None:
    if is_number_like(token.strip(_STRIP + ".")):
        num = token.strip(_STRIP + ".")
        keys = tuple(number_keys(num))
        if keys:
            return Number(keys, tuple(fold(s) for s in syllables(num)))
    sy = syllables(token)
    if not sy:
        return None
    if len(sy) == 1:
        return Term(sy[0], fold(sy[0]))
    return Phrase(tuple(sy))


def parse_query(text: str) -> ParsedQuery:
    """Parse what a person typed. Never raises; a malformed query is read as plain words."""
    try:
        return _parse(text)
    except Exception:  # pragma: no cover - last line of defence: plain words
        pq = ParsedQuery()
        for s in syllables(text or ""):
            pq.clauses.append([Term(s, fold(s))])
        return pq


def _parse(text: str) -> ParsedQuery:
    text = nfc(text or "")
    # An odd number of quotes: the last one is unclosed, so it is dropped and its words read plainly.
    if text.count('"') % 2 == 1:
        i = text.rfind('"')
        text = text[:i] + " " + text[i + 1 :]
    raw = _RAW.findall(text)
    pq = ParsedQuery()
    pending_or = False
    i = 0
    while i < len(raw):
        tok = raw[i]
        i += 1
        if tok == "OR" or tok == "|" or tok == "||":
            pending_or = bool(pq.clauses)
            continue
        if tok in ("AND", "&&", "&", "NOT"):
            continue
        negative = False
        if tok.startswith("-") and len(tok) > 1 and not tok[1].isdigit():
            negative, tok = True, tok[1:]
        alt: Alternative | None
        if tok.startswith('"') and tok.endswith('"') and len(tok) >= 2:
            sy = syllables(tok[1:-1])
            alt = None if not sy else (Term(sy[0], fold(sy[0])) if len(sy) == 1 else Phrase(tuple(sy)))
        else:
            alt = None
            # "qđ 30/2013": a type abbreviation followed by a number narrows the number.
            up = fold(tok.strip(_STRIP)).upper()
            if up in TYPE_ABBREVIATIONS and i < len(raw) and is_number_like(raw[i].strip(_STRIP + ".")):
                num = normalize_number(raw[i].strip(_STRIP + "."))
                nk = number_keys(num)
                if nk and "/" in nk[0] and not any(c.isalpha() for c in nk[0]):
                    i += 1
                    base = fold(nk[0]).upper()
                    alt = Number((f"{base}/{up}", base), tuple(fold(s) for s in syllables(num)))
            if alt is None:
                alt = _alternative(tok)
        if alt is None:
            continue
        if negative:
            pq.excluded.append(alt)
            pending_or = False
            continue
        if pending_or and pq.clauses:
            pq.clauses[-1].append(alt)
        else:
            pq.clauses.append([alt])
        pending_or = False
    return pq
