"""Reproducible synthetic corpus of Vietnamese legal documents and a query set, for benchmarks/search.py.

Text is assembled from the lines of the real texts in /work/shared/corpus (so syllables, collocations
and line lengths are real), mixed per document with a topic vocabulary; sizes follow real decisions:
1–30 pages of about 3 KB, most of them short (mean about 9 KB). Same seed, same corpus.
"""

from __future__ import annotations

import glob
import json
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from search import IndexDoc, SearchQuery

CORPUS_DIR = os.environ.get("HIEULUC_CORPUS", "/work/shared/corpus")

DOC_TYPES = [
    ("Quyết định", "QĐ"),
    ("Nghị quyết", "NQ"),
    ("Chỉ thị", "CT"),
    ("Kế hoạch", "KH"),
    ("Thông báo", "TB"),
    ("Công văn", ""),
]
AGENCIES = [
    ("Ủy ban nhân dân tỉnh", "UBND"),
    ("Hội đồng nhân dân tỉnh", "HĐND"),
    ("Sở Tư pháp", "STP"),
    ("Sở Y tế", "SYT"),
    ("Sở Tài chính", "STC"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Tài nguyên và Môi trường", "STNMT"),
    ("Sở Xây dựng", "SXD"),
]
FIELDS = [
    "Y tế",
    "Giáo dục",
    "Đất đai",
    "Xây dựng",
    "Tài chính",
    "An ninh trật tự",
    "Tư pháp",
    "Giao thông",
    "Nông nghiệp",
    "Văn hóa",
]
STATUSES = ["in_force", "in_force", "in_force", "partly_expired", "expired", "not_yet_effective", "suspended"]
LEVELS = ["tỉnh", "huyện", "xã"]
TOPICS = [
    "an toàn thực phẩm",
    "đăng ký khai sinh",
    "án phí",
    "an ninh trật tự",
    "Y tế cơ sở",
    "bảo hiểm y tế",
    "giải phóng mặt bằng",
    "bồi thường",
    "thuế sử dụng đất",
    "cấp giấy phép xây dựng",
    "phòng cháy chữa cháy",
    "học phí",
    "trợ cấp xã hội",
    "người có công",
    "nhà ở xã hội",
    "môi trường",
    "khoáng sản",
    "giao thông nông thôn",
    "thủ tục hành chính",
    "một cửa liên thông",
    "chuyển đổi số",
    "quản lý giá",
    "lệ phí trước bạ",
    "đấu giá",
]


def _lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(glob.glob(os.path.join(CORPUS_DIR, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = " ".join(line.split())
                if 30 <= len(line) <= 600:
                    lines.append(line)
    if not lines:
        raise SystemExit(f"no corpus texts in {CORPUS_DIR}")
    return lines


def _summaries() -> list[str]:
    out: list[str] = []
    for path in sorted(glob.glob(os.path.join(CORPUS_DIR, "*.json"))):
        with open(path, encoding="utf-8") as f:
            s = json.load(f).get("summary") or ""
        s = " ".join(s.split()).rstrip(".")
        if s:
            out.append(s[:1].upper() + s[1:].lower())
    return out


@dataclass
class Corpus:
    seed: int = 42

    def __post_init__(self) -> None:
        self.lines = _lines()
        self.summaries = _summaries()
        words: set[str] = set()
        for line in self.lines:
            words.update(w for w in re.findall(r"[^\W\d_]+", line.lower()) if len(w) > 1)
        self.vocab = sorted(words)

    def docs(self, n: int) -> Iterator[IndexDoc]:
        """n documents (ids document:1.. and procedure:1..); deterministic for the seed."""
        rng = random.Random(self.seed)
        per_type_year: dict[tuple[str, int], int] = {}
        for i in range(1, n + 1):
            is_proc = rng.random() < 0.15
            topic = rng.choice(TOPICS)
            year = rng.randint(2000, 2025)
            issued = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
            agency, ag = rng.choice(AGENCIES)
            fields = rng.sample(FIELDS, rng.choice((1, 1, 2)))
            pages = min(30, max(1, int(rng.lognormvariate(0.9, 0.8))))
            target = pages * 3000
            parts: list[str] = []
            size = 0
            while size < target:
                line = rng.choice(self.lines)
                if rng.random() < 0.08:
                    line = f"{line} Về {topic} trên địa bàn tỉnh."
                parts.append(line)
                size += len(line.encode("utf-8")) + 1
            body = "\n".join(parts)
            if is_proc:
                code = f"1.{rng.randint(0, 999999):06d}.000.00.00.H{rng.randint(10, 70)}"
                yield IndexDoc(
                    id=f"procedure:{i}",
                    kind="procedure",
                    title=f"Thủ tục {topic} {rng.choice(['cấp tỉnh', 'cấp huyện', 'cấp xã'])}",
                    number=code,
                    body=body[:6000],
                    doc_type=None,
                    agency=agency,
                    status=rng.choice(["active", "active", "repealed"]),
                    fields=fields,
                    year=None,
                    level=rng.choice(LEVELS),
                    issued_on=issued,
                    public=True,
                    version=f"v{i}",
                )
                continue
            dtype, abbr = rng.choice(DOC_TYPES)
            k = (abbr, year)
            per_type_year[k] = per_type_year.get(k, 0) + 1
            num = per_type_year[k]
            if abbr and rng.random() < 0.5:
                number = f"{num:02d}/{year}/{abbr}-{ag}"
            else:
                number = f"{num + rng.randint(0, 4000)}/{abbr + '-' if abbr else ''}{ag}"
            title = rng.choice(
                [f"Về việc {topic}", f"Ban hành Quy định về {topic}", rng.choice(self.summaries)]
            )
            yield IndexDoc(
                id=f"document:{i}",
                kind="document",
                title=title,
                number=number,
                body=body,
                doc_type=dtype,
                agency=agency,
                status=rng.choice(STATUSES),
                fields=fields,
                year=year,
                level=None,
                issued_on=issued,
                public=rng.random() > 0.1,
                version=f"v{i}",
            )

    def queries(self, n: int, numbers: list[str], seed: int) -> list[tuple[str, SearchQuery]]:
        """(category, query) pairs: what staff and citizens type."""
        rng = random.Random(seed)
        out: list[tuple[str, SearchQuery]] = []
        from search import fold

        while len(out) < n:
            r = rng.random()
            if r < 0.30:
                words = rng.choice(TOPICS).split()
                k = rng.randint(1, min(3, len(words)))
                text = " ".join(words[:k])
                if rng.random() < 0.5:
                    text = fold(text)
                out.append((f"{k}-word", SearchQuery(per_page=10, text=text)))
            elif r < 0.45:
                line = rng.choice(self.lines).split()
                if len(line) < 4:
                    continue
                j = rng.randint(0, len(line) - 3)
                text = " ".join(re.sub(r"[^\w]", "", w) for w in line[j : j + rng.randint(2, 3)])
                out.append(("phrase", SearchQuery(per_page=10, text=f'"{text}"')))
            elif r < 0.60 and numbers:
                num = rng.choice(numbers)
                spelling = rng.choice([num, num.lower(), fold(num).lower(), num.split("-")[0]])
                out.append(("number", SearchQuery(per_page=10, text=spelling)))
            elif r < 0.80:
                text = rng.choice(self.vocab)
                if rng.random() < 0.5:
                    text = fold(text)
                out.append(
                    (
                        "filtered",
                        SearchQuery(
                            per_page=10,
                            text=text,
                            doc_types={rng.choice(DOC_TYPES)[0]},
                            years={rng.randint(2000, 2025)},
                        ),
                    )
                )
            elif r < 0.90:
                out.append(
                    (
                        "facets",
                        SearchQuery(
                            per_page=10,
                            text="",
                            fields={rng.choice(FIELDS)},
                            agencies={rng.choice(AGENCIES)[0]},
                        ),
                    )
                )
            else:
                text = " ".join(rng.sample(self.vocab, 2))
                out.append(
                    ("2-word", SearchQuery(per_page=10, text=text, sort=rng.choice(["relevance", "newest"])))
                )
        return out
