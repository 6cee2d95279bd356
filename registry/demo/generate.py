"""The demo data as a plan: documents, relations and validity events of one province, built deterministically.

Pure module: ``build_plan(seed=…, anchor=…)`` returns plain dataclasses (no database, no Flask); the loader
(:mod:`registry.demo.load`) registers them through the documents services. The same seed and anchor always
give the same plan, so the demo is reproducible and testable with plain values.

What the plan holds (DOMAIN.md §1, §2, §6):

* the central documents the province cites (``data/central.json``: real numbers, dates, titles, and their
  own replacements, amendments and detailing relations);
* the Tây Ninh chain of DOMAIN §6 with its real numbers and dates (30/2013, 79/2014, 413, 14/2017, 14/2019);
* series of provincial decisions and resolutions (:mod:`registry.demo.series`) from 2008 to 2026, each
  generation replacing the previous one or expiring with the law it details, some amended in between;
* one-off decisions and directives, most repealed in 2023 by one decision (like Kon Tum 19/2023), some
  never given an effective date (status unknown), some labelled no longer appropriate;
* annual documents with stated end dates, annual lists of expired documents (the cause of partial expiries),
  suspensions by the Prime Minister (one later lifted), corrections, commune-level documents since 2025,
  documents not yet in force on the anchor day, decisions announcing administrative procedures, and
  citations of documents that are not registered (unresolved references).
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Any

from registry.demo import reference as ref
from registry.demo.series import COMMUNE_DOCS, DIRECTIVES, OLD_RESOLUTIONS, ORPHANS, SERIES, Series
from registry.documents.validity import EventKind, RelationKind

ANCHOR = date(2026, 11, 22)
"""The day the demo is written relative to: nothing is issued after it; a few documents take effect later."""

DEFAULT_SEED = 20130709
CUTOVER = date(2025, 4, 1)


# --------------------------------------------------------------------------------------------- plan types


@dataclass
class DocSpec:
    """One document to register. ``number`` may hold ⟨num:key⟩ placeholders until numbering is done."""

    key: str
    doc_type: str
    agency: str  # agency code
    summary: str
    issued_on: date
    effective_on: date | None
    effective_note: str = ""
    expires_on: date | None = None
    number: str = ""
    register: str = ""  # numbering register, e.g. "QĐ-UBND/N"
    normative: bool = False
    announces_procedures: bool = False
    fields: tuple[str, ...] = ()
    public: bool = True
    signer: str = ""
    signer_capacity: str = ""
    signer_title: str = ""
    place: str = ""
    sector: str = ""
    scope: str = ""
    gazette_number: str = ""
    gazette_on: date | None = None
    note: str = ""
    central: bool = False
    kind: str = "regulation"  # how the text is written (see texts.py)
    department: str = ""  # proposing department (code suffix)
    proposal: tuple[str, date] | None = None  # Tờ trình number and date
    cite: str = ""  # how laws are named in Căn cứ lines
    body_text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RelSpec:
    """``source`` acts on ``target`` (a key) or on a document cited only by number (unresolved)."""

    source: str
    kind: RelationKind
    target: str | None = None
    target_number: str = ""
    target_type: str = ""
    target_issued_on: date | None = None
    target_title: str = ""
    provisions: str = ""
    on: date | None = None
    note: str = ""


@dataclass
class EventSpec:
    """A validity event recorded by hand (partial expiry listed in an annual list, resumption, …)."""

    doc: str
    kind: EventKind
    on: date
    cause: str | None = None
    cause_number: str = ""
    provisions: str = ""
    note: str = ""


@dataclass
class Plan:
    docs: list[DocSpec]
    relations: list[RelSpec]
    events: list[EventSpec]
    anchor: date
    seed: int

    def by_key(self) -> dict[str, DocSpec]:
        return {d.key: d for d in self.docs}


# --------------------------------------------------------------------------------------------- helpers


def dmy(day: date) -> str:
    """dd/mm/yyyy, as citations inside texts write dates."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def long_date(day: date) -> str:
    """ "ngày 09 tháng 7 năm 2013", as headers and effect clauses write dates."""
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def load_central() -> list[dict[str, Any]]:
    """The central documents of ``data/central.json``."""
    raw = resources.files("registry.demo").joinpath("data/central.json").read_text(encoding="utf-8")
    return list(json.loads(raw)["documents"])


_PLACEHOLDER = re.compile(r"⟨(num|date|summary):([^⟩]+)⟩")

_TYPE_RANK = {"L": 0, "NĐ": 1, "QĐ": 2, "TT": 3}


