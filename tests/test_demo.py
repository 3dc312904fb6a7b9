"""seed-demo tells the seeds' story, in every state, and running it twice adds nothing."""

from datetime import UTC, date, datetime

import pytest
from flask import url_for
from sqlalchemy import func, select

from tests.conftest import empty_tables
from walkapp import create_app
from walkapp.actions.models import Action, ActionStatus
from walkapp.auth.models import Role, User
from walkapp.demo.story import DEMO_PASSWORD, USERS
from walkapp.events.models import Event
from walkapp.observations.models import Observation, ObservationCheck, ObservationStatus
from walkapp.photos.models import Photo
from walkapp.places.models import Locality, Municipality
from walkapp.promises.models import Activity, Commitment, Promise, SituationReport
from walkapp.promises.periods import due_on, find_period
from walkapp.promises.queries import progress
from walkapp.reports.models import FollowUp, FollowUpStatus, FollowUpVersion
from walkapp.walks.models import Walk, WalkStatus

MODELS = (
    Municipality,
    Locality,
    User,
    Promise,
    Commitment,
    Walk,
    Observation,
    ObservationCheck,
    Action,
    Photo,
    Event,
    Activity,
    SituationReport,
    FollowUp,
    FollowUpVersion,
)


def _counts(db):
    return {model.__name__: db.scalar(select(func.count()).select_from(model)) for model in MODELS}


