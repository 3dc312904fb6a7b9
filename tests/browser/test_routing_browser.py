"""The routing rules page by keyboard at 1366×900: a rule for one owner is added and listed, and
the page never scrolls sideways."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

OVERFLOW = """() => {
  const found = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    found.push(`page ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
  }
  for (const wrap of document.querySelectorAll(".table-wrap")) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      found.push(`${wrap.className} scrolls sideways: ${wrap.scrollWidth} > ${wrap.clientWidth}`);
    }
  }
  return found;
}"""


def _tab_to(page, element_id: str, limit: int = 400) -> None:
    """Press Tab until the element has the focus: it is reachable by keyboard."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def _choose(page, select_id: str, value: str) -> None:
    """Choose an option of the focused select with the arrow keys, as a keyboard user does."""
    steps = page.evaluate(
        """([id, value]) => {
          const select = document.getElementById(id);
          const wanted = [...select.options].findIndex((o) => o.value === value);
          return wanted - select.selectedIndex;
        }""",
        [select_id, value],
    )
    assert steps is not None
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert page.eval_on_selector(f"#{select_id}", "(s) => s.value") == value


def test_a_rule_is_added_by_keyboard_and_listed(browser, live_server):
    _playwright, chromium = browser
    context = chromium.new_context(
        base_url=live_server, locale="sv-SE", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    log_in(page, "chef@strangnas.example")
    assert page.goto("/routing/").ok
    assert page.evaluate(OVERFLOW) == []
    assert page.locator("#rule-lighting_missing-private_road").count() == 0

    page.keyboard.press("Tab")  # from the top of the page, as a keyboard user starts
    _tab_to(page, "category_code")
    _choose(page, "category_code", "lighting_missing")
    page.keyboard.press("Tab")
    _choose(page, "place_owner", "private_road")
    page.keyboard.press("Tab")
    organisation = page.evaluate(
        """() => [...document.getElementById("new-organisation").options]
                  .find((o) => o.text === "Trafikverket").value"""
    )
    _choose(page, "new-organisation", organisation)
    page.keyboard.press("Tab")
    page.keyboard.type("enskild väg i kommunens ansvar")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    row = page.locator("#rule-lighting_missing-private_road")
    assert row.count() == 1
    assert row.locator("select").evaluate("(s) => s.options[s.selectedIndex].text") == (
        "Trafikverket"
    )
    assert row.locator("input[name=note]").input_value() == "enskild väg i kommunens ansvar"
    assert page.locator(".message--success").count() == 1
    assert page.evaluate(OVERFLOW) == []
    context.close()
