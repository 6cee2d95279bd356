"""State changes of ingest: stage a file (read, extract, keep), pre-fill its form, confirm it as a document.

Everything here validates, mutates and flushes; nothing commits (the view, API method or command does, once).
Documents are only ever registered through :mod:`registry.documents.services`. Config values (FILES_DIR,
the size limit, the detailing cut-over, today) arrive as arguments.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.db import utcnow
from registry.documents import services as docs
from registry.documents import validity as v
from registry.documents.models import DOC_TYPES, Agency, Document, DocumentFile
from registry.documents.numbers import number_key
from registry.errors import Conflict, DomainError
from registry.ingest.citations import parse_vn_date
from registry.ingest.extract import extract_record
from registry.ingest.files import IngestError, read_file, sha256_of
from registry.ingest.models import IngestItem, ItemStatus
from registry.ingest.vietnamese import sentence_case

__all__ = [
    "StageResult",
    "RelationInput",
    "RelationRow",
    "Prefill",
    "file_path",
    "store_file",
    "registered_file",
    "stage_file",
    "match_agency",
    "type_code_for",
    "resolve_citation",
    "prefill",
    "confirm_item",
    "discard_item",
    "attach_file",
    "fold",
]

#: relation kinds an extracted effect may carry (citations.py vocabulary = RelationKind values)
EFFECT_KINDS = {k.value for k in v.RelationKind} - {"basis", "cites", "related"}


# --------------------------------------------------------------------------- files


def file_path(files_dir: str | Path, sha256: str) -> Path:
    """Where the file with this SHA-256 is kept: <FILES_DIR>/<sha[:2]>/<sha>."""
    return Path(files_dir) / sha256[:2] / sha256


def store_file(files_dir: str | Path, data: bytes, sha256: str | None = None) -> Path:
    """Keep `data` content-addressed (atomic write; an existing copy is left alone). Returns its path."""
    sha256 = sha256 or sha256_of(data)
    path = file_path(files_dir, sha256)
    if path.exists() and path.stat().st_size == len(data):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def registered_file(session: Session, sha256: str) -> DocumentFile | None:
    """The DocumentFile of a registered document with these bytes, if any."""
    return session.scalars(
        select(DocumentFile).where(DocumentFile.sha256 == sha256).order_by(DocumentFile.id).limit(1)
    ).first()


def _staged(session: Session, sha256: str) -> IngestItem | None:
    return session.scalars(
        select(IngestItem)
        .where(IngestItem.sha256 == sha256, IngestItem.status == ItemStatus.PENDING)
        .order_by(IngestItem.id)
        .limit(1)
    ).first()


# --------------------------------------------------------------------------- staging


@dataclass
class StageResult:
    """What staging one file did.

    outcome: "staged" (new pending item), "pending" (the same bytes already wait for confirmation),
    "registered" (the same bytes belong to a registered document: `document`), "failed" (`error`).
    """

    outcome: str
    item: IngestItem | None = None
    document: Document | None = None
    error: str = ""
    error_code: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome != "failed"


def stage_file(
    session: Session,
    data: bytes,
    *,
    filename: str,
    files_dir: str | Path,
    max_bytes: int,
    ocr: bool = True,
    source: str = "upload",
    batch: str = "",
    actor_id: int | None = None,
) -> StageResult:
    """Read and extract one file and stage it as a pending item (the file is kept under files_dir).

    The same bytes already registered, or already pending, are recognised and not staged twice. A file
    that cannot be read gives a "failed" result and a failed item (no file kept). Never raises IngestError;
    flushes.
    """
    name = Path(filename).name or "file"
    # a file over the limit is refused before hashing (callers may pass only its first max_bytes + 1 bytes)
    sha = sha256_of(data) if data and len(data) <= max_bytes else ""
    if sha:
        known = registered_file(session, sha)
        if known is not None:
            return StageResult("registered", document=known.document)
        pending = _staged(session, sha)
        if pending is not None:
            return StageResult("pending", item=pending)
    t0 = time.perf_counter()
    try:
        et = read_file(data, filename=name, max_bytes=max_bytes, ocr=ocr)
    except IngestError as err:
        item = None
        if sha:
            item = session.scalars(
                select(IngestItem).where(IngestItem.sha256 == sha, IngestItem.status == ItemStatus.FAILED)
            ).first()
        if item is None:
            item = IngestItem(sha256=sha, original_name=name, status=ItemStatus.FAILED)
            session.add(item)
        item.size, item.source, item.batch, item.created_by_id = len(data), source, batch, actor_id
        item.error, item.error_code = str(err)[:1000], type(err).__name__
        session.flush()
        return StageResult("failed", item=item, error=str(err), error_code=type(err).__name__)
    rec = extract_record(et.text)
    store_file(files_dir, data, et.sha256)
    item = IngestItem(
        batch=batch,
        source=source,
        status=ItemStatus.PENDING,
        sha256=et.sha256,
        original_name=name,
        media_type=et.media_type,
        size=len(data),
        pages=et.pages,
        text_method=et.method,
        needs_ocr=et.needs_ocr,
        legacy_encoding=et.legacy_encoding or "",
        meta=dict(et.metadata),
        text=et.text,
        extraction=rec.to_json(),
        seconds=round(time.perf_counter() - t0, 3),
        created_by_id=actor_id,
    )
    session.add(item)
    session.flush()
    return StageResult("staged", item=item)


def discard_item(session: Session, item: IngestItem) -> None:
    """Throw a pending or failed item away (its kept file stays: it is shared by content). Flushes."""
    if item.status == ItemStatus.CONFIRMED:
        raise Conflict("Tệp này đã được đăng ký.", "This file is already registered.")
    item.status = ItemStatus.DISCARDED
    session.flush()


# --------------------------------------------------------------------------- matching


def fold(s: str) -> str:
    """Case- and diacritics-insensitive form of a name ("Ủy ban nhân dân" == "UY BAN NHAN DAN")."""
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s)).strip().casefold()


def match_agency(
    session: Session, name: str | None, *, abbrev: str | None = None, authority: str | None = None
) -> Agency | None:
    """The Agency whose name matches `name` (folded); a chairman's decision prefers "Chủ tịch <name>".

    Falls back to a unique agency whose code or abbreviation equals `name`. None when nothing or several
    match (the officer chooses; agencies are never created here).
    """
    if not name:
        return None
    rows = list(session.scalars(select(Agency)))
    want = _expand(fold(name))
    by_name = {fold(a.name): a for a in rows}
    if authority and fold(authority).startswith("chu tich") and ("chu tich " + want) in by_name:
        return by_name["chu tich " + want]
    if want in by_name:
        return by_name[want]
    hits = [a for a in rows if fold(a.code) == want or fold(a.abbrev) == want]
    if len(hits) == 1:
        return hits[0]
    if abbrev:
        hits = [a for a in rows if fold(a.abbrev) == fold(abbrev) and fold(a.name).endswith(want)]
        if len(hits) == 1:
            return hits[0]
    return None


_ABBREVIATIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "tp": "thanh pho"}


def _expand(folded: str) -> str:
    """Spell out the usual abbreviations of body names ("ubnd tinh tay ninh" -> "uy ban nhan dan tinh tay ninh")."""
    words = folded.split()
    if len(words) > 1:
        words = [_ABBREVIATIONS.get(w, w) for w in words]
    return " ".join(words)


_EXTRA_TYPE_CODES = {"QYĐ": "QyĐ", "CTR": "CTr", "TTR": "TTr", "BỘ LUẬT": "BL", "HIẾN PHÁP": "HP"}


def type_code_for(value: str | None) -> str | None:
    """A DOC_TYPES key from a type code ("QĐ", "qđ") or a type name ("Quyết định"), else None."""
    if not value:
        return None
    s = unicodedata.normalize("NFC", value).strip()
    if s in DOC_TYPES:
        return s
    up = s.upper()
    if up in _EXTRA_TYPE_CODES:
        return _EXTRA_TYPE_CODES[up]
    for code in DOC_TYPES:
        if code.upper() == up:
            return code
    low = s.lower()
    for code, (vi, en) in DOC_TYPES.items():
        if vi.lower() == low or en.lower() == low:
            return code
    if fold(s) in {fold(vi) for vi, _en in DOC_TYPES.values()}:
        return next(code for code, (vi, _en) in DOC_TYPES.items() if fold(vi) == fold(s))
    return None


def _number_variants(number: str) -> list[str]:
    """The number as written, and with the serial's leading zeros dropped / added (05/2012 ~ 5/2012)."""
    out = [number]
    m = re.match(r"^(\d+)(.*)$", number)
    if m:
        serial, rest = m.groups()
        bare = serial.lstrip("0") or "0"
        for s in (bare, bare.zfill(2)):
            if s + rest not in out:
                out.append(s + rest)
    return out


