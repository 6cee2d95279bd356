"""Demo administrative procedures: a catalogue per field, announced and re-announced by the province's
decisions (DOMAIN §5), with legal bases among the demo documents so every health state appears.

``assign`` is pure (which procedure each announcement decision lists, and what it does to it); the
decisions' appendix texts are written from it. ``load_procedures`` registers everything through
``registry.procedures.services.register_announcement`` (it creates the procedures, computes status and health).
"""

from __future__ import annotations

import importlib.util
import json
import random
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from registry.demo import reference as ref

if TYPE_CHECKING:
    from registry.demo.generate import DocSpec, Plan

SUFFIX = ".000.00.00.H53"
"""The province's instance suffix of procedure codes (chosen for the demo province and kept)."""
PORTAL = "https://dichvucong.tayninh.gov.vn"


@dataclass(frozen=True)
class Entry:
    field: str
    national_code: str
    level: str  # "T" province, "X" commune
    name: str
    days: int
    fee: str

    @property
    def code(self) -> str:
        return self.national_code + SUFFIX


def catalogue(seed: int) -> dict[str, list[Entry]]:
    """The demo catalogue per field; missing national codes are generated (deterministic, unique)."""
    raw = resources.files("registry.demo").joinpath("data/procedures.json").read_text(encoding="utf-8")
    fields = json.loads(raw)["fields"]
    rng = random.Random(seed)
    used = {code for rows in fields.values() for code, *_ in rows if code}
    out: dict[str, list[Entry]] = {}
    for field_code, rows in fields.items():
        entries = []
        for code, level, name, days, fee in rows:
            while not code:
                candidate = f"{rng.choice('12')}.{rng.randint(100, 13999):06d}"
                if candidate not in used:
                    code = candidate
                    used.add(code)
            entries.append(Entry(field_code, code, level, name, int(days), fee))
        out[field_code] = entries
    return out


def assign(plan_docs: list[DocSpec], seed: int) -> dict[str, list[tuple[Entry, str]]]:
    """For each announcement decision (by key), the procedures it lists and the action (new, amended,
    repealed). The first decision of a field announces most of its procedures; a second one amends some,
    repeals some announced by the first and adds the rest; a decision of 2025 (after the reform) re-announces
    the procedures still active and repeals one more."""
    cat = catalogue(seed)
    rng = random.Random(seed + 1)
    by_field: dict[str, list[DocSpec]] = {}
    for d in plan_docs:
        if d.kind == "announcement":
            by_field.setdefault(d.fields[0], []).append(d)
    out: dict[str, list[tuple[Entry, str]]] = {}
    for field_code, anns in by_field.items():
        anns.sort(key=lambda d: d.issued_on)
        entries = cat[field_code]
        held = entries[-2:] if len(anns) > 1 else []
        active = [e for e in entries if e not in held]
        out[anns[0].key] = [(e, "new") for e in active]
        for ann in anns[1:]:
            items: list[tuple[Entry, str]] = []
            if ann.issued_on.year >= 2025:
                repealed = rng.sample(active, 1)
                for e in active:
                    items.append((e, "repealed" if e in repealed else "amended"))
                active = [e for e in active if e not in repealed]
            else:
                repealed = rng.sample(active, 2)
                amended = rng.sample([e for e in active if e not in repealed], 3)
                items += [(e, "amended") for e in amended]
                items += [(e, "repealed") for e in repealed]
                active = [e for e in active if e not in repealed]
            for e in held:
                items.append((e, "new"))
                active.append(e)
            held = []
            out[ann.key] = items
    return out


ACTION_VI = {
    "new": "Mới ban hành",
    "amended": "Sửa đổi, bổ sung",
    "repealed": "Bãi bỏ",
    "replaced": "Thay thế",
}


def appendix_lines(items: list[tuple[Entry, str]]) -> list[str]:
    """The decision's Part I as table rows (one line per procedure, cells joined by " | ")."""
    lines = [
        "STT | Mã số TTHC | Tên thủ tục hành chính | Thời hạn giải quyết | Phí, lệ phí | Nội dung công bố"
    ]
    for i, (e, action) in enumerate(items, start=1):
        limit = "Trong ngày" if e.days == 0 else f"{e.days} ngày làm việc"
        lines.append(f"{i} | {e.code} | {e.name} | {limit} | {e.fee} | {ACTION_VI[action]}")
    return lines


# --------------------------------------------------------------------------------------------- record


def _result(name: str) -> str:
    special = {
        "Đăng ký khai sinh": "Giấy khai sinh (bản chính)",
        "Đăng ký kết hôn": "Giấy chứng nhận kết hôn",
        "Đăng ký khai tử": "Trích lục khai tử",
    }
    if name in special:
        return special[name]
    if name.startswith("Cấp lại "):
        return name.removeprefix("Cấp lại ")[:1].upper() + name.removeprefix("Cấp lại ")[1:] + " (cấp lại)"
    if name.startswith("Cấp "):
        rest = name.removeprefix("Cấp ")
        return rest[:1].upper() + rest[1:]
    if name.startswith("Chứng thực"):
        return "Giấy tờ, văn bản được chứng thực"
    if name.startswith("Đăng ký"):
        return "Trích lục hoặc giấy chứng nhận đăng ký"
    return "Văn bản trả lời hoặc quyết định giải quyết thủ tục hành chính"


