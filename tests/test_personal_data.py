"""The one personal-data detector: what it finds in Swedish notes, and what it leaves alone."""

import pytest

from walkapp.errors import DomainError
from walkapp.observations.models import ObservationStatus
from walkapp.personal_data import (
    PersonalDataFound,
    PersonalDataKind,
    check_activity_note,
    check_public_text,
    find_personal_data,
    luhn_ok,
)
from walkapp.personal_data_names import FIRST_NAMES, SURNAMES

K = PersonalDataKind


def found(text: str) -> list[tuple[str, str]]:
    return [(hit.kind.value, hit.text) for hit in find_personal_data(text)]


def kinds(text: str) -> set[PersonalDataKind]:
    return {hit.kind for hit in find_personal_data(text)}


# ---------- the issue's misses ----------


def test_the_issues_note_about_a_named_man_on_a_landline_is_found_whole():
    note = "Ring Bosse på 08-123 45 67, han bor på Ringvägen 14"
    assert found(note) == [
        ("name", "Bosse"),
        ("phone", "08-123 45 67"),
        ("street_address", "Ringvägen 14"),
    ]


def test_the_issues_home_visit_note_is_found_whole():
    note = (
        "Hembesök hos Elias Nilsson, 16 år, 090512-1232, Björkvägen 7. Pappans mobil 070-123 45 67."
    )
    assert kinds(note) == {K.NAME, K.PERSONAL_NUMBER, K.STREET_ADDRESS, K.PHONE}


@pytest.mark.parametrize(
    "note",
    [
        "ring lars om det händer igen",
        "kalle sitter alltid på bänken",
        "Fråga Bosse i kiosken",
        "Mohammed och Fatima har sett det",
        "Linnea brukar gå här",
        "anna lindberg klagade",
        "Ahmed Yilmaz vet mer",
        "Han heter Zlatan och står här varje kväll",
    ],
)
def test_names_without_a_surname_ending_and_in_lower_case_are_found(note):
    assert K.NAME in kinds(note)


# ---------- numbers ----------


def test_luhn_checks_the_last_digit_of_a_personal_identity_number():
    assert luhn_ok("8507099805") and luhn_ok("1212121212")
    assert not luhn_ok("8507099806")


@pytest.mark.parametrize(
    "text",
    ["19850709-9805", "198507099805", "850709-9805", "850709+9805", "8507099805", "121212-1212"],
)
def test_personal_identity_numbers_in_every_written_form(text):
    assert found(f"Anmälare {text} hörde av sig") == [("personal_number", text)]


def test_a_coordination_number_is_the_day_plus_sixty():
    assert found("samordningsnummer 850769-9802") == [("coordination_number", "850769-9802")]


@pytest.mark.parametrize(
    "text", ["850709-9806", "851309-9805", "850732-9805", "20231105-1234", "2023-11-05"]
)
def test_numbers_that_fail_the_checks_are_no_personal_identity_numbers(text):
    assert not {K.PERSONAL_NUMBER, K.COORDINATION_NUMBER} & kinds(text)


@pytest.mark.parametrize(
    "number",
    [
        "070-123 45 67",
        "0701234567",
        "073 123 45 67",
        "+46 70 123 45 67",
        "+46701234567",
        "0046 70 123 45 67",
        "08-123 45 67",
        "08 123 45 67",
        "08-12 34 56",
        "(08) 123 45 67",
        "+46 8 123 456 78",
        "+46 (0)8 123 45 67",
        "018-12 34 56",
        "013-20 60 00",
        "031-123 45 67",
        "0470-123 45",
        "0980-123 45",
    ],
)
def test_mobile_and_landline_numbers_are_found(number):
    assert found(f"Ring {number} om lampan") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Hastigheten är 40 km/h men många kör 60",
        "Mörkt mellan kl 17 och 07 på vintern",
        "Lampan på stolpe 12 är trasig sedan 2023-05-12",
        "Busslinje 147 och 148 stannar här",
        "Postnummer 602 21, ca 0,5 km från centrum",
    ],
)
def test_times_dates_speeds_and_bus_lines_are_no_phone_numbers(text):
    assert find_personal_data(text) == []


def test_e_mail_addresses_are_found():
    assert found("mejla kalle.anka+trygg@example.se") == [("email", "kalle.anka+trygg@example.se")]


@pytest.mark.parametrize("plate", ["ABC 123", "ABC123", "ABC 12A", "abc123", "XYZ-987"])
def test_swedish_number_plates_are_found(plate):
    assert found(f"Bilen {plate} står på gångbanan varje natt") == [("number_plate", plate)]


@pytest.mark.parametrize("text", ["LED 100 W i armaturen", "E4 och E20 bullrar", "IKV 123"])
def test_lamp_watts_and_road_names_are_no_number_plates(text):
    assert K.NUMBER_PLATE not in kinds(text)


# ---------- addresses ----------


