"""axe-core over every page type, as each role, on a phone and on a desktop: no serious or
critical violations (the Swedish accessibility law, DOS-lagen, points to WCAG 2.1 AA)."""

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.conftest import log_in
from walkapp.actions.models import Action
from walkapp.observations.models import Observation
from walkapp.places.models import Municipality
from walkapp.promises.models import Promise
from walkapp.walks.models import Walk, WalkStatus

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent.parent / "vendor" / "axe-core" / "axe.min.js").read_text()
VIEWPORTS = {
    "phone": {"viewport": {"width": 393, "height": 851}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


@pytest.fixture(scope="module")
def ids(live_app):
    with Session(live_app.extensions["walkapp.engine"]) as db:
        strangnas = db.scalar(select(Municipality).where(Municipality.slug == "strangnas"))
        mine = Observation.municipality_id == strangnas.id
        walk = db.scalar(
            select(Walk).where(Walk.municipality_id == strangnas.id, Walk.status == "closed")
        )
        active = db.scalar(
            select(Walk).where(
                Walk.municipality_id == strangnas.id, Walk.status == WalkStatus.ACTIVE
            )
        )
        promise = db.scalar(select(Promise).where(Promise.title == "Medborgarlöfte 2021"))
        action = db.scalar(
            select(Action)
            .where(Action.municipality_id == strangnas.id)
            .join(Action.organisation)
            .where(Action.organisation.has(name="Teknik- och servicekontoret"))
        )
        return {
            "walk": walk.id,
            "token": walk.public_token,
            "active": active.id,
            "observation": db.scalar(select(Observation.id).where(mine)),
            "promise": promise.id,
            "action": action.id,
        }


def _pages(ids) -> dict[str | None, list[str]]:
    return {
        None: [
            "/",
            "/login",
            "/join",
            "/join/STRNAS",
            "/privacy",
            f"/p/walks/{ids['token']}",
        ],
        "deltagare@strangnas.example": ["/", f"/field/{ids['active']}", "/promises/"],
        "ledare@strangnas.example": ["/", "/walks/", "/walks/new", f"/walks/{ids['walk']}"],
        "chef@strangnas.example": [
            "/",
            "/review/",
            f"/observations/{ids['observation']}",
            f"/actions/new?observation_ids={ids['observation']}",
            "/actions/",
            f"/actions/{ids['action']}",
            f"/promises/{ids['promise']}",
            f"/promises/{ids['promise']}/reports/2021-T3",
        ],
        "teknik@strangnas.example": ["/", "/actions/", f"/actions/{ids['action']}"],
        # Across municipalities: the police area (Strängnäs) and the national administrator (both).
        "lpo@eskilstuna.example": ["/", "/review/", "/actions/", "/promises/"],
        "admin@walkapp.example": [
            "/",
            "/review/",
            "/admin/users",
            "/admin/organisations",
            "/admin/outbox/",
            "/admin/api-keys/",
            "/admin/privacy",
        ],
    }


def _violations(page) -> list[str]:
    page.evaluate(AXE)  # evaluated by the driver: the page's CSP does not apply to it
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations
              .filter(v => v.impact === "serious" || v.impact === "critical")
              .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
        }"""
    )
    return result


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_serious_or_critical_violations_on_any_page(browser, live_server, ids, viewport):
    _playwright, chromium = browser
    found = []
    for email, urls in _pages(ids).items():
        context = chromium.new_context(base_url=live_server, locale="sv-SE", **VIEWPORTS[viewport])
        page = context.new_page()
        if email:
            log_in(page, email)
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("networkidle")
            found += [f"{viewport} {email or 'anonymous'} {url}: {v}" for v in _violations(page)]
        context.close()
    assert not found, "\n".join(found)


def _night_pages(ids) -> dict[str | None, list[str]]:
    """The pages used after dark: joining, the field page, the protocol, and the staff's own."""
    return {
        None: ["/join", "/join/STRNAS", f"/p/walks/{ids['token']}"],
        "deltagare@strangnas.example": [f"/field/{ids['active']}"],
        "chef@strangnas.example": [
            "/review/",
            f"/observations/{ids['observation']}",
            f"/actions/{ids['action']}",
        ],
        "ledare@strangnas.example": [f"/walks/{ids['walk']}"],
    }


@pytest.mark.parametrize(
    ("viewport", "how"),
    [("phone", "phone setting"), ("desktop", "phone setting"), ("phone", "switch")],
)
def test_no_serious_or_critical_violations_at_night(browser, live_server, ids, viewport, how):
    _playwright, chromium = browser
    found = []
    for email, urls in _night_pages(ids).items():
        context = chromium.new_context(
            base_url=live_server, locale="sv-SE", color_scheme="light", **VIEWPORTS[viewport]
        )
        page = context.new_page()
        if how == "phone setting":
            page.emulate_media(color_scheme="dark")
        if email:
            log_in(page, email)
        for url in urls:
            page.goto(url)
            if how == "switch":
                page.locator('#theme-switch input[value="dark"]').check()
            page.wait_for_load_state("networkidle")
            dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert dark == "rgb(18, 18, 18)", f"{url} is not dark"
            who = email or "anonymous"
            found += [f"{viewport} {how} {who} {url}: {v}" for v in _violations(page)]
        context.close()
    assert not found, "\n".join(found)