def _dossier(e: Entry) -> list[dict[str, Any]]:
    first = (
        "Tờ khai đăng ký khai sinh"
        if e.name == "Đăng ký khai sinh"
        else "Tờ khai đăng ký kết hôn"
        if e.name == "Đăng ký kết hôn"
        else f"Đơn đề nghị {e.name[:1].lower() + e.name[1:]}"
    )
    items = [
        {"name": first, "form_name": f"Mẫu số {1 + len(e.name) % 9:02d}", "copies_original": 1},
        {
            "name": "Giấy tờ chứng minh nhân thân (thẻ Căn cước, hộ chiếu) của người nộp hồ sơ",
            "copies_copy": 1,
            "note": "Xuất trình bản chính để đối chiếu",
        },
    ]
    extra = {
        "ho-tich": "Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh",
        "xay-dung": "Bản vẽ thiết kế xây dựng và giấy tờ chứng minh quyền sử dụng đất",
        "dat-dai": "Giấy chứng nhận quyền sử dụng đất đã cấp (bản gốc)",
        "y-te": "Văn bằng chuyên môn và giấy xác nhận quá trình thực hành",
        "tai-nguyen-moi-truong": "Báo cáo đánh giá tác động môi trường hoặc hồ sơ kỹ thuật kèm theo",
    }.get(e.field)
    if extra and e.name not in ("Đăng ký kết hôn",):
        items.append({"name": extra, "copies_copy": 1})
    if e.name == "Đăng ký kết hôn":
        items.append(
            {
                "name": "Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký tại nơi không cư trú)",
                "copies_original": 1,
            }
        )
    return items


