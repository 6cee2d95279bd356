"""Ingest through the test client: upload → pre-filled form → confirm → statuses change; bad files; API."""

from __future__ import annotations

import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import func, select

from registry.documents.models import Document, DocumentFile, Relation
from registry.documents.validity import RelationKind, Status
from registry.ingest.models import IngestItem, ItemStatus
from tests.factories import make_document
from tests.ingest.conftest import ZERO_PAGE_PDF, fixture_text, make_pdf, make_zip_bomb

DECISION = "tni-14-2019-qd-ubnd.txt"


class _FormReader(HTMLParser):
    """Collect what a browser would submit from one form (inputs, checked boxes, selects, textareas)."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, False, []
        self._select: str | None = None
        self._first_option: str | None = None
        self._selected = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") in ("submit", "button", "file"):
                return
            self.values.append((a["name"], a.get("value") or ("y" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select, self._first_option, self._selected = a.get("name"), None, False
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a and not self._selected:
                self._selected = True
                self.values.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            if not self._selected and self._first_option is not None:
                self.values.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._textarea:
            self._text.append(data)


def form_values(html: str, form_id: str = "confirm-form") -> dict[str, list[str]]:
    reader = _FormReader(form_id)
    reader.feed(html)
    out: dict[str, list[str]] = {}
    for k, val in reader.values:
        out.setdefault(k, []).append(val)
    return out


def multipart(name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    """A multipart body built by hand (werkzeug's test builder leaks a temp file above 500 KB)."""
    boundary = "----hieuluc-test-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload(client, data: bytes, name: str, *, json: bool = True):  # type: ignore[no-untyped-def]
    headers = {"Accept": "application/json"} if json else {}
    body, ctype = multipart("files", name, data)
    return client.post("/ingest/", data=body, content_type=ctype, headers=headers)


@pytest.fixture
def registered(session, agencies):  # type: ignore[no-untyped-def]
    ubnd = agencies["UBND-TNH"]
    today = date(2026, 11, 22)
    old = make_document(
        session, "30/2013/QĐ-UBND", agency=ubnd, issued_on=date(2013, 7, 9), effective_on=date(2013, 7, 19)
    )
    directive = make_document(
        session,
        "05/2012/CT-UBND",
        agency=ubnd,
        doc_type="CT",
        issued_on=date(2012, 3, 12),
        effective_on=date(2012, 3, 22),
    )
    decree = make_document(
        session,
        "63/2010/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2010, 6, 8),
        effective_on=date(2010, 10, 14),
        today=today,
    )
    return {"old": old, "directive": directive, "decree": decree}


def _count(session, model) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(func.count()).select_from(model))


