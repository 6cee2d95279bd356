"""The daily job as one unit of work: run, commit, then send the digests (shared by the CLI and the thread)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from registry.reviews import queries, services
from registry.reviews.mail import SmtpSettings, send_digests
from registry.reviews.rules import ReviewSettings

log = logging.getLogger(__name__)


def refresh_procedures(session: Session, *, today: date) -> None:
    """Bring the procedures' status (announcements taking effect) and health up to ``today``. Flushes."""
    try:
        from registry.procedures import services as procedures
    except ImportError:  # pragma: no cover
        return
    procedures.refresh_status(session, today=today)
    procedures.refresh_health(session, today=today)


def run_and_commit(
    session: Session,
    config: Mapping[str, Any],
    *,
    today: date,
    origin: str = "cli",
    mail: bool | None = None,
) -> services.JobResult:
    """Run the daily job for ``today`` and commit; then e-mail the digests when SMTP is configured and
    ``mail`` (default: only when ``today`` is the real today, never while replaying past days)."""
    settings = ReviewSettings.from_config(config)
    cutover = config["DETAILING_CUTOVER"]
    refresh_procedures(session, today=today)
    result = services.run_daily(session, today=today, cutover=cutover, settings=settings, origin=origin)
    session.commit()
    if mail is None:
        mail = today == date.today()
    if mail and config.get("SMTP_HOST"):
        smtp = SmtpSettings(
            host=config["SMTP_HOST"], port=int(config.get("SMTP_PORT") or 25), sender=config["SMTP_FROM"]
        )
        digests = [queries.digest_for(session, u, today=today) for u in queries.digest_recipients(session)]
        try:
            sent = send_digests(smtp, digests, today=today, base_url=config.get("BASE_URL", ""))
        except OSError:
            log.exception("could not send the review digests")
            sent = 0
        run = services.last_run_for(session, today)
        if run is not None:
            run.mailed = sent
            session.commit()
    return result
