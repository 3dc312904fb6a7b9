"""Promises, commitments, activities and progress, checked by hand (reports: test_reports)."""

import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.promises.models import Activity, Commitment, Promise
from walkapp.promises.queries import progress
from walkapp.promises.services import find_period, periods_of
from walkapp.walks.models import walk_commitments


def _utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
def year(db, make_promise, make_walk, make_observation, make_action, make_organisation):
    """Medborgarlöfte 2021 with walks and activities on both sides of the T2 boundaries.

    The right answers for T2 (1 May - 31 August 2021, Swedish time), worked out by hand:
    - walks held in T2: only "Maj" (March is T1; "Sent i augusti" starts 31 Aug 22:30 UTC,
      which is 1 September 00:30 in Sweden: T3; "Inställd" never took place);
    - commitment 1 (4 safety walks): 1 in T2, 2 to date (March + May): not met;
    - commitment 2 (10 traffic controls): 4 + 2 = 6 in T2 (1 Feb is T1, 31 Aug is T2's last
      day), 3 + 6 = 9 to date: not met;
    - commitment 4 (1 traffic walk): the May walk counts here too: 1 of 1, met;
    - observations of the May walk: 5 (the duplicate is not counted): 2 lighting, 1 safe
      place, 1 vegetation, 1 graffiti; decided: all but the one received = 4 of 5 = 80 %;
      referred 1 of 5 = 20 %; closed without action 1, with its reason;
    - actions on them: 3 (the rejected one does not count); fixed in time 1 (done in 10 days,
      due after), fixed late 1 (30 days, due before): 1 of 3 = 33 %; median of 10 and 30 days
      = 20.0.
    """
    promise = make_promise(
        title="Medborgarlöfte 2021",
        commitments=[
            ("Minst fyra trygghetsvandringar", "safety_walk", 4),
            ("Tio riktade trafikkontroller", "traffic_control", 10),
            ("Föräldramöten om trafik", "parent_meeting", None),
            ("En trafikvandring", "traffic_walk", 1),
        ],
    )
    walks_commitment, controls, _meetings, traffic_walk = promise.commitments
    march = make_walk(title="Mars", starts_at=_utc(2021, 3, 10, 17), status="closed")
    may = make_walk(title="Maj", starts_at=_utc(2021, 5, 5, 17), status="closed")
    late_august = make_walk(
        title="Sent i augusti", starts_at=_utc(2021, 8, 31, 22, 30), status="closed"
    )
    cancelled = make_walk(title="Inställd", starts_at=_utc(2021, 6, 10, 17), status="planned")
    links = [(w.id, walks_commitment.id) for w in (march, may, late_august, cancelled)]
    links.append((may.id, traffic_walk.id))
    for walk_id, commitment_id in links:
        db.execute(walk_commitments.insert().values(walk_id=walk_id, commitment_id=commitment_id))
    for day, count in [(date(2021, 2, 1), 3), (date(2021, 6, 15), 4), (date(2021, 8, 31), 2)]:
        db.add(
            Activity(
                municipality_id=controls.promise.municipality_id,
                kind="traffic_control",
                commitments=[controls],
                done_on=day,
                count=count,
                note="Skolvägen",
            )
        )
    db.commit()

    make_observation(walk=march, note="Bara i T1")
    lamp = make_observation(walk=may, category_code="lighting_missing", status="triaged")
    make_observation(walk=may, category_code="lighting_missing", status="referred")
    make_observation(walk=may, category_code="safe_place", polarity="positive")
    hedge = make_observation(walk=may, category_code="vegetation", status="no_action")
    graffiti = make_observation(walk=may, category_code="graffiti", status="action_planned")
    make_observation(walk=may, status="duplicate", duplicate_of_id=lamp.id)
    db.add(
        Event(
            subject_type=SubjectType.OBSERVATION,
            subject_id=hedge.id,
            kind=EventKind.STATUS_CHANGED,
            from_status="triaged",
            to_status="no_action",
            public_note="Privat tomt; fastighetsägaren är informerad.",
            at=_utc(2021, 5, 20, 9),
        )
    )
    owner = make_organisation("Teknik", "municipal_unit")
    created = _utc(2021, 5, 6, 10)
    for status, closed, due in [
        ("done", _utc(2021, 5, 16, 10), date(2021, 5, 20)),
        ("verified", _utc(2021, 6, 5, 10), date(2021, 5, 31)),
        ("open", None, date(2021, 9, 1)),
        ("rejected", _utc(2021, 5, 7, 10), date(2021, 5, 31)),
    ]:
        make_action(
            observations=[graffiti],
            organisation=owner,
            title=f"Sanera ({status})",
            status=status,
            created_at=created,
            closed_at=closed,
            due_on=due,
        )
    return promise


