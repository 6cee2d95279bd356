"""Writers in several processes: no lost update, no corruption; a killed writer leaves a usable index."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest

from search import SearchQuery, open_backend
from tests.search import _workers
from tests.search.conftest import make_url

pytestmark = pytest.mark.slow


@pytest.fixture
def url(engine: str, tmp_path: os.PathLike[str]):  # type: ignore[no-untyped-def]
    u, opts = make_url(engine, tmp_path)
    b = open_backend(u, **opts)  # create it before the children race for it
    b.close()
    yield u, opts
    if engine == "postgresql":
        b = open_backend(u, **opts)
        b.drop()  # type: ignore[attr-defined]
        b.close()


def test_two_writer_processes_lose_no_update(url: tuple[str, dict[str, str]]) -> None:
    u, opts = url
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_workers.write_many, args=(u, opts, start, 12)) for start in (1, 101)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    b = open_backend(u, **opts)
    expected = {f"document:{i}": f"v{i}" for i in [*range(1, 13), *range(101, 113)]}
    assert b.check(expected).ok
    assert b.search(SearchQuery(text="an toàn", per_page=50)).total == 24
    b.close()


def test_killed_writer_leaves_an_index_that_opens_and_a_check_that_says_what_to_redo(
    url: tuple[str, dict[str, str]],
) -> None:
    u, opts = url
    ctx = multiprocessing.get_context("spawn")
    progress = ctx.Value("i", 0)
    p = ctx.Process(target=_workers.index_forever, args=(u, opts, progress))
    p.start()
    deadline = time.monotonic() + 60
    while progress.value < 40 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.05)  # somewhere inside the next batch
    assert p.pid is not None
    os.kill(p.pid, signal.SIGKILL)
    p.join(10)
    committed = progress.value
    assert committed >= 40
    b = open_backend(u, **opts)
    n = b.count()
    assert n >= committed and n % 20 == 0  # whole batches only
    expected = {f"document:{1000 + i}": "v1" for i in range(n + 40)}
    rep = b.check(expected)
    assert rep.stale == [] and rep.extra == []
    assert len(rep.missing) == 40
    # and the index takes writes again: redo what check() says
    from tests.search.conftest import doc

    b.add([doc(int(i.split(":")[1]), "Văn bản", "Nội dung", version="v1") for i in rep.missing])
    assert b.check(expected).ok
    assert b.search(SearchQuery(text="van ban")).total == n + 40
    b.close()
