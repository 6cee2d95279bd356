"""factory_boy factories and reference data for tests (modelled on real documents)."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from sqlalchemy import select

from registry.documents import services
from registry.documents.models import Agency, Document, Field
from registry.extensions import db

AGENCIES = [
    ("UBND-TNH", "Ủy ban nhân dân tỉnh Tây Ninh", "UBND", "province"),
    ("HDND-TNH", "Hội đồng nhân dân tỉnh Tây Ninh", "HĐND", "province"),
    ("CT-UBND-TNH", "Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh", "UBND", "province"),
    ("CP", "Chính phủ", "CP", "central"),
    ("TTG", "Thủ tướng Chính phủ", "TTg", "central"),
    ("QH", "Quốc hội", "QH", "central"),
    ("BTP", "Bộ Tư pháp", "BTP", "central"),
]
FIELDS = [
    ("dat-dai", "Đất đai", "Land"),
    ("y-te", "Y tế", "Health"),
    ("giao-duc", "Giáo dục", "Education"),
    ("ho-tich", "Hộ tịch", "Civil status"),
    ("tu-phap", "Tư pháp", "Justice"),
]


def make_reference_data(session: Any) -> dict[str, Agency]:
    """Agencies and fields used by the tests (idempotent inside a test transaction)."""
    out: dict[str, Agency] = {}
    for code, name, abbrev, level in AGENCIES:
        agency = session.scalar(select(Agency).where(Agency.code == code))
        if agency is None:
            agency = Agency(code=code, name=name, abbrev=abbrev, level=level)
            session.add(agency)
        out[code] = agency
    for code, name, name_en in FIELDS:
        if session.scalar(select(Field).where(Field.code == code)) is None:
            session.add(Field(code=code, name=name, name_en=name_en))
    session.flush()
    return out


class AgencyFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        model = Agency
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"

    code = factory.Sequence(lambda n: f"AG-{n}")
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân tỉnh Thử {n}")
    abbrev = "UBND"
    level = "province"


def make_document(
    session: Any,
    number: str,
    *,
    agency: Agency,
    issued_on: date,
    effective_on: date | None = None,
    doc_type: str = "QĐ",
    summary: str = "Ban hành Quy định thử nghiệm",
    today: date | None = None,
    **extra: Any,
) -> Document:
    """Register a document through the service (so checks, resolution and the status cache all run)."""
    data = {
        "number": number,
        "doc_type": doc_type,
        "agency_id": agency.id,
        "summary": summary,
        "issued_on": issued_on,
        "effective_on": effective_on,
        "normative": "/20" in number or "/19" in number,
        **extra,
    }
    return services.create_document(session, data, today=today or date(2026, 11, 22), confirmed=True)
