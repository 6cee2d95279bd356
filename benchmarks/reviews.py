"""Benchmark: the cascade of one officer's change, and the daily job, over a large registry.

Builds a scratch SQLite registry with bulk inserts (default 100,000 documents, 300,000 relations, 5,000
procedures with 10,000 legal bases), then measures, in the same run:

* baseline: the first fill of the status cache, ``documents.services.refresh_all(full=True)`` over the whole
  registry (documents domain alone: its signals muted) — every document's periods computed and written;
* the daily job as the embedded thread and ``flask reviews run`` run it (``reviews.jobs.run_and_commit``
  without mail: procedures' status and health, ``run_daily`` = ``refresh_all`` (→ ``refresh_current``) +
  every review rule + escalation, commit), first run and steady state (the next day), with a breakdown;
* one change: an officer records that a new decree REPLACES an in-force central decree that is the basis of
  many documents and of procedures. Baseline: ``add_relation`` with the documents domain alone (signals
  muted, rolled back). Then as the app runs it: the impact preview (savepoint, rolled back), and the save —
  ``check_relation`` + ``add_relation`` (documents → procedures' health → review tasks, all subscribers
  connected) + commit (procedures' touched-documents refresh, search records read).

The search index is replaced by a stub that only counts what a commit would push (indexing speed is
measured by benchmarks/search.py); the records are still read from the database inside the commit.

Usage: .venv/bin/python benchmarks/reviews.py [--docs 100000] [--relations 300000] [--db /tmp/x.sqlite3]
       [--profile STEP] (cProfile of one step: fill, daily1, daily2, change; top 25 by cumulative time)
Prints the figures; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

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


class NullIndex:
    """Stands in for the search backend: counts the records a commit would push, indexes nothing."""

    def __init__(self) -> None:
        self.added = 0
        self.deleted = 0

    def add(self, records: list[Any]) -> None:
        self.added += len(records)

    def delete(self, ids: list[str]) -> None:
        self.deleted += len(ids)


class Clock:
    """Wall-clock and CPU figures by label, printed as they come; ``--profile`` profiles one step. SQLite runs
    in this process, so the CPU time is the work itself and moves much less than the wall time when other
    jobs share the machine."""

    def __init__(self, profile: str = "") -> None:
        self.results: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.profile = profile

    def run(self, label: str, fn: Callable[[], Any], *, step: str = "") -> Any:
        prof = cProfile.Profile() if step and step == self.profile else None
        t0, c0 = time.perf_counter(), time.process_time()
        if prof is not None:
            prof.enable()
        try:
            out = fn()
        finally:
            if prof is not None:
                prof.disable()
            self.results[label] = time.perf_counter() - t0
            self.cpu[label] = time.process_time() - c0
        print(
            f"{label:<66} {self.results[label]:8.2f} s  (CPU {self.cpu[label]:.2f} s, load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        if prof is not None:
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return out


@contextmanager
def timing(module: Any, name: str, into: dict[str, float]) -> Iterator[None]:
    """Wrap ``module.name`` to add its wall time to ``into[name]`` (for a breakdown of a composite step)."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kw: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return original(*args, **kw)
        finally:
            into[name] = into.get(name, 0.0) + time.perf_counter() - t0

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


def pick_target(session) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """The in-force document with the most documents based on or detailing it among those that are the legal
    basis of some healthy procedure (so the procedures' part of the cascade has something to change) and
    not yet replaced or repealed: (id, dependents, procedures based on it)."""
    from registry.documents import validity as v
    from registry.documents.models import Document, Relation
    from registry.procedures.models import Health, LegalBasis, Procedure

    ended = select(Relation.target_id).where(
        Relation.kind.in_([v.RelationKind.REPLACES, v.RelationKind.REPEALS]), Relation.target_id.is_not(None)
    )
    target_id, fan = session.execute(
        select(Relation.target_id, func.count())
        .join(Document, Document.id == Relation.target_id)
        .where(
            Relation.kind.in_([v.RelationKind.BASIS, v.RelationKind.DETAILS]),
            Document.status == v.Status.IN_FORCE,
            Relation.target_id.in_(
                select(LegalBasis.document_id)
                .join(Procedure, Procedure.id == LegalBasis.procedure_id)
                .where(Procedure.health == Health.OK)
            ),
            Relation.target_id.not_in(ended),
        )
        .group_by(Relation.target_id)
        .order_by(func.count().desc())
        .limit(1)
    ).one()
    procs = session.scalar(
        select(func.count(func.distinct(LegalBasis.procedure_id))).where(LegalBasis.document_id == target_id)
    )
    return target_id, fan, procs or 0


