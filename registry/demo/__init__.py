"""Demo data: one province (Tây Ninh) with the central documents it cites, and accounts for each role.

``flask demo load`` loads it once (it does nothing when the demo is already there) and prints the demo
accounts' passwords, also written to ``instance/demo-users.txt`` (mode 0600) for ``make run`` to show.
Set HIEULUC_DEMO_PASSWORD to give all three accounts the same known password (scripted use).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

USERS_FILE = "demo-users.txt"


@click.group("demo", help="Demo data (Tây Ninh province).")
def cli() -> None:
    pass


@cli.command("load")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]),
    default=None,
    help="Compute the current status as of this day (default: today).",
)
@click.option("--quiet", is_flag=True, help="Print only the accounts created.")
@with_appcontext
def load(today: object, quiet: bool) -> None:
    """Load the demo documents, procedures and accounts (does nothing if they are already there)."""
    from registry.demo.load import load_demo, write_users_file
    from registry.extensions import db

    day = today.date() if today else date.today()  # type: ignore[attr-defined]
    say = (lambda _m: None) if quiet else (lambda m: click.echo(f"  … {m}"))
    report = load_demo(
        db.session,
        today=day,
        cutover=current_app.config["DETAILING_CUTOVER"],
        password=os.environ.get("HIEULUC_DEMO_PASSWORD") or None,
        progress=say,
    )
    if not report.loaded:
        db.session.rollback()
        click.echo("Dữ liệu mẫu đã có sẵn — không nạp lại. (Demo data already loaded; nothing to do.)")
        return
    db.session.commit()
    path = Path(current_app.instance_path) / USERS_FILE
    if report.passwords:
        write_users_file(path, report.passwords)
    if not quiet:
        click.echo(
            f"Đã nạp dữ liệu mẫu: {report.documents} văn bản, {report.relations} quan hệ, {report.events} sự kiện, "
            f"{report.procedures} thủ tục, {report.announcements} quyết định công bố "
            f"({report.seconds.get('total', 0):.1f} s)."
        )
        click.echo(
            "Tình trạng hiệu lực: " + ", ".join(f"{k}={v}" for k, v in sorted(report.statuses.items()))
        )
    if report.passwords:
        click.echo(f"Tài khoản mẫu (cũng ghi vào {path}):")
        for username, password in report.passwords.items():
            click.echo(f"  {username:10} {password}")
