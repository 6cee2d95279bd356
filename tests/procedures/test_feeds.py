"""Atom feeds: well-formed Atom, the right entries, never an internal document."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree as ET

from registry.documents import services as doc_services
from registry.documents import validity as v
from registry.procedures import services
from tests.factories import make_document
from tests.procedures.conftest import CODE_1, TODAY

A = "{http://www.w3.org/2005/Atom}"


def atom(client, url: str) -> ET.Element:
    resp = client.get(url)
    assert resp.status_code == 200, url
    assert resp.mimetype == "application/atom+xml"
    root = ET.fromstring(resp.get_data())
    assert root.tag == f"{A}feed"
    # RFC 4287 §4.1.1: id, title, updated, an author (feed level here), a self link
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{tag}") is not None, tag
    assert root.find(f"{A}link[@rel='self']") is not None
    for entry in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{A}{tag}") is not None and entry.find(f"{A}{tag}").text, tag
        assert entry.find(f"{A}link[@rel='alternate']").get("href").startswith("http")
    return root


def titles(root: ET.Element) -> list[str]:
    return [e.find(f"{A}title").text for e in root.findall(f"{A}entry")]


def test_procedure_feeds_all_per_field_and_per_agency(client, session, announced, agencies):
    from registry.documents.models import Field

    field = session.query(Field).filter_by(code="ho-tich").one()
    services.update_procedure(
        session,
        announced["p1"],
        {"field_id": field.id, "agency_id": agencies["UBND-TNH"].id},
        expected_version=None,
        today=TODAY,
    )
    all_titles = titles(atom(client, "/feeds/procedures.atom"))
    assert len(all_titles) == 2 and all("[Mới ban hành]" in t for t in all_titles)
    assert len(titles(atom(client, f"/feeds/procedures/field/{field.id}.atom"))) == 1
    assert len(titles(atom(client, f"/feeds/procedures.atom?agency={agencies['UBND-TNH'].id}"))) == 1
    assert titles(atom(client, f"/feeds/procedures/agency/{agencies['CP'].id}.atom")) == []


def test_repeal_appears_in_the_procedure_feed(client, session, announced, agencies):
    later = make_document(
        session, "88/QĐ-UBND", agency=agencies["CT-UBND-TNH"], issued_on=date(2025, 8, 3), normative=False
    )
    services.register_announcement(
        session, later, [{"procedure_code": CODE_1, "action": "repealed"}], today=TODAY
    )
    root = atom(client, "/feeds/procedures.atom")
    repealed = [e for e in root.findall(f"{A}entry") if e.find(f"{A}title").text.startswith("[Bãi bỏ]")]
    assert len(repealed) == 1 and "không còn áp dụng" in repealed[0].find(f"{A}summary").text


def test_internal_documents_never_appear(client, session, agencies, announced):
    internal = make_document(
        session,
        "99/QĐ-UBND",
        agency=agencies["CT-UBND-TNH"],
        issued_on=date(2025, 1, 2),
        normative=False,
        public=False,
        summary="Quyết định nội bộ mật",
    )
    services.register_announcement(
        session, internal, [{"procedure_code": CODE_1, "action": "amended"}], today=TODAY
    )
    for url in ("/feeds/documents.atom", "/feeds/validity.atom", "/feeds/procedures.atom"):
        body = client.get(url).get_data(as_text=True)
        assert "99/QĐ-UBND" not in body and "nội bộ mật" not in body, url
    assert "106/2024/NĐ-CP" in client.get("/feeds/documents.atom").get_data(as_text=True)


def test_validity_feed_lists_status_changes_up_to_today(client, session, announced, agencies):
    new = make_document(
        session,
        "200/2026/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2026, 1, 1),
        effective_on=date(2026, 2, 1),
    )
    doc_services.add_relation(session, new, v.RelationKind.REPLACES, target=announced["106"], today=TODAY)
    future = make_document(
        session,
        "300/2099/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2099, 1, 1),
        effective_on=date(2099, 2, 1),
    )
    root = atom(client, "/feeds/validity.atom")
    ts = titles(root)
    assert any(t.startswith("106/2024/NĐ-CP: Hết hiệu lực toàn bộ từ 01/02/2026") for t in ts)
    assert not any(future.number in t and "2099" in t.split("từ")[-1] for t in ts)


def test_pages_link_to_the_feeds(client, session, announced):
    html = client.get(f"/procedures/{announced['p1'].id}").get_data(as_text=True)
    head = html.split("</head>")[0]
    assert head.count('rel="alternate" type="application/atom+xml"') >= 3
    assert 'href="/feeds/procedures.atom' in html.split("</head>")[1]
    assert "Theo dõi qua Atom" in client.get("/feeds/").get_data(as_text=True)
