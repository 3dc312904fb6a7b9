"""The chief goes from a citizen promise to its tertial report, in Swedish, and saves a draft."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_from_a_promise_to_its_tertial_report(desktop):
    page = desktop
    log_in(page, "chef@strangnas.example")
    page.get_by_role("navigation").get_by_role("link", name="Medborgarlöften").click()
    page.get_by_role("link", name="Medborgarlöfte 2021").click()

    page.get_by_role("link", name="Tertial 3 (sep–dec) 2021").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uppföljning tertial 3 (sep–dec) 2021"
    )
    row = page.get_by_role("row", name="minst fyra trygghetsvandringar")
    # The last tertial closes the promise: two walks of four is judged, not "not yet".
    expect(row.locator("[data-figure=to-date]")).to_have_text("2")
    expect(row.locator("[data-state]")).to_have_attribute("data-state", "not_met")
    expect(row.locator("[data-state]")).to_contain_text("Målet inte uppnått")
    expect(page.get_by_role("row", name="Bedömda iakttagelser")).to_be_visible()
    expect(page.get_by_role("row", name="Åtgärdade inom utsatt tid")).to_be_visible()

    page.get_by_role("textbox", name="Perioden i korthet").fill(
        "Två vandringar i mörker; belysningen vid resecentrum är åtgärdad."
    )
    page.get_by_role("button", name="Spara utkastet").click()
    expect(page.get_by_role("status").filter(has_text="Uppföljningen har sparats.")).to_be_visible()
    # The saved summary is the draft's text, in the report as readers will see it.
    expect(page.get_by_role("region", name="Perioden i korthet")).to_contain_text(
        "Två vandringar i mörker; belysningen vid resecentrum är åtgärdad."
    )
    pdf = page.request.get(page.url.split("#")[0] + ".pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
