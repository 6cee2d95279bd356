"""``flask documents …``"""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from registry.documents import services
from registry.documents.models import Document
from registry.extensions import db


@click.group("documents", help="Documents and their validity.")
def documents() -> None:
    pass


@documents.command("refresh")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]),
    default=None,
    help="Compute the current status as of this day (default: today).",
)
@with_appcontext
def refresh(today: object) -> None:
    """Recompute the validity cache of every document."""
    day = today.date() if today else date.today()  # type: ignore[attr-defined]
    total = db.session.scalar(select(func.count()).select_from(Document)) or 0
    with click.progressbar(length=total, label="Recomputing validity") as bar:
        changes = services.refresh_all(
            db.session, today=day, cutover=current_app.config["DETAILING_CUTOVER"], progress=bar.update
        )
    db.session.commit()
    click.echo(f"{total} documents, {len(changes)} status changes as of {day:%d/%m/%Y}")
