"""E-mail digests: the same content officers see on the digest page, sent through SMTP when configured."""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from registry.reviews.queries import Digest
from registry.reviews.rules import fmt


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = "hieuluc@localhost"
    timeout: float = 10.0


def digest_subject(d: Digest) -> str:
    parts = []
    if d.overdue:
        parts.append(f"{len(d.overdue)} quá hạn")
    if d.due_soon:
        parts.append(f"{len(d.due_soon)} sắp đến hạn")
    if d.opened:
        parts.append(f"{len(d.opened)} mới")
    if d.escalated:
        parts.append(f"{len(d.escalated)} chuyển lên quản trị")
    return "[Hiệu Lực] Nhiệm vụ rà soát: " + ", ".join(parts)


def digest_text(d: Digest, *, today: date, base_url: str = "") -> str:
    """The plain-text body of a digest (Vietnamese), with a link to each task when ``base_url`` is given."""
    lines = [f"Kính gửi {d.name},", "", f"Tình hình nhiệm vụ rà soát ngày {fmt(today)}:", ""]
    sections = (
        ("QUÁ HẠN", d.overdue),
        ("SẮP ĐẾN HẠN (7 ngày)", d.due_soon),
        ("MỚI MỞ HÔM NAY", d.opened),
        ("ĐÃ CHUYỂN LÊN QUẢN TRỊ (quá hạn lâu)", d.escalated),
    )
    for title, tasks in sections:
        if not tasks:
            continue
        lines.append(f"{title} ({len(tasks)}):")
        for t in tasks:
            link = f" {base_url.rstrip('/')}/reviews/{t.id}" if base_url else ""
            lines.append(f"- #{t.id} hạn {fmt(t.due_on)}: {t.reason_vi}{link}")
        lines.append("")
    lines.append("Thư này được gửi tự động từ Hiệu Lực.")
    return "\n".join(lines)


def send_digests(smtp: SmtpSettings, digests: Iterable[Digest], *, today: date, base_url: str = "") -> int:
    """Send one message per non-empty digest with an address, over one SMTP connection. Returns how many
    were sent. Raises smtplib/OSError errors when the server cannot be reached."""
    todo = [d for d in digests if d.email and not d.empty]
    if not todo:
        return 0
    sent = 0
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as conn:
        for d in todo:
            msg = EmailMessage()
            msg["From"] = smtp.sender
            msg["To"] = d.email
            msg["Subject"] = digest_subject(d)
            msg["Date"] = formatdate(localtime=True)
            msg["Message-ID"] = make_msgid(domain="hieuluc")
            msg.set_content(digest_text(d, today=today, base_url=base_url))
            conn.send_message(msg)
            sent += 1
    return sent
