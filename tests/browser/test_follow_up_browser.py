"""The chief and the kommunpolis write, approve and publish a follow-up; anyone reads it, frozen."""

import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

DESK = {"width": 1366, "height": 900}
WIDE = {"width": 1920, "height": 1080}
PROMISE = "Medborgarlöfte 2021"
REPORT = "Follow-up tertial 2 (May–Aug) 2021"
PERIOD_LINK = "Tertial 2 (May–Aug) 2021"
SUMMARY = "Tertialen präglades av mopedbilar kring skolorna och två välbesökta föräldraträffar."
PARENTS_DONE = "Föräldraträff på Paulinskolan tillsammans med närpolisen."
PARENTS_OUTCOME = "Föräldrarna vet nu vart de vänder sig med oro om mopedbilar."
PARENTS_NEXT = "En andra föräldraträff planeras på Karsby skola i höst."
DOGS_DONE = "Narkotikasöket med hund sköts upp: hundföraren var kommenderad till annan ort."
DOGS_NEXT = "Två sök på gymnasieskolan under september."
PARENTS = "7. Kommunen samordnar minst två föräldraträffar på skolor där polisen medverkar."
DOGS = "2. Polisen genomför narkotikasök med hund på skolor i förebyggande syfte."
LATE_NOTE = "Extra föräldraträff på Finningeskolan, loggad efter publiceringen"


def _in_english(page) -> None:
    """The app's own words in English (the msgids), so the test holds before and after Swedish."""
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def _staff(browser, live_server, email: str):
    _playwright, chromium = browser
    context = chromium.new_context(viewport=DESK, base_url=live_server)
    page = context.new_page()
    log_in(page, email)
    _in_english(page)
    return context, page


def _press(page, name: str) -> None:
    """Use a button as a keyboard user does: focus it and press Enter."""
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")


def _no_horizontal_overflow(page) -> None:
    for size in (DESK, WIDE):
        page.set_viewport_size(size)
        overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert overflow[0] <= overflow[1], (size, overflow)
    page.set_viewport_size(DESK)


def _pdf_text(page, href: str) -> str:
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF")
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(body))
    # Lines wrap anywhere: compare the text with its whitespace folded.
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _done(card) -> int:
    """What the promise page says is done toward a commitment, to date."""
    text = card.locator("label", has_text="Done:").inner_text()
    return int(re.search(r"Done: (\d+) of", text).group(1))


def _commitment_row(page, text: str):
    return page.get_by_role("table", name="What was done per commitment").get_by_role(
        "row", name=text
    )


