"""Upload in Chromium: choose files (set_input_files stands in for drag and drop), per-file progress,
the pre-filled form with its source lines, confirm."""

from __future__ import annotations

import re

from tests.browser.conftest import login_as
from tests.ingest.conftest import fixture_text, make_pdf


def test_upload_several_files_see_progress_prefill_and_confirm(page, live_url):
    login_as(page, live_url, "officer1")
    page.goto(f"{live_url}/ingest/")
    decision = make_pdf(fixture_text("tni-14-2019-qd-ubnd.txt"))
    page.set_input_files(
        "#files",
        [
            {"name": "qd-14-2019.pdf", "mimeType": "application/pdf", "buffer": decision},
            {"name": "not-really.pdf", "mimeType": "application/pdf", "buffer": b"<html>no</html>"},
        ],
    )
    rows = page.locator("#progress li")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#progress li')].every("
        "li => ['done', 'failed'].includes(li.dataset.state))"
        " && document.querySelectorAll('#progress li').length === 2"
    )
    assert rows.count() == 2
    good = page.locator("#progress li", has_text="qd-14-2019.pdf")
    bad = page.locator("#progress li", has_text="not-really.pdf")
    assert good.get_attribute("data-state") == "done"
    assert good.locator("progress").get_attribute("value") == "100"
    assert "14/2019/QĐ-UBND" in good.inner_text()
    assert bad.get_attribute("data-state") == "failed" and "not a PDF" in bad.inner_text()

    good.get_by_role("link").click()
    page.wait_for_url(re.compile(r".*/ingest/items/\d+$"))
    assert page.input_value("#number") == "14/2019/QĐ-UBND"
    assert page.input_value("#issued_on") == "26/04/2019"
    assert page.locator("#agency_id option:checked").inner_text().startswith("Ủy ban nhân dân tỉnh Tây Ninh")
    assert "Số: 14/2019/QĐ-UBND" in page.locator("[data-source=number]").inner_text()
    assert page.locator("#relations tr[data-kind=replaces] input[name$=-number]").input_value() == (
        "30/2013/QĐ-UBND"
    )
    page.click("#confirm-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    assert "14/2019/QĐ-UBND" in page.locator("h1").inner_text()
    assert page.locator(".flash-ok").count() == 1