def test_upload_prefill_confirm_changes_statuses(officer_client, session, registered, app):
    assert registered["old"].status == Status.IN_FORCE
    pdf = make_pdf(fixture_text(DECISION), title="QĐ 14/2019")
    resp = upload(officer_client, pdf, "qd-14-2019.pdf", json=False)
    assert resp.status_code == 303
    item_url = resp.headers["Location"]
    page = officer_client.get(item_url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # every suggestion shows the line of text it came from
    assert 'value="14/2019/QĐ-UBND"' in html
    assert re.search(r'data-source="number"[^>]*>Số: 14/2019/QĐ-UBND', html)
    assert "Tây Ninh, ngày 26 tháng 4 năm 2019" in html
    assert 'value="26/04/2019"' in html and 'value="06/05/2019"' in html
    assert "Trần Văn Chiến" in html and "KT. CHỦ TỊCH" in html and "PHÓ CHỦ TỊCH" in html
    # bases resolved where registered, kept as citations otherwise; effects with their provisions
    assert f'href="/documents/{registered["decree"].id}" class="resolved">63/2010/NĐ-CP' in html
    assert "61/2018/NĐ-CP" in html and "Luật Tổ chức chính quyền địa phương" in html
    assert 'class="resolved">30/2013/QĐ-UBND' in html
    assert 'value="Điều 8, khoản 2 Điều 9"' in html
    values = form_values(html)
    assert values["agency_id"] == [str(registered["old"].agency_id)]
    resp = officer_client.post(item_url, data=values)
    assert resp.status_code == 303, resp.get_data(as_text=True)[:3000]
    doc = session.scalar(select(Document).where(Document.number == "14/2019/QĐ-UBND"))
    assert doc is not None and doc.effective_on == date(2019, 5, 6) and doc.signer == "Trần Văn Chiến"
    assert resp.headers["Location"].endswith(f"/documents/{doc.id}")
    session.expire_all()
    assert registered["old"].status == Status.EXPIRED
    assert registered["directive"].status == Status.PARTLY_EXPIRED
    rels = {
        (r.kind, r.target_number or r.target_title)
        for r in session.scalars(select(Relation).where(Relation.source_id == doc.id))
    }
    assert (RelationKind.REPLACES, "30/2013/QĐ-UBND") in rels
    assert (RelationKind.PARTLY_REPEALS, "05/2012/CT-UBND") in rels
    assert (RelationKind.BASIS, "63/2010/NĐ-CP") in rels
    assert (RelationKind.BASIS, "61/2018/NĐ-CP") in rels  # unresolved, resolved later by number
    # the file is kept content-addressed and served from the document page
    f = session.scalar(select(DocumentFile).where(DocumentFile.document_id == doc.id))
    assert f.original_name == "qd-14-2019.pdf" and f.pages == 1 and f.text_method == "pdfminer"
    stored = Path(app.config["FILES_DIR"]) / f.sha256[:2] / f.sha256
    assert stored.read_bytes() == pdf
    got = officer_client.get(f"/documents/{doc.id}/files/{f.id}")
    assert got.status_code == 200 and got.data == pdf
    got.close()
    item = session.scalar(select(IngestItem).where(IngestItem.sha256 == f.sha256))
    assert item.status == ItemStatus.CONFIRMED and item.document_id == doc.id
    # the same file again is recognised: it points at the registered document
    again = upload(officer_client, pdf, "copy.pdf")
    body = again.get_json()
    assert body["outcome"] == "registered" and body["document_id"] == doc.id
    assert body["url"] == f"/documents/{doc.id}"
    assert _count(session, Document) == 4


def test_same_file_twice_before_confirmation_is_one_item(officer_client, session, agencies):
    pdf = make_pdf(fixture_text(DECISION))
    first = upload(officer_client, pdf, "a.pdf").get_json()
    second = upload(officer_client, pdf, "b.pdf").get_json()
    assert first["outcome"] == "staged" and second["outcome"] == "pending"
    assert first["item_id"] == second["item_id"] and first["number"] == "14/2019/QĐ-UBND"
    assert _count(session, IngestItem) == 1


def test_probable_duplicate_number_is_flagged(officer_client, session, agencies):
    make_document(
        session,
        "14/2019/QĐ-UBND",
        agency=agencies["UBND-TNH"],
        issued_on=date(2019, 4, 26),
        effective_on=date(2019, 5, 6),
    )
    body = upload(officer_client, make_pdf(fixture_text(DECISION)), "qd.pdf").get_json()
    html = officer_client.get(body["url"]).get_data(as_text=True)
    assert 'id="duplicate"' in html and "Có thể trùng" in html
    values = form_values(html)
    resp = officer_client.post(body["url"], data=values)
    assert resp.status_code == 422 and "đã được đăng ký" in resp.get_data(as_text=True)
    assert _count(session, Document) == 1 and _count(session, DocumentFile) == 0


def test_officer_corrects_before_confirming(officer_client, session, agencies):
    body = upload(officer_client, make_pdf(fixture_text(DECISION)), "qd.pdf").get_json()
    values = form_values(officer_client.get(body["url"]).get_data(as_text=True))
    values["summary"] = ["Ban hành Quy chế một cửa, một cửa liên thông"]
    values["effective_mode"] = ["days"]
    values["effective_days"] = ["10"]
    values["rel-0-include"] = []  # drop the law cited by name
    resp = officer_client.post(body["url"], data={k: v for k, v in values.items() if v})
    assert resp.status_code == 303
    doc = session.scalar(select(Document).where(Document.number == "14/2019/QĐ-UBND"))
    assert doc.summary == "Ban hành Quy chế một cửa, một cửa liên thông"
    assert doc.effective_on == date(2019, 5, 6) and doc.effective_note == "sau 10 ngày kể từ ngày ký"
    titles = [r.target_title for r in session.scalars(select(Relation).where(Relation.source_id == doc.id))]
    assert not any("Luật" in t for t in titles)


def test_failed_confirmation_registers_nothing(officer_client, session, agencies):
    body = upload(officer_client, make_pdf(fixture_text(DECISION)), "qd.pdf").get_json()
    values = form_values(officer_client.get(body["url"]).get_data(as_text=True))
    values["rel-1-target_id"] = ["999999"]  # a registered document that does not exist
    resp = officer_client.post(body["url"], data=values)
    assert resp.status_code == 422
    assert _count(session, Document) == 0 and _count(session, Relation) == 0
    assert session.get(IngestItem, body["item_id"]).status == ItemStatus.PENDING


@pytest.fixture(scope="module")
def bad_files() -> dict[str, tuple[bytes, str, str]]:
    good = make_pdf(fixture_text())
    return {
        "corrupt": (good[:200] + b"\x00garbage\x00" * 50 + b"\n%%EOF\n", "x.pdf", "bị hỏng"),
        "truncated": (good[: len(good) // 2], "x.pdf", "truncated"),
        "encrypted": (make_pdf("Số: 1/QĐ-UBND", encrypt="secret"), "x.pdf", "mật khẩu"),
        "zero pages": (ZERO_PAGE_PDF, "x.pdf", "zero pages"),
        "not a pdf": (b"<html>hello</html>", "x.pdf", "not a PDF"),
        "zip bomb": (make_zip_bomb(), "x.docx", "zip bomb"),
        "empty": (b"", "x.pdf", "0 bytes"),
    }


@pytest.mark.parametrize(
    "kind", ["corrupt", "truncated", "encrypted", "zero pages", "not a pdf", "zip bomb", "empty"]
)
def test_bad_files_get_a_clear_error_and_nothing_is_registered(officer_client, session, bad_files, kind):
    data, name, words = bad_files[kind]
    resp = upload(officer_client, data, name)
    body = resp.get_json()
    assert resp.status_code == 422 and body["outcome"] == "failed"
    assert words in body["error"], body
    page = upload(officer_client, data, name, json=False)  # the plain form shows the same error
    assert page.status_code == 422 and words in page.get_data(as_text=True)
    assert _count(session, Document) == 0 and _count(session, DocumentFile) == 0
    assert session.scalar(select(func.count()).where(IngestItem.status == ItemStatus.PENDING)) == 0


def test_over_the_configured_size_limit(officer_client, session, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_UPLOAD_MB", 1)
    resp = upload(officer_client, b"%PDF-1.4\n" + b"0" * (2**20 + 10) + b"\n%%EOF\n", "big.pdf")
    assert resp.status_code == 422 and "size limit" in resp.get_json()["error"]
    html = upload(officer_client, b"%PDF-1.4\n" + b"0" * (2**20 + 10), "big.pdf", json=False)
    assert html.status_code == 422 and "vượt quá dung lượng" in html.get_data(as_text=True)
    assert _count(session, Document) == 0


def test_several_files_without_javascript(officer_client, session, agencies, bad_files):
    resp = officer_client.post(
        "/ingest/",
        data={
            "files": [
                (io.BytesIO(make_pdf(fixture_text(DECISION))), "good.pdf"),
                (io.BytesIO(bad_files["encrypted"][0]), "locked.pdf"),
                (io.BytesIO(fixture_text().encode()), "old.txt"),
            ]
        },
        content_type="multipart/form-data",
    )
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert html.count('data-outcome="staged"') == 2 and html.count('data-outcome="failed"') == 1
    assert "mật khẩu" in html
    listing = officer_client.get("/ingest/").get_data(as_text=True)
    assert "14/2019/QĐ-UBND" in listing and "30/2013/QĐ-UBND" in listing and "locked.pdf" in listing


def test_discard(officer_client, session, agencies):
    body = upload(officer_client, make_pdf(fixture_text(DECISION)), "qd.pdf").get_json()
    resp = officer_client.post(f"/ingest/items/{body['item_id']}/discard")
    assert resp.status_code == 303
    assert session.get(IngestItem, body["item_id"]).status == ItemStatus.DISCARDED
    assert officer_client.get(body["url"]).status_code == 410


def test_pages_are_for_officers(client, staff_client, session):
    assert staff_client.get("/ingest/").status_code == 403
    assert staff_client.get("/ingest/sheet").status_code == 403


def test_anonymous_is_sent_to_login(client, session):
    resp = client.get("/ingest/")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


# ------------------------------------------------------------------------------------------ API


def test_api_extract_for_officers_only(client, session, users, agencies):
    from tests.conftest import login

    pdf = make_pdf(fixture_text(DECISION))

    def post(data: bytes, name: str = "qd.pdf"):  # type: ignore[no-untyped-def]
        return client.post(
            "/api/v1/ingest/extract",
            data={"file": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )

    assert post(pdf).status_code == 401
    login(client, "staff1")
    assert post(pdf).status_code == 403
    client.post("/logout")
    login(client, "officer1")
    resp = post(pdf)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    body = resp.get_json()
    assert body["file"]["pages"] == 1 and body["file"]["media_type"] == "application/pdf"
    rec = body["record"]
    assert rec["number"]["value"] == "14/2019/QĐ-UBND" and rec["number"]["line"] == "Số: 14/2019/QĐ-UBND"
    assert rec["effective_on"]["value"] == "2019-05-06"
    assert {e["number"]: e["relation"] for e in rec["effects"]} == {
        "30/2013/QĐ-UBND": "replaces",
        "05/2012/CT-UBND": "partly_repeals",
    }
    bad = post(b"<html>hello</html>")
    assert bad.status_code == 422 and bad.get_json()["code"] == "UnsupportedFormat"
    assert "not a PDF" in bad.get_json()["message"]
    missing = client.post("/api/v1/ingest/extract", data={}, content_type="multipart/form-data")
    assert missing.status_code == 422
    assert _count(session, Document) == 0 and _count(session, IngestItem) == 0


def test_api_openapi_lists_extract(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/ingest/extract" in spec["paths"]
    body = spec["paths"]["/api/v1/ingest/extract"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body
