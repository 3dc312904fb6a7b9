"""Swedish by default, English on request, and no text left untranslated."""

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from walkapp.auth.models import Role

ROOT = Path(__file__).resolve().parent.parent


def test_the_start_page_speaks_swedish_by_default(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert "Tryggare gator, vandring för vandring" in page
    assert "Hoppa till innehållet" in page


def test_the_language_switch_changes_the_language_and_comes_back(client):
    response = client.post("/language", data={"language": "en", "next": "/login"})
    assert response.status_code == 302 and response.location == "/login"
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page and "E-mail address" in page
    client.post("/language", data={"language": "sv", "next": "/"})
    assert "E-postadress" in client.get("/login").get_data(as_text=True)


def test_an_unknown_language_is_a_clear_error(client):
    response = client.post("/language", data={"language": "tlh", "next": "/"})
    assert response.status_code == 400
    assert "Okänt språk." in response.get_data(as_text=True)


def test_a_logged_in_user_keeps_their_language(app, client, login_as, login):
    user = login_as(Role.SAFETY_CHIEF)
    client.post("/language", data={"language": "en", "next": "/"})
    other_device = app.test_client()
    login(user, test_client=other_device)
    assert "Overview for" in other_device.get("/").get_data(as_text=True)


def test_error_pages_are_translated(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Sidan kunde inte hittas." in response.get_data(as_text=True)


def test_every_text_in_the_code_has_a_swedish_translation(tmp_path):
    template = tmp_path / "messages.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "--quiet",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(template),
            "--no-location",
            str(ROOT),
        ]
    )
    with template.open("rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    po_path = ROOT / "walkapp/translations/sv/LC_MESSAGES/messages.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        message.id
        for message in catalog
        if message.id
        and not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else [message.string])
    }
    missing = {m if isinstance(m, str) else m[0] for m in wanted - translated}
    assert not missing, f"translate these in {po_path.name}: {sorted(missing)}"