def _channels(e: Entry, rng: random.Random) -> tuple[list[dict[str, Any]], str]:
    limit = (
        "Trong ngày làm việc (nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo)"
        if e.days == 0
        else f"{e.days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    )
    roll = rng.random()
    online = "full" if roll < 0.45 else "partial" if roll < 0.85 else "none"
    channels = [{"channel": "direct", "time_limit": limit, "time_limit_days": e.days, "fee": e.fee}]
    if online != "none":
        fee = e.fee
        if "đồng" in fee and rng.random() < 0.4:
            fee += " (giảm 50% khi nộp trực tuyến)"
        channels.append(
            {
                "channel": "online",
                "time_limit": limit,
                "time_limit_days": e.days,
                "fee": fee,
                "description": f"Nộp hồ sơ trực tuyến tại {PORTAL}",
            }
        )
    if rng.random() < 0.7:
        channels.append(
            {
                "channel": "postal",
                "time_limit": limit,
                "time_limit_days": e.days,
                "fee": e.fee,
                "description": "Nộp hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích",
            }
        )
    return channels, online


def _steps(e: Entry, where: str) -> str:
    return "\n".join(
        (
            "Bước 1: Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định.",
            f"Bước 2: Nộp hồ sơ tại Bộ phận Một cửa {where} hoặc trực tuyến tại {PORTAL}; công chức kiểm tra "
            "tính đầy đủ, hợp lệ của hồ sơ và cấp giấy tiếp nhận, hẹn trả kết quả.",
            f"Bước 3: Cơ quan có thẩm quyền thẩm định, giải quyết trong thời hạn "
            f"{'trong ngày' if e.days == 0 else f'{e.days} ngày làm việc'}.",
            "Bước 4: Nhận kết quả tại Bộ phận Một cửa, qua dịch vụ bưu chính hoặc trên Cổng Dịch vụ công.",
        )
    )


def load_procedures(
    session: Session, plan: Plan, docs: dict[str, Any], *, today: date, seed: int
) -> tuple[int, int] | None:
    """Register the demo announcements and their procedures; returns (procedures, announcements), or None
    while the procedures domain does not exist. Flushes."""
    if importlib.util.find_spec("registry.procedures.services") is None:
        return None
    from sqlalchemy import func, select

    from registry.documents.models import Agency, Field
    from registry.documents.validity import Status
    from registry.procedures import services as ps
    from registry.procedures.models import AnnouncementAction, Procedure

    rng = random.Random(seed + 2)
    fields = {f.code: f for f in session.scalars(select(Field))}
    agencies = {a.code: a for a in session.scalars(select(Agency))}
    specs = plan.by_key()
    # documents of each field by current status, for legal bases
    pools: dict[str, dict[str, list[Any]]] = {}
    for key, doc in docs.items():
        spec = specs[key]
        if not spec.normative or spec.kind in ("directive", "repeal", "list"):
            continue
        for f in spec.fields:
            pools.setdefault(f, {}).setdefault(str(doc.status.value), []).append(doc)
    # a procedure whose field has no provincial rule in force yet rests on central law (laws, decrees)
    central = sorted(
        {
            d.id: d for f in pools.values() for d in f.get("in_force", []) if d.agency.level == "central"
        }.values(),
        key=lambda d: d.id,
    )
    items_by_ann = assign(plan.docs, seed)
    made: dict[str, Procedure] = {}
    count = 0
    for spec in sorted((s for s in plan.docs if s.key in items_by_ann), key=lambda s: (s.issued_on, s.key)):
        ann_doc = docs[spec.key]
        field_code = spec.fields[0]
        pool = pools.get(field_code, {})
        items = []
        for entry, action in items_by_ann[spec.key]:
            if action == "new":
                items.append(
                    {
                        "procedure_code": entry.code,
                        "procedure_name": entry.name,
                        "action": AnnouncementAction.NEW,
                        "new_procedure": _new_procedure(entry, spec, pool, fields, agencies, rng, central),
                    }
                )
            else:
                items.append(
                    {
                        "procedure_code": entry.code,
                        "action": AnnouncementAction(action),
                        "changes": (
                            "Sửa đổi thành phần hồ sơ, thời hạn giải quyết và căn cứ pháp lý"
                            if action == "amended"
                            else "Bãi bỏ do văn bản quy định thủ tục đã được thay thế"
                        ),
                        "cause_document": None,
                    }
                )
        ps.register_announcement(session, ann_doc, items, today=today, note="Dữ liệu mẫu (demo).")
        count += 1
    total = session.scalar(select(func.count()).select_from(Procedure)) or 0
    _ = (Status, made)
    return total, count


def _new_procedure(
    e: Entry,
    ann: DocSpec,
    pool: dict[str, list[Any]],
    fields: dict[str, Any],
    agencies: dict[str, Any],
    rng: random.Random,
    central: list[Any] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    dept_code = ref.department_code(ref.FIELD_DEPARTMENT[e.field])
    dept = agencies.get(dept_code)
    commune = e.level == "X"
    where = "Ủy ban nhân dân cấp xã" if commune else f"{dept.name if dept else 'cơ quan chuyên môn'}"
    channels, online = _channels(e, rng)
    before = [d for d in pool.get("in_force", []) if d.issued_on and d.issued_on <= ann.issued_on]
    if not before:
        before = [d for d in central if d.issued_on and d.issued_on <= ann.issued_on]
    bases: list[dict[str, Any]] = []
    for doc in rng.sample(before, min(2, len(before))):
        bases.append(
            {"document": doc, "provisions": f"Điều {rng.randint(3, 12)}, Điều {rng.randint(13, 25)}"}
        )
    roll = rng.random()
    if roll < 0.14 and pool.get("expired"):
        old = [d for d in pool["expired"] if d.issued_on and d.issued_on <= ann.issued_on] or pool["expired"]
        bases.append({"document": rng.choice(old), "provisions": f"Điều {rng.randint(2, 9)}"})
    elif roll < 0.26 and pool.get("partly_expired"):
        bases.append(
            {"document": rng.choice(pool["partly_expired"]), "provisions": f"Điều {rng.randint(2, 9)}"}
        )
    elif roll < 0.32:
        year = ann.issued_on.year - rng.randint(0, 2)
        bases.append(
            {
                "number": f"{rng.randint(1, 40):02d}/{year}/TT-{rng.choice(['BTC', 'BTP', 'BNV', 'BYT'])}",
                "title": "Thông tư hướng dẫn (chưa có trong cơ sở dữ liệu)",
                "provisions": f"Điều {rng.randint(2, 9)}",
            }
        )
    return {
        "name": e.name,
        "level": "commune" if commune else "province",
        "procedure_type": "Thủ tục hành chính",
        "field_id": fields[e.field].id if e.field in fields else None,
        "agency_id": None if commune else (dept.id if dept else None),
        "competent_agency": "Chủ tịch Ủy ban nhân dân cấp xã" if commune else where,
        "coordinating_agency": "" if commune else "Các cơ quan, đơn vị có liên quan",
        "steps": _steps(e, where),
        "applicants": "Cá nhân" if e.field in ("ho-tich", "lao-dong") else "Tổ chức, cá nhân",
        "submission_address": f"Bộ phận Một cửa {where}; trực tuyến tại {PORTAL}",
        "result": _result(e.name),
        "requirements": "Không"
        if rng.random() < 0.6
        else "Hồ sơ đầy đủ, hợp lệ theo quy định của pháp luật chuyên ngành",
        "fee_note": e.fee,
        "time_limit": channels[0]["time_limit"],
        "online_level": online,
        "channels": channels,
        "dossier": _dossier(e),
        "bases": bases,
    }
