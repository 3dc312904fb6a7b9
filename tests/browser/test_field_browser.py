"""The field page on a phone: join, pin offline with GPS and a photo; nothing lost or doubled."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.browser.conftest import log_in
from walkapp.observations.models import Observation, ObservationCheck
from walkapp.photos.models import Photo
from walkapp.photos.storage import FileSystemStorage
from walkapp.walks.models import Walk, WalkParticipant, WalkStatus

pytestmark = pytest.mark.browser

FIX = {"latitude": 59.37445, "longitude": 17.0319, "accuracy": 8}


@pytest.fixture
def field_phone(browser, live_server):
    playwright, chromium = browser
    device = dict(playwright.devices["Pixel 5"])
    device.pop("default_browser_type", None)
    context = chromium.new_context(
        **device, base_url=live_server, locale="sv-SE", permissions=["geolocation"], geolocation=FIX
    )
    page = context.new_page()
    yield context, page
    context.close()


def _stored(walk) -> int:
    walk.session.expire_all()
    return walk.session.scalar(
        select(func.count(Observation.id)).where(Observation.walk_id == walk.id)
    )


def _join(page, walk):
    page.goto("/join")
    page.get_by_label("Vandringskod").fill(f"{walk.join_code[:3]}-{walk.join_code[3:]}".lower())
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Ditt namn på vandringen").fill("Anna")
    page.get_by_label("Du deltar som").select_option("resident")
    page.get_by_label("Jag godkänner").check()
    page.get_by_role("button", name="Delta i vandringen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(walk.title)
    # The worker controls the page and has kept it for offline use.
    page.wait_for_function(
        "navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready"
    )
    page.wait_for_function("caches.match(location.pathname).then(Boolean)")


def _pin(page, category="Belysning saknas/trasig", note=None, photo=None):
    page.get_by_role("button", name="+ Ny iakttagelse").click()
    expect(page.locator("#position-text")).to_contain_text("±8 m")
    page.get_by_label(category).check()
    if note:
        page.get_by_label("Anteckning (valfritt)").fill(note)
    if photo:
        page.get_by_label("Ta ett foto").set_input_files(photo)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#observation-form")).to_be_hidden()


def _rotated_photo(tmp_path):
    """A 'portrait' phone photo: the sensor's left half red, EXIF says turn 90° to view; GPS set."""
    image = Image.new("RGB", (1200, 600), (220, 20, 20))
    image.paste((20, 20, 220), (600, 0, 1200, 600))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (59.0, 22.0, 27.0), 3: "E", 4: (17.0, 1.0, 54.0)})
    path = tmp_path / "portrait.jpg"
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


