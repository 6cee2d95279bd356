"""Small Vietnamese text repairs (pure): syllable check, split-letter joining, old-style tone marks.

Scraped and PDF-extracted texts break words apart ("Qu ả ng Ngãi", "ỦY B AN NHÂN D Â N", "P HÓ CHỦ T Ị CH").
A fragment is joined to its neighbours only when the fragment alone is not a Vietnamese syllable and
the joined form is one, so real words and abbreviations are left alone.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_syllable", "fix_split_words", "fix_old_tone_marks", "strip_tones"]

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|gh|nh|ch|th|tr|ph|kh|gi|qu|[bcdđghklmnprstvx])?"
    r"(?P<v>[aăâeêioôơuưy]{1,3})(?P<c>ch|nh|ng|[cmnpt])?$"
)


def strip_tones(word: str) -> str:
    """Lower-case word without its tone mark (vowel shapes ă â ê ô ơ ư and đ are kept)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


def is_syllable(word: str) -> bool:
    """True when `word` has the shape of one Vietnamese syllable (onset, vowels, coda); case-insensitive."""
    w = strip_tones(word)
    if not w or not w.isalpha():
        return False
    if re.fullmatch(r"gi(?:ch|nh|ng|[cmnpt])?", w):
        return True
    m = _SYLLABLE_RE.match(w)
    if not m:
        return False
    return not (m.group("v")[-1] in "ăâ" and not m.group("c"))


def _case_ok(a: str, b: str) -> bool:
    # "CHỦ TỊ CH" joins upper to upper; "Qu ả ng" joins lower to anything
    return not (a.isupper() and b.islower() and len(b) > 1 and len(a) > 1)


def fix_split_words(s: str) -> str:
    """Join letters split off words where that makes a syllable; other text is returned unchanged."""
    toks = s.split(" ")
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.isalpha() and not is_syllable(t):
            # a lone letter is an onset: join forward first; "ng", "CH" are codas: join backward first
            back_ok = bool(out) and out[-1].isalpha() and _case_ok(out[-1], t) and is_syllable(out[-1] + t)
            if back_ok and len(t) > 1:
                out[-1] += t
                i += 1
                continue
            j, cur = i + 1, t
            while j < len(toks) and j <= i + 3 and toks[j].isalpha():
                cur += toks[j]
                j += 1
                if is_syllable(cur):
                    break
            if is_syllable(cur) and cur != t:
                out.append(cur)
                i = j
                continue
            if back_ok:
                out[-1] += t
                i += 1
                continue
        out.append(t)
        i += 1
    return " ".join(out)


_OLD_TONES = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_OLD_TONES.update({k.upper(): v.upper() for k, v in list(_OLD_TONES.items())})
_OLD_TONES.update(
    {k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in list(_OLD_TONES.items()) if k.islower()}
)
_OLD_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_OLD_TONES, key=len, reverse=True)) + r")(?!\w)")


def fix_old_tone_marks(s: str) -> str:
    """Move tone marks to the new-style position at word ends ("UỶ BAN" -> "ỦY BAN", "hoà" -> "hòa")."""
    return _OLD_RE.sub(lambda m: _OLD_TONES[m.group(1)], s)


_WORD = re.compile(r"\w+(?:[/.\-]\w+)*", re.UNICODE)  # "30/2013/QĐ-UBND" is one token
_SENTENCE_END = re.compile(r"[.:;!?\n]\s*$")


def _case_of(word: str) -> str | None:
    if len(word) > 1 and word.isupper():
        return "upper"
    if word[:1].isupper() and word[1:].islower():
        return "title"
    if word.islower():
        return "lower"
    return None


def sentence_case(summary: str, body: str = "") -> str:
    """A trích yếu printed in capitals, written as vbpl.vn shows it: sentence case, with the words the body
    itself writes capitalised mid-sentence (place names, "Quy định", "Ủy ban nhân dân"…) or as acronyms
    ("UBND") kept so. A word is judged in its context first (the same pair of words in the body: "Hồ Chí" is
    capitalised where "hồ sơ" is not), then on its own.

    ``sentence_case("BAN HÀNH QUY ĐỊNH VỀ … TỈNH TÂY NINH", body)`` → "Ban hành Quy định về … tỉnh Tây Ninh".
    Text that is not mostly upper case is returned as it is.
    """
    letters = [c for c in summary if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return summary
    votes: dict[tuple[str, ...], dict[str, int]] = {}

    def vote(key: tuple[str, ...], case: str) -> None:
        votes.setdefault(key, {}).setdefault(case, 0)
        votes[key][case] += 1

    for line in body.splitlines():
        line_letters = [c for c in line if c.isalpha()]
        if not line_letters or sum(c.isupper() for c in line_letters) > 0.6 * len(line_letters):
            continue  # headings in capitals say nothing about case
        words = list(_WORD.finditer(line))
        for j, m in enumerate(words):
            word = m.group()
            case = _case_of(word)
            if case is None or m.start() == 0 or _SENTENCE_END.search(line[: m.start()]):
                continue  # the first word of a sentence is capitalised anyway
            key = word.lower()
            vote((key,), case)
            if j > 0:
                vote(("<", words[j - 1].group().lower(), key), case)
            if j + 1 < len(words):
                vote((">", key, words[j + 1].group().lower()), case)

    def best(key: tuple[str, ...]) -> str | None:
        counts = votes.get(key)
        return max(counts, key=lambda c: (counts[c], c == "lower")) if counts else None

    matches = list(_WORD.finditer(summary))
    out: list[str] = []
    last = 0
    for i, m in enumerate(matches):
        out.append(summary[last : m.start()])
        word = m.group()
        key = word.lower()
        if any(c.isdigit() for c in word) or not word.isalpha():
            out.append(word)  # numbers and codes as printed
        else:
            prev = matches[i - 1].group().lower() if i else None
            nxt = matches[i + 1].group().lower() if i + 1 < len(matches) else None
            case = (best(("<", prev, key)) if prev else None) or (best((">", key, nxt)) if nxt else None)
            case = case or best((key,)) or "lower"
            if case == "upper":
                out.append(word.upper())
            elif case == "title" or i == 0:
                out.append(key[:1].upper() + key[1:])
            else:
                out.append(key)
        last = m.end()
    out.append(summary[last:])
    return "".join(out)