def resolve_citation(
    session: Session,
    *,
    number: str | None,
    issued_on: date | None = None,
    doc_type: str | None = None,
    title: str | None = None,
) -> Document | None:
    """The registered document a citation names: by number (and date when known), or a law by type+date."""
    if number:
        for n in _number_variants(number):
            found = docs.find_by_number(session, n, issued_on=issued_on)
            if found is not None:
                return found
        return None
    if title and issued_on:
        code = doc_type if doc_type in DOC_TYPES else None
        q = select(Document).where(Document.issued_on == issued_on)
        q = q.where(Document.doc_type.in_([code] if code else ["L", "BL", "PL", "HP"]))
        hits = list(session.scalars(q.limit(2)))
        if len(hits) == 1:
            return hits[0]
    return None


# --------------------------------------------------------------------------- pre-filled form


@dataclass
class RelationRow:
    """One proposed relation of the form: a legal basis or an effect on another document."""

    kind: str
    number: str = ""
    title: str = ""
    doc_type: str = ""
    issued_on: date | None = None
    provisions: str = ""
    line: str = ""
    target: Document | None = None
    include: bool = True


@dataclass
class Prefill:
    """Form values proposed for an item, the lines they came from, and what the officer should know."""

    values: dict[str, Any]
    lines: dict[str, str]
    confidence: dict[str, float]
    relations: list[RelationRow]
    agency: Agency | None
    issuer: str
    duplicate: Document | None = None
    warnings: list[str] = field(default_factory=list)