def test_both_sides_publish_a_follow_up_that_stays_frozen(browser, live_server):
    chief_context, chief = _staff(browser, live_server, "chef@strangnas.example")
    police_context, police = _staff(browser, live_server, "kommunpolis@strangnas.example")
    _playwright, chromium = browser
    reader_context = chromium.new_context(viewport=DESK, base_url=live_server)
    reader = reader_context.new_page()
    try:
        # The chief finds the period from the promise and writes the summary by keyboard.
        chief.get_by_role("navigation").get_by_role("link", name="Citizen promises").click()
        chief.get_by_role("link", name=PROMISE, exact=True).click()
        chief.get_by_role("table", name=re.compile("follow-up reports")).get_by_role(
            "link", name=PERIOD_LINK
        ).click()
        expect(chief.get_by_role("heading", level=1)).to_have_text(REPORT)
        report_url = chief.url
        expect(_commitment_row(chief, PARENTS).get_by_role("cell").nth(0)).to_have_text("1")
        summary = chief.get_by_role("textbox", name="The period in brief")
        summary.focus()
        chief.keyboard.type(SUMMARY)
        chief.keyboard.press("Tab")  # the next field is the first commitment's first text
        first = chief.get_by_role("group").filter(has_text="1. Områdespolisen")
        expect(first.get_by_label("What we did")).to_be_focused()
        parents = chief.get_by_role("group", name=PARENTS)
        parents.get_by_label("What we did").fill(PARENTS_DONE)
        parents.get_by_label("Outcome").fill(PARENTS_OUTCOME)
        parents.get_by_label("Next step").fill(PARENTS_NEXT)
        _press(chief, "Save the draft")
        expect(chief.get_by_role("status").filter(has_text="saved")).to_be_visible()
        expect(chief.locator("#commitment-17")).to_contain_text(PARENTS_OUTCOME)

        # The kommunpolis writes for a police commitment before it goes for approval: a text
        # changed later takes the follow-up back to draft and clears the approvals.
        police.goto(report_url)
        expect(police.get_by_role("heading", level=1)).to_have_text(REPORT)
        expect(police.get_by_role("textbox", name="The period in brief")).to_have_value(SUMMARY)
        dogs = police.get_by_role("group", name=DOGS)
        dogs.get_by_label("What we did").fill(DOGS_DONE)
        dogs.get_by_label("Next step").fill(DOGS_NEXT)
        _press(police, "Save the draft")
        expect(police.get_by_role("status").filter(has_text="saved")).to_be_visible()
        expect(police.locator("#commitment-12")).to_contain_text(DOGS_DONE)
        # The chief's texts were kept by the police's save.
        expect(police.locator("#commitment-17")).to_contain_text(PARENTS_DONE)

        # The chief sends it for approval and approves for the municipality.
        chief.reload()
        expect(chief.locator("#commitment-12")).to_contain_text(DOGS_DONE)
        _press(chief, "Ready for approval")
        expect(chief.locator("article.report")).to_have_attribute("data-status", "ready")
        _press(chief, "Approve")
        workflow = chief.get_by_role("region", name="Approval and publication")
        expect(workflow).to_contain_text("approved by Sara Säkerhetschef")
        expect(workflow.get_by_role("button", name="Approve")).to_have_count(0)
        expect(workflow.get_by_role("button", name="Publish")).to_have_count(0)

        # The kommunpolis approves for the police and publishes.
        police.reload()
        _press(police, "Approve")
        expect(police.locator("article.report")).to_have_attribute("data-status", "approved")
        _press(police, "Publish")
        expect(police.get_by_role("status").filter(has_text="published")).to_be_visible()
        expect(police.locator("article.report")).to_have_attribute("data-version", "1")

        # Anyone, without login, finds it on the municipality's public page.
        reader.goto("/")
        _in_english(reader)
        reader.goto("/p/strangnas/")
        promise = reader.locator("article.public-promise").filter(
            has=reader.get_by_role("heading", name=PROMISE, exact=True)
        )
        promise.get_by_role("link", name=PERIOD_LINK).click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(REPORT)
        expect(reader.get_by_role("button", name="Log out")).to_have_count(0)
        public_url = reader.url
        main = reader.get_by_role("main")
        for text in (SUMMARY, PARENTS_DONE, PARENTS_OUTCOME, PARENTS_NEXT, DOGS_DONE, DOGS_NEXT):
            expect(main).to_contain_text(text)
        expect(main).not_to_contain_text("Sara Säkerhetschef")  # the writers' names stay inside
        expect(_commitment_row(reader, PARENTS).get_by_role("cell").nth(0)).to_have_text("1")
        parents_card = reader.locator("#commitment-17")
        expect(parents_card.get_by_role("heading", name="1 activity")).to_be_visible()
        _no_horizontal_overflow(reader)
        pdf_href = reader.get_by_role("link", name="As PDF").get_attribute("href")
        published_pdf = _pdf_text(reader, pdf_href)
        assert SUMMARY in published_pdf
        assert PARENTS_OUTCOME in published_pdf

        # Afterwards the chief logs a parent meeting in that period from the promise page.
        chief.get_by_role("link", name=PROMISE, exact=True).click()
        card = chief.locator("li.card#c17")
        done_before = _done(card)
        card.get_by_role("link", name="Log an activity for commitment 7").click()
        expect(chief.get_by_role("heading", level=1)).to_have_text("Log an activity")
        expect(chief.get_by_label("Kind of activity")).to_have_value("parent_meeting")
        expect(chief.get_by_role("checkbox", name=PARENTS)).to_be_checked()
        chief.get_by_label("Date").fill("2021-06-09")
        count = chief.get_by_label("Number of occasions")
        count.focus()
        chief.keyboard.press("Control+A")
        chief.keyboard.type("1")
        chief.get_by_label("Quantity, if counted").fill("35")
        chief.get_by_label("Note (what was done, never about a person)").fill(LATE_NOTE)
        _press(chief, "Log")
        expect(chief.get_by_role("status").filter(has_text="logged")).to_be_visible()
        card = chief.locator("li.card#c17")
        expect(card.locator("label")).to_have_text(f"Done: {done_before + 1} of 2")
        expect(card).to_contain_text(LATE_NOTE)

        # The published version does not move: page, PDF and the staff's view of it.
        reader.goto(public_url)
        expect(_commitment_row(reader, PARENTS).get_by_role("cell").nth(0)).to_have_text("1")
        expect(_commitment_row(reader, PARENTS).get_by_role("cell").nth(1)).to_have_text("1")
        parents_card = reader.locator("#commitment-17")
        expect(parents_card.get_by_role("heading", name="1 activity")).to_be_visible()
        expect(parents_card).not_to_contain_text("Jun 9, 2021")
        expect(reader.get_by_role("main")).not_to_contain_text(LATE_NOTE)
        assert _pdf_text(reader, pdf_href) == published_pdf
        chief.goto(report_url)
        expect(chief.locator("article.report")).to_have_attribute("data-version", "1")
        expect(_commitment_row(chief, PARENTS).get_by_role("cell").nth(0)).to_have_text("1")
        _no_horizontal_overflow(chief)

        # A correction's draft counts the new activity; the public still reads version 1.
        _press(chief, "Start a correction")
        expect(chief.locator("article.report")).to_have_attribute("data-status", "draft")
        expect(_commitment_row(chief, PARENTS).get_by_role("cell").nth(0)).to_have_text("2")
        expect(chief.get_by_role("textbox", name="The period in brief")).to_have_value(SUMMARY)
        reader.reload()
        expect(reader.locator("article.report")).to_have_attribute("data-version", "1")
        expect(_commitment_row(reader, PARENTS).get_by_role("cell").nth(0)).to_have_text("1")
    finally:
        reader_context.close()
        police_context.close()
        chief_context.close()
