"""Child-process bodies for test_concurrency.py (module level, so that spawn can import them)."""

from __future__ import annotations

from typing import Any

from search import open_backend
from tests.search.conftest import doc


def write_many(url: str, opts: dict[str, Any], start: int, count: int) -> None:
    b = open_backend(url, **opts)
    for i in range(start, start + count):
        b.add([doc(i, f"Văn bản số {i} về an toàn", f"Nội dung văn bản {i}", version=f"v{i}")])
    b.close()


def index_forever(url: str, opts: dict[str, Any], progress: Any) -> None:
    """Index batches of 20 until killed; progress holds how many are committed."""
    b = open_backend(url, **opts)
    n = 0
    while True:
        batch = [
            doc(1000 + n + i, f"Văn bản {n + i}", "Nội dung dài " * 300, version="v1") for i in range(20)
        ]
        b.add(batch)
        n += len(batch)
        progress.value = n