def test_seed_demo_tells_the_story_and_is_idempotent(app, db, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    first = _counts(db)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert _counts(db) == first

    names = set(db.scalars(select(Locality.name)))
    assert {"Strängnäs", "Mariefred", "Åkers styckebruk", "Stallarholmen", "Söderköping"} <= names
    titles = set(db.scalars(select(Promise.title)))
    assert {
        "Medborgarlöfte 2017",
        "Medborgarlöfte 2018",
        "Medborgarlöfte 2021",
        "Medborgarlöfte 2017–2019",
        "Medborgarlöfte 2020–2022",
    } <= titles
    four_walks = db.scalar(select(Commitment).where(Commitment.target_count == 4))
    assert "minst fyra trygghetsvandringar" in four_walks.text
    assert set(db.scalars(select(Walk.status))) == set(WalkStatus)
    assert set(db.scalars(select(Action.status))) == set(ActionStatus)
    statuses = set(db.scalars(select(Observation.status)))
    assert {
        ObservationStatus.RECEIVED,
        ObservationStatus.FIXED,
        ObservationStatus.VERIFIED,
        ObservationStatus.NO_ACTION,
        ObservationStatus.REFERRED,
    } <= statuses
    assert {user.role for user in db.scalars(select(User))} == set(Role)
    assert first["Photo"] > 0 and first["Event"] > first["Observation"]

    for email, *_ in USERS:
        response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert client.get("/").status_code == 200
        client.post("/logout")


def test_demo_photos_carry_no_metadata(app, db):
    from PIL import Image

    from walkapp.photos.storage import FileSystemStorage

    app.test_cli_runner().invoke(args=["seed-demo"])
    storage = FileSystemStorage(app.config["PHOTO_DIR"])
    photo = db.scalars(select(Photo)).first()
    import io

    with Image.open(io.BytesIO(storage.get(photo.storage_key))) as image:
        assert image.format == "JPEG"
        assert (image.width, image.height) == (photo.width, photo.height)
        assert not image.getexif()


@pytest.fixture(scope="module")
def demo(migrated, tmp_path_factory):
    """The demo seeded once for the story tests below (seeding takes a while); they only read.

    These tests come after the ones that seed their own (function-scoped) app, whose teardown
    empties the tables.
    """
    app = create_app(
        {
            "TESTING": True,
            "REQUEST_LOG": False,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-for-walkapp",
            "DATABASE_URL": migrated,
            "PHOTO_DIR": str(tmp_path_factory.mktemp("demo-photos")),
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
            "PHOTO_DETECTION": "cli",
        }
    )
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    session = app.extensions["walkapp.sessionmaker"]()
    yield app, session
    session.close()
    empty_tables(app.extensions["walkapp.engine"])
    app.extensions["walkapp.engine"].dispose()


def _municipalities(db):
    return {m.slug: m for m in db.scalars(select(Municipality))}


def _promise(db, title) -> Promise:
    return db.scalar(select(Promise).where(Promise.title == title))


def _kinds(db, promise: Promise, starts_on: date, ends_on: date) -> set[str]:
    return {
        activity.kind.value
        for row in progress(db, promise, starts_on=starts_on, ends_on=ends_on)
        for activity in row.activities
    }


def test_the_demo_logs_the_seed_pages_activities_in_their_periods(demo):
    _app, db = demo
    # Tertial 1 2017, as the police listed it (January to the end of April).
    strangnas_2017 = _promise(db, "Medborgarlöfte 2017")
    assert {
        "traffic_control",
        "home_visit",
        "patrol",
        "property_owner_meeting",
        "citizen_dialogue",
        "school_visit",
        "cooperation_meeting",
    } <= _kinds(db, strangnas_2017, date(2017, 1, 1), date(2017, 4, 30))
    notes = set(db.scalars(select(Activity.note)))
    for place in ("Stallarholmen", "Åkers styckebruk", "Mariefred"):
        assert f"Samverkan för att etablera lokalt BRÅ i {place}" in notes
    sobriety_day = db.scalar(select(Activity).where(Activity.note.like("Trafiknykterhetens dag%")))
    assert sobriety_day.done_on == date(2017, 5, 18) and sobriety_day.quantity > 0
    patrols = db.scalars(select(Activity).where(Activity.kind == "patrol")).all()
    assert patrols and all(patrol.quantity for patrol in patrols)  # hours of foot patrol

    # 2021: BRÅ/EST, dog searches, Linköpingsmodellen, mopedbilar, campaign, parent meetings;
    # the parent meeting with a letter counts for the campaign and for the parent meetings.
    strangnas_2021 = _promise(db, "Medborgarlöfte 2021")
    assert {
        "cooperation_meeting",
        "dog_search",
        "home_visit",
        "traffic_control",
        "information",
        "parent_meeting",
    } <= _kinds(db, strangnas_2021, date(2021, 1, 1), date(2021, 12, 31))
    rows = {row.commitment.position: row for row in progress(db, strangnas_2021)}
    letter = db.scalar(select(Activity).where(Activity.note.like("Föräldramöte och brev%")))
    assert {c.position for c in letter.commitments} == {6, 7}
    assert letter in rows[6].activities and letter in rows[7].activities
    assert rows[7].done == 2 and rows[7].is_met

    soderkoping = _promise(db, "Medborgarlöfte 2017–2019")
    assert {"information", "traffic_control", "patrol", "cooperation_meeting"} <= _kinds(
        db, soderkoping, date(2018, 1, 1), date(2018, 4, 30)
    )
    soderkoping_2020 = _promise(db, "Medborgarlöfte 2020–2022")
    assert {"patrol", "information", "concern_talk", "property_owner_meeting"} <= _kinds(
        db, soderkoping_2020, date(2020, 1, 1), date(2022, 12, 31)
    )


def test_the_2017_walks_are_followed_up_and_nothing_old_is_overdue(demo):
    _app, db = demo
    today = date.today()
    first_walks = db.scalars(
        select(Walk).where(
            Walk.kind == "safety",
            Walk.repeat_of_id.is_(None),
            Walk.starts_at < datetime(2018, 1, 1, tzinfo=UTC),
        )
    ).all()
    assert len(first_walks) == 4  # Strängnäs, Mariefred, Åkers styckebruk, Stallarholmen
    for walk in first_walks:
        again = db.scalar(select(Walk).where(Walk.repeat_of_id == walk.id))
        assert again is not None and again.starts_at.year == 2017, walk.title
        assert again.commitments == walk.commitments
        checks = db.scalars(select(ObservationCheck).where(ObservationCheck.walk_id == again.id))
        assert checks.all(), walk.title
    confirmed = db.scalars(select(ObservationCheck).where(ObservationCheck.verdict == "fixed"))
    assert any(check.observation.status == ObservationStatus.VERIFIED for check in confirmed)

    old = db.scalars(select(Action).where(Action.created_at < datetime(2020, 1, 1, tzinfo=UTC)))
    old = old.all()
    assert old
    for action in old:
        assert not action.is_overdue(today), action.title
        assert action.status in {ActionStatus.DONE, ActionStatus.VERIFIED, ActionStatus.REJECTED}
        assert action.closed_at is not None or action.status == ActionStatus.REJECTED


def test_the_current_year_has_walks_and_open_work(demo):
    _app, db = demo
    municipalities = _municipalities(db)
    today = date.today()
    promise = _promise(db, f"Medborgarlöfte {today.year}")
    assert promise.municipality_id == municipalities["strangnas"].id
    assert promise.situation_report is not None and promise.situation_report.walk_figures
    walk_commitment = next(c for c in promise.commitments if c.activity_kind == "safety_walk")
    statuses = {
        walk.status
        for walk in db.scalars(select(Walk).where(Walk.commitments.contains(walk_commitment)))
    }
    assert WalkStatus.ACTIVE in statuses and statuses & {WalkStatus.CLOSED, WalkStatus.FOLLOWED_UP}
    planned = db.scalar(select(Walk).where(Walk.status == WalkStatus.PLANNED))
    assert planned.commitments[0].promise_id == promise.id
    open_work = db.scalars(
        select(Action).where(
            Action.status.in_([ActionStatus.OPEN, ActionStatus.PLANNED, ActionStatus.IN_PROGRESS])
        )
    ).all()
    assert {a.status for a in open_work} == {
        ActionStatus.OPEN,
        ActionStatus.PLANNED,
        ActionStatus.IN_PROGRESS,
    }
    assert all(not action.is_overdue(today) for action in open_work)
    assert db.scalar(
        select(func.count(Activity.id)).where(Activity.done_on >= date(today.year, 1, 1))
    )


def test_both_municipalities_publish_their_follow_ups_as_the_seeds_do(demo):
    app, db = demo
    client = app.test_client()
    municipalities = _municipalities(db)
    strangnas, soderkoping = municipalities["strangnas"], municipalities["soderkoping"]
    assert (strangnas.chief_title, strangnas.police_area.name) == (
        "Säkerhetschef",
        "Lokalpolisområde Eskilstuna",
    )
    assert (soderkoping.chief_title, soderkoping.police_area.name) == (
        "Trygghetssamordnare",
        "Lokalpolisområde Norrköping",
    )
    for municipality in (strangnas, soderkoping):
        assert db.scalar(
            select(User).where(
                User.municipality_id == municipality.id, User.role == Role.POLICE_COORDINATOR
            )
        )
        assert db.scalar(
            select(SituationReport).where(SituationReport.municipality_id == municipality.id)
        ).sources

    def published(title):
        promise = _promise(db, title)
        versions = db.scalars(
            select(FollowUpVersion)
            .join(FollowUp)
            .where(FollowUp.promise_id == promise.id)
            .order_by(FollowUp.starts_on)
        ).all()
        return promise, {v.follow_up.period_label: v for v in versions}

    # 2017 T1: the police's tertial summary, frozen as of its publication in May 2017.
    promise, versions = published("Medborgarlöfte 2017")
    t1 = versions["2017-T1"]
    assert t1.published_at.year == 2017 and t1.follow_up.status == FollowUpStatus.PUBLISHED
    traffic = t1.snapshot["commitments"][0]
    assert traffic["period_done"] > 0 and "trafiknykterhetens dag" in traffic["texts"]["done"]
    youth = t1.snapshot["commitments"][2]
    assert "Linköpingsmodellen" in youth["texts"]["done"] and youth["period_done"] > 0
    assert {a["kind"] for a in youth["activities"]} >= {"home_visit", "patrol"}
    assert all(a["done_on"] <= "2017-04-30" for a in youth["activities"])

    # 2018: reported early May, September and January, every commitment written.
    promise, versions = published("Medborgarlöfte 2018")
    assert (promise.period_start_month, promise.report_due_days) == (1, 10)
    assert [v.published_at.date().isoformat()[:7] for v in versions.values()] == [
        "2018-05",
        "2018-09",
        "2019-01",
    ]
    for version in versions.values():
        assert all(row["texts"]["done"] for row in version.snapshot["commitments"])

    _promise_, versions = published("Medborgarlöfte 2017–2019")
    assert {"2018-T1", "2018-T3"} <= set(versions)
    assert "kvarstår 2017 års medborgarlöfte" in versions["2018-T3"].snapshot["narrative"]

    # Söderköping 2020-2022: half years from November, reported in May and November.
    promise, versions = published("Medborgarlöfte 2020–2022")
    assert (promise.follow_up_kind, promise.period_start_month, promise.report_due_days) == (
        "half_year",
        11,
        30,
    )
    assert list(versions) == [
        "2019-11",
        "2020-05",
        "2020-11",
        "2021-05",
        "2021-11",
        "2022-05",
        "2022-11",
    ]
    for key, version in versions.items():
        due = due_on(promise, find_period(promise, key))
        assert due.month in (5, 11) or key == "2022-11"
        assert version.published_at.date() <= due

    # This year's: the tertials already due are published, the current one is a draft.
    promise, versions = published(f"Medborgarlöfte {date.today().year}")
    assert (
        db.scalar(
            select(FollowUp).where(
                FollowUp.promise_id == promise.id, FollowUp.status == FollowUpStatus.DRAFT
            )
        )
        or date.today().month < 2
    )

    # Anyone finds the published follow-ups from the municipality's public page.
    for slug in ("strangnas", "soderkoping"):
        page = client.get(f"/p/{slug}/")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        version = db.scalar(
            select(FollowUpVersion)
            .join(FollowUp)
            .join(Promise)
            .where(Promise.municipality_id == municipalities[slug].id)
        )
        with app.test_request_context():
            link = url_for(
                "public_reports.show",
                slug=slug,
                promise_id=version.follow_up.promise_id,
                period_key=version.follow_up.period_label,
            )
        assert link in text
        assert client.get(link).status_code == 200


def test_the_police_area_and_the_national_admin_read_across_municipalities(demo, monkeypatch):
    """Eskilstuna's police area signs Strängnäs' promises (the seeds), Norrköping's Söderköping's:
    its officer reads the one, the national administrator both."""
    app, db = demo
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)  # logging in by a plain POST
    municipalities = _municipalities(db)
    strangnas, soderkoping = municipalities["strangnas"], municipalities["soderkoping"]

    def reads(email):
        client = app.test_client()
        client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        assert client.get("/review/").status_code == 200, email
        page = client.get("/").get_data(as_text=True)  # the overview, a row per municipality
        return {m.slug for m in (strangnas, soderkoping) if f">{m.name}<" in page}, client

    area_reads, officer = reads("lpo@eskilstuna.example")
    assert area_reads == {"strangnas"}
    assert "Lokalpolisområde Eskilstuna" in officer.get("/").get_data(as_text=True)
    ours = db.scalar(select(Observation.id).where(Observation.municipality_id == strangnas.id))
    theirs = db.scalar(select(Observation.id).where(Observation.municipality_id == soderkoping.id))
    assert officer.get(f"/observations/{ours}").status_code == 200
    assert officer.get(f"/observations/{theirs}").status_code == 404
    national_reads, _client = reads("admin@walkapp.example")
    assert national_reads == {"strangnas", "soderkoping"}
