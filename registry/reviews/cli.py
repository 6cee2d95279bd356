"""``flask reviews …``: the daily job (also to replay any day), and the digests."""

from __future__ import annotations

from datetime import date, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from registry.extensions import db
from registry.reviews import jobs, queries
from registry.reviews.mail import SmtpSettings, digest_text, send_digests

DATE = click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"])


@click.group("reviews", help="Review tasks: the daily job and digests.")
def cli() -> None:
    pass


@cli.command("run")
@click.option("--today", type=DATE, default=None, help="Run as of this day (default: today). Idempotent.")
@click.option(
    "--since",
    "from_day",
    type=DATE,
    default=None,
    help="Replay every day from this one up to --today, one run per day.",
)
@click.option(
    "--mail/--no-mail", default=None, help="Send the e-mail digests (default: only for the real today)."
)
@with_appcontext
def run(today: object, from_day: object, mail: bool | None) -> None:
    """Refresh validity, open review tasks, escalate overdue ones (and e-mail the digests)."""
    end = today.date() if today else date.today()  # type: ignore[attr-defined]
    day = from_day.date() if from_day else end  # type: ignore[attr-defined]
    while day <= end:
        result = jobs.run_and_commit(db.session, current_app.config, today=day, mail=mail)
        kinds = ", ".join(f"{k}: {n}" for k, n in sorted(result.opened_by_kind.items())) or "-"
        click.echo(
            f"{day:%d/%m/%Y}: {result.status_changes} status changes, {result.opened} tasks opened ({kinds}), "
            f"{result.escalated} escalated"
        )
        day += timedelta(days=1)


@cli.command("digest")
@click.option("--today", type=DATE, default=None)
@click.option("--send/--print", default=False, help="Send by e-mail (needs SMTP_HOST) or print.")
@with_appcontext
def digest(today: object, send: bool) -> None:
    """Print (or send) every officer's digest."""
    day = today.date() if today else date.today()  # type: ignore[attr-defined]
    digests = [queries.digest_for(db.session, u, today=day) for u in queries.digest_recipients(db.session)]
    if send:
        cfg = current_app.config
        if not cfg.get("SMTP_HOST"):
            raise click.ClickException("SMTP_HOST is not configured")
        smtp = SmtpSettings(
            host=cfg["SMTP_HOST"], port=int(cfg.get("SMTP_PORT") or 25), sender=cfg["SMTP_FROM"]
        )
        click.echo(f"{send_digests(smtp, digests, today=day)} digests sent")
        return
    for d in digests:
        if not d.empty:
            click.echo(f"== {d.name} <{d.email or '-'}>")
            click.echo(digest_text(d, today=day))
