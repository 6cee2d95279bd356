"""Accounts: create users, check passwords (argon2id), throttle failed logins."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from registry.accounts.models import LoginAttempt, Role, User
from registry.db import utcnow
from registry.errors import Conflict, DomainError

_hasher = PasswordHasher()
MIN_PASSWORD = 10


class TooManyAttempts(DomainError):
    status_code = 429
    code = "throttled"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(
    session: Session,
    username: str,
    password: str,
    *,
    role: Role = Role.STAFF,
    full_name: str = "",
    email: str | None = None,
    agency_id: int | None = None,
) -> User:
    """Create an account. Raises Conflict if the name is taken, DomainError for a short password. Flushes."""
    username = username.strip().lower()
    if not username:
        raise DomainError("Chưa nhập tên đăng nhập.", "Username is required.", field="username")
    if len(password) < MIN_PASSWORD:
        raise DomainError(
            f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.",
            f"The password needs at least {MIN_PASSWORD} characters.",
            field="password",
        )
    if session.scalar(select(User.id).where(User.username == username)):
        raise Conflict(f"Tên đăng nhập {username} đã có.", f"Username {username} is taken.", field="username")
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=Role(role),
        full_name=full_name,
        email=email,
        agency_id=agency_id,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session, username: str, password: str, *, address: str, max_attempts: int, lock_minutes: int
) -> User | None:
    """The user if the password is right. Raises TooManyAttempts after too many failures. Flushes."""
    username = username.strip().lower()
    keys = [f"user:{username}", f"addr:{address}"]
    since = utcnow() - timedelta(minutes=lock_minutes)
    for key in keys:
        failures = session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(LoginAttempt.key == key, LoginAttempt.at >= since)
        )
        if failures and failures >= max_attempts:
            raise TooManyAttempts(
                f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {lock_minutes} phút.",
                f"Too many failed logins. Try again in {lock_minutes} minutes.",
            )
    user = session.scalar(select(User).where(User.username == username))
    ok = False
    if user is not None and user.active:
        try:
            ok = _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
        if ok and _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
    else:
        _hasher.hash(password)  # same cost whether or not the user exists
    if not ok:
        session.add_all(LoginAttempt(key=k) for k in keys)
        session.flush()
        return None
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == keys[0]))
    session.flush()
    return user


def issue_token(session: Session, user: User, *, name: str = "") -> str:
    """Create an API token for ``user`` and return it (shown once; only its hash is kept). Flushes."""
    import hashlib
    import secrets

    from registry.accounts.models import ApiToken

    token = "hl_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=hashlib.sha256(token.encode()).hexdigest()))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The active user owning this (unrevoked) token, if any."""
    import hashlib

    from registry.accounts.models import ApiToken

    row = session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == hashlib.sha256(token.encode()).hexdigest(), ApiToken.revoked.is_(False)
        )
    )
    if row is None or not row.user.active:
        return None
    return row.user
