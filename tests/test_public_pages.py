"""The public page /p/<slug>/ and its Atom feed: published follow-ups only, nothing personal."""

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pytest

from walkapp.promises.models import Activity, Promise, SituationReport
from walkapp.promises.periods import find_period
from walkapp.reports.models import FollowUp, FollowUpStatus, FollowUpVersion
from walkapp.reports.report_data import public_part, report_data

ATOM = "{http://www.w3.org/2005/Atom}"
# Things that must never reach a public page or the feed.
ACTIVITY_NOTE = "Hembesök hos familjen Bergqvist"
PARTICIPANT = "Kalle Spjutsson"
OBSERVATION_NOTE = "Grannen i nummer sju dricker"
DRAFT_TEXT = "UTKAST som ingen får se"
READY_TEXT = "Klar men ej godkänd"
APPROVED_TEXT = "Godkänd men ej publicerad"


def _utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _publish(app, db, promise, period_key, number, published_at, note=""):
    """A FollowUpVersion as publishing stores it: the public part of the report at that time."""
    follow_up = db.query(FollowUp).filter_by(promise_id=promise.id, period_label=period_key).first()
    period = find_period(promise, period_key)
    if follow_up is None:
        follow_up = FollowUp(
            promise=promise,
            period_label=period_key,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            status=FollowUpStatus.PUBLISHED,
            narrative="Vi har genomfört trafikkontroller.",
            published_at=published_at,
        )
        db.add(follow_up)
        db.flush()
    db.expire_all()  # enums as the database returns them, not the strings the factories set
    with app.test_request_context():
        snapshot = public_part(
            report_data(
                db, promise, period, follow_up, as_of=published_at, timezone="Europe/Stockholm"
            )
        )
    db.add(
        FollowUpVersion(
            follow_up=follow_up,
            number=number,
            published_at=published_at,
            correction_note=note,
            snapshot=snapshot,
        )
    )
    db.commit()
    return follow_up


def _unpublished(db, promise, period_key, status, text):
    period = find_period(promise, period_key)
    db.add(
        FollowUp(
            promise=promise,
            period_label=period_key,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            status=status,
            narrative=text,
        )
    )
    db.commit()


@pytest.fixture
def world(app, db, municipality, other_municipality, make_promise, make_walk, make_observation):
    """Strängnäs' signed 2021 promise: T1 published, then corrected (v2); T2 a draft, T3 ready,
    the year report approved but not published. An unsigned promise being drafted, activity
    notes, a participant's name, an unapproved observation note, and Söderköping's published
    follow-up complete the picture."""
    situation = SituationReport(
        municipality=municipality,
        dated_on=date(2020, 12, 15),
        title="Lägesbild inför 2021",
        summary="Otrygghet vid resecentrum kvällstid.",
        sources=[
            {"kind": "safety_survey", "text": "Trygghetsmätningen 2020."},
            {"kind": "walks", "text": ""},
        ],
        walks_from=date(2020, 9, 1),
        walks_to=date(2020, 11, 30),
        walk_figures={
            "walks": 2,
            "observations": 3,
            "safe_places": 1,
            "by_category": [
                {"code": "graffiti", "label_sv": "Klotter", "label_en": "Graffiti", "count": 3}
            ],
            "by_locality": [{"name": "Mariefred", "count": 3}],
            "by_light": [{"light": "dark", "count": 3}],
        },
    )
    db.add(situation)
    promise = make_promise(
        commitments=[("Tio trafikkontroller", "traffic_control", 10)],
    )
    promise.signed_on = date(2021, 2, 1)
    promise.signed_by = "Kommundirektören och lokalpolisområdeschefen"
    promise.focus_areas = ["Trafiksäkerhet vid skolor"]
    promise.contact = "Kommunens kontaktcenter"
    promise.situation_report = situation
    drafting = make_promise(title="Medborgarlöfte 2022 (arbetsversion)", year=2022)
    db.add(
        Activity(
            municipality_id=municipality.id,
            kind="traffic_control",
            done_on=date(2021, 3, 3),
            count=2,
            note=ACTIVITY_NOTE,
            commitments=[promise.commitments[0]],
        )
    )
    walk = make_walk(starts_at=_utc(2021, 3, 10, 17), status="closed")
    observation = make_observation(walk=walk, note=OBSERVATION_NOTE)
    observation.author.display_name = PARTICIPANT
    db.commit()
    _publish(app, db, promise, "2021-T1", 1, _utc(2021, 5, 10, 8))
    _publish(app, db, promise, "2021-T1", 2, _utc(2021, 5, 20, 8), note="Fel antal kontroller.")
    _unpublished(db, promise, "2021-T2", FollowUpStatus.DRAFT, DRAFT_TEXT)
    _unpublished(db, promise, "2021-T3", FollowUpStatus.READY, READY_TEXT)
    _unpublished(db, promise, "2021", FollowUpStatus.APPROVED, APPROVED_TEXT)
    foreign = make_promise(title="Söderköpings löfte", municipality=other_municipality)
    foreign.signed_on = date(2021, 2, 1)
    db.commit()
    _publish(app, db, foreign, "2021-T1", 1, _utc(2021, 5, 15, 8))
    return promise, drafting


