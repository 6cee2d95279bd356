"""Load the demo into a database through the documents services (so every check and the status cache run).

``load_demo`` validates, mutates and flushes; it never commits (the ``flask demo load`` command does).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.accounts.models import Role, User
from registry.accounts.services import create_user
from registry.demo import reference as ref
from registry.demo.generate import ANCHOR, DEFAULT_SEED, Plan, build_plan
from registry.documents import services
from registry.documents import validity as v
from registry.documents.models import Agency, Document, Field
from registry.documents.numbers import number_key

#: the demo accounts: username, role, full name, agency code
DEMO_USERS: tuple[tuple[str, Role, str, str | None], ...] = (
    ("admin", Role.ADMIN, "Quản trị hệ thống", None),
    ("canbo", Role.OFFICER, "Cán bộ pháp chế Sở Tư pháp", "STP-TNH"),
    ("nhanvien", Role.STAFF, "Công chức Sở Tư pháp", "STP-TNH"),
)
MARKER_NUMBER = "30/2013/QĐ-UBND"
"""The demo is present when the province's 30/2013/QĐ-UBND is registered (the chain of DOMAIN §6)."""


@dataclass
class LoadReport:
    """What a load did. ``passwords`` holds the passwords of the accounts it created (and only those)."""

    loaded: bool
    documents: int = 0
    relations: int = 0
    events: int = 0
    procedures: int = 0
    announcements: int = 0
    reviews_closed: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def demo_present(session: Session) -> bool:
    """True when the demo documents are already in the database. Reads only."""
    agency_id = session.scalar(select(Agency.id).where(Agency.code == "UBND-TNH"))
    if agency_id is None:
        return False
    found = session.scalar(
        select(Document.id).where(
            Document.number_key == number_key(MARKER_NUMBER),
            Document.agency_id == agency_id,
            Document.issued_on == date(2013, 7, 9),
        )
    )
    return found is not None


def ensure_reference(session: Session) -> tuple[dict[str, Agency], dict[str, Field]]:
    """Agencies and fields of the demo, reusing rows that exist (matched by code, then by name). Flushes."""
    agencies: dict[str, Agency] = {}
    for a in ref.all_agencies():
        row = session.scalar(select(Agency).where(Agency.code == a.code))
        if row is None:
            parent = agencies.get(a.parent) if a.parent else None
            row = Agency(
                code=a.code,
                name=a.name,
                name_en=a.name_en,
                abbrev=a.abbrev,
                level=a.level,
                parent_id=parent.id if parent else None,
            )
            session.add(row)
            session.flush()
        agencies[a.code] = row
    fields: dict[str, Field] = {}
    for code, name, name_en in ref.FIELDS:
        row = session.scalar(select(Field).where(Field.code == code))
        if row is None:
            row = session.scalar(select(Field).where(Field.name == name))
        if row is None:
            row = Field(code=code, name=name, name_en=name_en)
            session.add(row)
        fields[code] = row
    session.flush()
    return agencies, fields


def ensure_users(session: Session, *, password: str | None = None) -> dict[str, str]:
    """Create the demo accounts that do not exist; returns {username: password} of those created. Flushes.

    ``password`` (e.g. from HIEULUC_DEMO_PASSWORD) sets all three; otherwise each gets a random one.
    """
    created: dict[str, str] = {}
    for username, role, full_name, agency_code in DEMO_USERS:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            continue
        agency_id = (
            session.scalar(select(Agency.id).where(Agency.code == agency_code)) if agency_code else None
        )
        pw = password or secrets.token_urlsafe(12)
        create_user(session, username, pw, role=role, full_name=full_name, agency_id=agency_id)
        created[username] = pw
    return created


