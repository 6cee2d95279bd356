"""``flask search reindex | check | ensure``"""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from registry.documents.models import Document
from registry.extensions import db
from registry.searching.records import expected_versions, iter_all, load_records
from registry.searching.sync import get_backend


@click.group("search", help="The full-text index.")
def cli() -> None:
    pass


def _total() -> int:
    from registry.procedures.models import Procedure

    return (db.session.scalar(select(func.count()).select_from(Document)) or 0) + (
        db.session.scalar(select(func.count()).select_from(Procedure)) or 0
    )


def _rebuild() -> int:
    backend = get_backend()
    total = _total()
    with click.progressbar(length=total, label=f"Indexing ({backend.name})", file=sys.stderr) as bar:
        # the backend may consume the records in a worker thread: hand it the session itself, not the
        # app-context-bound proxy
        backend.rebuild(iter_all(db.session()), total=total, progress=bar.update)
    return total


@cli.command("reindex")
@with_appcontext
def reindex() -> None:
    """Rebuild the whole index from the database (both cores)."""
    total = _rebuild()
    click.echo(f"indexed {total} records into {current_app.config['SEARCH_URL']}")


@cli.command("check")
@click.option(
    "--fix", is_flag=True, help="Re-index what is missing or stale and drop what should not be there."
)
@with_appcontext
def check(fix: bool) -> None:
    """Compare the index with the database; exit code 1 when they differ (and --fix was not given)."""
    backend = get_backend()
    if backend.needs_rebuild():
        click.echo(
            "the index was built by another schema version or never finished: run `flask search reindex`"
        )
        if not fix:
            sys.exit(1)
        _rebuild()
        return
    report = backend.check(expected_versions(db.session))
    click.echo(f"missing: {len(report.missing)}  stale: {len(report.stale)}  extra: {len(report.extra)}")
    for label, ids in (("missing", report.missing), ("stale", report.stale), ("extra", report.extra)):
        if ids:
            click.echo(f"  {label}: {', '.join(ids[:20])}{' …' if len(ids) > 20 else ''}")
    if report.ok:
        return
    if not fix:
        sys.exit(1)
    records, gone = load_records(db.session, [*report.missing, *report.stale])
    backend.add(records)
    backend.delete([*report.extra, *gone])
    click.echo(f"fixed: {len(records)} re-indexed, {len(report.extra) + len(gone)} removed")


@cli.command("ensure")
@with_appcontext
def ensure() -> None:
    """Build the index if it is missing, empty or of an older schema (what `make run` calls)."""
    backend = get_backend()
    total = _total()
    if backend.needs_rebuild() or (total and backend.count() == 0):
        _rebuild()
        click.echo("index built")
    else:
        click.echo(f"index up to date ({backend.count()} records)")