def _english(client):
    client.post("/language", data={"language": "en", "next": "/"})


def test_the_public_page_lists_signed_promises_and_published_follow_ups_only(client, world):
    promise, drafting = world
    _english(client)
    response = client.get("/p/strangnas/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert promise.title in page and drafting.title not in page
    assert "Söderköpings löfte" not in page
    # The newest version of T1, marked as corrected, with page, PDF and CSV.
    base = f"/p/strangnas/promises/{promise.id}/2021-T1"
    for href in (f"{base}/", f"{base}.pdf", f"{base}.csv"):
        assert f'href="{href}"' in page
    assert "Corrected, version 2" in page and "Fel antal kontroller." in page
    assert page.count("data-version-id=") == 1
    for key in ("2021-T2", "2021-T3", f"{promise.id}/2021/", f"{promise.id}/2021."):
        assert key not in page
    # What the promise says: lägesbild, focus areas, commitments, signatories, contact.
    for text in (
        "Lägesbild inför 2021",
        "Otrygghet vid resecentrum kvällstid.",
        "Trafiksäkerhet vid skolor",
        "Tio trafikkontroller",
        "Kommundirektören och lokalpolisområdeschefen",
        "Kommunens kontaktcenter",
        "Observations by place",  # the walks' figures frozen in the lägesbild
    ):
        assert text in page, text
    # The anonymous reader's page may be kept by caches for a few minutes.
    assert "public" in response.headers["Cache-Control"]
    # The link on the page leads to the published report.
    assert client.get(f"{base}/").status_code == 200


def test_nothing_personal_and_no_draft_on_the_page_or_in_the_feed(client, world):
    for url in ("/p/strangnas/", "/p/strangnas/feed.atom"):
        body = client.get(url).get_data(as_text=True)
        for secret in (
            ACTIVITY_NOTE,
            PARTICIPANT,
            OBSERVATION_NOTE,
            DRAFT_TEXT,
            READY_TEXT,
            APPROVED_TEXT,
        ):
            assert secret not in body, (url, secret)


def test_the_feed_is_atom_with_one_entry_per_published_version(client, world):
    promise, _drafting = world
    response = client.get("/p/strangnas/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)  # noqa: S314 - our own answer
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2021-05-20T08:00:00Z"
    assert feed.findtext(f"{ATOM}id").startswith("http://localhost/p/strangnas/")
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://localhost/p/strangnas/feed.atom"
    entries = feed.findall(f"{ATOM}entry")
    # T1 and its correction, newest first; nothing of the draft, ready or approved ones, nor
    # of Söderköping.
    assert len(entries) == 2
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == 2
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2021-05-20T08:00:00Z",
        "2021-05-10T08:00:00Z",
    ]
    newest = entries[0]
    assert "Fel antal kontroller." in newest.findtext(f"{ATOM}summary")
    links = {link.get("type"): link.get("href") for link in newest.findall(f"{ATOM}link")}
    base = f"http://localhost/p/strangnas/promises/{promise.id}/2021-T1"
    assert links == {
        "text/html": f"{base}/v2/",
        "application/pdf": f"{base}/v2.pdf",
        "text/csv": f"{base}/v2.csv",
    }
    assert client.get(links["text/html"].removeprefix("http://localhost")).status_code == 200
    assert "public" in response.headers["Cache-Control"]
    again = client.get(
        "/p/strangnas/feed.atom", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_an_unknown_municipality_is_not_found(client, world):
    assert client.get("/p/no-such-kommun/").status_code == 404
    assert client.get("/p/no-such-kommun/feed.atom").status_code == 404


def test_a_municipality_with_nothing_published_has_an_empty_but_valid_feed(client, municipality):
    response = client.get(f"/p/{municipality.slug}/feed.atom")
    feed = ET.fromstring(response.data)  # noqa: S314 - our own answer
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated")
    assert client.get(f"/p/{municipality.slug}/").status_code == 200


def test_staff_find_the_public_page_from_the_promises(client, login_as, world):
    login_as("safety_chief")
    page = client.get("/promises/").get_data(as_text=True)
    assert 'href="/p/strangnas/"' in page
    response = client.get("/p/strangnas/")
    # A page showing a logged-in user's name is never kept by a shared cache.
    assert response.headers["Cache-Control"].startswith("private")
    assert isinstance(world[0], Promise)