def write_users_file(path: Path, passwords: dict[str, str]) -> None:
    """Write the demo accounts and passwords to ``path``, readable by the owner only (0600)."""
    roles = {u: r for u, r, _n, _a in DEMO_USERS}
    lines = ["# Hiệu Lực — tài khoản dữ liệu mẫu (demo accounts): username  role  password"]
    lines += [f"{u}\t{roles[u].value}\t{pw}" for u, pw in passwords.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    path.chmod(0o600)


def _data(spec: Any, agencies: dict[str, Agency]) -> dict[str, Any]:
    return {
        "number": spec.number,
        "doc_type": spec.doc_type,
        "agency_id": agencies[spec.agency].id,
        "summary": spec.summary,
        "issued_on": spec.issued_on,
        "effective_on": spec.effective_on,
        "effective_note": spec.effective_note,
        "expires_on": spec.expires_on,
        "signer": spec.signer,
        "signer_capacity": spec.signer_capacity,
        "signer_title": spec.signer_title,
        "place": spec.place,
        "normative": spec.normative,
        "announces_procedures": spec.announces_procedures,
        "sector": spec.sector,
        "scope": spec.scope,
        "gazette_number": spec.gazette_number,
        "gazette_on": spec.gazette_on,
        "public": spec.public,
        "body_text": spec.body_text,
        "note": spec.note or "Dữ liệu mẫu (demo).",
    }


def load_plan(
    session: Session,
    plan: Plan,
    *,
    today: date,
    cutover: date,
    actor_id: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Document]:
    """Register the plan's documents, then its relations, then its events; refresh every status. Flushes."""
    agencies, fields = ensure_reference(session)
    # statuses are computed once for everything at the end of the block (parents before detailing documents)
    with services.deferred_recompute(session, today=today, cutover=cutover):
        docs = _register(
            session,
            plan,
            agencies,
            fields,
            today=today,
            cutover=cutover,
            actor_id=actor_id,
            progress=progress,
        )
    return docs


def _register(
    session: Session,
    plan: Plan,
    agencies: dict[str, Agency],
    fields: dict[str, Field],
    *,
    today: date,
    cutover: date,
    actor_id: int | None,
    progress: Callable[[str], None] | None,
) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for spec in plan.docs:
        docs[spec.key] = services.create_document(
            session,
            _data(spec, agencies),
            actor_id=actor_id,
            fields=[fields[f] for f in spec.fields],
            confirmed=True,
            today=today,
            cutover=cutover,
        )
    if progress:
        progress(f"{len(docs)} documents")
    # detailing relations first: a status-changing relation added later then cascades to the detailing side
    ordered = sorted(plan.relations, key=lambda r: r.kind != v.RelationKind.DETAILS)
    for rel in ordered:
        services.add_relation(
            session,
            docs[rel.source],
            rel.kind,
            target=docs[rel.target] if rel.target else None,
            target_number=rel.target_number,
            target_type=rel.target_type,
            target_issued_on=rel.target_issued_on,
            target_title=rel.target_title,
            provisions=rel.provisions,
            on=rel.on,
            note=rel.note,
            actor_id=actor_id,
            confirmed=True,
            today=today,
            cutover=cutover,
        )
    if progress:
        progress(f"{len(plan.relations)} relations")
    for ev in plan.events:
        services.record_event(
            session,
            docs[ev.doc],
            ev.kind,
            ev.on,
            cause=docs[ev.cause] if ev.cause else None,
            cause_number=ev.cause_number,
            provisions=ev.provisions,
            note=ev.note,
            actor_id=actor_id,
            today=today,
            cutover=cutover,
        )
    if progress:
        progress(f"{len(plan.events)} events")
    return docs


def count_statuses(session: Session) -> dict[str, int]:
    """Documents per cached status. Reads only."""
    rows = session.execute(select(Document.status, func.count()).group_by(Document.status))
    return {str(status.value if hasattr(status, "value") else status): n for status, n in rows}


def settle_review_history(
    session: Session, *, today: date, cutover: date, keep_days: int = 120, officer: str = "canbo"
) -> int:
    """A registry that has been in use for years has reviewed its old grounds: run the daily job for
    ``today``, then close every task opened more than ``keep_days`` ago as "confirmed unchanged", in one
    review sweep dated ``keep_days`` ago (so histories show outcomes, procedures' review cycles restart
    from that sweep instead of opening years-old periodic tasks, and recent tasks stay in the queue).
    Returns how many were closed. Flushes."""
    from sqlalchemy import select

    from registry.accounts.models import User
    from registry.reviews import rules as review_rules
    from registry.reviews import services as reviews
    from registry.reviews.models import ReviewTask, TaskStatus

    reviews.run_daily(
        session,
        today=today,
        cutover=cutover,
        settings=review_rules.ReviewSettings(),
        origin="demo",
        refresh=False,
    )
    actor_id = session.scalar(select(User.id).where(User.username == officer))
    limit = date.fromordinal(today.toordinal() - keep_days)
    old = session.scalars(
        select(ReviewTask)
        .where(ReviewTask.status == TaskStatus.OPEN, ReviewTask.opened_on < limit)
        .order_by(ReviewTask.opened_on, ReviewTask.id)
    ).all()
    for task in old:
        reviews.close_task(
            session,
            task,
            outcome=review_rules.Outcome.CONFIRMED,
            note="Đã rà soát: giữ nguyên (lịch sử của dữ liệu mẫu).",
            actor_id=actor_id,
            today=limit,
        )
    return len(old)


def load_demo(
    session: Session,
    *,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
    seed: int = DEFAULT_SEED,
    anchor: date = ANCHOR,
    password: str | None = None,
    with_procedures: bool = True,
    progress: Callable[[str], None] | None = None,
) -> LoadReport:
    """Load the demo unless it is already there (then return ``loaded=False`` and touch nothing). Flushes.

    ``today`` is the day the status cache is computed for (default: the real today); the data itself is
    dated relative to ``anchor`` so the same seed always gives the same documents.
    """
    if demo_present(session):
        return LoadReport(loaded=False)
    today = today or date.today()
    report = LoadReport(loaded=True)
    t0 = time.perf_counter()
    plan = build_plan(seed, anchor)
    report.seconds["plan"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    docs = load_plan(session, plan, today=today, cutover=cutover, progress=progress)
    report.seconds["documents"] = time.perf_counter() - t1
    report.documents, report.relations, report.events = len(plan.docs), len(plan.relations), len(plan.events)
    if with_procedures:
        t2 = time.perf_counter()
        from registry.demo import procedures as demo_procedures

        made = demo_procedures.load_procedures(session, plan, docs, today=today, seed=seed)
        if made is not None:
            report.procedures, report.announcements = made
        report.seconds["procedures"] = time.perf_counter() - t2
    report.passwords = ensure_users(session, password=password)
    if with_procedures:
        t3 = time.perf_counter()
        report.reviews_closed = settle_review_history(session, today=today, cutover=cutover)
        report.seconds["reviews"] = time.perf_counter() - t3
    report.statuses = count_statuses(session)
    report.seconds["total"] = time.perf_counter() - t0
    return report
