"""Our own types: what goes into the index and what comes out. No engine type ever leaves search/."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable

__all__ = [
    "FACET_KEYS",
    "CheckReport",
    "Hit",
    "IndexDoc",
    "SearchBackend",
    "SearchQuery",
    "SearchResults",
]

FACET_KEYS = ("kind", "doc_type", "agency", "status", "field", "year", "level")


@dataclass
class IndexDoc:
    """One searchable record: a document or a procedure, as the registry hands it to the index."""

    id: str
    kind: str
    title: str
    number: str | None
    body: str
    doc_type: str | None
    agency: str | None
    status: str | None
    fields: list[str]
    year: int | None
    level: str | None
    issued_on: date | None
    public: bool
    version: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchQuery:
    """What a user asked for. Empty text with filters lists the filtered records (sorted by date)."""

    text: str = ""
    kinds: set[str] | None = None
    doc_types: set[str] | None = None
    agencies: set[str] | None = None
    statuses: set[str] | None = None
    fields: set[str] | None = None
    years: set[int] | None = None
    levels: set[str] | None = None
    include_internal: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facets: bool = True


@dataclass
class Hit:
    """One result. title_html and snippet_html are escaped HTML whose only markup is <mark>."""

    id: str
    kind: str
    score: float
    title: str
    number: str | None
    issued_on: date | None
    status: str | None
    doc_type: str | None
    agency: str | None
    title_html: str
    snippet_html: str
    extra: dict[str, str]


@dataclass
class SearchResults:
    """One page of hits, the total, facet counts (value, count) by FACET_KEYS, and a suggestion."""

    hits: list[Hit]
    total: int
    total_is_estimate: bool
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None
    page: int
    per_page: int


@dataclass
class CheckReport:
    """Differences between the index and the database: ids to add, to re-index, and to delete."""

    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


@runtime_checkable
class SearchBackend(Protocol):
    """The contract every engine fulfils (see tests/search/test_contract.py)."""

    name: str

    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Add or replace by id; durable and searchable on return."""

    def delete(self, ids: Iterable[str]) -> None:
        """Remove these ids (unknown ids are ignored); durable on return."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a query; never raises for any query text."""

    def related(self, id: str, *, limit: int = 5, include_internal: bool = False) -> list[Hit]:
        """Records most similar to this one (never itself); [] for an unknown id."""

    def rebuild(
        self,
        docs: Iterable[IndexDoc],
        *,
        total: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Replace the whole index with docs; readers see the old index until it is done."""

    def check(self, expected: Mapping[str, str]) -> CheckReport:
        """Compare the index with id -> version from the database."""

    def needs_rebuild(self) -> bool:
        """True when the index was built by another schema version (or never finished building)."""

    def count(self) -> int:
        """Number of records in the index."""

    def close(self) -> None:
        """Release files and connections."""
