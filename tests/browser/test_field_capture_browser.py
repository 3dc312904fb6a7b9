"""Quick capture on the field page: photo, category, Save in three taps, on every phone's width."""

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser import test_field_browser as field_tests
from tests.browser.test_accessibility import _violations
from walkapp.observations.models import Observation
from walkapp.photos.models import Photo

pytestmark = pytest.mark.browser

# The field tests' walk, phone, joining and counting: one way to join, shared.
field_phone = field_tests.field_phone
_join = field_tests._join
_stored = field_tests._stored

WIDTHS = (320, 360, 390, 430)


def _photo(tmp_path, name="street.jpg", colour=(30, 90, 160)):
    path = tmp_path / name
    Image.new("RGB", (800, 600), colour).save(path, "JPEG")
    return path


def _save_button(page):
    return page.get_by_role("button", name="Spara", exact=True)


def _open_form(page):
    page.get_by_role("button", name="+ Ny iakttagelse").tap()
    expect(page.locator("#position-text")).to_contain_text("±8 m")


def _within_screen(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def _three_taps(page, photo, category="Belysning saknas/trasig"):
    """Take a photo, choose a category, save: Save is on the screen throughout, no scrolling."""
    assert _within_screen(page, _save_button(page))
    page.get_by_label("Ta ett foto").set_input_files(photo)  # tap 1: the camera's photo
    expect(page.locator("#photo-text")).to_have_text("1 foto valt.")
    page.get_by_label(category).tap()  # tap 2
    assert _within_screen(page, _save_button(page))
    _save_button(page).tap()  # tap 3
    expect(page.locator("#observation-form")).to_be_hidden()


def _photos_of(walk) -> list[tuple[str, int]]:
    walk.session.expire_all()
    observations = walk.session.scalars(
        select(Observation).where(Observation.walk_id == walk.id)
    ).all()
    return [
        (
            o.category_code,
            len(walk.session.scalars(select(Photo).where(Photo.observation_id == o.id)).all()),
        )
        for o in observations
    ]


def test_a_photo_and_a_category_are_saved_in_three_taps(field_phone, walk, tmp_path):
    context, page = field_phone
    _join(page, walk)
    _open_form(page)
    _three_taps(page, _photo(tmp_path))
    status = page.locator("#capture-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("Iakttagelsen är skickad.", timeout=20_000)
    assert _photos_of(walk) == [("lighting_missing", 1)]


def test_three_taps_offline_are_kept_and_arrive_once_when_online(field_phone, walk, tmp_path):
    context, page = field_phone
    _join(page, walk)
    context.set_offline(True)
    _open_form(page)
    _three_taps(page, _photo(tmp_path), category="Klotter, skadegörelse")
    expect(page.locator("#capture-status")).to_have_text(
        "Iakttagelsen är sparad och väntar på att skickas."
    )
    assert _stored(walk) == 0
    context.set_offline(False)
    expect(page.locator("#capture-status")).to_have_text("Iakttagelsen är skickad.", timeout=20_000)
    expect(page.locator("#sync-status")).to_have_text("Allt är skickat.", timeout=20_000)
    assert _photos_of(walk) == [("graffiti", 1)]


def test_a_category_used_on_this_walk_comes_first_next_time(field_phone, walk, tmp_path):
    context, page = field_phone
    _join(page, walk)
    context.set_offline(True)  # the order is the phone's own: no server needed
    first_tile = page.locator("#category-field .tile").first
    _open_form(page)
    expect(page.locator("#recent-categories")).to_be_hidden()
    expect(first_tile).not_to_contain_text("Klotter, skadegörelse")
    _three_taps(page, _photo(tmp_path), category="Klotter, skadegörelse")

    _open_form(page)
    recent = page.get_by_role("group", name="Senast använda på den här vandringen")
    expect(recent).to_be_visible()
    expect(first_tile).to_have_text("Klotter, skadegörelse")
    expect(page.get_by_label("Klotter, skadegörelse")).to_have_count(1)  # moved, not copied
    expect(page.get_by_label("Klotter, skadegörelse")).not_to_be_checked()
    page.get_by_role("button", name="Avbryt").tap()

    page.reload()  # kept on the phone, offline too
    _open_form(page)
    expect(first_tile).to_have_text("Klotter, skadegörelse")


def test_the_photo_count_is_a_swedish_sentence_from_the_server(field_phone, walk, tmp_path):
    context, page = field_phone
    _join(page, walk)
    _open_form(page)
    photos = [_photo(tmp_path, f"p{i}.jpg", (40 * i, 80, 120)) for i in range(4)]
    page.get_by_label("Fler foton (högst 3 totalt)").set_input_files(photos[:2])
    expect(page.locator("#photo-text")).to_have_text("2 foton valda.")
    page.get_by_label("Ta ett foto").set_input_files(photos[2])
    expect(page.locator("#photo-text")).to_have_text("3 foton valda.")
    page.get_by_label("Fler foton (högst 3 totalt)").set_input_files(photos)
    expect(page.locator("#photo-text")).to_have_text("Högst 3 foton: de 3 första behålls.")


# Every tile's text inside its tile, every label's content inside its label, nothing wider
# than the window. Fractions of a pixel are rounding.
MEASURE = """() => {
  const out = [];
  if (document.documentElement.scrollWidth > innerWidth) {
    out.push(`page ${document.documentElement.scrollWidth} > ${innerWidth}`);
  }
  for (const tile of document.querySelectorAll("#category-field .tile")) {
    const t = tile.getBoundingClientRect();
    const l = tile.querySelector(".tile__text").getBoundingClientRect();
    if (l.left < t.left - 0.5 || l.right > t.right + 0.5 || l.bottom > t.bottom + 0.5) {
      out.push(`tile "${tile.textContent.trim()}" by ${Math.round(l.right - t.right)} px`);
    }
    if (t.right > innerWidth + 0.5) out.push(`tile "${tile.textContent.trim()}" off screen`);
  }
  for (const label of document.querySelectorAll("#observation-form label")) {
    if (label.scrollWidth > label.clientWidth + 1) {
      out.push(`label "${label.textContent.trim()}" ${label.scrollWidth} > ${label.clientWidth}`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("language", ["Svenska", "English"])
def test_the_open_form_fits_every_phone_width(field_phone, walk, language):
    context, page = field_phone
    _join(page, walk)
    if language == "English":
        # The switch posts and comes back to the field page: wait for that page, not the old one.
        with page.expect_navigation(url=lambda url: "/field/" in url, timeout=30_000):
            page.get_by_role("button", name="English").click()
        expect(page.get_by_role("button", name="+ New observation")).to_be_visible(timeout=15_000)
        page.get_by_role("button", name="+ New observation").tap()
    else:
        page.get_by_role("button", name="+ Ny iakttagelse").tap()
    expect(page.locator("#observation-form")).to_be_visible()
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate("() => new Promise(requestAnimationFrame)")
        found = page.evaluate(MEASURE)
        if found:
            problems[width] = found
    assert problems == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_form_has_no_serious_accessibility_violation(field_phone, walk, tmp_path, scheme):
    """Names, roles and contrast for screen readers, with a photo and a recent category shown."""
    context, page = field_phone
    page.emulate_media(color_scheme=scheme)
    _join(page, walk)
    context.set_offline(True)
    _open_form(page)
    _three_taps(page, _photo(tmp_path))
    _open_form(page)
    page.get_by_label("Ta ett foto").set_input_files(_photo(tmp_path))
    page.get_by_label("Belysning saknas/trasig").tap()
    assert _violations(page) == []