def new_decree(session, number: str, agency_id: int, issued: date, effective: date) -> int:  # type: ignore[no-untyped-def]
    """Insert the replacing decree (registering it is not part of the measured change); returns its id."""
    from registry.documents import validity as v
    from registry.documents.models import Document

    return session.execute(
        insert(Document)
        .values(
            number=number,
            number_key=number.upper(),
            doc_type="NĐ",
            agency_id=agency_id,
            summary="Nghị định thay thế",
            issued_on=issued,
            year=issued.year,
            effective_on=effective,
            normative=True,
            public=True,
            status=v.Status.UNKNOWN,
            version=1,
        )
        .returning(Document.id)
    ).scalar_one()


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--relations", type=int, default=300_000)
    ap.add_argument("--procedures", type=int, default=5_000)
    ap.add_argument("--db", default="")
    ap.add_argument("--profile", default="", choices=["", "fill", "daily1", "daily2", "change"])
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
            "DETAILING_CUTOVER": CUTOVER,
        }
    )
    index = NullIndex()
    app.extensions["search_backend"] = index
    from registry.documents import services as ds
    from registry.documents import validity as v
    from registry.documents.models import Agency, Document, StatusPeriod
    from registry.documents.signals import inputs_changed, statuses_changed
    from registry.procedures.models import LegalBasis, Procedure
    from registry.reviews import jobs
    from registry.reviews import services as rs
    from registry.reviews.models import ReviewTask

    clock = Clock(args.profile)
    load_at_start = os.getloadavg()
    with app.app_context():
        db.create_all()
        session = db.session
        sizes = clock.run(
            "build (bulk inserts)",
            lambda: build(session, args.docs, args.relations, args.procedures, random.Random(5)),
        )
        print(f"  {sizes}")

        # ------------------------------------------------------------------ baseline: the first fill
        def fill() -> int:
            with statuses_changed.muted(), inputs_changed.muted():
                changes = ds.refresh_all(session, today=TODAY, cutover=CUTOVER, full=True)
            session.commit()
            return len(changes)

        n = clock.run("baseline: first fill, refresh_all(full=True) + commit", fill, step="fill")
        periods = session.scalar(select(func.count()).select_from(StatusPeriod))
        print(f"  {n} status changes, {periods} periods written")

        # ------------------------------------------------------------------ the daily job
        def daily(day: date, parts: dict[str, float]) -> Any:
            with (
                timing(jobs, "refresh_procedures", parts),
                timing(rs, "run_daily", parts),
                timing(ds, "refresh_all", parts),
            ):
                return jobs.run_and_commit(session, app.config, today=day, mail=False)

        for step, label, day in (
            ("daily1", "daily job run_and_commit, first run", TODAY),
            ("daily2", "daily job run_and_commit, next day (steady state)", TODAY + timedelta(days=1)),
        ):
            parts: dict[str, float] = {}
            res = clock.run(label, lambda day=day, parts=parts: daily(day, parts), step=step)  # type: ignore[misc]
            total = clock.results[label]
            rest = total - parts["refresh_procedures"] - parts["run_daily"]
            print(
                f"  procedures' status + health {parts['refresh_procedures']:.2f} s; run_daily "
                f"{parts['run_daily']:.2f} s (refresh_all → refresh_current {parts['refresh_all']:.2f} s, "
                f"review rules + escalation {parts['run_daily'] - parts['refresh_all']:.2f} s); commit {rest:.2f} s"
            )
            print(
                f"  {res.status_changes} status changes, opened {res.opened} tasks {res.opened_by_kind}, "
                f"escalated {res.escalated}"
            )

        # ------------------------------------------------------------------ one change
        day = TODAY + timedelta(days=2)
        target_id, fan, procs = pick_target(session)
        central = session.scalar(select(Agency.id).where(Agency.level == "central"))
        source_id = new_decree(session, f"999/{day.year}/NĐ-CP", central, day - timedelta(days=30), day)
        ds.recompute(session, {source_id}, today=day, cutover=CUTOVER)
        session.commit()
        print(
            f"  change: document {source_id} replaces {target_id} ({fan} documents based on or detailing it, "
            f"{procs} procedures based on it)"
        )

        def record(*, check: bool) -> Any:
            source = ds.get_document(session, source_id)
            target = ds.get_document(session, target_id)
            if check:
                errors = [
                    p
                    for p in ds.check_relation(session, source, v.RelationKind.REPLACES, target)
                    if p.level == "error"
                ]
                assert not errors, errors
            return ds.add_relation(
                session,
                source,
                v.RelationKind.REPLACES,
                target=target,
                confirmed=True,
                today=day,
                cutover=CUTOVER,
            )

        def documents_only() -> None:
            with statuses_changed.muted(), inputs_changed.muted():
                record(check=False)

        clock.run("baseline: one change, documents domain only (rolled back)", documents_only)
        session.rollback()
        impact = clock.run(
            "one change: impact preview (all domains, savepoint rolled back)",
            lambda: ds.preview(session, lambda: record(check=False), today=day),
        )
        session.rollback()
        print(
            f"  preview: {len(impact.changes)} status changes, {len(impact.extra.get('procedures', []))} "
            f"procedures, {len(impact.extra.get('reviews', []))} review tasks"
        )
        tasks_before = session.scalar(select(func.count()).select_from(ReviewTask))
        based = (
            select(Procedure.id, Procedure.health)
            .join(LegalBasis, LegalBasis.procedure_id == Procedure.id)
            .where(LegalBasis.document_id == target_id)
        )
        health_before = dict(session.execute(based).all())
        added_before = index.added

        def save() -> None:
            record(check=True)
            session.commit()

        clock.run("one change: save (check + add_relation + cascade + commit)", save, step="change")
        opened = session.scalar(select(func.count()).select_from(ReviewTask)) - tasks_before
        status = session.scalar(select(Document.status).where(Document.id == target_id))
        health_after = dict(session.execute(based).all())
        moved = sum(1 for pid, h in health_after.items() if health_before.get(pid) != h)
        print(
            f"  target now {status}; health of {moved} of {len(health_after)} procedures changed; {opened} review "
            f"tasks opened; {index.added - added_before} search records pushed at commit"
        )
    print()
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, SQLite file {db_path}; date {date.today():%d/%m/%Y}; "
        f"load average at start {load_at_start[0]:.1f} / {load_at_start[1]:.1f} / {load_at_start[2]:.1f}, "
        f"at end {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} / {os.getloadavg()[2]:.1f}"
    )


if __name__ == "__main__":
    main()
