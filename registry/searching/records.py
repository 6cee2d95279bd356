"""What the index holds for each document and procedure: registry rows in, ``search.IndexDoc`` out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from registry.documents.models import Document
from registry.documents.validity import STATUS_LABELS, Status
from search import IndexDoc

DOCUMENT = "document"
PROCEDURE = "procedure"
CHUNK = 500


def split_id(index_id: str) -> tuple[str, int]:
    kind, _, raw = index_id.partition(":")
    return kind, int(raw)


def document_version(doc: Any) -> str:
    """Changes whenever the record or its cached status does (status refreshes don't touch updated_at).
    Takes a Document or a row with the same columns (updated_at, status, version)."""
    return f"{doc.updated_at.isoformat() if doc.updated_at else ''}|{doc.status.value}|{doc.version}"


def document_record(doc: Document) -> IndexDoc:
    return IndexDoc(
        id=f"{DOCUMENT}:{doc.id}",
        kind=DOCUMENT,
        title=doc.summary,
        number=doc.number,
        body=doc.body_text or "",
        doc_type=doc.type_name,
        agency=doc.agency.name,
        status=doc.status.value,
        fields=[f.name for f in doc.fields],
        year=doc.year,
        level=None,
        issued_on=doc.issued_on,
        public=doc.public,
        version=document_version(doc),
        extra={
            "status_label": STATUS_LABELS[Status(doc.status)][0],
            "effective_on": doc.effective_on.isoformat() if doc.effective_on else "",
            "status_reason": doc.status_reason or "",
        },
    )


def _procedure_model() -> Any:
    from registry.procedures.models import Procedure

    return Procedure


def procedure_version(proc: Any) -> str:
    """Like document_version, with the health too; a Procedure or a row with those columns."""
    return f"{proc.updated_at.isoformat() if proc.updated_at else ''}|{proc.status.value}|{proc.health.value}|{proc.version}"


def procedure_record(proc: Any) -> IndexDoc:
    parts = [
        proc.steps,
        proc.applicants,
        proc.requirements,
        proc.result,
        proc.submission_address,
        proc.time_limit,
        proc.fee_note,
        proc.competent_agency,
        *(f"{c.time_limit} {c.fee} {c.description}" for c in proc.channels),
        *(f"{d.name} {d.form_name}" for d in proc.dossier),
        *(f"{b.provisions} {b.number} {b.title}" for b in proc.bases),
    ]
    return IndexDoc(
        id=f"{PROCEDURE}:{proc.id}",
        kind=PROCEDURE,
        title=proc.name,
        number=proc.code,
        body="\n".join(p for p in parts if p),
        doc_type="Thủ tục hành chính",
        agency=proc.agency.name if proc.agency else None,
        status=proc.status.value,
        fields=[proc.field.name] if proc.field else [],
        year=proc.active_since.year if proc.active_since else None,
        level=proc.level.value if proc.level else None,
        issued_on=proc.active_since,
        public=bool(proc.public) and proc.status.value != "draft",
        version=procedure_version(proc),
        extra={"health": proc.health.value, "health_reason": proc.health_reason or ""},
    )


def load_records(session: Session, ids: Iterable[str]) -> tuple[list[IndexDoc], list[str]]:
    """IndexDocs for these ids, and the ids that no longer exist (to delete). Reads only."""
    by_kind: dict[str, list[int]] = {DOCUMENT: [], PROCEDURE: []}
    for index_id in ids:
        kind, num = split_id(index_id)
        by_kind.setdefault(kind, []).append(num)
    found: list[IndexDoc] = []
    wanted = {f"{k}:{i}" for k, nums in by_kind.items() for i in nums}
    for chunk in _chunks(by_kind[DOCUMENT]):
        found += [document_record(d) for d in session.scalars(select(Document).where(Document.id.in_(chunk)))]
    if by_kind[PROCEDURE]:
        proc = _procedure_model()
        for chunk in _chunks(by_kind[PROCEDURE]):
            rows = session.scalars(
                select(proc)
                .where(proc.id.in_(chunk))
                .options(selectinload(proc.channels), selectinload(proc.dossier), selectinload(proc.bases))
            )
            found += [procedure_record(p) for p in rows]
    gone = sorted(wanted - {r.id for r in found})
    return found, gone


def iter_all(session: Session) -> Iterator[IndexDoc]:
    """Every document and procedure, in batches (for a rebuild)."""
    last = 0
    while True:
        docs = session.scalars(
            select(Document).where(Document.id > last).order_by(Document.id).limit(CHUNK)
        ).all()
        if not docs:
            break
        for d in docs:
            yield document_record(d)
        last = docs[-1].id
        session.expunge_all()
    proc = _procedure_model()
    last = 0
    while True:
        rows = session.scalars(
            select(proc)
            .where(proc.id > last)
            .order_by(proc.id)
            .limit(CHUNK)
            .options(selectinload(proc.channels), selectinload(proc.dossier), selectinload(proc.bases))
        ).all()
        if not rows:
            break
        for p in rows:
            yield procedure_record(p)
        last = rows[-1].id
        session.expunge_all()


def expected_versions(session: Session) -> dict[str, str]:
    """id -> version of everything that should be in the index (for `check`)."""
    out: dict[str, str] = {}
    # the same functions as the records, so the two sides of `check` cannot drift apart
    for row in session.execute(select(Document.id, Document.updated_at, Document.status, Document.version)):
        out[f"{DOCUMENT}:{row.id}"] = document_version(row)
    proc = _procedure_model()
    for prow in session.execute(select(proc.id, proc.updated_at, proc.status, proc.health, proc.version)):
        out[f"{PROCEDURE}:{prow.id}"] = procedure_version(prow)
    return out


def _chunks(items: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]
