"""A desk that fits: every staff page at 1280×720, 1366×768 and 1920×1080 is no wider than the
window, the review list and the action queue read without sideways scrolling, the maps are large
enough to work with, date inputs are as tall as other inputs, the report's chart labels are whole
and the review's sticky selection bar never covers the personal-data badge."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.conftest import log_in
from walkapp.actions.models import Action
from walkapp.observations.models import Observation
from walkapp.places.models import Municipality
from walkapp.promises.models import Promise
from walkapp.walks.models import Walk

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1366, 768), (1920, 1080)]
LONG_NOTE = (
    "Belysningen längs gångvägen mellan resecentrum och Västerviksskolan är släckt sedan "
    "flera veckor; buskagen har vuxit över stigen och det är svårt att se vem som kommer emot."
)


@pytest.fixture(scope="module")
def ids(live_app):
    """The demo's ids, with a few Strängnäs notes made long and flagged for personal data, so
    the review list holds wide rows and the badge the sticky bar must not cover."""
    with Session(live_app.extensions["walkapp.engine"]) as db:
        strangnas = db.scalar(select(Municipality).where(Municipality.slug == "strangnas"))
        mine = Observation.municipality_id == strangnas.id
        for observation in db.scalars(select(Observation).where(mine).limit(40)).all()[::3]:
            observation.note = LONG_NOTE
            observation.is_flagged = True
        db.commit()
        walk = db.scalar(
            select(Walk).where(Walk.municipality_id == strangnas.id, Walk.status == "closed")
        )
        promise = db.scalar(select(Promise).where(Promise.title == "Medborgarlöfte 2021"))
        action = db.scalar(
            select(Action)
            .where(Action.municipality_id == strangnas.id)
            .where(Action.organisation.has(name="Teknik- och servicekontoret"))
        )
        return {
            "walk": walk.id,
            "observation": db.scalar(select(Observation.id).where(mine)),
            "promise": promise.id,
            "action": action.id,
        }


def _pages(ids) -> dict[str, list[str]]:
    return {
        "chef@strangnas.example": [
            "/review/",
            "/review/?status=received&status=triaged",
            "/actions/",
            f"/actions/{ids['action']}",
            f"/promises/{ids['promise']}/reports/2021-T2",
            f"/promises/{ids['promise']}/reports/2021-T3",
            "/walks/",
            f"/walks/{ids['walk']}",
            f"/observations/{ids['observation']}",
            f"/observations/walks/{ids['walk']}/publication",
            "/promises/",
            f"/promises/{ids['promise']}",
        ],
        "admin@walkapp.example": [
            "/",
            "/review/",  # both municipalities: a column names each row's
            "/actions/",
            "/admin/users",
            "/admin/organisations",
            "/admin/maps",
            "/admin/privacy",
            "/admin/outbox/",
        ],
        "teknik@strangnas.example": ["/actions/", f"/actions/{ids['action']}"],
    }


# Everything measured in the page itself; each check returns the problems it found as text.
MEASURE = """() => {
  const found = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    found.push(`page ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
  }
  // The lists: no cell cut off, no container scrolling sideways.
  for (const wrap of document.querySelectorAll(".table-wrap, .review__list, .queue-list")) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      found.push(`${wrap.className} scrolls sideways: ${wrap.scrollWidth} > ${wrap.clientWidth}`);
    }
  }
  const cells = ".review-table th, .review-table td, .card-list li";
  for (const cell of document.querySelectorAll(cells)) {
    if (cell.scrollWidth > cell.clientWidth + 1) {
      const what = cell.textContent.trim().slice(0, 40);
      found.push(`cell cut: "${what}" ${cell.scrollWidth} > ${cell.clientWidth}`);
    }
  }
  // The maps: large enough to work with.
  for (const map of document.querySelectorAll(".review-map, .walk-map")) {
    const box = map.getBoundingClientRect();
    if (box.height < 400) found.push(`map #${map.id} only ${Math.round(box.height)} px tall`);
  }
  // Date inputs as tall as text inputs.
  const text = [...document.querySelectorAll("input[type=text], input[type=email], select")]
    .find((input) => input.offsetParent !== null && !input.multiple);
  const dates = document.querySelectorAll("input[type=date]");
  if (dates.length && text) {
    const height = text.getBoundingClientRect().height;
    for (const input of dates) {
      const h = input.getBoundingClientRect().height;
      if (input.offsetParent !== null && Math.abs(h - height) > 2) {
        const sizes = `${Math.round(h)} px tall, text inputs ${Math.round(height)} px`;
        found.push(`date input ${input.name} ${sizes}`);
      }
    }
  }
  // The report's chart: every label whole and inside its drawing.
  for (const svg of document.querySelectorAll(".chart svg")) {
    const frame = svg.getBoundingClientRect();
    for (const label of svg.querySelectorAll("text")) {
      const box = label.getBoundingClientRect();
      if (label.textContent.includes("…") || label.textContent.includes("...")) {
        found.push(`chart label cut: "${label.textContent}"`);
      }
      if (box.left < frame.left - 1 || box.right > frame.right + 1 ||
          box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
        found.push(`chart label outside its chart: "${label.textContent}"`);
      }
    }
    // A label ends before its bar begins (a label running under the bar is cut as well).
    for (const bar of svg.querySelectorAll("rect")) {
      const label = bar.previousElementSibling;
      if (label && label.getBoundingClientRect().right > bar.getBoundingClientRect().left) {
        found.push(`chart label runs into its bar: "${label.textContent}"`);
      }
    }
  }
  return found;
}"""

# The sticky selection bar and each personal-data badge, after bringing the badge into view the
# way the browser does for a keyboard user (scrollIntoView honours the page's scroll padding).
BADGES = """() => {
  const found = [];
  const bar = document.querySelector(".selection");
  if (!bar) return found;
  for (const badge of document.querySelectorAll(".review-table .badge--flag")) {
    window.scrollTo(0, 0);
    badge.scrollIntoView({block: "nearest"});
    const a = badge.getBoundingClientRect();
    const b = bar.getBoundingClientRect();
    const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    if (!apart) found.push(`the selection bar covers the badge at y=${Math.round(a.top)}`);
  }
  window.scrollTo(0, 0);
  return found;
}"""


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_staff_page_fits_the_desk(browser, live_server, ids, width, height):
    _playwright, chromium = browser
    found = []
    for email, urls in _pages(ids).items():
        context = chromium.new_context(
            base_url=live_server, locale="sv-SE", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        log_in(page, email)
        for url in urls:
            response = page.goto(url)
            assert response.ok, f"{url}: {response.status}"
            page.wait_for_load_state("networkidle")
            found += [f"{width}x{height} {email} {url}: {p}" for p in page.evaluate(MEASURE)]
            found += [f"{width}x{height} {email} {url}: {p}" for p in page.evaluate(BADGES)]
        context.close()
    assert not found, "\n".join(found)


def test_the_review_has_badges_and_a_date_filter_to_measure(browser, live_server, ids):
    """The checks above are not empty: the review list shows flagged notes and the date filters."""
    _playwright, chromium = browser
    context = chromium.new_context(
        base_url=live_server, locale="sv-SE", viewport={"width": 1366, "height": 768}
    )
    page = context.new_page()
    log_in(page, "chef@strangnas.example")
    page.goto("/review/")
    assert page.locator(".review-table .badge--flag").count() >= 2
    assert page.locator("input[type=date]:visible").count() == 2
    assert page.locator(".review-map").count() == 1
    page.goto(f"/promises/{ids['promise']}/reports/2021-T3")
    assert page.locator(".chart svg rect").count() >= 2
    # The longest demo label, once cut to "ordningsstör…", is there whole (on two lines).
    label = page.locator(".chart svg text", has_text="Otrygg samlingsplats")
    assert label.text_content() == "Otrygg samlingsplats,ordningsstörning"
    context.close()
