"""Benchmark: the review cascade for one change, and the daily job, over a large registry.

Builds a scratch SQLite registry with bulk inserts (default 100,000 documents, 300,000 relations, 5,000
procedures), then measures, in the same run:

* baseline ``refresh_all`` (the documents domain's full recompute) — the floor under the daily job;
* the daily job ``run_daily`` (refresh_all + every review rule + escalation), first run and steady state;
* one officer change (a central decree repealed) with the documents domain alone (reviews subscriber
  disconnected: baseline) and with the reviews cascade (tasks opened in the same transaction).

Usage: .venv/bin/python benchmarks/reviews.py [--docs 100000] [--relations 300000] [--db /tmp/x.sqlite3]
Prints the figures; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select  # noqa: E402

TODAY = date(2026, 6, 1)
CUTOVER = date(2025, 4, 1)


def build(session, n_docs: int, n_rel: int, n_proc: int, rng: random.Random) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from registry.documents import validity as v
    from registry.documents.models import Agency, Document, Relation
    from registry.procedures.models import LegalBasis, Procedure

    agencies = [
        Agency(code="UBND-B", name="Ủy ban nhân dân tỉnh B", abbrev="UBND", level="province"),
        Agency(code="HDND-B", name="Hội đồng nhân dân tỉnh B", abbrev="HĐND", level="province"),
        Agency(code="CP-B", name="Chính phủ", abbrev="CP", level="central"),
    ]
    session.add_all(agencies)
    session.flush()
    ids = [a.id for a in agencies]
    start = date(2000, 1, 1)
    span = (TODAY - start).days
    rows = []
    for i in range(n_docs):
        issued = start + timedelta(days=int(span * i / n_docs))
        agency = ids[2] if i % 10 == 0 else ids[i % 2]
        number = f"{i + 1}/{issued.year}/QĐ-B"
        rows.append(
            {
                "number": number,
                "number_key": number.upper(),
                "doc_type": "NĐ" if agency == ids[2] else ("NQ" if agency == ids[1] else "QĐ"),
                "agency_id": agency,
                "summary": f"Văn bản thử {i + 1}",
                "issued_on": issued,
                "year": issued.year,
                "effective_on": issued + timedelta(days=10),
                "expires_on": issued + timedelta(days=3650) if i % 50 == 0 else None,
                "normative": True,
                "public": True,
                "status": v.Status.UNKNOWN,
                "version": 1,
            }
        )
    for chunk in range(0, len(rows), 5000):
        session.execute(insert(Document), rows[chunk : chunk + 5000])
    doc_ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    central = [d for i, d in enumerate(doc_ids) if i % 10 == 0]
    kinds = (
        [v.RelationKind.BASIS] * 50
        + [v.RelationKind.DETAILS] * 20
        + [v.RelationKind.AMENDS] * 10
        + [v.RelationKind.CITES] * 10
        + [v.RelationKind.REPLACES] * 5
        + [v.RelationKind.PARTLY_REPEALS] * 3
        + [v.RelationKind.REPEALS] * 2
    )
    rels = []
    seen: set[tuple[int, int]] = set()
    replaced: set[int] = set()
    while len(rels) < n_rel:
        s = rng.randrange(1, len(doc_ids))
        kind = rng.choice(kinds)
        if kind in (v.RelationKind.BASIS, v.RelationKind.DETAILS) and rng.random() < 0.6:
            t_idx = rng.randrange(0, len(central))
            target = central[t_idx]
            if target >= doc_ids[s]:
                continue
        else:
            target = doc_ids[rng.randrange(max(0, s - 2000), s)]
        if (doc_ids[s], target) in seen:
            continue
        if kind in (v.RelationKind.REPLACES, v.RelationKind.REPEALS):
            if target in replaced:
                continue
            replaced.add(target)
        seen.add((doc_ids[s], target))
        rels.append({"kind": kind, "source_id": doc_ids[s], "target_id": target, "provisions": "Điều 3"})
    for chunk in range(0, len(rels), 10000):
        session.execute(insert(Relation), rels[chunk : chunk + 10000])
    procs = []
    for i in range(n_proc):
        procs.append(
            {
                "code": f"1.{i:06d}.B",
                "national_code": f"1.{i:06d}",
                "name": f"Thủ tục {i}",
                "agency_id": ids[0],
                "status": "active",
                "active_since": date(2024, 1, 1) + timedelta(days=i % 365),
                "health": "ok",
                "public": True,
                "version": 1,
            }
        )
    session.execute(insert(Procedure), procs)
    proc_ids = list(session.scalars(select(Procedure.id)))
    bases = [
        {"procedure_id": pid, "document_id": rng.choice(central), "number": "", "position": k}
        for pid in proc_ids
        for k in range(2)
    ]
    session.execute(insert(LegalBasis), bases)
    session.commit()
    return {
        "documents": len(doc_ids),
        "relations": len(rels),
        "procedures": len(proc_ids),
        "legal_bases": len(bases),
    }


def fast_refresh(session, *, today: date, cutover: date) -> int:  # type: ignore[no-untyped-def]
    """A batched status refresh (the change proposed for documents.services.refresh_all): per chunk of 2,000
    documents one engine load, one DELETE of their periods, one executemany INSERT, one executemany UPDATE of
    the cached status; no ORM objects, no per-document queries. Returns how many documents it refreshed."""
    from sqlalchemy import bindparam, delete, update

    from registry.documents import validity as v
    from registry.documents.models import Document, Relation, StatusPeriod
    from registry.documents.services import compute_periods, state_in

    ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    detailing = set(
        session.scalars(select(Relation.source_id).where(Relation.kind == v.RelationKind.DETAILS))
    )
    ordered = [i for i in ids if i not in detailing] + [i for i in ids if i in detailing]
    computed: dict = {}
    conn = session.connection()
    for k in range(0, len(ordered), 2000):
        chunk = ordered[k : k + 2000]
        results = compute_periods(session, chunk, cutover=cutover, computed=computed)
        computed.update(results)
        conn.execute(delete(StatusPeriod).where(StatusPeriod.document_id.in_(chunk)))
        rows, docs = [], []
        for doc_id, periods in results.items():
            for p in periods:
                rows.append(
                    {
                        "document_id": doc_id,
                        "starts_on": p.starts_on,
                        "ends_on": p.ends_on,
                        "status": p.state.status,
                        "reason": p.state.reason("vi")[:500],
                        "reason_en": p.state.reason("en")[:500],
                        "cause_id": p.state.event.cause_id if p.state.event else None,
                    }
                )
            st = state_in(periods, today)
            docs.append(
                {
                    "_id": doc_id,
                    "status": st.status,
                    "status_since": st.since,
                    "status_reason": st.describe("vi")[:500],
                    "status_flags": ",".join(st.flags),
                    "status_computed_on": today,
                }
            )
        conn.execute(insert(StatusPeriod), rows)
        conn.execute(
            update(Document.__table__).where(Document.__table__.c.id == bindparam("_id")),
            docs,
        )
    return len(ids)


def timed(label: str, fn, results: dict[str, float]):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn()
    results[label] = time.perf_counter() - t0
    print(f"{label:<58} {results[label]:8.2f} s", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--relations", type=int, default=300_000)
    ap.add_argument("--procedures", type=int, default=5_000)
    ap.add_argument("--db", default="")
    ap.add_argument(
        "--slow-limit",
        type=int,
        default=5000,
        help="run the current refresh_all only up to this many documents",
    )
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="hieuluc-bench-")
    db_path = args.db or os.path.join(tmp, "bench.sqlite3")
    from registry.app import create_app
    from registry.extensions import db

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{db_path}",
            "INSTANCE_PATH": tmp,
            "DAILY_JOB": False,
            "SECRET_KEY": "bench",
            "SEARCH_URL": f"whoosh://{tmp}/index",
        }
    )
    from registry.documents import services as ds
    from registry.documents import validity as v
    from registry.documents.models import Document, Relation
    from registry.documents.signals import statuses_changed
    from registry.reviews import hooks, services
    from registry.reviews.models import ReviewTask
    from registry.reviews.rules import ReviewSettings

    results: dict[str, float] = {}
    settings = ReviewSettings()
    with app.app_context():
        db.create_all()
        session = db.session
        sizes = timed(
            "build (bulk inserts)",
            lambda: build(session, args.docs, args.relations, args.procedures, random.Random(5)),
            results,
        )
        print(sizes)
        statuses_changed.disconnect(hooks.on_statuses_changed)
        if args.docs <= args.slow_limit:
            timed(
                "baseline: refresh_all, first fill of the cache",
                lambda: ds.refresh_all(session, today=TODAY, cutover=CUTOVER),
                results,
            )
            session.commit()
            timed(
                "baseline: refresh_all, steady state",
                lambda: ds.refresh_all(session, today=TODAY, cutover=CUTOVER),
                results,
            )
            session.commit()
        timed(
            "proposed batched refresh (fast_refresh), full",
            lambda: fast_refresh(session, today=TODAY, cutover=CUTOVER),
            results,
        )
        session.commit()
        first = timed(
            "review rules of the daily job (no refresh), first run",
            lambda: services.run_daily(
                session, today=TODAY, cutover=CUTOVER, settings=settings, refresh=False
            ),
            results,
        )
        session.commit()
        print(f"  opened {first.opened} tasks: {first.opened_by_kind}, escalated {first.escalated}")
        again = timed(
            "review rules of the daily job (no refresh), next day",
            lambda: services.run_daily(
                session, today=TODAY + timedelta(days=1), cutover=CUTOVER, settings=settings, refresh=False
            ),
            results,
        )
        session.commit()
        print(f"  opened {again.opened}, escalated {again.escalated}")
        if args.docs <= args.slow_limit:
            timed(
                "daily job run_daily with refresh_all, steady state",
                lambda: services.run_daily(
                    session, today=TODAY + timedelta(days=2), cutover=CUTOVER, settings=settings
                ),
                results,
            )
            session.commit()
        statuses_changed.connect(hooks.on_statuses_changed, weak=False)

        # one change: the most cited central decree is repealed today
        target_id, fan = session.execute(
            select(Relation.target_id, func.count())
            .join(Document, Document.id == Relation.target_id)
            .where(
                Relation.kind.in_([v.RelationKind.BASIS, v.RelationKind.DETAILS]),
                Document.status == v.Status.IN_FORCE,
            )
            .group_by(Relation.target_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        print(f"  change on document {target_id}: {fan} documents cite or detail it")
        day = TODAY + timedelta(days=1)

        statuses_changed.disconnect(hooks.on_statuses_changed)
        doc2 = session.get(Document, target_id)
        timed(
            "baseline: one change, documents domain only",
            lambda: ds.record_event(session, doc2, v.EventKind.EXPIRED, day, today=day, cutover=CUTOVER),
            results,
        )
        session.rollback()
        statuses_changed.connect(hooks.on_statuses_changed, weak=False)
        before = session.scalar(select(func.count()).select_from(ReviewTask))
        doc = session.get(Document, target_id)
        timed(
            "one change with the reviews cascade (tasks opened)",
            lambda: ds.record_event(session, doc, v.EventKind.EXPIRED, day, today=day, cutover=CUTOVER),
            results,
        )
        opened = session.scalar(select(func.count()).select_from(ReviewTask)) - before
        print(f"  cascade opened {opened} tasks")
        session.commit()
    print()
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, SQLite file {db_path}; date {date.today():%d/%m/%Y}"
    )


if __name__ == "__main__":
    main()