def test_an_observation_made_offline_survives_a_reload_and_arrives_once(
    field_phone, walk, live_app, tmp_path
):
    context, page = field_phone
    _join(page, walk)
    context.set_offline(True)
    _pin(page, note="Lampan vid tunneln är trasig.", photo=_rotated_photo(tmp_path))
    expect(page.locator("#my-observations li")).to_have_count(1)
    expect(page.get_by_role("button", name="Skicka nu (1 väntar)")).to_be_visible()
    assert _stored(walk) == 0

    page.reload()  # still offline: the worker serves the page, the outbox keeps the record
    expect(page.get_by_role("heading", level=1)).to_have_text(walk.title)
    expect(page.locator("#my-observations li")).to_have_count(1)
    expect(page.locator("#my-observations")).to_contain_text("Väntar på att skickas")

    context.set_offline(False)
    expect(page.locator("#sync-status")).to_have_text("Allt är skickat.", timeout=20_000)
    expect(page.get_by_role("button", name="Skicka nu (0 väntar)")).to_be_hidden()
    assert _stored(walk) == 1
    walk.session.expire_all()
    stored = walk.session.scalar(select(Observation).where(Observation.walk_id == walk.id))
    assert (round(stored.lat, 5), round(stored.lon, 5)) == (59.37445, 17.0319)
    assert stored.accuracy_m == 8 and stored.location_source == "gps"
    assert stored.category_code == "lighting_missing"
    photos = walk.session.scalars(select(Photo).where(Photo.observation_id == stored.id)).all()
    assert len(photos) == 1

    # The stored photo is upright and carries no EXIF or GPS.
    data = FileSystemStorage(live_app.config["PHOTO_DIR"]).get(photos[0].storage_key)
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif() and "exif" not in image.info
        assert image.height > image.width
        top, bottom = (
            image.getpixel((image.width // 2, 20)),
            image.getpixel((image.width // 2, image.height - 20)),
        )
        assert top[0] > top[2] and bottom[2] > bottom[0]  # red above blue, as the eye saw it


def test_a_lost_answer_is_retried_without_a_duplicate(field_phone, walk):
    context, page = field_phone
    _join(page, walk)
    lost = {"count": 0, "posts": 0}

    def lose_first_answer(route):
        if route.request.method == "POST":
            lost["posts"] += 1
        if route.request.method == "POST" and lost["count"] == 0:
            lost["count"] += 1
            route.fetch()  # the server stores the observation...
            route.abort("connectionreset")  # ...but the phone never hears back
        else:
            route.continue_()

    page.route("**/api/walks/*/observations", lose_first_answer)
    _pin(page)
    # The phone keeps what it did not hear back about and sends it again: by its own timer,
    # Background Sync or the button, whichever comes first (on a busy machine the first two can
    # beat the test to it). The server stores it once.
    status = page.locator("#sync-status")
    expect(status).to_have_text(re.compile(r"1 väntar på att skickas\.|Allt är skickat\."))
    if (status.text_content() or "").startswith("1 väntar"):
        page.get_by_role("button", name="Skicka nu").click()
    expect(status).to_have_text("Allt är skickat.", timeout=20_000)
    assert lost["count"] == 1
    assert lost["posts"] >= 2  # sent again after the lost answer
    assert _stored(walk) == 1


def test_a_throttled_observation_is_sent_again_not_refused(field_phone, walk):
    # Many phones behind one address (a school's network, a carrier's NAT) meet the rate limit:
    # a 429 means "later", so the phone sends again instead of asking the participant.
    context, page = field_phone
    _join(page, walk)
    throttled = {"count": 0}

    def throttle_first(route):
        if route.request.method == "POST" and throttled["count"] == 0:
            throttled["count"] += 1
            body = '{"error": {"code": 429, "message": "Too Many Requests"}}'
            route.fulfill(status=429, content_type="application/json", body=body)
        else:
            route.continue_()

    page.route("**/api/walks/*/observations", throttle_first)
    _pin(page)
    status = page.locator("#sync-status")
    expect(status).to_have_text(re.compile(r"1 väntar på att skickas\.|Allt är skickat\."))
    if (status.text_content() or "").startswith("1 väntar"):
        page.get_by_role("button", name="Skicka nu").click()
    expect(status).to_have_text("Allt är skickat.", timeout=20_000)
    expect(page.locator("#my-observations li")).not_to_contain_text("Inte godkänd")
    assert throttled["count"] == 1
    assert _stored(walk) == 1


def test_twenty_queued_offline_arrive_in_order_none_twice(field_phone, walk):
    context, page = field_phone
    _join(page, walk)
    context.set_offline(True)
    for index in range(20):
        _pin(
            page,
            category="Klotter, skadegörelse" if index % 2 else "Nedskräpning, dumpning",
            note=f"Punkt {index + 1}",
        )
    expect(page.locator("#waiting-count")).to_have_text("20")
    context.set_offline(False)
    expect(page.locator("#sync-status")).to_have_text("Allt är skickat.", timeout=30_000)
    walk.session.expire_all()
    notes = walk.session.scalars(
        select(Observation.note).where(Observation.walk_id == walk.id).order_by(Observation.id)
    ).all()
    assert notes == [f"Punkt {index + 1}" for index in range(20)]


def test_a_refused_observation_stays_on_the_phone_with_the_reason(field_phone, walk):
    context, page = field_phone
    _join(page, walk)
    walk.status = WalkStatus.CLOSED
    walk.ends_at = datetime.now(UTC) - timedelta(minutes=5)
    walk.session.commit()
    _pin(page)
    card = page.locator("#my-observations li")
    expect(card).to_contain_text("Inte godkänd")
    expect(card).to_contain_text("Vandringen pågår inte")
    expect(card.get_by_role("button", name="Ändra")).to_be_visible()
    assert _stored(walk) == 0


def test_an_observation_can_be_corrected_until_it_is_sent(field_phone, walk):
    context, page = field_phone
    _join(page, walk)
    context.set_offline(True)
    _pin(page, category="Klotter, skadegörelse", note="Klotter på muren")
    page.locator("#my-observations li").get_by_role("button", name="Ändra").click()
    expect(page.get_by_label("Klotter, skadegörelse")).to_be_checked()
    page.get_by_label("Nedskräpning, dumpning").check()
    page.get_by_label("Anteckning (valfritt)").fill("Skräp vid muren")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#my-observations li")).to_have_count(1)
    context.set_offline(False)
    expect(page.locator("#sync-status")).to_have_text("Allt är skickat.", timeout=20_000)
    walk.session.expire_all()
    stored = walk.session.scalars(select(Observation).where(Observation.walk_id == walk.id)).all()
    assert [(o.category_code, o.note) for o in stored] == [("litter", "Skräp vid muren")]


def test_the_photos_position_is_offered_never_imposed(field_phone, walk, tmp_path):
    context, page = field_phone
    _join(page, walk)
    page.get_by_role("button", name="+ Ny iakttagelse").click()
    expect(page.locator("#position-text")).to_contain_text("±8 m (GPS)")
    page.get_by_label("Ta ett foto").set_input_files(_rotated_photo(tmp_path))
    offer = page.get_by_role("button", name="Använd positionen där fotot togs")
    expect(offer).to_be_visible()
    expect(page.locator("#position-text")).to_contain_text("(GPS)")  # nothing moved by itself
    offer.click()
    expect(page.locator("#position-text")).to_contain_text("från fotot")
    page.get_by_label("Belysning saknas/trasig").check()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#my-observations li")).to_contain_text("Skickad", timeout=20_000)
    walk.session.expire_all()
    stored = walk.session.scalar(select(Observation).where(Observation.walk_id == walk.id))
    assert stored.location_source == "photo_exif"
    assert (round(stored.lat, 5), round(stored.lon, 5)) == (59.37417, 17.03167)


def test_on_a_repeat_walk_an_earlier_observation_is_judged_offline_and_arrives_once(
    field_phone, walk
):
    session = walk.session
    earlier = session.scalar(select(Walk).where(Walk.title == "Trygghetsvandring Mariefred 2021"))
    walk.repeat_of = earlier
    session.commit()
    earlier_ids = {
        o.id
        for o in session.scalars(
            select(Observation).where(
                Observation.walk_id == earlier.id, Observation.status != "duplicate"
            )
        )
    }
    context, page = field_phone
    _join(page, walk)
    cards = page.locator("#earlier-observations > li")
    expect(cards).to_have_count(len(earlier_ids))
    context.set_offline(True)
    first = cards.first
    first.get_by_role("button", name="Fortfarande ett problem").click()
    expect(page.get_by_role("button", name="Skicka nu (1 väntar)")).to_be_visible()
    expect(page.locator("#my-observations")).to_contain_text("Återbesökt:")
    context.set_offline(False)  # the page sends by itself when the network returns
    expect(page.get_by_role("button", name="Skicka nu (0 väntar)")).to_be_hidden()
    expect(page.locator("#my-observations")).to_contain_text("Skickad")
    session.expire_all()
    checks = session.scalars(
        select(ObservationCheck).where(ObservationCheck.walk_id == walk.id)
    ).all()
    assert [c.verdict for c in checks] == ["still_a_problem"]
    assert checks[0].observation_id in earlier_ids
    expect(first.get_by_role("button", name="Fortfarande ett problem")).to_have_attribute(
        "aria-pressed", "true"
    )


def _tab_to(page, test: str, limit: int = 80) -> None:
    """Press Tab until the focused element passes the test (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {test}; }})()"):
            return
    raise AssertionError(f"Tab never reached: {test}")


def test_an_observation_is_added_with_the_keyboard_alone_and_no_map(field_phone, walk):
    """My position from the phone and the list of my observations: no pointer, no map needed."""
    context, page = field_phone
    _join(page, walk)
    _tab_to(page, "el.id === 'new-observation'")
    page.keyboard.press("Enter")
    expect(page.locator("#position-text")).to_contain_text("±8 m")
    _tab_to(page, "el.name === 'category'")
    page.keyboard.press("Space")
    _tab_to(page, "el.id === 'note'")
    page.keyboard.type("Trasig lampa, skriven med tangentbordet")
    _tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    expect(page.locator("#observation-form")).to_be_hidden()
    card = page.locator("#my-observations li").first
    expect(card).to_contain_text("Trasig lampa, skriven med tangentbordet")
    expect(card).to_contain_text("Skickad")
    assert _stored(walk) == 1


def test_the_walk_leader_joins_by_pressing_the_button_not_by_opening_the_page(field_phone, walk):
    context, page = field_phone
    log_in(page, "ledare@strangnas.example")
    page.goto(f"/walks/{walk.id}")
    page.get_by_role("link", name="Markera iakttagelser själv").click()
    joined = select(func.count(WalkParticipant.id)).where(WalkParticipant.walk_id == walk.id)
    walk.session.expire_all()
    assert walk.session.scalar(joined) == 0  # opening the page joined nobody
    page.locator(f'form[action="/field/{walk.id}/join"] button').click()  # with its CSRF token
    expect(page.get_by_role("button", name="+ Ny iakttagelse")).to_be_visible()
    walk.session.expire_all()
    assert walk.session.scalar(joined) == 1
