"""``flask procedures import FILE [--dry-run]``, ``flask procedures export --format csv|xlsx|json``,
``flask procedures refresh`` (status from announcements and health from bases, for every procedure)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from registry.extensions import db
from registry.procedures import catalogue, services
from registry.procedures.models import Procedure, ProcedureStatus


@click.group("procedures")
def cli() -> None:
    """Administrative procedures: import, export, refresh."""


@cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every line and report; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default=None)
@with_appcontext
def import_command(path: Path, dry_run: bool, fmt: str | None) -> None:
    """Import a catalogue file (idempotent by procedure code). Exit status 1 when a line has a problem."""
    report = catalogue.import_catalogue(
        db.session,
        path.read_bytes(),
        fmt or catalogue.detect_format(path.name),
        dry_run=dry_run,
        today=date.today(),
    )
    for p in report.problems:
        click.echo(f"{path.name}:{p.line}: {p.code or '-'}: {p.message}", err=True)
    if report.ok and not dry_run:
        db.session.commit()
    else:
        db.session.rollback()
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--all", "everything", is_flag=True, help="Also drafts and non-public procedures.")
@with_appcontext
def export_command(fmt: str, output: Path | None, everything: bool) -> None:
    """Export the catalogue (public procedures in use or repealed, unless --all)."""
    q = select(Procedure).order_by(Procedure.code)
    if not everything:
        q = q.where(Procedure.public.is_(True), Procedure.status != ProcedureStatus.DRAFT)
    body = catalogue.export(db.session, list(db.session.scalars(q)), fmt)
    if output is None:
        if fmt == "xlsx":
            raise click.UsageError("XLSX needs --output FILE.")
        sys.stdout.buffer.write(body)
    else:
        output.write_bytes(body)
        click.echo(f"{output}: {len(body)} bytes")


@cli.command("refresh")
@with_appcontext
def refresh_command() -> None:
    """Recompute every procedure's status (from announcements, as of today) and legal-basis health."""
    today = date.today()
    changed = services.refresh_status(db.session, None, today=today)
    health = services.refresh_health(db.session, None, today=today)
    db.session.commit()
    click.echo(f"{len(changed)} status changes, {len(health)} health changes")
