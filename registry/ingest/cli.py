"""`flask ingest PATH...`, `flask ingest extract FILE --json`, `flask ingest sheet FILE [--files DIR] [--dry-run]`.

Thin: commands read config, call registry.ingest.services / bulk, and commit once per file (PATH...) or
once per sheet. Exit status: 0 when nothing failed, 1 when some file or line failed, 2 on a usage error
or an unreadable file given to `extract`.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from registry.ingest.extract import extract_record
from registry.ingest.files import IngestError, read_file

SUPPORTED = {".pdf", ".docx", ".doc", ".html", ".htm", ".xhtml", ".txt"}


class _IngestGroup(AppGroup):
    """A group whose bare arguments are paths: `flask ingest [--register] a.pdf dir/` means
    `flask ingest files [--register] a.pdf dir/` (a folder named like a command needs the explicit `files`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["files", *args]
        return super().parse_args(ctx, args)


cli = _IngestGroup(
    "ingest",
    help="Nhập tệp văn bản / ingest document files. `flask ingest PATH...` stages (or registers) files.",
)
ingest_cli = cli  # the name the first version exported


def _max_bytes(override: int | None) -> int:
    if override:
        return override
    return int(current_app.config.get("MAX_UPLOAD_MB", 50)) * 2**20


def _actor(username: str | None) -> int | None:
    if not username:
        return None
    from registry.accounts.models import User
    from registry.extensions import db

    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise click.BadParameter(f"no user {username!r}", param_hint="--user")
    return user.id


def collect(paths: list[str]) -> list[Path]:
    """Files named, and the supported files under folders named (recursive, sorted, hidden ones skipped)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        elif p.is_file():
            found = [p]
        else:
            raise click.BadParameter(f"{raw}: no such file or folder", param_hint="PATH")
        for f in found:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                out.append(f)
    return out


@cli.command("files")
@click.argument("paths", nargs=-1, required=True)
@click.option("--register", is_flag=True, help="Register complete records at once (others stay pending).")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scans (mark them 'needs OCR').")
@click.option("--user", "username", default=None, help="Record this user as the importer.")
@click.option("--max-bytes", type=int, default=None, help="Size limit (default MAX_UPLOAD_MB).")
@with_appcontext
def files_command(
    paths: tuple[str, ...], register: bool, no_ocr: bool, username: str | None, max_bytes: int | None
):
    """Stage every file under PATHS for confirmation in the officer UI (or --register it).

    The same bytes are never imported twice: files already registered or already waiting are skipped.
    """
    from registry.errors import DomainError
    from registry.extensions import db
    from registry.ingest import services

    todo = collect(list(paths))
    actor_id = _actor(username)
    limit = _max_bytes(max_bytes)
    files_dir = current_app.config["FILES_DIR"]
    cutover = current_app.config["DETAILING_CUTOVER"]
    batch = "cli-" + uuid.uuid4().hex[:8]
    counts = {"staged": 0, "registered": 0, "known": 0, "pending": 0, "failed": 0}
    failures: list[tuple[Path, str]] = []
    left_pending: list[tuple[Path, str]] = []
    t0 = time.perf_counter()
    pages = 0
    with click.progressbar(
        todo,
        label=f"Ingesting {len(todo)} files",
        file=sys.stderr,
        item_show_func=lambda p: p.name[:40] if p else "",
    ) as bar:
        for path in bar:
            try:
                with path.open("rb") as fh:
                    data = fh.read(limit + 1)  # over the limit: enough to know, never the whole file
            except OSError as err:
                counts["failed"] += 1
                failures.append((path, str(err)))
                continue
            try:
                res = services.stage_file(
                    db.session,
                    data,
                    filename=path.name,
                    files_dir=files_dir,
                    max_bytes=limit,
                    ocr=not no_ocr,
                    source="cli",
                    batch=batch,
                    actor_id=actor_id,
                )
                if res.outcome == "failed":
                    counts["failed"] += 1
                    failures.append((path, res.error))
                elif res.outcome == "registered":
                    counts["known"] += 1
                elif res.outcome == "pending" and not register:
                    counts["pending"] += 1
                else:
                    assert res.item is not None
                    pages += res.item.pages or 0
                    if register:
                        why = _register(db.session, res.item, actor_id=actor_id, cutover=cutover)
                        if why:
                            counts["staged" if res.outcome == "staged" else "pending"] += 1
                            left_pending.append((path, why))
                        else:
                            counts["registered"] += 1
                    else:
                        counts["staged"] += 1
                db.session.commit()
            except DomainError as err:
                db.session.rollback()
                counts["failed"] += 1
                failures.append((path, err.message))
            except Exception:
                db.session.rollback()
                raise
    took = time.perf_counter() - t0
    click.echo(
        f"{len(todo)} files, {pages} pages in {took:.1f}s: {counts['staged']} staged for confirmation, "
        f"{counts['registered']} registered, {counts['known'] + counts['pending']} already imported, "
        f"{counts['failed']} failed"
    )
    for path, why in left_pending:
        click.echo(f"  pending  {path}: {why}")
    for path, why in failures:
        click.echo(f"  FAILED   {path}: {why}", err=True)
    sys.exit(1 if counts["failed"] else 0)


def _register(session: Any, item: Any, *, actor_id: int | None, cutover: date) -> str:
    """Register a staged item whose record is complete; returns why it stays pending ("" when registered)."""
    from registry.errors import DomainError
    from registry.ingest import services

    pre = services.prefill(session, item)
    missing = [
        k for k in ("number", "doc_type", "agency_id", "summary", "issued_on") if not pre.values.get(k)
    ]
    if missing:
        return "incomplete record: " + ", ".join(missing)
    if pre.duplicate is not None:
        return f"probable duplicate of document #{pre.duplicate.id} ({pre.duplicate.number})"
    rels = [
        services.RelationInput(
            kind=r.kind,
            target_id=r.target.id if r.target else None,
            number=r.number,
            title=r.title,
            doc_type=r.doc_type,
            issued_on=r.issued_on,
            provisions=r.provisions,
        )
        for r in pre.relations
    ]
    nested = session.begin_nested()
    try:
        services.confirm_item(
            session,
            item,
            pre.values,
            rels,
            actor_id=actor_id,
            confirmed=True,
            today=date.today(),
            cutover=cutover,
        )
    except DomainError as err:
        nested.rollback()
        return err.message
    nested.commit()
    return ""


@cli.command("extract")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scans (mark them 'needs OCR').")
@click.option("--max-bytes", type=int, default=50 * 2**20, show_default=True)
def extract_command(path: str, as_json: bool, no_ocr: bool, max_bytes: int) -> None:
    """Extract text and a pre-filled record from PATH without registering anything; exit 2 if unreadable."""
    from registry.ingest.api import file_payload

    t0 = time.perf_counter()
    try:
        et = read_file(path, filename=Path(path).name, max_bytes=max_bytes, ocr=not no_ocr)
    except IngestError as err:
        click.echo(str(err), err=True)
        sys.exit(2)
    rec = extract_record(et.text)
    data = {"file": file_payload(et, time.perf_counter() - t0), "record": rec.to_json()}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for name, value in data["record"].items():
        if isinstance(value, dict):
            click.echo(f"{name}: {value['value']}")
    click.echo(f"citations: {len(rec.citations)}, bases: {len(rec.bases)}, effects: {len(rec.effects)}")


@cli.command("sheet")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--files",
    "files_dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of the documents' files, matched by the file column or by number.",
)
@click.option(
    "--dry-run", is_flag=True, help="Report what would be created, merged or rejected; write nothing."
)
@click.option("--user", "username", default=None, help="Record this user as the importer.")
@with_appcontext
def sheet_command(path: str, files_dir: str | None, dry_run: bool, username: str | None) -> None:
    """Import a registry sheet (CSV/XLSX, Vietnamese headers); prints one line per row of the sheet."""
    from registry.extensions import db
    from registry.ingest import bulk
    from registry.ingest.sheets import SheetError, read_sheet

    try:
        rows = read_sheet(Path(path).read_bytes(), Path(path).name)
    except SheetError as err:
        click.echo(str(err), err=True)
        sys.exit(2)
    files: dict[str, Path | bytes] = {}
    if files_dir:
        for f in collect([files_dir]):
            files.setdefault(f.name, f)
    actor_id = _actor(username)
    report = bulk.plan_sheet(db.session, rows, files=files, max_bytes=_max_bytes(None))
    if not dry_run:
        try:
            bulk.apply_sheet(
                db.session,
                report,
                files_dir=current_app.config["FILES_DIR"],
                actor_id=actor_id,
                today=date.today(),
                cutover=current_app.config["DETAILING_CUTOVER"],
            )
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
    labels = {"create": "CREATE", "merge": "MERGE", "unchanged": "SAME", "reject": "REJECT"}
    for r in report.rows:
        notes = "; ".join([*r.reasons, *r.warnings])
        file_part = f" [{r.file_name}]" if r.file_name else ""
        click.echo(f"line {r.line:>4}  {labels[r.action]:<7} {r.number or '-'}{file_part}  {notes}".rstrip())
    c = report.counts
    verb = "would be" if dry_run else "were"
    click.echo(
        f"{len(report.rows)} rows: {c['create']} {verb} created, {c['merge']} merged, "
        f"{c['unchanged']} unchanged, {c['reject']} rejected"
        + (" (dry run: nothing written)" if dry_run else "")
    )
    sys.exit(1 if c["reject"] else 0)
