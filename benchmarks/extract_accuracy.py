"""Field accuracy of the extractor on the hand-labelled corpus (/work/shared/corpus or --corpus DIR).

Run: .venv/bin/python benchmarks/extract_accuracy.py [--corpus DIR] [--pdf] [--verbose]

Matching rules (a field counts for a document only when the gold JSON has the key):
- number: exact after canonical spacing (number_key: NFC, upper-case, no spaces, dashes unified).
- type: exact (Vietnamese type name, e.g. "Quyết định", "Công văn").
- issuer: case-insensitive, whitespace collapsed, old/new tone placement unified ("Uỷ" = "Ủy").
- issuer_code: exact.
- place: exact after whitespace collapse.
- dates (issued_on, passed_on, effective_on): exact; effective_on compares the ISO date or "on_signing";
  gold null must be extracted as null. A date counts once per (document, field).
- signer: exact name; signer_capacity and signer_title: exact after whitespace collapse (null = null).
- summary: case-insensitive, whitespace collapsed, trailing punctuation ignored.
- normative, tthc_announcement: exact booleans.
- citations: per document, the set of distinct number keys of numbered documents cited anywhere
  (the document itself excluded); recall and precision are micro-averaged over the corpus.
  Citation date accuracy: share of gold citations whose extracted entry carries the gold date.
- bases: per document, numbered bases by number key plus laws cited by name by (type, date) or, with no
  date, by case-insensitive title; micro-averaged recall and precision.
- effects: per document, (kind, number key) pairs, a generic clause as (kind, None); recall and precision.

--pdf renders each corpus text to a PDF (fpdf2, DejaVuSans) and scores the pipeline on pdfminer's output.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from registry.ingest.citations import number_key  # noqa: E402
from registry.ingest.extract import ExtractedRecord, extract_record  # noqa: E402
from registry.ingest.vietnamese import fix_old_tone_marks  # noqa: E402

FIELDS = [
    "number",
    "type",
    "issuer",
    "issuer_abbrev",
    "place",
    "issued_on",
    "passed_on",
    "effective_on",
    "signer",
    "signer_capacity",
    "signer_title",
    "summary",
    "normative",
    "tthc_announcement",
]


def _norm(s: object) -> object:
    if isinstance(s, str):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()
    return s


def _got(rec: ExtractedRecord, field: str) -> object:
    if field == "type":
        return rec.value("doc_type")
    if field == "issuer_abbrev":
        return rec.value("issuer_code")
    if field == "effective_on":
        eff = rec.value("effective")
        if eff == "on_signing":
            return "on_signing"
        d = rec.value("effective_on")
        return d.isoformat() if d else None
    v = rec.value(field)
    return v.isoformat() if hasattr(v, "isoformat") else v


def _match(field: str, gold: object, got: object) -> bool:
    gold, got = _norm(gold), _norm(got)
    if field == "number":
        return gold is not None and got is not None and number_key(str(gold)) == number_key(str(got))
    if field == "issuer":
        return (
            isinstance(got, str) and fix_old_tone_marks(str(gold)).lower() == fix_old_tone_marks(got).lower()
        )
    if field == "summary":
        return isinstance(got, str) and str(gold).lower().rstrip(" .;") == got.lower().rstrip(" .;")
    return gold == got


def _base_ids(items: list[dict[str, object]]) -> set[tuple[object, ...]]:
    out: set[tuple[object, ...]] = set()
    for b in items:
        if b.get("number"):
            out.add(("n", number_key(str(b["number"]))))
        elif b.get("date"):
            out.add(("d", b.get("type"), b.get("date")))
        else:
            out.add(("t", str(_norm(b.get("title") or "")).lower()))
    return out


def score(corpus: Path, *, pdf: bool = False, verbose: bool = False) -> dict[str, object]:
    """Run the extractor over every <slug>.txt/.json pair and return the figures."""
    per_field = {f: [0, 0] for f in FIELDS}
    cit = {"tp": 0, "fp": 0, "fn": 0, "date_ok": 0, "date_n": 0}
    bas = {"tp": 0, "fp": 0, "fn": 0}
    eff = {"tp": 0, "fp": 0, "fn": 0}
    failures: list[str] = []
    tmp = tempfile.TemporaryDirectory() if pdf else None
    for jf in sorted(corpus.glob("*.json")):
        gold = json.loads(jf.read_text(encoding="utf-8"))
        text = jf.with_suffix(".txt").read_text(encoding="utf-8")
        if pdf:
            from registry.ingest.files import read_file

            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from ingest import render_pdf  # local import: fpdf2 only needed here

            assert tmp is not None
            path = Path(tmp.name) / (jf.stem + ".pdf")
            render_pdf(text, path)
            text = read_file(path, filename=path.name).text
        rec = extract_record(text)
        for f in FIELDS:
            if f not in gold:
                continue
            g = gold[f]
            ok = _match(f, g, _got(rec, f))
            per_field[f][0] += ok
            per_field[f][1] += 1
            if not ok:
                failures.append(f"{gold['slug']}: {f}: gold={g!r} got={_got(rec, f)!r}")
        got_keys = {c.number_key for c in rec.citations if c.number}
        gold_keys = {number_key(c["number"]) for c in gold["citations"]}
        cit["tp"] += len(got_keys & gold_keys)
        cit["fp"] += len(got_keys - gold_keys)
        cit["fn"] += len(gold_keys - got_keys)
        for k in sorted(gold_keys - got_keys):
            failures.append(f"{gold['slug']}: citation missed {k}")
        for k in sorted(got_keys - gold_keys):
            failures.append(f"{gold['slug']}: citation extra {k}")
        for gc in gold["citations"]:
            cit["date_n"] += 1
            dates = {
                c.date.isoformat() if c.date else None
                for c in rec.citations
                if c.number_key == number_key(gc["number"])
            }
            if gc["date"] in dates:
                cit["date_ok"] += 1
        gb = _base_ids(gold["bases"])
        rb = _base_ids(
            [
                {
                    "number": c.number,
                    "type": c.doc_type,
                    "date": c.date.isoformat() if c.date else None,
                    "title": c.title,
                }
                for c in rec.bases
            ]
        )
        bas["tp"] += len(gb & rb)
        bas["fp"] += len(rb - gb)
        bas["fn"] += len(gb - rb)
        for x in sorted(gb - rb, key=str):
            failures.append(f"{gold['slug']}: basis missed {x}")
        for x in sorted(rb - gb, key=str):
            failures.append(f"{gold['slug']}: basis extra {x}")
        ge = {(e["kind"], number_key(e["number"]) if e["number"] else None) for e in gold["effects"]}
        re_ = {(c.relation, c.number_key or None) for c in rec.effects}
        eff["tp"] += len(ge & re_)
        eff["fp"] += len(re_ - ge)
        eff["fn"] += len(ge - re_)
        for x in sorted(ge - re_, key=str):
            failures.append(f"{gold['slug']}: effect missed {x}")
        for x in sorted(re_ - ge, key=str):
            failures.append(f"{gold['slug']}: effect extra {x}")
    if tmp is not None:
        tmp.cleanup()

    def pr(d: dict[str, int]) -> tuple[float, float]:
        r = d["tp"] / max(1, d["tp"] + d["fn"])
        p = d["tp"] / max(1, d["tp"] + d["fp"])
        return r, p

    result: dict[str, object] = {
        "fields": {f: (ok / n if n else None, ok, n) for f, (ok, n) in per_field.items()},
        "citations": pr(cit) + (cit["date_ok"] / max(1, cit["date_n"]),),
        "bases": pr(bas),
        "effects": pr(eff),
        "failures": failures,
    }
    if verbose:
        for line in failures:
            print("  ✗", line)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--pdf", action="store_true", help="score on pdfminer output of rendered PDFs")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    res = score(args.corpus, pdf=args.pdf, verbose=args.verbose)
    print(f"corpus: {args.corpus} ({'PDF via pdfminer' if args.pdf else 'plain text'})")
    print(f"{'field':<20} {'accuracy':>9}  n")
    fields = res["fields"]
    assert isinstance(fields, dict)
    for f, (acc, ok, n) in fields.items():
        print(f"{f:<20} {acc * 100 if acc is not None else float('nan'):>8.1f}%  {ok}/{n}")
    r, p, dacc = res["citations"]  # type: ignore[misc]
    print(f"{'citations':<20} recall {r * 100:.1f}%  precision {p * 100:.1f}%  date {dacc * 100:.1f}%")
    r, p = res["bases"]  # type: ignore[misc]
    print(f"{'bases':<20} recall {r * 100:.1f}%  precision {p * 100:.1f}%")
    r, p = res["effects"]  # type: ignore[misc]
    print(f"{'effects':<20} recall {r * 100:.1f}%  precision {p * 100:.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
