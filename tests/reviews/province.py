"""A small generated province with known events, for the review and report tests.

Every build gets its own agencies (``prefix``), so two builds can live in one test database and be compared.
Dates fall between FIRST_DAY and LAST_DAY; the cut-over is 01/04/2025.

What happens (and what the tests expect):
- NĐ 10/2024 (central) is replaced by NĐ 20/2025 from 01/03/2025 → procedure P1 (basis) and QĐ 05/2024
  (cites it as basis) get tasks dated 01/03/2025.
- NQ 03/2024 (HĐND) is repealed by NQ 01/2025 from 15/04/2025 (after the cut-over) → QĐ 06/2024, which details
  it, is flagged: a parent_expired task.
- QĐ 01/2023 is replaced by QĐ 02/2025 from 10/03/2025 (before the cut-over) → QĐ 07/2024, which details it,
  expires with it: no task for it.
- QĐ 08/2024 states an end date 20/05/2025 → expiry warning opened 20/04/2025, due 20/05/2025.
- QĐ 09/2024 partly repealed (Điều 5) by QĐ 03/2025 from 20/03/2025.
- QĐ 10/2024 suspended by QĐ 04/2025 from 05/04/2025.
- QĐ 11/2024 amended by QĐ 05/2025 from 01/05/2025 → procedure P2 (basis) gets a task.
- NĐ 30/2025 (effective 15/05/2025) lays down P3, never announced → announcement task from 25/04/2025.
- NĐ 31/2025 (effective 20/05/2025) lays down P4, announced by 700/QĐ-UBND on 10/04/2025 → no task.
- P1 active since 25/04/2024 (announced by 100/QĐ-UBND; 12-month cycle → periodic task 25/04/2025); P2 since 01/06/2024 with a
  6-month cycle (→ 01/12/2024).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from registry.documents import services as ds
from registry.documents import validity as v
from registry.documents.models import Agency, Document

FIRST_DAY = date(2025, 2, 20)
LAST_DAY = date(2025, 6, 10)
CUTOVER = date(2025, 4, 1)


@dataclass
class Province:
    prefix: str
    agencies: dict[str, Agency]
    docs: dict[str, Document] = field(default_factory=dict)
    procedures: dict[str, Any] = field(default_factory=dict)

    @property
    def agency_ids(self) -> set[int]:
        return {a.id for a in self.agencies.values()}


def build_province(session: Any, prefix: str = "A", *, today: date = FIRST_DAY) -> Province:
    """Register the province's documents, relations, procedures and announcements as of ``today``."""
    from registry.procedures.models import Announcement, AnnouncementItem, LegalBasis, Procedure
    from registry.procedures.services import refresh_health, refresh_status

    agencies = {}
    for key, name, abbrev, level in (
        ("UBND", f"Ủy ban nhân dân tỉnh {prefix}", "UBND", "province"),
        ("HDND", f"Hội đồng nhân dân tỉnh {prefix}", "HĐND", "province"),
        ("CP", f"Chính phủ ({prefix})", "CP", "central"),
    ):
        agency = Agency(code=f"{key}-{prefix}", name=name, abbrev=abbrev, level=level)
        session.add(agency)
        agencies[key] = agency
    session.flush()
    p = Province(prefix, agencies)

    def doc(
        key: str, number: str, agency: str, issued: date, effective: date | None, **extra: Any
    ) -> Document:
        data = {
            "number": number,
            "doc_type": extra.pop("doc_type", number.split("/")[-1].split("-")[0]),
            "agency_id": agencies[agency].id,
            "summary": extra.pop("summary", f"Văn bản {key} của tỉnh {prefix}"),
            "issued_on": issued,
            "effective_on": effective,
            "normative": extra.pop("normative", True),
            **extra,
        }
        d = ds.create_document(session, data, today=today, cutover=CUTOVER, confirmed=True)
        p.docs[key] = d
        return d

    def rel(source: str, kind: v.RelationKind, target: str, **kw: Any) -> None:
        ds.add_relation(
            session,
            p.docs[source],
            kind,
            target=p.docs[target],
            today=today,
            cutover=CUTOVER,
            confirmed=True,
            **kw,
        )

    doc("nd10", "10/2024/NĐ-CP", "CP", date(2024, 1, 10), date(2024, 3, 1))
    doc("nd20", "20/2025/NĐ-CP", "CP", date(2025, 2, 10), date(2025, 3, 1))
    doc("qd05", "05/2024/QĐ-UBND", "UBND", date(2024, 4, 1), date(2024, 4, 11))
    doc("nq03", "03/2024/NQ-HĐND", "HDND", date(2024, 2, 1), date(2024, 2, 11))
    doc("qd06", "06/2024/QĐ-UBND", "UBND", date(2024, 4, 2), date(2024, 4, 12))
    doc("nq01", "01/2025/NQ-HĐND", "HDND", date(2025, 4, 1), date(2025, 4, 15))
    doc("qd01_23", "01/2023/QĐ-UBND", "UBND", date(2023, 1, 5), date(2023, 1, 15))
    doc("qd07", "07/2024/QĐ-UBND", "UBND", date(2024, 4, 3), date(2024, 4, 13))
    doc("qd02", "02/2025/QĐ-UBND", "UBND", date(2025, 2, 28), date(2025, 3, 10))
    doc("qd08", "08/2024/QĐ-UBND", "UBND", date(2024, 5, 1), date(2024, 5, 11), expires_on=date(2025, 5, 20))
    doc("qd09", "09/2024/QĐ-UBND", "UBND", date(2024, 5, 2), date(2024, 5, 12))
    doc("qd03", "03/2025/QĐ-UBND", "UBND", date(2025, 3, 10), date(2025, 3, 20))
    doc("qd10", "10/2024/QĐ-UBND", "UBND", date(2024, 5, 3), date(2024, 5, 13))
    doc("qd04", "04/2025/QĐ-UBND", "UBND", date(2025, 3, 25), date(2025, 4, 5))
    doc("qd11", "11/2024/QĐ-UBND", "UBND", date(2024, 5, 4), date(2024, 5, 14))
    doc("qd05_25", "05/2025/QĐ-UBND", "UBND", date(2025, 4, 21), date(2025, 5, 1))
    doc("nd30", "30/2025/NĐ-CP", "CP", date(2025, 3, 1), date(2025, 5, 15))
    doc("nd31", "31/2025/NĐ-CP", "CP", date(2025, 3, 2), date(2025, 5, 20))
    doc(
        "ann700",
        "700/QĐ-UBND",
        "UBND",
        date(2025, 4, 10),
        date(2025, 4, 10),
        normative=False,
        announces_procedures=True,
        summary="Công bố thủ tục hành chính mới ban hành",
    )
    doc(
        "ann100",
        "100/QĐ-UBND",
        "UBND",
        date(2024, 4, 25),
        date(2024, 4, 25),
        normative=False,
        announces_procedures=True,
        summary="Công bố thủ tục hành chính",
    )

    rel("nd20", v.RelationKind.REPLACES, "nd10")
    rel("qd05", v.RelationKind.BASIS, "nd10")
    rel("qd06", v.RelationKind.DETAILS, "nq03")
    rel("nq01", v.RelationKind.REPEALS, "nq03")
    rel("qd07", v.RelationKind.DETAILS, "qd01_23")
    rel("qd02", v.RelationKind.REPLACES, "qd01_23")
    rel("qd03", v.RelationKind.PARTLY_REPEALS, "qd09", provisions="Điều 5")
    rel("qd04", v.RelationKind.SUSPENDS, "qd10")
    rel("qd05_25", v.RelationKind.AMENDS, "qd11")

    def proc(key: str, *, basis: str, agency: str = "UBND", cycle: int | None = None) -> Any:
        pr = Procedure(
            code=f"1.00{len(p.procedures) + 1}.{prefix}",
            national_code=f"1.00{len(p.procedures) + 1}",
            name=f"Thủ tục {key}",
            agency_id=agencies[agency].id,
            review_cycle_months=cycle,
        )
        session.add(pr)
        session.flush()
        session.add(LegalBasis(procedure_id=pr.id, document_id=p.docs[basis].id, number=p.docs[basis].number))
        p.procedures[key] = pr
        return pr

    proc("P1", basis="nd10")
    proc("P2", basis="qd11", cycle=6)
    proc("P3", basis="nd30")
    proc("P4", basis="nd31")
    session.flush()
    a100 = Announcement(document_id=p.docs["ann100"].id)
    a700 = Announcement(document_id=p.docs["ann700"].id)
    session.add_all([a100, a700])
    session.flush()
    session.add_all(
        [
            AnnouncementItem(
                announcement_id=a100.id, procedure_id=p.procedures["P1"].id, action="new", position=1
            ),
            AnnouncementItem(
                announcement_id=a700.id, procedure_id=p.procedures["P4"].id, action="new", position=1
            ),
        ]
    )
    session.flush()
    # P2 was announced before the registry existed: active since 01/06/2024, recorded by hand
    p.procedures["P2"].status = "active"
    p.procedures["P2"].active_since = date(2024, 6, 1)
    session.flush()
    ids = [pr.id for pr in p.procedures.values()]
    refresh_status(session, ids, today=today)
    refresh_health(session, ids, today=today)
    return p
