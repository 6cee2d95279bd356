"""How fast the documents list answers with tens of thousands of rows (SQLite, the embedded default).

Builds a scratch registry of N documents (default 50,000) with status periods, then times one page of the
list (the COUNT and the 25 rows, as the page runs them) for typical filters, with the real indexes, and — as
the baseline in the same run — after dropping the indexes of documents and status_periods.
Prints the figures and appends them, with machine and date, to docs/BENCHMARKS.md (--record).

    .venv/bin/python benchmarks/documents_list.py [--rows 50000] [--record]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

# benchmarks/search.py would shadow the `search` package for scripts run from this folder
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from sqlalchemy import insert, inspect, text  # noqa: E402

from registry.app import create_app  # noqa: E402
from registry.documents.models import Agency, Document, StatusPeriod  # noqa: E402
from registry.documents.queries import DocumentFilter, list_documents  # noqa: E402
from registry.documents.validity import Status  # noqa: E402
from registry.extensions import db  # noqa: E402
from registry.pagination import paginate  # noqa: E402

CASES = {
    "newest first": DocumentFilter(),
    "status expired": DocumentFilter(statuses=["expired"]),
    "type + year": DocumentFilter(doc_types=["QĐ"], year=2015),
    "as of 01/03/2015": DocumentFilter(as_of=date(2015, 3, 1)),
    "as of + in force": DocumentFilter(as_of=date(2015, 3, 1), statuses=["in_force"]),
    "number prefix": DocumentFilter(q="1234/"),
}


def build(rows: int) -> None:
    rng = random.Random(7)
    db.session.add_all(Agency(code=f"A{i}", name=f"Cơ quan {i}", abbrev="UBND") for i in range(40))
    db.session.flush()
    docs, periods = [], []
    for i in range(1, rows + 1):
        issued = date(2005, 1, 1) + timedelta(days=rng.randrange(0, 7300))
        effective = issued + timedelta(days=10)
        status = rng.choices(list(Status)[:4], weights=[1, 34, 9, 54])[0]
        docs.append(
            {
                "id": i,
                "number": f"{i}/{issued.year}/QĐ-UBND",
                "number_key": f"{i}/{issued.year}/QĐ-UBND",
                "doc_type": rng.choice(["QĐ", "NQ", "CT"]),
                "agency_id": rng.randrange(1, 41),
                "summary": f"Ban hành quy định số {i}",
                "issued_on": issued,
                "year": issued.year,
                "effective_on": effective,
                "status": status,
                "public": True,
                "body_text": "",
            }
        )
        end = effective + timedelta(days=rng.randrange(100, 4000))
        periods += [
            {"document_id": i, "starts_on": None, "ends_on": effective, "status": Status.NOT_YET_EFFECTIVE},
            {"document_id": i, "starts_on": effective, "ends_on": end, "status": Status.IN_FORCE},
            {"document_id": i, "starts_on": end, "ends_on": None, "status": status},
        ]
    for start in range(0, len(docs), 5000):
        db.session.execute(insert(Document), docs[start : start + 5000])
    for start in range(0, len(periods), 15000):
        db.session.execute(insert(StatusPeriod), periods[start : start + 15000])
    db.session.commit()
    db.session.execute(text("ANALYZE"))


def measure(repeat: int = 15) -> dict[str, tuple[float, float]]:
    out = {}
    for name, f in CASES.items():
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            paginate(db.session, list_documents(f), page=1, per_page=25)
            times.append((time.perf_counter() - t0) * 1000)
            db.session.expunge_all()
        out[name] = (statistics.median(times), sorted(times)[int(len(times) * 0.95) - 1])
    return out


def drop_indexes() -> None:
    insp = inspect(db.engine)
    for table in ("documents", "status_periods"):
        for ix in insp.get_indexes(table):
            db.session.execute(text(f'DROP INDEX IF EXISTS "{ix["name"]}"'))
    db.session.commit()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hl-bench-"))
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "INSTANCE_PATH": str(tmp),
            "SECRET_KEY": "bench",
            "DAILY_JOB": False,
        }
    )
    with app.app_context():
        db.create_all()
        t0 = time.perf_counter()
        build(args.rows)
        print(f"built {args.rows} documents in {time.perf_counter() - t0:.1f} s")
        indexed = measure()
        drop_indexes()
        baseline = measure(repeat=5)
    lines = ["| case | p50 ms | p95 ms | baseline without indexes p50 ms | ratio |", "|---|---|---|---|---|"]
    for name, (p50, p95) in indexed.items():
        b50 = baseline[name][0]
        lines.append(f"| {name} | {p50:.1f} | {p95:.1f} | {b50:.1f} | {b50 / p50:.1f}× |")
    table = "\n".join(lines)
    print(table)
    if args.record:
        cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                    if ln.startswith("model name")), platform.machine())
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        machine = f"{cpu}, {os.cpu_count()} cores, load average {load}, Python {platform.python_version()}"
        doc = Path(__file__).parent.parent / "docs" / "BENCHMARKS.md"
        section = (
            f"\n## Documents list\n\n`benchmarks/documents_list.py --rows {args.rows}` on {date.today():%d/%m/%Y}, "
            f"{machine}, SQLite. One page of the list = the COUNT and 25 rows, as the page runs them.\n\n{table}\n"
        )
        with doc.open("a", encoding="utf-8") as fh:
            fh.write(section)


if __name__ == "__main__":
    main()
