"""The safety chief reviews a walk for publication by keyboard: one proposed blur kept, one not."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.conftest import log_in
from walkapp.events.models import Event, EventKind
from walkapp.observations.models import Observation
from walkapp.photos.models import DetectionStatus, Photo
from walkapp.walks.models import Walk

pytestmark = pytest.mark.browser
FACE = {"kind": "face", "x": 10.0, "y": 10.0, "w": 20.0, "h": 20.0, "score": 0.9}
PLATE = {"kind": "plate", "x": 55.0, "y": 60.0, "w": 25.0, "h": 12.0, "score": 0.8}


def _photo_of_the_walk_in_progress(live_app) -> tuple[int, int, str]:
    """The demo's walk in progress waits for review; its first photo gets two proposals."""
    with Session(live_app.extensions["walkapp.engine"]) as db:
        walk = db.scalar(
            select(Walk).where(Walk.title == "Trygghetsvandring Strängnäs resecentrum")
        )
        photo = db.scalars(
            select(Photo)
            .join(Observation, Photo.observation_id == Observation.id)
            .where(Observation.walk_id == walk.id)
            .order_by(Photo.id)
        ).first()
        photo.blur_proposals = [FACE, PLATE]
        photo.detection_status = DetectionStatus.DONE
        db.commit()
        return walk.id, photo.id, walk.public_token


def test_the_chief_approves_a_walk_with_one_proposal_unticked(browser, live_server, live_app):
    walk_id, photo_id, token = _photo_of_the_walk_in_progress(live_app)
    _playwright, chromium = browser
    context = chromium.new_context(
        viewport={"width": 1366, "height": 900}, base_url=live_server, locale="sv-SE"
    )
    page = context.new_page()
    log_in(page, "chef@strangnas.example")
    page.goto(f"/walks/{walk_id}")
    page.locator(f'a[href="/observations/walks/{walk_id}/publication"]').click()
    page.wait_for_url(f"**/observations/walks/{walk_id}/publication")

    # The proposals are drawn over the photo; the checkboxes and numbers are the form.
    plate_box = page.locator(f'rect[data-rect="photo-{photo_id}-rect-1"]')
    expect(plate_box).to_have_attribute("x", "55")
    plate = page.locator(f'input[name="photo-{photo_id}-rect-1-use"]')
    face = page.locator(f'input[name="photo-{photo_id}-rect-0-use"]')
    expect(plate).to_be_checked()
    expect(face).to_be_checked()
    # By keyboard: to the plate's checkbox and untick it with the space bar.
    plate.focus()
    page.keyboard.press("Space")
    expect(plate).not_to_be_checked()
    expect(plate_box).to_have_class("blur-rect is-off")
    # Correct the face rectangle's width by typing: the drawing follows.
    width = page.locator(f'input[name="photo-{photo_id}-rect-0-w"]')
    width.fill("25")
    expect(page.locator(f'rect[data-rect="photo-{photo_id}-rect-0"]')).to_have_attribute(
        "width", "25"
    )
    page.locator(".publication-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/observations/walks/{walk_id}/publication")
    expect(page.locator(".message--success")).to_be_visible()

    with Session(live_app.extensions["walkapp.engine"]) as db:
        photo = db.get(Photo, photo_id)
        assert photo.approved_at is not None and photo.public_version == 2
        notes = db.scalars(
            select(Event.internal_note).where(Event.kind == EventKind.PUBLISHED)
        ).all()
        assert f"photo #{photo_id} published (version 2, 1 rectangles blurred)" in notes

    page.goto(f"/p/walks/{token}")
    thumb = page.locator(f'img[src="/p/walks/{token}/photos/{photo_id}/v2/public-thumb.jpg"]')
    expect(thumb).to_be_visible()
    context.close()