def _val(rec: dict[str, Any], name: str) -> Any:
    s = rec.get(name)
    return s.get("value") if isinstance(s, dict) else None


def _date(x: Any) -> date | None:
    if isinstance(x, date):
        return x
    if isinstance(x, str) and x:
        try:
            return date.fromisoformat(x)
        except ValueError:
            return parse_vn_date(x)
    return None


def prefill(session: Session, item: IngestItem) -> Prefill:
    """Propose the form for a pending item: mapped type and agency, resolved bases and effects. Reads only."""
    rec = item.extraction or {}
    lines = {k: s.get("line", "") for k, s in rec.items() if isinstance(s, dict) and "line" in s}
    conf = {k: float(s.get("confidence", 1.0)) for k, s in rec.items() if isinstance(s, dict) and "line" in s}
    issuer = _val(rec, "issuer") or ""
    agency = match_agency(session, issuer, abbrev=_val(rec, "issuer_code"), authority=_val(rec, "authority"))
    warnings = list(rec.get("warnings") or [])
    if issuer and agency is None:
        warnings.append(f"Không tìm thấy cơ quan “{issuer}” trong danh mục: hãy chọn cơ quan ban hành.")
    issued = _date(_val(rec, "issued_on"))
    eff = _val(rec, "effective")
    values: dict[str, Any] = {
        "number": _val(rec, "number") or "",
        "doc_type": type_code_for(_val(rec, "type_code")) or type_code_for(_val(rec, "doc_type")) or "",
        "agency_id": agency.id if agency else None,
        # printed in capitals: written the way vbpl.vn shows it, so the officer need not retype it
        "summary": sentence_case(_val(rec, "summary") or "", item.text or ""),
        "issued_on": issued,
        "place": _val(rec, "place") or "",
        "signer": _val(rec, "signer") or "",
        "signer_capacity": _val(rec, "signer_capacity") or "",
        "signer_title": _val(rec, "signer_title") or "",
        "expires_on": _date(_val(rec, "expires_on")),
        "normative": bool(_val(rec, "normative")),
        "announces_procedures": bool(_val(rec, "tthc_announcement")),
        "effective_mode": "unknown",
        "effective_on": None,
        "effective_days": None,
        "body_text": item.text,
    }
    if isinstance(eff, str) and eff == "on_signing":
        values["effective_mode"] = "on_signing"
    elif isinstance(eff, dict) and "days_after_signing" in eff:
        values["effective_mode"] = "days"
        values["effective_days"] = int(eff["days_after_signing"])
        values["effective_on"] = _date(_val(rec, "effective_on"))
    elif isinstance(eff, str) and eff == "on_passing":
        values["effective_mode"] = "date"
        values["effective_on"] = _date(_val(rec, "passed_on")) or issued
    elif isinstance(eff, dict) and "days_after_publication" in eff:
        warnings.append(
            f"Hiệu lực sau {eff['days_after_publication']} ngày kể từ ngày đăng Công báo: hãy nhập ngày."
        )
    elif _date(eff) is not None:
        values["effective_mode"] = "date"
        values["effective_on"] = _date(eff)
    relations: list[RelationRow] = []
    seen: set[tuple[str, str]] = set()
    for c in rec.get("bases") or []:
        key = ("basis", c.get("number_key") or (c.get("title") or "").lower())
        if key in seen:
            continue
        seen.add(key)
        relations.append(_row("basis", c, session))
    for c in rec.get("effects") or []:
        kind = c.get("relation") or ""
        if kind not in EFFECT_KINDS or not (c.get("number") or c.get("title")):
            continue
        key = (kind, c.get("number_key") or "")
        if key in seen:
            continue
        seen.add(key)
        relations.append(_row(kind, c, session))
    dup = None
    if values["number"] and agency is not None:
        year = issued.year if issued else None
        dup = docs.find_duplicate(session, values["number"], agency.id, year)
    return Prefill(values, lines, conf, relations, agency, issuer, dup, warnings)


