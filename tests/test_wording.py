"""Swedish that reads naturally: plural forms, decimal comma, "kl. 18.00", who walked."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from walkapp.auth.models import Role
from walkapp.walks.models import WalkParticipant


def _english(client):
    client.post("/language", data={"language": "en", "next": "/"})


def _figure(page: str, number: int) -> str:
    """The label next to a figure on a start page."""
    found = re.search(
        rf'figure__number">{number}</span> <span class="figure__label">([^<]+)<', page
    )
    assert found, page
    return found.group(1)


def test_the_overview_says_one_observation_and_two_observations(
    client, login_as, make_observation, make_walk
):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    make_observation(walk=walk)
    page = client.get("/").get_data(as_text=True)
    assert _figure(page, 1) == "iakttagelse att bedöma"
    make_observation(walk=walk)
    page = client.get("/").get_data(as_text=True)
    assert _figure(page, 2) == "iakttagelser att bedöma"
    _english(client)
    assert _figure(client.get("/").get_data(as_text=True), 2) == "observations to assess"


def test_the_admin_start_page_says_one_locality_and_two_organisations(
    client, login_as, make_locality, make_organisation
):
    login_as(Role.ADMIN)
    make_locality()
    make_organisation("Polisen", "police")
    make_organisation("Teknik", "municipal_unit")
    page = client.get("/").get_data(as_text=True)
    assert ">ort<" in page and ">organisationer<" in page
    assert ">orter<" not in page


def test_a_swedish_gis_csv_has_decimal_commas_and_semicolons(client, login_as, make_observation):
    login_as(Role.SAFETY_CHIEF)
    observation = make_observation(lat=59.3745, lon=17.0319, accuracy_m=9.0)
    text = client.get("/review/export.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    row = next(r for r in rows if r["id"] == str(observation.id))
    assert row["lat"] == "59,3745" and row["lon"] == "17,0319"
    assert row["accuracy_m"] == "9,0"
    assert "," in row["sweref99tm_n"]

    _english(client)
    text = client.get("/review/export.csv").data.decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == str(observation.id))
    assert row["lat"] == "59.3745" and row["accuracy_m"] == "9.0"


def test_a_negative_number_in_a_swedish_csv_stays_a_number():
    from walkapp.csvsafe import writer

    buffer = io.StringIO()
    writer(buffer, decimal_comma=True).writerow(["-1+1", -1.5, 3])
    assert buffer.getvalue().strip() == "'-1+1;-1,5;3"


def test_decimals_read_with_a_comma_in_swedish(app):
    from walkapp.formats import number_text

    with app.test_request_context():
        assert number_text(9) == "9,0"
        assert number_text(12.25, 2) == "12,25"
        assert number_text(None) == ""


def test_a_time_of_day_reads_kl_18_00_in_swedish(client, login_as, make_walk):
    # 16:30 UTC is 18.30 in Stockholm in October (summer time).
    walk = make_walk(starts_at=datetime(2021, 10, 12, 16, 30, tzinfo=UTC))
    login_as(Role.SAFETY_CHIEF)
    page = client.get(f"/walks/{walk.id}").get_data(as_text=True)
    assert "2021-10-12 kl. 18.30" in page
    assert "18:30" not in page
    _english(client)
    page = client.get(f"/walks/{walk.id}").get_data(as_text=True)
    assert "kl." not in page and "6:30" in page


def test_the_protocol_says_when_in_words_with_kl(client, make_walk):
    walk = make_walk(status="closed", starts_at=datetime(2021, 1, 20, 17, 0, tzinfo=UTC))
    page = client.get(f"/p/walks/{walk.public_token}").get_data(as_text=True)
    assert "20 januari 2021 kl. 18.00" in page


@pytest.fixture
def walked_by_groups(db, make_walk, make_user, make_organisation):
    walk = make_walk(status="closed")
    police = make_organisation("Lokalpolisområde Eskilstuna", "police")
    officer = make_user(Role.HANDLER, organisation=police, name="Polis Per")
    people = [
        WalkParticipant(walk=walk, display_name="Birgitta", represents="resident"),
        WalkParticipant(walk=walk, display_name="Sven", represents="resident"),
        WalkParticipant(walk=walk, display_name="Ali", represents="youth"),
        WalkParticipant(walk=walk, user=officer, display_name="Per", represents="police"),
    ]
    for person in people:
        person.consent_given_at = walk.starts_at
    db.add_all(people)
    db.commit()
    return walk


def test_the_protocol_names_the_groups_that_actually_walked(client, walked_by_groups):
    url = f"/p/walks/{walked_by_groups.public_token}"
    page = client.get(url).get_data(as_text=True)
    assert "4 personer deltog: 2 boende, 1 från polisen och 1 ungdom." in page
    assert "Deltagande organisation: Lokalpolisområde Eskilstuna." in page
    # Only who was there: no claim that the municipality walked, and never a name.
    assert "från kommunen" not in page and "Birgitta" not in page and "Per" not in page
    _english(client)
    page = client.get(url).get_data(as_text=True)
    assert "4 people took part: 2 residents, 1 from the police and 1 young person." in page


def test_the_protocol_pdf_holds_the_same_sentence(client, walked_by_groups):
    from pypdf import PdfReader

    response = client.get(f"/p/walks/{walked_by_groups.public_token}/protocol.pdf")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "4 personer deltog: 2 boende, 1 från polisen och 1 ungdom." in " ".join(text.split())


def test_the_observation_page_says_felt_safety_one_of_three(client, login_as, make_observation):
    observation = make_observation(feeling=1)
    login_as(Role.SAFETY_CHIEF)
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "Upplevd trygghet 1 av 3" in page and "Känsla" not in page


def test_statuses_and_groups_read_as_a_swedish_official_writes_them(app):
    from walkapp.labels import label
    from walkapp.observations.models import ObservationStatus
    from walkapp.walks.models import Represents

    with app.test_request_context():
        assert str(label(ObservationStatus.TRIAGED)) == "Bedömd"
        assert str(label(Represents.YOUTH)) == "Ungdom"


def test_the_follow_up_wording_has_no_meal_in_it():
    from babel.messages.pofile import read_po

    from tests.test_i18n import ROOT

    with open(ROOT / "walkapp/translations/sv/LC_MESSAGES/messages.po", "rb") as file:
        catalog = read_po(file)
    assert catalog["Fixed within the due date"].string == "Åtgärdade inom utsatt tid"
    assert catalog["Assessed observations"].string == "Bedömda iakttagelser"
    assert not any("måltid" in str(message.string) for message in catalog)


def _config(page: str, element_id: str) -> dict:
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page)
    assert found, element_id
    return json.loads(found.group(1))


def test_the_review_map_gets_both_plural_forms(client, login_as):
    login_as(Role.SAFETY_CHIEF)
    config = _config(client.get("/review/").get_data(as_text=True), "review-config")
    assert config["text"]["shown"] == {
        "one": "{n} iakttagelse på kartan",
        "other": "{n} iakttagelser på kartan",
    }


def test_the_field_page_counts_photos_and_tells_the_time_in_swedish(client, make_walk):
    walk = make_walk(
        status="active",
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )
    client.post(
        "/join/ABC234", data={"display_name": "Anna", "represents": "resident", "consent": "y"}
    )
    messages = _config(client.get(f"/field/{walk.id}").get_data(as_text=True), "field-config")[
        "messages"
    ]
    assert messages["photosChosen"][:2] == ["1 foto valt.", "2 foton valda."]
    assert messages["clock"] == "kl. {h}.{m}"
