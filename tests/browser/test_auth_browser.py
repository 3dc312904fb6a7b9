"""In a phone-sized chromium: each demo role reaches its own start page, also by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from walkapp.demo.story import DEMO_PASSWORD

pytestmark = pytest.mark.browser

START_PAGES = {
    "admin@walkapp.example": "Administration",
    "chef@strangnas.example": "Översikt för Strängnäs kommun",
    "ledare@strangnas.example": "Vandringar",
    "teknik@strangnas.example": "Åtgärder för Teknik- och servicekontoret",
    "polis@strangnas.example": "Åtgärder för Lokalpolisområde Eskilstuna",
    "deltagare@strangnas.example": "Mina vandringar",
    "chef@soderkoping.example": "Översikt för Söderköpings kommun",
    "kommunpolis@strangnas.example": "Översikt för Strängnäs kommun",
    "kommunpolis@soderkoping.example": "Översikt för Söderköpings kommun",
}


@pytest.mark.parametrize("email", list(START_PAGES))
def test_each_role_logs_in_to_its_own_start_page(phone, email):
    phone.goto("/")
    expect(phone.locator("html")).to_have_attribute("lang", "sv")
    phone.get_by_role("navigation").get_by_role("link", name="Logga in").click()
    phone.get_by_label("E-postadress").fill(email)
    phone.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    phone.get_by_role("main").get_by_role("button", name="Logga in").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(START_PAGES[email])
    expect(phone.get_by_role("button", name="Logga ut")).to_be_visible()


def test_the_chief_sees_their_municipality_only(phone):
    phone.goto("/login")
    phone.get_by_label("E-postadress").fill("chef@soderkoping.example")
    phone.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    phone.get_by_label("Lösenord").press("Enter")
    main = phone.get_by_role("main")
    expect(main).to_contain_text("Trygghetsvandring Söderköping centrum")
    expect(main).not_to_contain_text("Strängnäs")


def test_login_works_with_the_keyboard_alone(phone):
    phone.goto("/login")
    phone.keyboard.press("Tab")
    skip = phone.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    for _ in range(20):  # walk the tab order until the e-mail field, as a keyboard user would
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.name") == "email":
            break
    expect(phone.get_by_label("E-postadress")).to_be_focused()
    phone.keyboard.type("chef@strangnas.example")
    phone.keyboard.press("Tab")
    expect(phone.get_by_label("Lösenord")).to_be_focused()
    phone.keyboard.type(DEMO_PASSWORD)
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Översikt för Strängnäs kommun")


def test_a_wrong_password_is_explained_and_announced(phone):
    phone.goto("/login")
    phone.get_by_label("E-postadress").fill("chef@strangnas.example")
    phone.get_by_label("Lösenord").fill("fel lösenord")
    phone.get_by_label("Lösenord").press("Enter")
    expect(phone.get_by_role("alert")).to_have_text("Fel e-postadress eller lösenord.")


def test_the_language_switch_turns_the_page_english(phone):
    phone.goto("/login")
    phone.get_by_role("button", name="English").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone).to_have_url(re.compile(r"/login$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(phone.get_by_label("E-mail address")).to_be_visible()
