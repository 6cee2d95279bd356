"""The documents list issues the same number of SQL statements for 3 rows as for 25 (no N+1)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from registry.extensions import db
from tests.factories import make_document


def _count_statements(client, url: str) -> int:
    engine = db.engine
    seen: list[str] = []

    def before(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return len([s for s in seen if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))])


def test_list_has_no_n_plus_one(client, session, agencies):
    for i in range(1, 4):
        make_document(
            session,
            f"{i}/2021/QĐ-UBND",
            agency=agencies["UBND-TNH"],
            issued_on=date(2021, 1, i),
            effective_on=date(2021, 1, 10 + i),
        )
    few = _count_statements(client, "/documents/?year=2021")
    few_as_of = _count_statements(client, "/documents/?year=2021&as_of=2021-06-01")
    for i in range(4, 26):
        make_document(
            session,
            f"{i}/2021/QĐ-UBND",
            agency=agencies["CP" if i % 2 else "UBND-TNH"],
            issued_on=date(2021, 2, i),
            effective_on=date(2021, 3, i),
        )
    assert _count_statements(client, "/documents/?year=2021") == few
    assert _count_statements(client, "/documents/?year=2021&as_of=2021-06-01") == few_as_of
