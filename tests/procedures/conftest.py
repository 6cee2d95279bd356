"""Fixtures of the procedures tests: the Quảng Bình announcement (DOMAIN §6) and its decree."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from registry.procedures import services
from registry.procedures.models import Procedure
from tests.factories import make_document

TODAY = date(2026, 11, 22)
CODE_1 = "1.013177.000.00.00.H47"
CODE_2 = "1.013178.000.00.00.H47"


@pytest.fixture
def basis_docs(session, agencies) -> dict[str, Any]:
    cp = agencies["CP"]
    ubnd = agencies["CT-UBND-TNH"]
    return {
        "106": make_document(
            session,
            "106/2024/NĐ-CP",
            agency=cp,
            doc_type="NĐ",
            issued_on=date(2024, 8, 1),
            effective_on=date(2024, 9, 15),
            summary="Quy định chính sách hỗ trợ nâng cao hiệu quả chăn nuôi",
        ),
        "63": make_document(
            session,
            "63/2010/NĐ-CP",
            agency=cp,
            doc_type="NĐ",
            issued_on=date(2010, 6, 8),
            effective_on=date(2010, 7, 1),
            summary="Về kiểm soát thủ tục hành chính",
        ),
        "3218": make_document(
            session,
            "3218/QĐ-UBND",
            agency=ubnd,
            issued_on=date(2024, 11, 18),
            effective_on=date(2024, 11, 18),
            normative=False,
            announces_procedures=True,
            summary="Về việc công bố danh mục thủ tục hành chính ban hành mới trong lĩnh vực chăn nuôi",
        ),
    }


def make_procedure(session, code: str = CODE_1, name: str = "Đăng ký khai sinh", **kw: Any) -> Procedure:
    data = {"code": code, "name": name, "level": "commune", **kw.pop("data", {})}
    return services.create_procedure(
        session,
        data,
        channels=kw.pop(
            "channels", [{"channel": "direct", "time_limit": "Trong ngày", "fee": "Miễn lệ phí"}]
        ),
        dossier=kw.pop(
            "dossier", [{"name": "Tờ khai đăng ký khai sinh", "form_name": "Mẫu TK-KS", "copies_original": 1}]
        ),
        bases=kw.pop("bases", []),
        today=kw.pop("today", TODAY),
    )


@pytest.fixture
def announced(session, basis_docs) -> dict[str, Any]:
    """3218/QĐ-UBND announcing two new procedures based on Decree 106/2024/NĐ-CP (Điều 7, 8, 14)."""
    ann = services.register_announcement(
        session,
        basis_docs["3218"],
        [
            {
                "procedure_code": CODE_1,
                "action": "new",
                "new_procedure": {
                    "name": "Hỗ trợ chi phí nâng cao hiệu quả chăn nuôi",
                    "level": "district",
                    "time_limit": "90 ngày, kể từ ngày nhận được hồ sơ hợp lệ",
                    "channels": [
                        {"channel": "direct", "time_limit": "90 ngày", "fee": "Không"},
                        {"channel": "postal", "time_limit": "90 ngày", "fee": "Không"},
                        {"channel": "online", "time_limit": "90 ngày", "fee": "Không"},
                    ],
                    "bases": [{"number": "106/2024/NĐ-CP", "provisions": "Điều 8, Điều 14"}],
                },
            },
            {
                "procedure_code": CODE_2,
                "action": "new",
                "new_procedure": {
                    "name": "Quyết định phê duyệt kinh phí hỗ trợ đào tạo, tập huấn",
                    "level": "district",
                    "bases": [{"number": "106/2024/NĐ-CP", "provisions": "Điều 7, Điều 8, Điều 14"}],
                },
            },
        ],
        today=TODAY,
    )
    procs = {item.procedure.code: item.procedure for item in ann.items}
    return {"announcement": ann, "p1": procs[CODE_1], "p2": procs[CODE_2], **basis_docs}
