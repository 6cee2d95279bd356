"""``flask users …``"""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from registry.accounts.models import Role, User
from registry.accounts.services import create_user
from registry.errors import DomainError
from registry.extensions import db


@click.group("users", help="Manage accounts.")
def users() -> None:
    pass


@users.command("create")
@click.argument("username")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), default=Role.STAFF.value, show_default=True
)
@click.option("--full-name", default="")
@click.option("--email", default=None)
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create(username: str, role: str, full_name: str, email: str | None, password: str) -> None:
    """Create an account."""
    try:
        user = create_user(db.session, username, password, role=Role(role), full_name=full_name, email=email)
    except DomainError as err:
        db.session.rollback()
        raise click.ClickException(err.message_en) from err
    db.session.commit()
    click.echo(f"created {user.username} ({user.role.value})")


@users.command("list")
@with_appcontext
def list_users() -> None:
    """List accounts."""
    for user in db.session.scalars(select(User).order_by(User.username)):
        click.echo(
            f"{user.username:20} {user.role.value:8} {'active' if user.active else 'disabled'}  {user.full_name}"
        )


@users.command("token")
@click.argument("username")
@click.option("--name", default="", help="What the token is for.")
@with_appcontext
def token(username: str, name: str) -> None:
    """Issue an API token (printed once) for USERNAME."""
    from registry.accounts.services import issue_token

    user = db.session.scalar(select(User).where(User.username == username.lower()))
    if user is None:
        raise click.ClickException(f"no user {username}")
    value = issue_token(db.session, user, name=name)
    db.session.commit()
    click.echo(value)
