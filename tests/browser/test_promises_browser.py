"""The chief goes from a citizen promise to its tertial report and publishes it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_from_a_promise_to_its_tertial_report(desktop):
    page = desktop
    log_in(page, "chef@strangnas.example")
    page.get_by_role("navigation").get_by_role("link", name="Medborgarlöften").click()
    page.get_by_role("link", name="Medborgarlöfte 2021").click()
    walks = page.locator("li.card", has_text="minst fyra trygghetsvandringar")
    expect(walks.get_by_text("Genomfört: 2 av 4")).to_be_visible()

    page.get_by_role("link", name="Tertial 3 2021").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning Tertial 3 2021")
    row = page.get_by_role("row", name="minst fyra trygghetsvandringar")
    expect(row.get_by_role("cell").nth(0)).to_have_text("2")
    expect(page.get_by_role("row", name="Iakttagelser med beslut")).to_be_visible()
    expect(page.get_by_text("Utkast: bara säkerhetschefen ser det")).to_be_visible()

    page.get_by_label("Säkerhetschefens redovisning av perioden").fill(
        "Två vandringar i mörker; belysningen vid resecentrum är åtgärdad."
    )
    page.get_by_role("button", name="Spara och publicera").click()
    expect(page.get_by_role("status").filter(has_text="Uppföljningen har sparats.")).to_be_visible()
    expect(page.locator("p.note", has_text="Två vandringar i mörker")).to_be_visible()
    expect(page.get_by_text("Publicerad", exact=False).first).to_be_visible()
    pdf = page.request.get(page.url + ".pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
