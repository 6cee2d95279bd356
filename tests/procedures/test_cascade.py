"""The issue's cascade: an officer records that a basis was replaced → the procedures based on it are
"broken" at once, in the page, the API and the feed."""

from __future__ import annotations

from datetime import date

from tests.factories import make_document


def test_replacing_a_basis_breaks_the_procedure_everywhere(officer_client, session, announced, agencies):
    p1 = announced["p1"]
    assert officer_client.get(f"/api/v1/procedures/{p1.id}").get_json()["health"] == "ok"
    new = make_document(
        session,
        "200/2026/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2026, 1, 1),
        effective_on=date(2026, 2, 1),
    )
    # the officer records the relation on the new decree's page: "thay thế" 106/2024/NĐ-CP
    resp = officer_client.post(
        f"/documents/{new.id}/relations",
        data={
            "kind": "replaces",
            "direction": "out",
            "target_id": str(announced["106"].id),
            "action": "save",
        },
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[-1500:]
    reason = "Căn cứ 106/2024/NĐ-CP bị thay thế bởi 200/2026/NĐ-CP từ 01/02/2026"
    page = officer_client.get(f"/procedures/{p1.id}").get_data(as_text=True)
    assert 'data-health="broken"' in page and reason in page
    api = officer_client.get(f"/api/v1/procedures/{p1.id}").get_json()
    assert api["health"] == "broken" and api["health_reason"] == reason
    assert api["bases"][0]["document_status"] == "expired"
    feed = officer_client.get("/feeds/procedures.atom").get_data(as_text=True)
    assert "health:broken" in feed and reason in feed
    listing = officer_client.get("/procedures/?health=broken").get_data(as_text=True)
    assert p1.name in listing


def test_an_amendment_turns_health_to_attention_and_opens_a_review_at_once(session, announced, agencies):
    """An amendment changes no status; the procedure's health and its review task follow immediately."""
    from sqlalchemy import select

    from registry.documents import services as documents
    from registry.documents import validity as v
    from registry.reviews.models import ReviewTask

    p1 = announced["p1"]
    amending = make_document(
        session,
        "150/2026/NĐ-CP",
        agency=agencies["CP"],
        doc_type="NĐ",
        issued_on=date(2026, 6, 1),
        effective_on=date(2026, 7, 15),
    )
    documents.add_relation(
        session,
        amending,
        v.RelationKind.AMENDS,
        target=announced["106"],
        provisions="Điều 8",
        today=date(2026, 11, 22),
    )
    session.refresh(p1)
    assert p1.health.value == "attention"
    tasks = session.scalars(select(ReviewTask).where(ReviewTask.procedure_id == p1.id)).all()
    assert tasks, "an amended basis opens a review task without waiting for the daily job"
