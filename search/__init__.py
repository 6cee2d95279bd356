"""Full-text search for Vietnamese legal documents and procedures, as a library.

Our types in, our types out; the engines (Whoosh, tantivy, PostgreSQL) stay behind ``SearchBackend``.
No Flask and no registry imports here: the registry calls ``open_backend(url)`` and the methods of the
returned backend.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from .types import FACET_KEYS, CheckReport, Hit, IndexDoc, SearchBackend, SearchQuery, SearchResults
from .vietnamese import fold, normalize_number

__all__ = [
    "FACET_KEYS",
    "CheckReport",
    "Hit",
    "IndexDoc",
    "SearchBackend",
    "SearchQuery",
    "SearchResults",
    "fold",
    "normalize_number",
    "open_backend",
]


def _path_of(url: str, scheme: str) -> str:
    rest = url[len(scheme) + 3 :]  # after "scheme://"
    if not rest:
        raise ValueError(f"no path in search URL {url!r}")
    # "whoosh:///abs/dir" → "/abs/dir"; "whoosh://relative/dir" → "relative/dir"
    return rest if rest.startswith("/") else os.path.join(os.getcwd(), rest)


def open_backend(url: str, **options: Any) -> SearchBackend:
    """Open (creating if needed) the index named by url.

    "whoosh:///abs/dir", "whoosh://relative/dir", "tantivy:///abs/dir", "postgresql://user@host/db"
    (also "postgres://"). Options go to the backend (e.g. lock_timeout, workers, table).
    Raises ValueError for an unknown scheme.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme == "whoosh":
        from .whoosh_backend import WhooshBackend

        return WhooshBackend(_path_of(url, "whoosh"), **options)
    if scheme == "tantivy":
        from .tantivy_backend import TantivyBackend

        return TantivyBackend(_path_of(url, "tantivy"), **options)
    if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
        from .postgres_backend import PostgresBackend

        return PostgresBackend(url.replace("postgresql+psycopg://", "postgresql://", 1), **options)
    raise ValueError(f"unknown search backend in URL {url!r}")