def test_the_follow_up_periods_follow_the_promise(year, db):
    # The regular periods, then the year-end report.
    assert [p.key for p in periods_of(year)] == ["2021-T1", "2021-T2", "2021-T3", "2021"]
    t2 = find_period(year, "2021-T2")
    assert (t2.starts_on, t2.ends_on) == (date(2021, 5, 1), date(2021, 8, 31))
    year.follow_up_kind = "half_year"
    assert [(p.key, p.ends_on) for p in periods_of(year)] == [
        ("2021-H1", date(2021, 6, 30)),
        ("2021-H2", date(2021, 12, 31)),
        ("2021", date(2021, 12, 31)),
    ]
    assert find_period(year, "2022-H1") is None
    assert progress(db, year)[0].done == 3  # the whole year: March, May, late August


def test_another_municipalitys_promise_is_not_visible(
    client, login_as, make_promise, other_municipality
):
    foreign = make_promise(title="Norrköpings löfte", municipality=other_municipality)
    login_as(Role.SAFETY_CHIEF)
    assert "Norrköpings löfte" not in client.get("/promises/").get_data(as_text=True)
    for url in (
        f"/promises/{foreign.id}",
        f"/promises/{foreign.id}/edit",
        f"/promises/{foreign.id}/reports/2021-T1",
        f"/promises/{foreign.id}/reports/2021-T1.pdf",
        f"/promises/{foreign.id}/reports/2021-T1.csv",
    ):
        assert client.get(url).status_code == 404, url


def test_the_chief_writes_a_promise_and_its_commitments(client, login_as, db, make_locality):
    login_as(Role.SAFETY_CHIEF)
    mariefred = make_locality()
    response = client.post(
        "/promises/new",
        data={
            "title": "Medborgarlöfte 2027",
            "agreement_id": "0",
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
            "follow_up_kind": "half_year",
            "situation_text": "Otrygghet kring resecentrum.",
            "focus_areas": "Trafik\n\nTrygghet i offentlig miljö\n",
            "signed_by": "Kommunchefen; lokalpolisområdeschefen",
            "signed_on": "2027-02-01",
        },
    )
    assert response.status_code == 303
    promise = db.scalars(select(Promise).where(Promise.title == "Medborgarlöfte 2027")).one()
    assert promise.focus_areas == ["Trafik", "Trygghet i offentlig miljö"]
    response = client.post(
        f"/promises/{promise.id}/commitments/new",
        data={
            "text": "Fyra trygghetsvandringar i Mariefred",
            "responsible": "both",
            "activity_kind": "safety_walk",
            "target_count": "4",
            "locality_id": str(mariefred.id),
        },
    )
    assert response.status_code == 303
    page = client.get(f"/promises/{promise.id}").get_data(as_text=True)
    assert "1. Fyra trygghetsvandringar i Mariefred" in page and "Genomfört: 0 av 4" in page
    assert 'data-period="2027-H1"' in page and 'data-period="2027-H2"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"starts_on": "2027-12-31", "ends_on": "2027-01-01"}, "Slutdatumet ligger före"),
        ({"follow_up_kind": "weekly"}, "Rätta de markerade"),
        ({"title": ""}, "Rätta de markerade"),
        ({"starts_on": "0001-01-01"}, "Ange ett datum mellan 1900 och 2999."),
    ],
)
def test_a_bad_promise_is_refused_and_nothing_stored(client, login_as, db, data, message):
    login_as(Role.SAFETY_CHIEF)
    form = {
        "title": "Löfte",
        "agreement_id": "0",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "follow_up_kind": "tertial",
    }
    form.update(data)
    response = client.post("/promises/new", data=form)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Promise.id))) == 0