@pytest.mark.parametrize(
    "address",
    [
        "Storgatan 12",
        "storgatan 12",
        "Västra Vägen 3B",
        "Nygatan 4 lgh 1102",
        "Ringvägen 14",
        "Kyrkogränd 2",
        "Stora Torget 1",
        "Björkbacken 5",
        "Lindallén 22",
        "Ekstigen 3 A",
        "Sergels torg 3",
        "Kungsleden 8",
        "Medborgarplatsen 3",
    ],
)
def test_street_addresses_with_a_number_are_found(address):
    assert found(f"Det är mörkt utanför {address}, nära lekplatsen") == [
        ("street_address", address)
    ]


@pytest.mark.parametrize(
    "note",
    [
        "Cykelvägen vid Storgatan är hal",
        "Längs vägen 3 lampor släckta",
        "Cykelvägen 2 km söderut saknar belysning",
        "Trafikkontroll på Storgatan, 14 fordon stoppades",
        "Kontroll Skolvägen 45 fordon",
        "Länsväg 222 mot Valdemarsvik saknar belysning",
        "Centrumgången 3 kvällar i veckan",
    ],
)
def test_streets_without_a_house_number_and_counted_things_are_no_addresses(note):
    assert find_personal_data(note) == []


# ---------- names that are also words ----------


@pytest.mark.parametrize(
    "note",
    [
        "Trasig lampa vid busshållplatsen, mörkt under björkarna",
        "En björk har fallit över stigen vid Lund",
        "Sten och grus på cykelbanan, mörkt vid Berg",
        "Bo tryggt i Hagaby: vi som bor här vill ha mer ljus",
        "Per dag passerar 300 bilar, max 30 km/h gäller",
        "Stigen genom parken är mörk och isen börjar tina",
        "Rosa klotter på muren vid ån, en ros är målad",
        "Klotter: LOVE på muren vid Ekparken",
        "Hans cykel? Nej, det är en övergiven cykel vid ån.",
        "Buskarna skymmer sikten vid övergångsstället, klipp dem i maj",
        "Hela dan står bilar parkerade på trottoaren",
        "Pollare saknas, bilar kör upp på torget från Storgatan",
        "Vid Falk-skolan är det mörkt, ek och lind behöver beskäras",
    ],
)
def test_ordinary_observations_with_words_that_are_also_names_are_no_hits(note):
    assert find_personal_data(note) == []


@pytest.mark.parametrize(
    ("note", "name"),
    [
        ("Per Ek har klagat på lampan", "Per Ek"),
        ("fru Berg i hörnhuset", "Berg"),
        ("Grannen Lund vet mer", "Lund"),
        ("Anna Björk ringde", "Anna Björk"),
        ("ring Bo, han vet", "Bo"),
        ("Lampan lagades av Stig igår", "Stig"),
    ],
)
def test_names_that_are_also_words_count_next_to_a_first_name_title_or_cue(note, name):
    assert ("name", name) in found(note)


def test_a_first_name_and_a_surname_are_one_hit():
    assert found("Anna Lindberg har sett det") == [("name", "Anna Lindberg")]


def test_the_name_lists_are_large_and_hold_immigrant_names():
    assert len(FIRST_NAMES) > 300 and len(SURNAMES) > 200
    assert {"mohammed", "ali", "ahmed", "fatima"} <= FIRST_NAMES
    assert {"yilmaz", "andersson", "ali", "nguyen"} <= SURNAMES


def test_each_kind_carries_its_label(app):
    with app.test_request_context():
        assert str(K.PHONE.label) and str(K.STREET_ADDRESS.label) != str(K.NAME.label)


# ---------- refusing ----------


def test_a_staff_text_with_personal_data_is_refused_unless_confirmed(app):
    with app.test_request_context():
        with pytest.raises(PersonalDataFound) as refused:
            check_public_text("Lampan bytt, ring Bosse på 08-123 45 67", confirmed=False)
        assert isinstance(refused.value, DomainError) and refused.value.status_code == 422
        assert {hit.kind for hit in refused.value.hits} == {K.NAME, K.PHONE}
        assert str(refused.value.message)  # renders: the kinds found, as a translated list
        check_public_text("Lampan bytt, ring Bosse på 08-123 45 67", confirmed=True)
        check_public_text("Lampan är bytt och lyser igen.", confirmed=False)


def test_an_activity_note_about_a_person_is_refused_without_override(app):
    with app.test_request_context():
        with pytest.raises(PersonalDataFound):
            check_activity_note("Hembesök hos Elias, 090512-1232")
        check_activity_note("Hembesök hos två familjer i Skäggetorp")


def test_the_chiefs_public_reason_naming_someone_is_refused_until_confirmed(
    client, login_as, make_observation, db
):
    observation = make_observation(status="triaged")
    login_as("safety_chief")
    reason = "Privat mark: kontakta fastighetsägaren Anna Lindberg, anna@example.se"
    form = {"status": "no_action", "public_note": reason}
    response = client.post(f"/observations/{observation.id}", data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert reason in page and 'name="confirmed_personal_data"' in page
    db.expire_all()
    assert observation.status == ObservationStatus.TRIAGED
    form["confirmed_personal_data"] = "y"
    assert client.post(f"/observations/{observation.id}", data=form).status_code == 303
    db.expire_all()
    assert observation.status == ObservationStatus.NO_ACTION
