"""Legal-basis health of a procedure: pure rules over the state of each basis (no database, no Flask).

Rules (issue #4, DOMAIN §5.3):

* ``broken`` — a basis wholly lost effect (expired, replaced, repealed) or is suspended;
* ``attention`` — a basis was amended (after the procedure was last checked), is partly expired or partly
  suspended, is not yet in force, will lose effect on a known future day, has an unknown or "no longer
  appropriate" status, or is not registered yet (its validity cannot be checked); also a procedure with no
  basis at all (a procedure must be laid down in a legal document);
* ``ok`` — every basis in force.

The worst basis decides; the reason names every basis at that level, in Vietnamese and in English, e.g.
"Căn cứ 106/2024/NĐ-CP bị thay thế bởi 200/2026/NĐ-CP từ 01/01/2027".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from registry.documents.validity import STATUS_LABELS, Status
from registry.procedures.models import Health

__all__ = ["BasisState", "basis_health", "basis_level", "HEALTH_ORDER"]

HEALTH_ORDER: dict[Health, int] = {Health.OK: 0, Health.ATTENTION: 1, Health.BROKEN: 2}

_BROKEN = frozenset({Status.EXPIRED, Status.SUSPENDED})
_ATTENTION = frozenset(
    {
        Status.PARTLY_EXPIRED,
        Status.PARTLY_SUSPENDED,
        Status.NOT_YET_EFFECTIVE,
        Status.OBSOLETE,
        Status.UNKNOWN,
    }
)


@dataclass(frozen=True)
class BasisState:
    """What is known today about one legal basis.

    ``status`` is the document's status today (None: the basis is not registered yet); ``reason`` /
    ``reason_en`` the validity engine's phrase for it ("bị thay thế bởi 14/2019/QĐ-UBND từ 06/05/2019");
    ``amended_on`` / ``amended_by`` the latest amendment (sửa đổi, bổ sung) up to today; ``upcoming`` a whole
    loss of effect already recorded for a later day, with ``upcoming_on`` and its reason.
    """

    number: str
    status: Status | None
    reason: str = ""
    reason_en: str = ""
    amended_on: date | None = None
    amended_by: str = ""
    upcoming: Status | None = None
    upcoming_on: date | None = None
    upcoming_reason: str = ""
    upcoming_reason_en: str = ""


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def basis_level(basis: BasisState, *, checked_since: date | None = None) -> tuple[Health, str, str]:
    """The health one basis gives and why (vi, en). Amendments on or before ``checked_since`` are ignored."""
    name = basis.number or "?"
    if basis.status is None:
        return (
            Health.ATTENTION,
            f"Căn cứ {name} chưa có trong cơ sở dữ liệu, chưa kiểm tra được hiệu lực",
            f"Basis {name} is not registered yet; its validity cannot be checked",
        )
    status = Status(basis.status)
    label_vi, label_en = STATUS_LABELS[status]
    if status in _BROKEN or status in _ATTENTION:
        level = Health.BROKEN if status in _BROKEN else Health.ATTENTION
        vi = f"Căn cứ {name} {basis.reason}" if basis.reason else f"Căn cứ {name}: {label_vi.lower()}"
        en = f"Basis {name} {basis.reason_en}" if basis.reason_en else f"Basis {name}: {label_en.lower()}"
        return level, vi, en
    if basis.upcoming is not None and basis.upcoming_on is not None:
        when_vi = basis.upcoming_reason or f"hết hiệu lực từ {_fmt(basis.upcoming_on)}"
        when_en = basis.upcoming_reason_en or f"loses effect from {_fmt(basis.upcoming_on)}"
        return (Health.ATTENTION, f"Căn cứ {name} sẽ {when_vi}", f"Basis {name} will be {when_en}")
    if basis.amended_on is not None and (checked_since is None or basis.amended_on > checked_since):
        by_vi = f" bởi {basis.amended_by}" if basis.amended_by else ""
        by_en = f" by {basis.amended_by}" if basis.amended_by else ""
        return (
            Health.ATTENTION,
            f"Căn cứ {name} được sửa đổi, bổ sung{by_vi} từ {_fmt(basis.amended_on)}",
            f"Basis {name} was amended{by_en} from {_fmt(basis.amended_on)}",
        )
    return Health.OK, "", ""


def basis_health(
    bases: Sequence[BasisState], *, checked_since: date | None = None
) -> tuple[Health, str, str]:
    """A procedure's health from its bases: the worst level, and the reasons (vi, en) of the bases at it.

    ``checked_since`` is the day the procedure was last checked against its bases (last review, else the
    day it took effect): amendments up to that day are already taken into account. Never raises.
    """
    if not bases:
        return (
            Health.ATTENTION,
            "Thủ tục chưa có căn cứ pháp lý",
            "The procedure has no legal basis recorded",
        )
    results = [basis_level(b, checked_since=checked_since) for b in bases]
    worst = max((r[0] for r in results), key=HEALTH_ORDER.__getitem__)
    if worst is Health.OK:
        return Health.OK, "Tất cả căn cứ pháp lý còn hiệu lực", "All legal bases are in force"
    vi = "; ".join(dict.fromkeys(r[1] for r in results if r[0] is worst))
    en = "; ".join(dict.fromkeys(r[2] for r in results if r[0] is worst))
    return worst, vi, en