def test_staff_log_activities_and_bad_ones_are_refused(app, client, login, make_user, year, db):
    controls = db.scalars(select(Commitment).where(Commitment.position == 2)).one()
    handler = make_user(Role.HANDLER)
    login(handler)
    url = f"/promises/{controls.promise_id}/activities/new"
    control = {"kind": "traffic_control", "commitment_ids": [str(controls.id)]}
    before = db.scalar(select(func.count(Activity.id)))
    assert (
        client.post(
            url, data=control | {"done_on": "2021-09-02", "count": "2", "note": "E20"}
        ).status_code
        == 303
    )
    # Refused: the page again with the reason (422), not a redirect as if it had worked.
    bad_dates = control | {"done_on": "2999-01-01", "count": "1"}
    assert client.post(url, data=bad_dates).status_code == 422
    assert (
        client.post(url, data=control | {"done_on": "2021-09-03", "count": "0"}).status_code == 422
    )
    assert db.scalar(select(func.count(Activity.id))) == before + 1
    logged = db.scalars(select(Activity).order_by(Activity.id.desc())).first()
    assert (logged.count, logged.note, logged.created_by_id) == (2, "E20", handler.id)
    assert [c.id for c in logged.commitments] == [controls.id]
    participant = app.test_client()
    login(make_user(Role.PARTICIPANT), test_client=participant)
    good = control | {"done_on": "2021-09-02", "count": "1"}
    assert participant.post(url, data=good).status_code == 403


def test_the_walk_protocol_pdf_has_every_observation_and_no_names(
    client, make_walk, make_observation
):
    walk = make_walk(title="Trygghetsvandring Hamnen", status="closed")
    reviewed = datetime(2021, 10, 13, 9, 0, tzinfo=UTC)
    make_observation(walk=walk, note="Lampan vid bryggan – trasig.", note_approved_at=reviewed)
    make_observation(
        walk=walk, category_code="graffiti", note="Klotter på muren", note_approved_at=reviewed
    )
    make_observation(walk=walk, note="Kalle heter han", is_flagged=True)
    response = client.get(f"/p/walks/{walk.public_token}/protocol.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Trygghetsvandring Hamnen" in text
    assert "Belysning saknas/trasig" in text and "Klotter, skadegörelse" in text
    assert "Lampan vid bryggan - trasig." in text
    assert "3 iakttagelser, ingen av dem åtgärdad ännu." in text
    assert "Kalle" not in text and "Anna" not in text


def test_an_activity_note_about_a_child_is_refused_and_nothing_is_stored(
    client, login, make_user, make_promise, db
):
    """The issue's example: a home visit under Linköpingsmodellen, naming a 16-year-old."""
    promise = make_promise(
        title="Medborgarlöfte 2021",
        commitments=[("Linköpingsmodellen: hembesök hos unga i riskzon", "home_visit", 20)],
    )
    commitment = promise.commitments[0]
    login(make_user(Role.WALK_LEADER))
    url = f"/promises/{promise.id}/activities/new"
    chosen = {"kind": "home_visit", "commitment_ids": [str(commitment.id)]}
    note = (
        "Hembesök hos Elias Nilsson, 16 år, 090512-1232, Björkvägen 7. Pappans mobil 070-123 45 67."
    )
    for text in [note, "Hembesök hos elias", "Samtal med mamma på 013-20 60 00"]:
        response = client.post(
            url, data=chosen | {"done_on": "2021-09-02", "count": "1", "note": text}
        )
        assert response.status_code == 422
        assert text not in response.get_data(as_text=True)  # not even echoed back
    assert db.scalar(select(func.count(Activity.id))) == 0
    counted = chosen | {"done_on": "2021-09-02", "count": "3", "note": "Hembesök i Skäggetorp"}
    assert client.post(url, data=counted).status_code == 303
    assert db.scalar(select(func.count(Activity.id))) == 1
