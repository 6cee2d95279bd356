"""Fixtures: one backend per engine (the PostgreSQL one marked `postgres`), and a small corpus."""

from __future__ import annotations

import os
import unicodedata
import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from search import IndexDoc, SearchBackend, open_backend

PG_ADMIN_URL = os.environ.get("SEARCH_TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = "search_test"


def pg_url() -> str:
    """URL of the test database (created on first use); fails under CI=true if unreachable, else skips."""
    base = os.environ.get("SEARCH_TEST_PG_URL")
    if base:
        return base
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DB,)).fetchone():
                try:
                    conn.execute(f"CREATE DATABASE {PG_DB}")
                except psycopg.errors.DuplicateDatabase:
                    pass
    except psycopg.OperationalError as e:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL unreachable under CI: {e}")
        pytest.skip(f"PostgreSQL unreachable: {e}")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_DB


ENGINES = ["whoosh", "tantivy", pytest.param("postgresql", marks=pytest.mark.postgres)]


def make_url(engine: str, tmp_path: os.PathLike[str]) -> tuple[str, dict[str, str]]:
    if engine == "postgresql":
        return pg_url(), {"table": f"search_t_{uuid.uuid4().hex[:12]}"}
    return f"{engine}://{os.fspath(tmp_path)}/{engine}", {}


@pytest.fixture(params=ENGINES, scope="module")
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def backend_url(engine: str, tmp_path: os.PathLike[str]) -> Iterator[tuple[str, dict[str, str]]]:
    url, opts = make_url(engine, tmp_path)
    yield url, opts
    if engine == "postgresql":
        b = open_backend(url, **opts)
        b.drop()  # type: ignore[attr-defined]
        b.close()


@pytest.fixture
def empty_backend(backend_url: tuple[str, dict[str, str]]) -> Iterator[SearchBackend]:
    url, opts = backend_url
    b = open_backend(url, **opts)
    yield b
    b.close()


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def doc(
    n: int,
    title: str,
    body: str,
    *,
    number: str | None = None,
    kind: str = "document",
    doc_type: str | None = "Quyết định",
    agency: str | None = "Ủy ban nhân dân tỉnh",
    status: str | None = "in_force",
    fields: list[str] | None = None,
    year: int | None = 2020,
    level: str | None = None,
    issued_on: date | None = None,
    public: bool = True,
    version: str = "v1",
) -> IndexDoc:
    return IndexDoc(
        id=f"{kind}:{n}",
        kind=kind,
        title=title,
        number=number,
        body=body,
        doc_type=doc_type,
        agency=agency,
        status=status,
        fields=fields if fields is not None else ["Y tế"],
        year=year,
        level=level,
        issued_on=issued_on or (date(year, 3, n % 28 + 1) if year else None),
        public=public,
        version=version,
        extra={"url": f"/x/{n}"},
    )


def corpus() -> list[IndexDoc]:
    """A dozen records built to exercise each point of the issue."""
    filler = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015. "
    return [
        doc(
            1,
            "Ban hành Quy định về an toàn thực phẩm trên địa bàn tỉnh",
            filler
            + "Quy định này áp dụng đối với cơ sở sản xuất, kinh doanh thực phẩm. An toàn thực phẩm là trách nhiệm của mọi người.",
            number="30/2013/QĐ-UBND",
            year=2013,
            fields=["Y tế"],
            doc_type="Quyết định",
        ),
        doc(
            2,
            "Về mức thu án phí và lệ phí tòa án",
            filler + "Mức án phí dân sự sơ thẩm được quy định tại phụ lục. Người nộp án phí theo quy định.",
            number="12/2020/NQ-HĐND",
            year=2020,
            fields=["Tư pháp"],
            doc_type="Nghị quyết",
            agency="Hội đồng nhân dân tỉnh",
        ),
        doc(
            3,
            "Kế hoạch bảo đảm an toàn giao thông năm 2021",
            filler
            + "Bảo đảm an toàn giao thông, thu phí đường bộ, an toàn cho người đi đường. An toàn là trên hết; phí sử dụng đường bộ.",
            number="45/KH-UBND",
            year=2021,
            fields=["Giao thông"],
            doc_type="Kế hoạch",
        ),
        doc(
            4,
            "Về an toàn lao động trong thi công xây dựng",
            filler + "An toàn lao động, phí bảo hiểm, an toàn vệ sinh lao động. Chi phí an toàn.",
            number="130/2013/QĐ-UBND",
            year=2013,
            fields=["Xây dựng"],
        ),
        doc(
            5,
            "Đăng ký khai sinh",
            "Thủ tục đăng ký khai sinh cho trẻ em tại Ủy ban nhân dân cấp xã nơi cư trú của người cha hoặc mẹ.",
            number="1.001193.000.00.00.H47",
            kind="procedure",
            doc_type=None,
            status="active",
            level="xã",
            year=None,
            issued_on=date(2019, 5, 1),
            fields=["Hộ tịch"],
            agency="Ủy ban nhân dân cấp xã",
        ),
        doc(
            6,
            nfd("Quy định về công tác Y tế ở xã"),
            nfd("Trạm Y tế ở xã thực hiện khám chữa bệnh ban đầu. Công tác an ninh trật tự ở thôn."),
            number="07/2018/QĐ-UBND",
            year=2018,
            fields=["Y tế"],
        ),
        doc(
            7,
            "Về việc triển khai thực hiện Quyết định số 30/2013/QĐ-UBND",
            filler + "Triển khai Quyết định số 30/2013/QĐ-UBND ngày 5/8/2013 về an toàn thực phẩm.",
            number="2001/QĐ-UBND",
            year=2014,
            fields=["Y tế"],
        ),
        doc(
            8,
            "Tài liệu nội bộ về xylophon",
            "Nội dung mật: xylophon, an toàn thực phẩm, án phí, Y tế.",
            number="99/2013/QĐ-UBND",
            year=2013,
            public=False,
            fields=["Mật"],
            doc_type="Tờ trình",
        ),
        doc(
            9,
            "Thông báo <script>alert('x')</script> lịch tiếp dân",
            "Lịch tiếp công dân <script>alert(1)</script> & <b>đậm</b> tại trụ sở.",
            number="15/TB-UBND",
            year=2022,
            doc_type="Thông báo",
            fields=["Tư pháp"],
        ),
        doc(
            10,
            "Cấp giấy phép xây dựng",
            "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ tại huyện.",
            number="1.009994.000.00.00.H47",
            kind="procedure",
            doc_type=None,
            status="active",
            level="huyện",
            year=None,
            issued_on=date(2021, 1, 1),
            fields=["Xây dựng"],
            agency="Ủy ban nhân dân cấp huyện",
        ),
    ]


@pytest.fixture
def fresh(empty_backend: SearchBackend) -> SearchBackend:
    """A backend holding corpus(), for tests that change it."""
    empty_backend.rebuild(corpus())
    return empty_backend


@pytest.fixture(scope="module")
def backend(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchBackend]:
    """A backend holding corpus(), shared by the read-only tests of a module."""
    url, opts = make_url(engine, tmp_path_factory.mktemp(engine))
    b = open_backend(url, **opts)
    b.rebuild(corpus())
    yield b
    if engine == "postgresql":
        b.drop()  # type: ignore[attr-defined]
    b.close()
