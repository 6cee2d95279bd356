"""Ingest speed: pages/s of text extraction and documents/s of the whole pipeline, pdftotext as baseline.

Run: .venv/bin/python benchmarks/ingest.py [--docs 200] [--pages 5] [--workers 2] [--out DIR]

Generates a folder of multi-page PDFs (fpdf2 + DejaVuSans) from the corpus texts, then times
1. pdftotext (poppler) over every file, one process per file, `--workers` at a time: the baseline;
2. read_file (pdfminer) over every file in a process pool: extraction pages/s;
3. read_file + extract_record in a process pool: the whole pipeline, documents/s;
4. one typical 5-page decision, read and extracted in this process: latency;
5. the same decision uploaded through the application (test client, SQLite in a temporary folder): the
   time until its pre-filled form is ready (read, extract, keep the file, stage the item, commit).
Prints the machine and the date with the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CORPUS = Path("/work/shared/corpus")


def render_pdf(text: str, path: Path, *, min_pages: int = 0, title: str | None = None) -> int:
    """Write `text` as an A4 PDF (one paragraph per line, wrapped), padded to min_pages; returns pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=11)
    pdf.set_margins(20, 18, 20)
    if title:
        pdf.set_title(title)
    pdf.set_creator("hieuluc benchmarks")
    pdf.add_page()
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    while pdf.page_no() < min_pages:
        pdf.add_page()
        for _ in range(30):
            pdf.multi_cell(
                0,
                6,
                "Phụ lục: danh mục chi tiết thực hiện theo quy định tại Điều 3 của Quyết định này, "
                "áp dụng trên địa bàn tỉnh kể từ ngày ký.",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    pdf.output(str(path))
    return pdf.page_no()


def _extract_only(path: str) -> int:
    from registry.ingest.files import read_file

    return read_file(path, filename=Path(path).name).pages


def _pipeline(path: str) -> tuple[int, str | None]:
    from registry.ingest.extract import extract_record
    from registry.ingest.files import read_file

    et = read_file(path, filename=Path(path).name)
    rec = extract_record(et.text)
    return et.pages, rec.value("number")


def _pdftotext(path: str) -> int:
    subprocess.run(["pdftotext", "-layout", path, "-"], check=True, capture_output=True)
    return 1


def make_batch(out: Path, docs: int, pages: int) -> list[Path]:
    """docs PDFs of at least `pages` pages each, cycling through the corpus texts."""
    texts = sorted(CORPUS.glob("*.txt"))
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(docs):
        src = texts[i % len(texts)]
        p = out / f"{i:04d}-{src.stem}.pdf"
        if not p.exists():
            render_pdf(src.read_text(encoding="utf-8"), p, min_pages=pages)
        files.append(p)
    return files


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    tmp = None
    if args.out is None:
        tmp = tempfile.TemporaryDirectory(prefix="hieuluc-bench-")
        args.out = Path(tmp.name)
    t0 = time.perf_counter()
    files = make_batch(args.out, args.docs, args.pages)
    gen = time.perf_counter() - t0
    paths = [str(p) for p in files]
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"machine: {_cpu()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"
    )
    print(f"batch: {len(files)} PDFs generated in {gen:.1f}s; workers={args.workers}")

    with ProcessPoolExecutor(args.workers) as pool:
        t = time.perf_counter()
        list(pool.map(_pdftotext, paths, chunksize=4))
        base = time.perf_counter() - t
        t = time.perf_counter()
        pages = sum(pool.map(_extract_only, paths, chunksize=4))
        ext = time.perf_counter() - t
        t = time.perf_counter()
        results = list(pool.map(_pipeline, paths, chunksize=4))
        pipe = time.perf_counter() - t
    print(f"total pages: {pages}")
    print(f"pdftotext (baseline): {base:.2f}s  {pages / base:.0f} pages/s")
    print(f"read_file (pdfminer): {ext:.2f}s  {pages / ext:.0f} pages/s")
    print(
        f"pipeline (read+extract): {pipe:.2f}s  {len(results) / pipe:.1f} docs/s  {pages / pipe:.0f} pages/s"
    )
    print(f"1,000 pages through the pipeline: {1000 / (pages / pipe):.1f}s (goal < 60 s)")
    # single typical 5-page decision, cold process state excluded (warm imports), wall-clock
    single = args.out / "single-5-pages.pdf"
    n = render_pdf((CORPUS / "qbh-3218-qd-ubnd-2024.txt").read_text(encoding="utf-8"), single, min_pages=5)
    _pipeline(str(single))
    t = time.perf_counter()
    _pipeline(str(single))
    one = time.perf_counter() - t
    print(f"single {n}-page decision, read+extract: {one * 1000:.0f} ms (goal < 1 s)")
    print(
        f"upload of that decision until its form is ready: {_through_the_app(single) * 1000:.0f} ms (goal < 1 s)"
    )
    if tmp is not None:
        tmp.cleanup()
    return 0


def _through_the_app(pdf: Path) -> float:
    """Seconds for POST /ingest/ (one file, JSON) then GET of the pre-filled form, on a scratch database."""
    import io

    from registry.accounts.models import Role
    from registry.accounts.services import create_user
    from registry.app import create_app
    from registry.extensions import db

    with tempfile.TemporaryDirectory(prefix="hieuluc-bench-app-") as inst:
        app = create_app(
            {
                "INSTANCE_PATH": inst,
                "DATABASE_URL": f"sqlite:///{inst}/bench.sqlite3",
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "DAILY_JOB": False,
            }
        )
        with app.app_context():
            db.create_all()
            create_user(db.session, "officer", "officer-password", role=Role.OFFICER)
            db.session.commit()
        client = app.test_client()
        client.post("/login", data={"username": "officer", "password": "officer-password"})
        data = pdf.read_bytes()
        best = float("inf")
        for i in range(3):
            blob = data + b"\n%" + str(i).encode() + b"\n%%EOF\n"  # new bytes each time: never "already seen"
            t = time.perf_counter()
            resp = client.post(
                "/ingest/",
                data={"files": [(io.BytesIO(blob), f"qd-{i}.pdf")]},
                content_type="multipart/form-data",
                headers={"Accept": "application/json"},
            )
            url = resp.get_json()["url"]
            assert client.get(url).status_code == 200
            best = min(best, time.perf_counter() - t)
        with app.app_context():
            db.engine.dispose()
        return best


if __name__ == "__main__":
    raise SystemExit(main())