def _row(kind: str, c: dict[str, Any], session: Session) -> RelationRow:
    d = _date(c.get("date"))
    code = type_code_for(c.get("type_code")) or type_code_for(c.get("doc_type")) or ""
    target = resolve_citation(
        session, number=c.get("number"), issued_on=d, doc_type=code or None, title=c.get("title")
    )
    return RelationRow(
        kind=kind,
        number=c.get("number") or "",
        title=(c.get("title") or "") if not c.get("number") else "",
        doc_type=code,
        issued_on=d,
        provisions=c.get("provisions") or "",
        line=c.get("sentence") or "",
        target=target,
    )


# --------------------------------------------------------------------------- confirmation


@dataclass
class RelationInput:
    """A relation as the officer confirmed it: to a registered document (target_id) or cited by number/title."""

    kind: str
    target_id: int | None = None
    number: str = ""
    title: str = ""
    doc_type: str = ""
    issued_on: date | None = None
    provisions: str = ""


def document_data(values: dict[str, Any]) -> dict[str, Any]:
    """Documents-service data from form values (effective mode → effective_on / effective_note)."""
    data = {k: values.get(k) for k in docs.EDITABLE if k in values}
    mode = values.get("effective_mode") or "unknown"
    issued = values.get("issued_on")
    if mode == "on_signing":
        data["effective_on"], data["effective_note"] = issued, "on_signing"
    elif mode == "days":
        n = int(values.get("effective_days") or 0)
        data["effective_on"] = issued + timedelta(days=n) if issued else None
        data["effective_note"] = f"sau {n} ngày kể từ ngày ký"
    elif mode == "date":
        data["effective_note"] = ""
    else:
        data["effective_on"], data["effective_note"] = None, ""
    for k in ("signer", "signer_capacity", "signer_title", "place", "summary", "number", "note"):
        if k in data and data[k] is None:
            data[k] = ""
    return data


