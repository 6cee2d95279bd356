"""Pagination of any select (also multi-column rows), with the attributes the pager macro uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


@dataclass
class Page:
    items: list[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def paginate(
    session: Session, query: Select[Any], *, page: int, per_page: int, scalars: bool = False
) -> Page:
    """One page of ``query`` and the total count.

    The COUNT keeps the query's FROM and WHERE but not its columns (so no eager joins are dragged along);
    a DISTINCT or GROUP BY query is counted through a subquery instead.
    """
    page = max(1, page)
    if query._distinct or query._group_by_clauses:  # noqa: SLF001
        count_q = select(func.count()).select_from(query.order_by(None).subquery())
    else:
        count_q = query.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
    total = session.scalar(count_q) or 0
    result = session.execute(query.limit(per_page).offset((page - 1) * per_page))
    items = list(result.scalars() if scalars else result.all())
    return Page(items=items, page=page, per_page=per_page, total=total)