class Builder:
    """Builds a :class:`Plan`. Use :func:`build_plan`."""

    def __init__(self, seed: int, anchor: date) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.anchor = anchor
        self.docs: dict[str, DocSpec] = {}
        self.relations: list[RelSpec] = []
        self.events: list[EventSpec] = []
        self.ends: dict[str, date] = {}  # known day a document wholly ends (replacement, repeal, term)
        self.fixed_numbers: dict[str, str] = {}
        self.central: dict[str, dict[str, Any]] = {}
        self.central_end: dict[str, date] = {}
        self.latest: dict[str, str] = {}  # series key -> key of its last generation
        self.generations: dict[str, list[str]] = defaultdict(list)
        self.amendments: dict[str, list[str]] = defaultdict(list)
        self.unresolved_numbers: set[str] = set()

    # ----------------------------------------------------------------------------------------- basics

    def add(self, doc: DocSpec) -> DocSpec:
        if doc.key in self.docs:
            raise ValueError(f"duplicate key {doc.key}")
        self.docs[doc.key] = doc
        if doc.expires_on:
            self.ends[doc.key] = doc.expires_on
        return doc

    def relate(self, source: str, kind: RelationKind, target: str | None = None, **kw: Any) -> None:
        self.relations.append(RelSpec(source, kind, target, **kw))
        if target and kind in (RelationKind.REPLACES, RelationKind.REPEALS):
            on = kw.get("on") or self.docs[source].effective_on
            if on and (target not in self.ends or on < self.ends[target]):
                self.ends[target] = on

    def cite_unresolved(
        self, source: str, kind: RelationKind, number: str, doc_type: str, issued: date, title: str = ""
    ) -> None:
        self.unresolved_numbers.add(number)
        self.relations.append(
            RelSpec(
                source,
                kind,
                None,
                target_number=number,
                target_type=doc_type,
                target_issued_on=issued,
                target_title=title,
            )
        )

    def rand_day(self, start: date, end: date) -> date:
        """A day in [start, end] (end clamped so nothing is issued after the anchor)."""
        end = min(end, self.anchor - timedelta(days=30))
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def alive(self, key: str, day: date) -> bool:
        d = self.docs[key]
        if d.effective_on is None or d.effective_on > day:
            return False
        end = self.ends.get(key)
        return end is None or day < end

    # ----------------------------------------------------------------------------------------- central

    def add_central(self) -> None:
        rows = load_central()
        for row in rows:
            self.central[row["key"]] = row
        for row in rows:
            for old in row.get("replaces", []):
                self.central_end[old] = date.fromisoformat(row["effective"])
            if row.get("expires"):
                self.central_end.setdefault(row["key"], date.fromisoformat(row["expires"]))
        agencies = {a.code: a for a in ref.all_agencies()}
        for row in rows:
            issued = date.fromisoformat(row["issued"])
            effective = date.fromisoformat(row["effective"])
            agency = agencies[row["agency"]]
            self.add(
                DocSpec(
                    key=row["key"],
                    doc_type=row["type"],
                    agency=row["agency"],
                    summary=row["summary"],
                    issued_on=issued,
                    effective_on=effective,
                    effective_note="kể từ ngày ký" if effective == issued else "",
                    expires_on=date.fromisoformat(row["expires"]) if row.get("expires") else None,
                    number=row["number"],
                    normative=True,
                    fields=tuple(row.get("fields", ())),
                    place="Hà Nội",
                    scope="Toàn quốc",
                    sector=agency.short,
                    central=True,
                    kind="central",
                    cite=row.get("cite", ""),
                    extra={"topics": row.get("topics", [])},
                )
            )
        for row in rows:
            for kind, rel in (
                ("replaces", RelationKind.REPLACES),
                ("amends", RelationKind.AMENDS),
                ("details", RelationKind.DETAILS),
            ):
                for target in row.get(kind, []):
                    self.relate(row["key"], rel, target)
        # the 2015 Law on legal documents is the basis of its detailing decree, etc.
        for row in rows:
            for target in row.get("details", []):
                self.relate(row["key"], RelationKind.BASIS, target)

    def central_valid(self, key: str, day: date) -> bool:
        row = self.central[key]
        if date.fromisoformat(row["issued"]) > day:
            return False
        end = self.central_end.get(key)
        return end is None or day < end

    def org_law(self, day: date) -> str:
        if day < date(2016, 1, 1):
            return "L11-2003"
        if day < date(2025, 3, 1):
            return "L77-2015"
        if day < date(2025, 7, 1):
            return "L65-2025"
        return "L72-2025"

    def lawmaking_law(self, day: date) -> str:
        if day < date(2016, 7, 1):
            return "L31-2004"
        if day < date(2025, 4, 1):
            return "L80-2015"
        return "L64-2025"

    def topic_docs(self, topics: tuple[str, ...], day: date, limit: int = 3) -> list[str]:
        found = [
            key
            for key, row in self.central.items()
            if set(row.get("topics", ())) & set(topics) and self.central_valid(key, day)
        ]
        found.sort(key=lambda k: (_TYPE_RANK.get(self.central[k]["type"], 9), self.central[k]["issued"]))
        return found[:limit]

    def topic_law(self, topic: str, day: date) -> str | None:
        for key in self.topic_docs((topic,), day, limit=10):
            if self.central[key]["type"] == "L":
                return key
        return None

    def standard_bases(self, key: str, topics: tuple[str, ...], day: date) -> None:
        """Căn cứ: the law on local government, the law on legal documents, and the topic's central texts."""
        bases = [self.org_law(day)]
        if day >= date(2020, 7, 1) and day < date(2025, 3, 1):
            bases.append("L47-2019")
        bases.append(self.lawmaking_law(day))
        if date(2021, 1, 1) <= day < date(2025, 4, 1):
            bases.append("L63-2020")
        if day >= date(2025, 7, 1):
            bases.append("L87-2025")
        for extra in self.topic_docs(topics, day):
            if extra not in bases:
                bases.append(extra)
        for base in bases:
            self.relate(key, RelationKind.BASIS, base)

    # ----------------------------------------------------------------------------------------- signers

    def sign(self, doc: DocSpec) -> None:
        day = doc.issued_on
        if doc.agency == "HDND-TNH":
            doc.signer = ref.term_on(ref.HDND_TERMS, day).chair
            doc.signer_title = "CHỦ TỊCH"
            return
        term = ref.term_on(ref.UBND_TERMS, day)
        chair_signs = self.rng.random() < 0.2
        name = term.chair if chair_signs else self.rng.choice(term.vice_chairs)
        title = "CHỦ TỊCH" if chair_signs else "PHÓ CHỦ TỊCH"
        if doc.agency == "CT-UBND-TNH":
            doc.signer_capacity = "" if chair_signs else "KT. CHỦ TỊCH"
        else:
            doc.signer_capacity = "TM. ỦY BAN NHÂN DÂN" + ("" if chair_signs else " / KT. CHỦ TỊCH")
        doc.signer, doc.signer_title = name, title

    # ----------------------------------------------------------------------------------------- provincial

    def session_day(self, year: int, *, december: bool = False) -> date:
        """A day the HĐND sits: mid-year and year-end sessions, sometimes a special session."""
        roll = self.rng.random()
        day = date(year, self.rng.randint(3, 10), self.rng.randint(1, 28))
        if december or roll < 0.45:
            day = date(year, 12, self.rng.randint(5, 14))
        elif roll < 0.9:
            day = date(year, 7, self.rng.randint(8, 20))
        if day > self.anchor - timedelta(days=30):
            day = date(year, 7, self.rng.randint(8, 20))
        return day

    def normative(
        self,
        key: str,
        *,
        issuer: str,
        summary: str,
        year: int,
        field_code: str,
        issued: date | None = None,
        effective: date | None = None,
        jan1: bool = False,
        kind: str = "regulation",
        doc_type: str | None = None,
        number: str = "",
        expires: date | None = None,
        no_effective: bool = False,
    ) -> DocSpec:
        """A provincial VBQPPL: a UBND decision (or directive) or an HĐND resolution."""
        hdnd = issuer == "HĐND"
        doc_type = doc_type or ("NQ" if hdnd else "QĐ")
        if issued is None:
            if hdnd:
                issued = self.session_day(year, december=jan1)
            elif jan1:
                issued = date(year, 12, self.rng.randint(10, 24))
            else:
                issued = self.rand_day(date(year, 1, 8), date(year, 12, 26))
        note = ""
        if effective is None and not no_effective:
            if jan1:
                effective = date(year + 1, 1, 1)
                note = ""
            elif issued < date(2016, 7, 1):
                effective = issued + timedelta(days=10)
                note = (
                    "sau 10 ngày kể từ ngày Hội đồng nhân dân tỉnh thông qua"
                    if hdnd
                    else "sau 10 ngày kể từ ngày ký"
                )
            elif hdnd and self.rng.random() < 0.5:
                after = issued + timedelta(days=10)
                effective = date(after.year + (after.month == 12), after.month % 12 + 1, 1)
            else:
                effective = issued + timedelta(days=self.rng.randint(10, 20))
        agency = "HDND-TNH" if hdnd else "UBND-TNH"
        doc = DocSpec(
            key=key,
            doc_type=doc_type,
            agency=agency,
            summary=summary,
            issued_on=issued,
            effective_on=effective,
            effective_note=note,
            expires_on=expires,
            number=number,
            register=f"{doc_type}-{'HĐND' if hdnd else 'UBND'}/N",
            normative=True,
            fields=(field_code,),
            place=ref.PLACE,
            scope="Tỉnh Tây Ninh",
            sector=dict((c, n) for c, n, _e in ref.FIELDS)[field_code],
            kind=kind,
            department=ref.FIELD_DEPARTMENT[field_code],
        )
        if no_effective:
            doc.effective_note = "Đang cập nhật"
        if self.rng.random() < 0.85:
            gazette_on = issued + timedelta(days=self.rng.randint(4, 20))
            if gazette_on < self.anchor:
                doc.gazette_on = gazette_on
                doc.gazette_number = f"{self.rng.randint(1, 70)}"
        self.sign(doc)
        self.add(doc)
        if self.rng.random() < 0.3:
            self.proposal(doc)
        return doc

    def proposal(self, doc: DocSpec) -> None:
        """ "Theo đề nghị của Giám đốc Sở … tại Tờ trình số …": a citation of an unregistered document."""
        dept = dict((c, a) for c, _n, _e, a in ref.DEPARTMENTS).get(doc.department, "STP")
        if doc.agency == "HDND-TNH":
            dept = "UBND"
        day = doc.issued_on - timedelta(days=self.rng.randint(7, 40))
        number = f"{self.rng.randint(100, 3999)}/TTr-{dept}"
        while number in self.unresolved_numbers:
            number = f"{self.rng.randint(100, 3999)}/TTr-{dept}"
        doc.proposal = (number, day)
        self.cite_unresolved(doc.key, RelationKind.CITES, number, "TTr", day)

    def administrative(
        self,
        key: str,
        *,
        agency: str,
        doc_type: str,
        summary: str,
        issued: date,
        field_code: str,
        kind: str,
        expires: date | None = None,
        public: bool = True,
        number: str = "",
        announces: bool = False,
    ) -> DocSpec:
        """An administrative document: takes effect on signing, number without year."""
        doc = DocSpec(
            key=key,
            doc_type=doc_type,
            agency=agency,
            summary=summary,
            issued_on=issued,
            effective_on=issued,
            effective_note="kể từ ngày ký",
            expires_on=expires,
            number=number,
            register=f"{doc_type}-{'HĐND' if agency.startswith('HDND') else 'UBND'}/A",
            normative=False,
            announces_procedures=announces,
            fields=(field_code,),
            public=public,
            place=ref.PLACE,
            scope="Tỉnh Tây Ninh",
            sector=dict((c, n) for c, n, _e in ref.FIELDS)[field_code],
            kind=kind,
            department=ref.FIELD_DEPARTMENT[field_code],
        )
        if agency == "HDND-TNH":
            doc.effective_note = "kể từ ngày thông qua"
        self.sign(doc)
        return self.add(doc)

    # ----------------------------------------------------------------------------------------- series

    def attachment(self, summary: str) -> str:
        return summary[len("Ban hành ") :] if summary.startswith("Ban hành ") else ""

    def amendment_summary(self, target: DocSpec) -> str:
        attached = self.attachment(target.summary)
        if target.doc_type == "NQ":
            return (
                f"Sửa đổi, bổ sung một số điều của Nghị quyết số ⟨num:{target.key}⟩ ngày ⟨date:{target.key}⟩ "
                f"của Hội đồng nhân dân tỉnh {_lower_first(target.summary)}"
            )
        if attached:
            return (
                f"Sửa đổi, bổ sung một số điều của {attached} ban hành kèm theo Quyết định số "
                f"⟨num:{target.key}⟩ ngày ⟨date:{target.key}⟩ của Ủy ban nhân dân tỉnh Tây Ninh"
            )
        return (
            f"Sửa đổi, bổ sung một số điều của Quyết định số ⟨num:{target.key}⟩ ngày ⟨date:{target.key}⟩ "
            f"của Ủy ban nhân dân tỉnh Tây Ninh {_lower_first(target.summary)}"
        )

    def add_series(self, s: Series) -> None:
        prev: DocSpec | None = None
        prev_parent: str | None = None
        companions: list[str] = []
        for i, year in enumerate(s.years):
            summary = s.titles.get(year) or s.summary.format(y=year, ny=year + 1)
            key = f"{s.key}-{year}"
            expires = date.fromisoformat(s.terms[year]) if year in s.terms else None
            doc = self.normative(
                key,
                issuer=s.issuer,
                summary=summary,
                year=year,
                field_code=s.field,
                jan1=s.jan1,
                expires=expires,
            )
            if year in s.terms and doc.effective_on and expires and expires <= doc.effective_on:
                raise ValueError(f"{key}: term ends before effect")
            self.generations[s.key].append(key)
            self.standard_bases(key, s.topics, doc.issued_on)
            parent = None
            if s.details_law:
                parent = self.topic_law(s.topics[0], doc.issued_on)
                if parent:
                    self.relate(key, RelationKind.DETAILS, parent)
            if prev is not None:
                replace = prev.expires_on is None and (not s.details_law or parent == prev_parent)
                if replace:
                    for old in [prev.key, *self.amendments[prev.key]]:
                        if self.alive(old, doc.effective_on or doc.issued_on) or old == prev.key:
                            self.relate(key, RelationKind.REPLACES, old)
            if s.detailed_by_ubnd:
                companions.append(self.companion(doc, s))
            # an amendment before the next generation (or before the anchor)
            next_issue = (
                date(s.years[i + 1], 1, 1) if i + 1 < len(s.years) else self.anchor - timedelta(days=30)
            )
            start = (doc.effective_on or doc.issued_on) + timedelta(days=150)
            if self.rng.random() < s.amend and (next_issue - start).days > 120:
                amend_day = self.rand_day(start, next_issue - timedelta(days=60))
                a_key = f"{key}-amend"
                amend = self.normative(
                    a_key,
                    issuer=s.issuer,
                    summary=self.amendment_summary(doc),
                    year=amend_day.year,
                    field_code=s.field,
                    issued=amend_day,
                    kind="amendment",
                )
                self.standard_bases(a_key, s.topics, amend.issued_on)
                self.relate(a_key, RelationKind.BASIS, key)
                self.relate(a_key, RelationKind.AMENDS, key, provisions=self.some_articles())
                self.amendments[key].append(a_key)
            prev, prev_parent = doc, parent
        if prev is not None:
            self.latest[s.key] = prev.key

    def companion(self, nq: DocSpec, s: Series) -> str:
        """A UBND decision detailing an HĐND resolution (quy định chi tiết): it expires with its parent before
        the 2025 cut-over, and is only flagged for review after it."""
        start = (nq.effective_on or nq.issued_on) + timedelta(days=15)
        day = self.rand_day(start, start + timedelta(days=75))
        key = f"{nq.key}-detail"
        doc = self.normative(
            key,
            issuer="UBND",
            summary=(
                f"Ban hành Quy định chi tiết thi hành Nghị quyết số ⟨num:{nq.key}⟩ ngày ⟨date:{nq.key}⟩ của "
                f"Hội đồng nhân dân tỉnh {_lower_first(nq.summary)}"
            ),
            year=day.year,
            field_code=s.field,
            issued=day,
            kind="detail",
        )
        self.standard_bases(key, s.topics, day)
        self.relate(key, RelationKind.BASIS, nq.key)
        self.relate(key, RelationKind.DETAILS, nq.key)
        return doc.key

    def some_articles(self) -> str:
        picks = sorted(self.rng.sample(range(2, 16), self.rng.randint(1, 3)))
        return ", ".join(f"Điều {n}" for n in picks)

    def one_provision(self) -> str:
        art = self.rng.randint(3, 14)
        if self.rng.random() < 0.5:
            return f"Khoản {self.rng.randint(1, 4)} Điều {art}"
        return f"Điều {art}"

    # ----------------------------------------------------------------------------------------- build

    def build(self) -> Plan:
        self.add_central()
        self.tay_ninh_chain()
        for s in SERIES:
            self.add_series(s)
        self.land_coefficients()
        orphans = self.orphans()
        directives = self.directives()
        old_nqs = self.old_resolutions()
        self.mass_repeal(orphans, directives)
        self.hdnd_repeal(old_nqs)
        self.budgets()
        self.plans()
        self.annual_lists()
        self.systematisation()
        self.suspensions()
        self.corrections()
        self.partial_repeals()
        self.commune_documents()
        self.not_yet_effective()
        self.announcements()
        self.internal()
        self.number_all()
        self.fill_placeholders()
        from registry.demo.procedures import appendix_lines, assign
        from registry.demo.texts import render_all

        for key, items in assign(list(self.docs.values()), self.seed).items():
            self.docs[key].extra["appendix"] = appendix_lines(items)

        plan = Plan(
            docs=sorted(self.docs.values(), key=lambda d: (d.issued_on, d.key)),
            relations=self.relations,
            events=self.events,
            anchor=self.anchor,
            seed=self.seed,
        )
        render_all(plan)
        return plan

    # ----------------------------------------------------------------------------------------- the chain

    def tay_ninh_chain(self) -> None:
        """The real chain of DOMAIN §6 (numbers and dates as on vbpl.vn; the title is reconstructed)."""
        subject = (
            "Quy định phân cấp quản lý tài sản nhà nước tại cơ quan, tổ chức, đơn vị thuộc phạm vi quản lý "
            "của tỉnh Tây Ninh"
        )
        d30 = self.normative(
            "tn-30-2013",
            issuer="UBND",
            summary=f"Ban hành {subject}",
            year=2013,
            field_code="tai-chinh",
            issued=date(2013, 7, 9),
            effective=date(2013, 7, 19),
            number="30/2013/QĐ-UBND",
        )
        d30.effective_note = "sau 10 ngày kể từ ngày ký"
        d30.note = "Chuỗi hiệu lực thật (vbpl.vn); trích yếu phục dựng cho dữ liệu mẫu."
        self.standard_bases(d30.key, ("assets",), d30.issued_on)
        d79 = self.normative(
            "tn-79-2014",
            issuer="UBND",
            summary=self.amendment_summary(d30),
            year=2014,
            field_code="tai-chinh",
            issued=date(2014, 12, 30),
            effective=date(2015, 1, 9),
            number="79/2014/QĐ-UBND",
            kind="amendment",
        )
        self.standard_bases(d79.key, ("assets",), d79.issued_on)
        self.relate(d79.key, RelationKind.AMENDS, d30.key, provisions="Điều 3, Điều 4")
        d14_17 = self.normative(
            "tn-14-2017",
            issuer="UBND",
            summary=self.amendment_summary(d30),
            year=2017,
            field_code="tai-chinh",
            issued=date(2017, 5, 9),
            effective=date(2017, 5, 19),
            number="14/2017/QĐ-UBND",
            kind="amendment",
        )
        self.standard_bases(d14_17.key, ("assets",), d14_17.issued_on)
        self.relate(d14_17.key, RelationKind.AMENDS, d30.key, provisions="Điều 5, Điều 7")
        d14_19 = self.normative(
            "tn-14-2019",
            issuer="UBND",
            summary=(
                "Ban hành Quy định phân cấp thẩm quyền quản lý, sử dụng tài sản công tại cơ quan, tổ chức, đơn "
                "vị thuộc phạm vi quản lý của tỉnh Tây Ninh"
            ),
            year=2019,
            field_code="tai-chinh",
            issued=date(2019, 4, 26),
            effective=date(2019, 5, 6),
            number="14/2019/QĐ-UBND",
        )
        self.standard_bases(d14_19.key, ("assets",), d14_19.issued_on)
        for old in (d30.key, d79.key, d14_17.key):
            self.relate(d14_19.key, RelationKind.REPLACES, old)
        self.latest["tn-assets"] = d14_19.key
        # 413/QĐ-UBND: the Chairman's list of documents expired in 2014, which records 30/2013 as partly expired
        d413 = self.annual_list(2014, issued=date(2015, 2, 27), number="413/QĐ-UBND")
        self.events.append(
            EventSpec(
                d30.key,
                EventKind.PARTLY_EXPIRED,
                date(2015, 2, 27),
                cause=d413.key,
                provisions="Khoản 2 Điều 6",
                note="Công bố tại Danh mục văn bản hết hiệu lực một phần năm 2014.",
            )
        )

    # ----------------------------------------------------------------------------------------- one-offs

    def land_coefficients(self) -> None:
        """Yearly land-price coefficients (2015–2024): each in force for its calendar year only."""
        for year in range(2015, 2025):
            issued = self.rand_day(date(year, 1, 5), date(year, 1, 25))
            doc = self.normative(
                f"land-coef-{year}",
                issuer="UBND",
                summary=f"Quy định hệ số điều chỉnh giá đất năm {year} trên địa bàn tỉnh Tây Ninh",
                year=year,
                field_code="dat-dai",
                issued=issued,
                expires=date(year + 1, 1, 1),
                kind="coefficient",
            )
            self.standard_bases(doc.key, ("land-price",), issued)

    def orphans(self) -> list[str]:
        keys = []
        for i, (field_code, summary) in enumerate(ORPHANS):
            year = 2008 + (i * 7) % 8
            no_effective = i % 4 == 1  # effective date never recorded: status unknown
            key = f"orphan-{i:02d}"
            self.normative(
                key,
                issuer="UBND",
                summary=summary,
                year=year,
                field_code=field_code,
                no_effective=no_effective,
            )
            self.standard_bases(key, (), self.docs[key].issued_on)
            keys.append(key)
        return keys

    def directives(self) -> list[str]:
        keys = []
        for i, (field_code, summary) in enumerate(DIRECTIVES):
            year = 2008 + (i * 3) % 8
            key = f"directive-{i:02d}"
            doc = self.normative(
                key,
                issuer="UBND",
                summary=summary,
                year=year,
                field_code=field_code,
                doc_type="CT",
                kind="directive",
            )
            doc.effective_note = "sau 10 ngày kể từ ngày ký"
            keys.append(key)
        return keys

    def old_resolutions(self) -> list[str]:
        keys = []
        for i, (field_code, summary) in enumerate(OLD_RESOLUTIONS):
            key = f"old-nq-{i:02d}"
            self.normative(key, issuer="HĐND", summary=summary, year=2008 + i, field_code=field_code)
            self.standard_bases(key, ("fees",) if "phí" in summary else (), self.docs[key].issued_on)
            keys.append(key)
        return keys

    def mass_repeal(self, orphans: list[str], directives: list[str]) -> None:
        """One decision repealing many documents at once (like Kon Tum 19/2023/QĐ-UBND)."""
        doc = self.normative(
            "mass-repeal-2023",
            issuer="UBND",
            summary=(
                "Bãi bỏ toàn bộ một số quyết định, chỉ thị quy phạm pháp luật do Ủy ban nhân dân tỉnh Tây Ninh "
                "ban hành"
            ),
            year=2023,
            field_code="tu-phap",
            issued=date(2023, 6, self.rng.randint(5, 25)),
            kind="repeal",
        )
        self.standard_bases(doc.key, ("review",), doc.issued_on)
        keep_orphans = {orphans[3], orphans[10]}  # still in force
        obsolete_orphan = orphans[6]
        repealed = []
        for key in orphans:
            d = self.docs[key]
            if d.effective_on is None or key in keep_orphans or key == obsolete_orphan:
                continue
            repealed.append(key)
        keep_directives = {directives[4]}  # an old directive still in force
        obsolete_directives = {directives[7], directives[13]}
        for key in directives:
            if key in keep_directives or key in obsolete_directives:
                continue
            repealed.append(key)
        for key in repealed:
            self.relate(doc.key, RelationKind.REPEALS, key)
        doc.extra["repealed"] = repealed
        for key in [obsolete_orphan, *sorted(obsolete_directives)]:
            d = self.docs[key]
            on = self.rand_day(date(2017, 1, 10), date(2021, 12, 20))
            self.events.append(
                EventSpec(
                    key,
                    EventKind.OBSOLETE,
                    on,
                    note="Nội dung không còn phù hợp với quy định của pháp luật hiện hành; chờ xử lý.",
                )
            )
            assert d.issued_on < on

    def hdnd_repeal(self, old_nqs: list[str]) -> None:
        doc = self.normative(
            "hdnd-repeal-2020",
            issuer="HĐND",
            summary="Bãi bỏ một số nghị quyết quy phạm pháp luật của Hội đồng nhân dân tỉnh Tây Ninh",
            year=2020,
            field_code="tai-chinh",
            issued=date(2020, 7, self.rng.randint(8, 16)),
            kind="repeal",
        )
        self.standard_bases(doc.key, ("fees",), doc.issued_on)
        for key in old_nqs:
            self.relate(doc.key, RelationKind.REPEALS, key)
        doc.extra["repealed"] = list(old_nqs)

    def budgets(self) -> None:
        """The HĐND's yearly budget resolutions (administrative): in force for their budget year."""
        for year in range(2012, 2027):
            day = date(year - 1, 12, self.rng.randint(5, 12))
            doc = self.administrative(
                f"budget-{year}",
                agency="HDND-TNH",
                doc_type="NQ",
                summary=(
                    "Về dự toán thu ngân sách nhà nước trên địa bàn; thu, chi ngân sách địa phương và phân bổ dự "
                    f"toán ngân sách cấp tỉnh năm {year}"
                ),
                issued=day,
                field_code="tai-chinh",
                kind="budget",
                expires=date(year + 1, 1, 1),
            )
            self.relate(doc.key, RelationKind.BASIS, self.org_law(day))
            self.relate(doc.key, RelationKind.BASIS, "L01-2002" if year < 2017 else "L83-2015")

    def plans(self) -> None:
        """Yearly plans of the UBND (kế hoạch): some internal, each with its year as stated term."""
        for year in range(2017, 2027):
            day = self.rand_day(date(year, 1, 5), date(year, 2, 20))
            doc = self.administrative(
                f"plan-tthc-{year}",
                agency="UBND-TNH",
                doc_type="KH",
                summary=f"Kế hoạch kiểm soát thủ tục hành chính năm {year} trên địa bàn tỉnh Tây Ninh",
                issued=day,
                field_code="noi-vu",
                kind="plan",
                expires=date(year + 1, 1, 1),
            )
            self.relate(doc.key, RelationKind.BASIS, "ND63-2010")
            if year < 2023:
                continue
            day = self.rand_day(date(year, 2, 1), date(year, 3, 30))
            self.administrative(
                f"plan-law-{year}",
                agency="UBND-TNH",
                doc_type="KH",
                summary=(
                    f"Kế hoạch theo dõi tình hình thi hành pháp luật và kiểm tra, rà soát văn bản quy phạm pháp "
                    f"luật năm {year} trên địa bàn tỉnh Tây Ninh"
                ),
                issued=day,
                field_code="tu-phap",
                kind="plan",
                expires=date(year + 1, 1, 1),
                public=year % 3 != 0,
            )

    def annual_list(self, year: int, *, issued: date | None = None, number: str = "") -> DocSpec:
        day = issued or self.rand_day(date(year + 1, 1, 10), date(year + 1, 2, 25))
        doc = self.administrative(
            f"list-{year}",
            agency="CT-UBND-TNH",
            doc_type="QĐ",
            summary=(
                "Công bố Danh mục văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân tỉnh Tây "
                f"Ninh hết hiệu lực toàn bộ hoặc một phần năm {year}"
            ),
            issued=day,
            field_code="tu-phap",
            kind="list",
            number=number,
        )
        doc.extra["list_year"] = year
        self.relate(doc.key, RelationKind.BASIS, self.org_law(day))
        self.relate(doc.key, RelationKind.BASIS, self.lawmaking_law(day))
        review = "ND16-2013" if day < date(2016, 7, 1) else "ND34-2016" if day < CUTOVER else "ND79-2025"
        self.relate(doc.key, RelationKind.BASIS, review)
        return doc

    def annual_lists(self) -> None:
        """Lists of expired documents 2015–2025 (2014 is 413/QĐ-UBND); they record partial expiries."""
        lists = [self.docs["list-2014"]]
        for year in range(2015, 2026):
            lists.append(self.annual_list(year))
        # partial expiries published in the lists: documents in force that year
        reserved = {self.latest[k] for k in ("construction-quality", "industrial-clusters", "water-price")}
        candidates = [
            d.key
            for d in self.docs.values()
            if d.normative
            and not d.central
            and d.kind not in ("directive", "repeal")
            and d.effective_on
            and d.key not in reserved
        ]
        self.rng.shuffle(candidates)
        # most on documents still in force (they stay partly expired), some on ones replaced later (history)
        candidates.sort(key=lambda k: k in self.ends)
        wanted = 40
        done = 0
        for key in candidates:
            if done >= wanted:
                break
            d = self.docs[key]
            options = [
                lst
                for lst in lists
                if d.effective_on
                and lst.issued_on > d.effective_on + timedelta(days=200)
                and self.alive(key, lst.issued_on)
            ]
            if not options:
                continue
            lst = self.rng.choice(options)
            self.events.append(
                EventSpec(
                    key,
                    EventKind.PARTLY_EXPIRED,
                    lst.issued_on,
                    cause=lst.key,
                    provisions=self.one_provision(),
                    note=f"Công bố tại Danh mục văn bản hết hiệu lực một phần năm {lst.extra['list_year']}.",
                )
            )
            done += 1

    def systematisation(self) -> None:
        for period, day in (("2014 - 2018", date(2019, 2, 20)), ("2019 - 2023", date(2024, 2, 22))):
            doc = self.administrative(
                f"system-{period[:4]}",
                agency="CT-UBND-TNH",
                doc_type="QĐ",
                summary=(
                    "Công bố kết quả hệ thống hóa văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân "
                    f"dân tỉnh Tây Ninh kỳ {period}"
                ),
                issued=day + timedelta(days=self.rng.randint(0, 6)),
                field_code="tu-phap",
                kind="system",
            )
            self.relate(doc.key, RelationKind.BASIS, self.org_law(day))
            self.relate(doc.key, RelationKind.BASIS, "ND34-2016")

    def suspensions(self) -> None:
        """The Prime Minister suspends provincial decisions (one suspension later lifted); the Chairman of
        the province suspends a commune resolution (added with the commune documents)."""
        plans = [
            ("construction-quality", date(2022, 3, 1), "suspend", date(2022, 9, 12)),
            ("industrial-clusters", date(2026, 8, 4), "suspend", None),
            ("water-price", date(2026, 5, 18), "partly", None),
        ]
        for series_key, day, how, lifted in plans:
            target = self.docs[self.latest[series_key]]
            if target.effective_on is None or target.effective_on >= day:
                raise ValueError(f"cannot suspend {target.key} on {day}")
            src = self.administrative(
                f"ttg-suspend-{series_key}",
                agency="TTG",
                doc_type="QĐ",
                summary=(
                    f"Về việc đình chỉ thi hành {'một phần ' if how == 'partly' else ''}Quyết định số "
                    f"⟨num:{target.key}⟩ ngày ⟨date:{target.key}⟩ của Ủy ban nhân dân tỉnh Tây Ninh"
                ),
                issued=day,
                field_code=target.fields[0],
                kind="suspension",
            )
            src.register = "QĐ-TTg/A"
            src.place, src.scope = "Hà Nội", "Tỉnh Tây Ninh"
            src.signer, src.signer_title, src.signer_capacity = "", "THỦ TƯỚNG", ""
            self.relate(src.key, RelationKind.BASIS, self.org_law(day))
            self.relate(src.key, RelationKind.BASIS, self.lawmaking_law(day))
            if how == "partly":
                provisions = "Điều 3"
                self.relate(src.key, RelationKind.PARTLY_SUSPENDS, target.key, provisions=provisions)
            else:
                self.relate(src.key, RelationKind.SUSPENDS, target.key)
            if lifted:
                lift = self.administrative(
                    f"ttg-lift-{series_key}",
                    agency="TTG",
                    doc_type="QĐ",
                    summary=(
                        f"Về việc bãi bỏ Quyết định số ⟨num:{src.key}⟩ ngày ⟨date:{src.key}⟩ của Thủ tướng Chính phủ "
                        f"đình chỉ thi hành Quyết định số ⟨num:{target.key}⟩ của Ủy ban nhân dân tỉnh Tây Ninh"
                    ),
                    issued=lifted,
                    field_code=target.fields[0],
                    kind="resumption",
                )
                lift.register = "QĐ-TTg/A"
                lift.place, lift.scope = "Hà Nội", "Tỉnh Tây Ninh"
                lift.signer, lift.signer_title = "", "THỦ TƯỚNG"
                self.relate(lift.key, RelationKind.RELATED, src.key)
                self.events.append(
                    EventSpec(
                        target.key,
                        EventKind.RESUMED,
                        lifted,
                        cause=lift.key,
                        note="Ủy ban nhân dân tỉnh đã sửa đổi nội dung trái pháp luật; tiếp tục thi hành.",
                    )
                )

    def corrections(self) -> None:
        for series_key in ("sidewalks", "health-org"):
            target = self.docs[self.latest[series_key]]
            day = self.rand_day(target.issued_on + timedelta(days=12), target.issued_on + timedelta(days=40))
            doc = self.administrative(
                f"correct-{series_key}",
                agency="UBND-TNH",
                doc_type="QĐ",
                summary=(
                    f"Về việc đính chính Quyết định số ⟨num:{target.key}⟩ ngày ⟨date:{target.key}⟩ của Ủy ban "
                    "nhân dân tỉnh Tây Ninh"
                ),
                issued=day,
                field_code=target.fields[0],
                kind="correction",
            )
            self.relate(doc.key, RelationKind.CORRECTS, target.key, provisions=self.one_provision(), on=day)

    def partial_repeals(self) -> None:
        """Later decisions repealing single provisions of documents still in force."""
        sources = [
            d
            for d in self.docs.values()
            if d.normative and not d.central and d.kind == "regulation" and d.issued_on.year >= 2017
        ]
        self.rng.shuffle(sources)
        targets = [
            d
            for d in self.docs.values()
            if d.normative and not d.central and d.kind in ("regulation", "detail") and d.effective_on
        ]
        made = 0
        for src in sources:
            if made >= 10:
                break
            options = [
                t
                for t in targets
                if t.key != src.key
                and t.fields == src.fields
                and src.effective_on
                and t.effective_on
                and t.effective_on < src.issued_on
                and self.alive(t.key, src.effective_on)
                and not any(r.source == src.key and r.target == t.key for r in self.relations)
            ]
            if not options:
                continue
            t = self.rng.choice(options)
            provisions = self.one_provision()
            self.relate(src.key, RelationKind.PARTLY_REPEALS, t.key, provisions=provisions)
            src.extra.setdefault("partly_repeals", []).append((t.key, provisions))
            made += 1

    def commune_documents(self) -> None:
        """Since 1/7/2025 communes issue legal documents (Law 87/2025/QH15)."""
        made = []
        for i, (suffix, doc_type, field_code, summary) in enumerate(COMMUNE_DOCS):
            agency = f"{'HDND' if doc_type == 'NQ' else 'UBND'}-{suffix}"
            issued = self.rand_day(
                date(2025, 8, 1) + timedelta(days=60 * i), date(2025, 9, 1) + timedelta(days=60 * i)
            )
            doc = DocSpec(
                key=f"commune-{i}",
                doc_type=doc_type,
                agency=agency,
                summary=summary,
                issued_on=issued,
                effective_on=issued + timedelta(days=self.rng.randint(10, 15)),
                register=f"{doc_type}-{agency}/N",
                normative=True,
                fields=(field_code,),
                place=ref.PLACE,
                scope=dict(ref.COMMUNES)[suffix],
                sector=dict((c, n) for c, n, _e in ref.FIELDS)[field_code],
                kind="commune",
                department="",
            )
            doc.signer = ref.term_on(ref.HDND_TERMS, issued).chair if doc_type == "NQ" else ""
            doc.signer = {"GODAU": "Võ Thị Thu", "TANNINH": "Phạm Minh Khoa"}[suffix]
            doc.signer_title = "CHỦ TỊCH"
            doc.signer_capacity = "" if doc_type == "NQ" else "TM. ỦY BAN NHÂN DÂN"
            self.add(doc)
            self.relate(doc.key, RelationKind.BASIS, "L72-2025")
            self.relate(doc.key, RelationKind.BASIS, "L64-2025")
            self.relate(doc.key, RelationKind.BASIS, "L87-2025")
            made.append(doc)
        target = made[0]
        day = target.effective_on + timedelta(days=self.rng.randint(60, 120))  # type: ignore[operator]
        src = self.administrative(
            "suspend-commune",
            agency="CT-UBND-TNH",
            doc_type="QĐ",
            summary=(
                f"Về việc đình chỉ thi hành Nghị quyết số ⟨num:{target.key}⟩ ngày ⟨date:{target.key}⟩ của Hội "
                "đồng nhân dân xã Gò Dầu"
            ),
            issued=day,
            field_code=target.fields[0],
            kind="suspension",
        )
        self.relate(src.key, RelationKind.BASIS, "L72-2025")
        self.relate(src.key, RelationKind.BASIS, "L64-2025")
        self.relate(src.key, RelationKind.SUSPENDS, target.key)

    def not_yet_effective(self) -> None:
        """Documents issued just before the anchor that take effect after it."""
        land = self.docs[self.latest["land-price"]]
        a = self.normative(
            "nye-land-price",
            issuer="UBND",
            summary=self.amendment_summary(land),
            year=2026,
            field_code="dat-dai",
            issued=self.anchor - timedelta(days=10),
            effective=date(self.anchor.year + 1, 1, 1),
            kind="amendment",
        )
        self.standard_bases(a.key, ("land", "land-price"), a.issued_on)
        self.relate(a.key, RelationKind.AMENDS, land.key, provisions="Phụ lục I, Phụ lục III")
        b = self.normative(
            "nye-health-insurance",
            issuer="HĐND",
            summary=(
                "Quy định mức hỗ trợ đóng bảo hiểm y tế cho người thuộc hộ gia đình cận nghèo và một số đối "
                "tượng trên địa bàn tỉnh Tây Ninh"
            ),
            year=2026,
            field_code="y-te",
            issued=self.anchor - timedelta(days=16),
            effective=date(self.anchor.year + 1, 1, 1),
        )
        self.standard_bases(b.key, ("health", "budget"), b.issued_on)
        c = self.normative(
            "nye-tthc-system",
            issuer="UBND",
            summary=(
                "Ban hành Quy chế quản lý, vận hành và khai thác Hệ thống thông tin giải quyết thủ tục hành chính "
                "tỉnh Tây Ninh"
            ),
            year=2026,
            field_code="noi-vu",
            issued=self.anchor - timedelta(days=4),
            effective=self.anchor + timedelta(days=9),
        )
        self.standard_bases(c.key, ("onestop", "onestop-e"), c.issued_on)

    # ----------------------------------------------------------------------------------------- procedures

    ANNOUNCEMENTS: tuple[tuple[str, tuple[int, ...]], ...] = (
        ("ho-tich", (2016, 2020, 2025)),
        ("tu-phap", (2018, 2021, 2025)),
        ("xay-dung", (2019, 2025)),
        ("dat-dai", (2019, 2024)),
        ("y-te", (2020, 2024)),
        ("giao-duc", (2021, 2025)),
        ("lao-dong", (2019, 2022)),
        ("nong-nghiep", (2020, 2024)),
        ("van-hoa", (2021,)),
        ("cong-thuong", (2022,)),
        ("giao-thong", (2020, 2025)),
        ("tai-chinh", (2021,)),
        ("noi-vu", (2023,)),
        ("tai-nguyen-moi-truong", (2022, 2025)),
    )
    MINISTRY = {
        "ho-tich": ("BTP", "BTP"),
        "tu-phap": ("BTP", "BTP"),
        "xay-dung": ("BXD", "BXD"),
        "dat-dai": ("BTNMT", "BTNMT"),
        "y-te": ("BYT", "BYT"),
        "giao-duc": ("BGDDT", "BGDĐT"),
        "lao-dong": ("BLDTBXH", "LĐTBXH"),
        "nong-nghiep": ("BNNPTNT", "BNN-CN"),
        "van-hoa": ("BVHTTDL", "BVHTTDL"),
        "cong-thuong": ("BCT", "BCT"),
        "giao-thong": ("BGTVT", "BGTVT"),
        "tai-chinh": ("BTC", "BTC"),
        "noi-vu": ("BNV", "BNV"),
        "tai-nguyen-moi-truong": ("BTNMT", "BTNMT"),
    }

    def announcements(self) -> None:
        """Decisions of the Chairman announcing administrative procedures (DOMAIN §5.2), per field; a later
        one partly repeals or replaces the lists of earlier ones."""
        names = {c: n for c, n, _e in ref.FIELDS}
        depts = {c: n for c, n, _e, _a in ref.DEPARTMENTS}
        for field_code, years in self.ANNOUNCEMENTS:
            previous: list[DocSpec] = []
            for i, year in enumerate(years):
                day = self.rand_day(date(year, 3, 1), date(year, 11, 15))
                if year == 2025 and day < date(2025, 7, 1):
                    day = self.rand_day(date(2025, 7, 1), date(2025, 10, 30))
                dept = depts[ref.FIELD_DEPARTMENT[field_code]]
                if i == 0:
                    what = "mới ban hành, được sửa đổi, bổ sung"
                elif year >= 2025:
                    what = "được chuẩn hóa, thay thế"
                else:
                    what = "mới ban hành, được sửa đổi, bổ sung, bị bãi bỏ"
                level = "cấp tỉnh, cấp xã" if year >= 2025 else "cấp tỉnh, cấp huyện, cấp xã"
                doc = self.administrative(
                    f"tthc-{field_code}-{year}",
                    agency="CT-UBND-TNH",
                    doc_type="QĐ",
                    summary=(
                        f"Về việc công bố Danh mục thủ tục hành chính {what} trong lĩnh vực {names[field_code]} "
                        f"thuộc thẩm quyền giải quyết của {dept}, Ủy ban nhân dân {level} trên địa bàn tỉnh Tây Ninh"
                    ),
                    issued=day,
                    field_code=field_code,
                    kind="announcement",
                    announces=True,
                )
                doc.extra["level"] = level
                self.relate(doc.key, RelationKind.BASIS, self.org_law(day))
                for key, start, end in (
                    ("ND63-2010", date(2010, 6, 8), None),
                    ("ND48-2013", date(2013, 7, 1), None),
                    ("ND92-2017", date(2017, 9, 25), None),
                    ("TT02-2017-VPCP", date(2017, 12, 15), None),
                    ("ND61-2018", date(2018, 6, 21), date(2025, 7, 1)),
                    ("ND118-2025", date(2025, 7, 1), None),
                ):
                    if day >= start and (end is None or day < end):
                        self.relate(doc.key, RelationKind.BASIS, key)
                ministry, suffix = self.MINISTRY[field_code]
                m_day = day - timedelta(days=self.rng.randint(30, 100))
                m_number = f"{self.rng.randint(100, 3500)}/QĐ-{suffix}"
                doc.extra["ministry"] = (m_number, m_day, ministry)
                self.cite_unresolved(doc.key, RelationKind.BASIS, m_number, "QĐ", m_day)
                self.proposal(doc)
                for law in self.topic_docs(tuple(self.field_topics(field_code)), day, limit=2):
                    self.relate(doc.key, RelationKind.ANNOUNCES, law)
                if previous:
                    last = previous[-1]
                    if year >= 2025:
                        for old in previous:
                            if self.ends.get(old.key) is None:
                                self.relate(doc.key, RelationKind.REPLACES, old.key)
                        doc.extra["replaces_lists"] = [p.key for p in previous]
                    else:
                        provisions = f"Mục {self.rng.choice(['A', 'B'])}, số thứ tự {self.rng.randint(1, 6)}, {self.rng.randint(7, 12)} Phụ lục"
                        self.relate(doc.key, RelationKind.PARTLY_REPEALS, last.key, provisions=provisions)
                        doc.extra["partly_repeals_list"] = (last.key, provisions)
                previous.append(doc)

    @staticmethod
    def field_topics(field_code: str) -> list[str]:
        return {
            "ho-tich": ["civil"],
            "tu-phap": ["notary", "justice"],
            "xay-dung": ["construction"],
            "dat-dai": ["land"],
            "y-te": ["health"],
            "giao-duc": ["edu"],
            "lao-dong": ["social", "labour"],
            "nong-nghiep": ["agri"],
            "van-hoa": ["culture"],
            "cong-thuong": ["industry", "market"],
            "giao-thong": ["traffic"],
            "tai-chinh": ["assets", "fees"],
            "noi-vu": ["onestop", "records"],
            "tai-nguyen-moi-truong": ["env"],
        }[field_code]

    def internal(self) -> None:
        """A few internal administrative decisions (public=False): staff see them, citizens do not."""
        for i, (year, summary) in enumerate(
            (
                (
                    2019,
                    "Về việc phê duyệt danh sách cán bộ, công chức làm đầu mối thực hiện nhiệm vụ kiểm soát thủ tục hành chính",
                ),
                (
                    2022,
                    "Về việc thành lập Tổ công tác rà soát văn bản quy phạm pháp luật phục vụ sắp xếp đơn vị hành chính",
                ),
                (
                    2025,
                    "Về việc phân công cán bộ theo dõi, rà soát văn bản quy phạm pháp luật sau sắp xếp đơn vị hành chính",
                ),
            )
        ):
            day = self.rand_day(date(year, 2, 1), date(year, 10, 30))
            self.administrative(
                f"internal-{i}",
                agency="UBND-TNH",
                doc_type="QĐ",
                summary=summary,
                issued=day,
                field_code="tu-phap",
                kind="internal",
                public=False,
            )

    # ----------------------------------------------------------------------------------------- numbering

    RATES = {
        "QĐ-UBND/N": (30, 70),
        "NQ-HĐND/N": (18, 40),
        "CT-UBND/N": (8, 20),
        "QĐ-UBND/A": (2300, 3200),
        "NQ-HĐND/A": (60, 140),
        "KH-UBND/A": (200, 420),
        "QĐ-TTg/A": (1300, 2100),
    }
    FIXED_RATES = {
        ("QĐ-UBND/N", 2013): 57,
        ("QĐ-UBND/N", 2014): 80,
        ("QĐ-UBND/N", 2017): 40,
        ("QĐ-UBND/N", 2019): 44,
        ("QĐ-UBND/A", 2015): 2600,
    }

    def number_all(self) -> None:
        """Numbers per register and year, in order of issue: VBQPPL 01, 02, … with the year; others without."""
        groups: dict[tuple[str, int], list[DocSpec]] = defaultdict(list)
        for d in self.docs.values():
            if d.central:
                continue
            register = d.register
            if register == "QĐ-UBND/A" or d.agency == "CT-UBND-TNH":
                register = "QĐ-UBND/A"
            groups[(register, d.issued_on.year)].append(d)
        for (register, year), docs in sorted(groups.items()):
            docs.sort(key=lambda d: (d.issued_on, d.key))
            lo, hi = self.RATES.get(register.split("/")[0] + "/" + register.split("/")[-1], (5, 15))
            rate = self.FIXED_RATES.get((register, year)) or self.rng.randint(lo, hi)
            fixed = {int(d.number.split("/")[0]) for d in docs if d.number}
            used: set[int] = set(fixed)
            prev = 0
            for d in docs:
                if d.number:
                    prev = max(prev, int(d.number.split("/")[0]))
                    continue
                doy = d.issued_on.timetuple().tm_yday
                n = max(prev + 1, int(doy * rate / 366) + 1 + self.rng.randint(0, 2))
                nxt = min((f for f in fixed if f > prev), default=None)
                if nxt is not None and n >= nxt:
                    n = prev + 1
                while n in used:
                    n += 1
                used.add(n)
                prev = n
                d.number = self.format_number(d, n)

    def format_number(self, d: DocSpec, n: int) -> str:
        issuer = "HĐND" if d.agency.startswith("HDND") else "TTg" if d.agency == "TTG" else "UBND"
        if d.normative:
            return f"{n:02d}/{d.issued_on.year}/{d.doc_type}-{issuer}"
        return f"{n}/{d.doc_type}-{issuer}"

    def fill_placeholders(self) -> None:
        def sub(match: re.Match[str]) -> str:
            what, key = match.group(1), match.group(2)
            d = self.docs[key]
            if what == "num":
                return d.number
            if what == "date":
                return dmy(d.issued_on)
            return d.summary

        for d in self.docs.values():
            d.summary = _PLACEHOLDER.sub(sub, d.summary)
        numbers = {d.number for d in self.docs.values()}
        clash = self.unresolved_numbers & numbers
        if clash:
            raise ValueError(f"unresolved citations clash with registered numbers: {sorted(clash)}")


def build_plan(seed: int = DEFAULT_SEED, anchor: date = ANCHOR) -> Plan:
    """The demo plan for ``seed`` and ``anchor``: same inputs, same plan. Raises ValueError if inconsistent."""
    return Builder(seed, anchor).build()