def attach_file(session: Session, doc: Document, item: IngestItem) -> DocumentFile:
    """Attach the staged file to `doc` as a DocumentFile row (the bytes are already kept). Flushes."""
    f = DocumentFile(
        document_id=doc.id,
        sha256=item.sha256,
        original_name=item.original_name[:255],
        media_type=item.media_type or "application/octet-stream",
        size=item.size,
        pages=item.pages,
        text_method=item.text_method,
        needs_ocr=item.needs_ocr,
        meta=dict(item.meta or {})
        | ({"legacy_encoding": item.legacy_encoding} if item.legacy_encoding else {}),
    )
    session.add(f)
    session.flush()
    return f


def confirm_item(
    session: Session,
    item: IngestItem,
    values: dict[str, Any],
    relations: list[RelationInput],
    *,
    actor_id: int | None = None,
    confirmed: bool = False,
    today: date | None = None,
    cutover: date = v.DEFAULT_CUTOVER,
) -> Document:
    """Register the document of a pending item with its file and relations (their events follow).

    Raises Conflict when the item is not pending or its file is already registered, DuplicateNumber /
    ConsistencyError from the documents service, DomainError on a bad relation. Flushes, never commits:
    the caller commits once or rolls everything back.
    """
    if item.status != ItemStatus.PENDING:
        raise Conflict(
            f"Tệp “{item.original_name}” không còn chờ xác nhận ({item.status.value}).",
            f"File “{item.original_name}” is no longer waiting for confirmation ({item.status.value}).",
        )
    known = registered_file(session, item.sha256)
    if known is not None:
        raise Conflict(
            f"Tệp này đã được đăng ký cùng văn bản {known.document.number}.",
            f"This file is already registered with document {known.document.number}.",
            document_id=known.document_id,
        )
    doc = docs.create_document(
        session, document_data(values), actor_id=actor_id, confirmed=confirmed, today=today, cutover=cutover
    )
    attach_file(session, doc, item)
    for r in relations:
        kind = v.RelationKind(r.kind)
        target = session.get(Document, r.target_id) if r.target_id else None
        if r.target_id and target is None:
            raise DomainError(f"Không có văn bản #{r.target_id}.", f"No document #{r.target_id}.")
        if target is None and not (r.number or r.title):
            continue
        if target is None and r.number and number_key(r.number) == doc.number_key:
            continue  # the document's own number
        if target is None and r.number:
            target = resolve_citation(session, number=r.number, issued_on=r.issued_on)
        docs.add_relation(
            session,
            doc,
            kind,
            target=target,
            target_number="" if target else r.number,
            target_type="" if target else (type_code_for(r.doc_type) or ""),
            target_issued_on=None if target else r.issued_on,
            target_title="" if target else r.title[:300],
            provisions=r.provisions[:300],
            note="Nhập từ tệp / from the ingested file",
            actor_id=actor_id,
            confirmed=True,
            today=today,
            cutover=cutover,
        )
    item.status = ItemStatus.CONFIRMED
    item.document_id = doc.id
    item.confirmed_at = utcnow()
    session.flush()
    return doc
