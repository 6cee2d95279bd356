"""An officer registers a document, replaces it with another, and sees the first one's status change.

The live server is shared by every browser test: numbers here differ from the other tests' documents."""

from __future__ import annotations

from tests.browser.conftest import login_as


def _register(page, live_url: str, number: str, issued: str, effective: str, summary: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{live_url}/documents/new")
    page.fill("input[name=number]", number)
    page.select_option("select[name=doc_type]", "QĐ")
    page.select_option("select[name=agency_id]", label="Ủy ban nhân dân tỉnh Tây Ninh (UBND)")
    page.fill("input[name=issued_on]", issued)
    page.fill("input[name=effective_on]", effective)
    page.fill("textarea[name=summary]", summary)
    page.click("#document-form button[type=submit]")
    page.wait_for_selector("article.document")
    return page.url


def test_officer_replaces_a_document_and_sees_its_status_change(page, live_url):  # type: ignore[no-untyped-def]
    login_as(page, live_url, "officer1")
    old_url = _register(
        page, live_url, "30/2013/QĐ-UBND", "09/07/2013", "19/07/2013", "Ban hành Quy định về quản lý tạm trú"
    )
    assert page.locator("#status .badge").get_attribute("data-status") == "in_force"
    new_url = _register(
        page,
        live_url,
        "16/2019/QĐ-UBND",
        "26/04/2019",
        "06/05/2019",
        "Ban hành Quy định mới về quản lý tạm trú",
    )
    page.goto(new_url.rstrip("/") + "/relations")
    page.select_option("select[name=kind]", "replaces")
    page.fill("input[name=target_number]", "30/2013/QĐ-UBND")
    page.click("#preview")
    impact = page.locator("#impact")
    impact.wait_for()
    assert "30/2013/QĐ-UBND" in impact.inner_text()
    assert impact.locator("[data-status=expired]").count() == 1
    page.click("#confirm")
    page.wait_for_selector("article.document")
    page.goto(old_url)
    assert page.locator("#status .badge").get_attribute("data-status") == "expired"
    reason = page.locator("#status-reason").inner_text()
    assert "16/2019/QĐ-UBND" in reason and "06/05/2019" in reason
    # as of a day before the replacement it was still in force
    page.fill("input[name=as_of]", "01/01/2019")
    page.click("form.filters button[type=submit]")
    assert page.locator(".as-of .badge").get_attribute("data-status") == "in_force"


def test_document_page_is_usable_on_a_phone(phone_page, live_url):  # type: ignore[no-untyped-def]
    phone_page.goto(f"{live_url}/documents/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the list overflows a phone screen: {width}px"
