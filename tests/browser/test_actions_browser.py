"""A handler on a phone finishes an action with a photo; the walk's public protocol shows it."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.conftest import log_in
from walkapp.actions.models import Action, ActionStatus
from walkapp.places.models import Organisation
from walkapp.walks.models import WalkStatus

pytestmark = pytest.mark.browser


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 160, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def _open_action_of_the_technical_office(live_app):
    """An action still to do whose observations come from a walk with a public protocol."""
    with Session(live_app.extensions["walkapp.engine"]) as db:
        actions = db.scalars(
            select(Action)
            .join(Organisation)
            .where(
                Organisation.name == "Teknik- och servicekontoret",
                Action.status == ActionStatus.IN_PROGRESS,
            )
            .order_by(Action.id)
        ).all()
        for action in actions:
            observations = action.observations
            if observations and observations[0].walk.status != WalkStatus.PLANNED:
                observation = observations[0]
                return action.id, action.title, observation.id, observation.walk.public_token
    pytest.fail("the demo has no action in progress for the technical office")


def test_a_handler_finishes_an_action_and_the_protocol_shows_it_fixed(
    phone, browser, live_server, live_app
):
    action_id, title, observation_id, token = _open_action_of_the_technical_office(live_app)
    page = phone
    log_in(page, "teknik@strangnas.example")
    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()

    page.get_by_role("radio", name="Utförd").check()
    page.get_by_label("Kommentar som visas för allmänheten").fill("Ny LED-armatur på plats.")
    page.get_by_label("Foto av det utförda arbetet").set_input_files(
        {"name": "efter.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
    )
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Sparat: Utförd.")).to_be_visible()
    expect(page.get_by_role("img", name="Foto 1 av det utförda arbetet")).to_be_visible()

    # A participant, not logged in, opens the walk's protocol from its link or QR code.
    playwright, chromium = browser
    device = dict(playwright.devices["Pixel 5"])
    device.pop("default_browser_type", None)
    context = chromium.new_context(**device, base_url=live_server, locale="sv-SE")
    resident = context.new_page()
    resident.goto(f"/p/walks/{token}")
    entry = resident.locator(f"#obs-{observation_id}")
    expect(entry.locator(".badge")).to_have_text("Åtgärdad")
    expect(entry).to_contain_text("Ny LED-armatur på plats.")
    assert "teknik@strangnas.example" not in resident.content()
    context.close()
    with Session(live_app.extensions["walkapp.engine"]) as db:
        assert db.get(Action, action_id).status == ActionStatus.DONE
