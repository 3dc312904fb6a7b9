"""The observation page: triage, public reasons, duplicates, masking and blurring, escaping."""

import io

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import select

from walkapp.auth.models import Role
from walkapp.events.models import Event
from walkapp.observations.models import ObservationStatus
from walkapp.observations.queries import distance_m
from walkapp.observations.services import triage_choices
from walkapp.photos.models import PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_the_chief_sees_everything_about_an_observation(
    client, login_as, make_observation, make_promise, db
):
    login_as(Role.SAFETY_CHIEF)
    observation = make_observation(accuracy_m=12.4, note="Lampan vid tunneln är trasig.")
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "Belysning saknas/trasig" in page and "Lampan vid tunneln är trasig." in page
    assert "59.374500, 17.031900" in page and "± 12 m" in page and "GPS" in page
    assert observation.walk.title in page


def test_triage_follows_the_lifecycle_and_writes_the_event(client, login_as, make_observation, db):
    chief = login_as(Role.SAFETY_CHIEF)
    observation = make_observation()
    assert [s.value for s in triage_choices(observation)] == ["triaged"]
    response = client.post(f"/observations/{observation.id}", data={"status": "triaged"})
    assert response.status_code == 303
    response = client.post(
        f"/observations/{observation.id}",
        data={
            "status": "referred",
            "public_note": "Överlämnat till Trafikverket.",
            "internal_note": "Ärende 2026/114",
        },
    )
    assert response.status_code == 303
    db.expire_all()
    assert observation.status == ObservationStatus.REFERRED
    event = db.scalars(select(Event).order_by(Event.id.desc())).first()
    assert (event.actor_id, event.to_status) == (chief.id, "referred")
    assert event.public_note == "Överlämnat till Trafikverket."
    assert event.internal_note == "Ärende 2026/114"
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "Överlämnat till Trafikverket." in page


@pytest.mark.parametrize(
    ("start", "data", "status", "message"),
    [
        (
            "triaged",
            {"status": "no_action"},
            422,
            "Den här statusen kräver en offentlig kommentar.",
        ),
        ("triaged", {"status": "referred", "public_note": "   "}, 422, "offentlig kommentar"),
        ("received", {"status": "no_action", "public_note": "Nej"}, 422, "Rätta de markerade"),
        ("triaged", {"status": "exploded"}, 422, "Rätta de markerade"),
        ("triaged", {"status": "fixed"}, 422, "Rätta de markerade"),
    ],
    ids=["no-action-without-reason", "blank-reason", "skipping-a-step", "unknown", "fixed-by-hand"],
)
def test_bad_decisions_change_nothing(
    client, login_as, make_observation, db, start, data, status, message
):
    login_as(Role.SAFETY_CHIEF)
    observation = make_observation(status=start)
    response = client.post(f"/observations/{observation.id}", data=data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    db.expire_all()
    assert observation.status == start


def test_a_walk_leader_reads_but_does_not_decide(client, login_as, make_observation, db):
    login_as(Role.WALK_LEADER)
    observation = make_observation()
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "Spara beslutet" not in page
    assert (
        client.post(f"/observations/{observation.id}", data={"status": "triaged"}).status_code
        == 403
    )
    db.expire_all()
    assert observation.status == ObservationStatus.RECEIVED


def test_another_municipalitys_observation_is_not_found(
    client, login_as, make_walk, make_observation, other_municipality
):
    login_as(Role.SAFETY_CHIEF)
    foreign = make_observation(walk=make_walk(municipality=other_municipality))
    assert client.get(f"/observations/{foreign.id}").status_code == 404
    assert client.post(f"/observations/{foreign.id}", data={"status": "triaged"}).status_code == 404


def test_nearby_observations_of_the_same_kind_are_possible_duplicates(
    client, login_as, make_observation, make_walk
):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    here = make_observation(walk=walk, lat=59.37445, lon=17.03190)
    close_same_kind = make_observation(
        walk=walk, lat=59.37470, lon=17.03190, category_code="lighting_poor", note="Svagt ljus"
    )
    make_observation(
        walk=walk, lat=59.37450, lon=17.03190, category_code="speeding", note="Annan grupp"
    )
    make_observation(walk=walk, lat=59.37700, lon=17.03190, note="För långt bort")
    page = client.get(f"/observations/{here.id}").get_data(as_text=True)
    section = page.split("Möjliga dubbletter i närheten")[1].split("</section>")[0]
    assert f"/observations/{close_same_kind.id}" in section and "28 m" in section
    assert "Annan grupp" not in section and "För långt bort" not in section


def test_distance_is_right_for_pairs_worked_out_by_hand():
    # One minute of latitude on a 6,371 km sphere: 6_371_000 * pi / 180 / 60 = 1,853.2 m.
    assert distance_m(59.0, 17.0, 59.0 + 1 / 60, 17.0) == pytest.approx(1853.2, abs=0.5)
    # One degree of longitude at 60° N is half of one at the equator (111,194.9 m).
    assert distance_m(60.0, 17.0, 60.0, 18.0) == pytest.approx(55_597.5, rel=1e-3)


def test_hostile_notes_are_shown_as_text(client, login_as, make_observation):
    login_as(Role.SAFETY_CHIEF)
    observation = make_observation(note=HOSTILE)
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert HOSTILE not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    walk_page = client.get(f"/walks/{observation.walk_id}").get_data(as_text=True)
    assert "<img src=x" not in walk_page and "&lt;script&gt;" in walk_page


def test_the_triage_service_guards_its_own_rules(
    app, db, make_user, make_observation, other_municipality
):
    from walkapp.errors import Forbidden
    from walkapp.events.services import TransitionNotAllowed
    from walkapp.observations.services import triage_observation

    observation = make_observation(status="triaged")
    chief = make_user(Role.SAFETY_CHIEF)
    with app.test_request_context():
        with pytest.raises(TransitionNotAllowed):
            triage_observation(db, chief, observation, "action_planned")  # comes from an action
        with pytest.raises(Forbidden):
            triage_observation(db, make_user(Role.WALK_LEADER), observation, "long_term")
        with pytest.raises(Forbidden):
            foreign_chief = make_user(Role.SAFETY_CHIEF, municipality=other_municipality)
            triage_observation(db, foreign_chief, observation, "long_term")
        triage_observation(db, chief, observation, "long_term", public_note="Ingår i planen.")
    db.commit()
    db.expire_all()
    assert observation.status == ObservationStatus.LONG_TERM


def _near(make_observation, walk, **fields):
    return make_observation(walk=walk, lat=59.37447, lon=17.03191, **fields)


def test_duplicates_are_merged_into_a_survivor_and_nothing_is_deleted(
    client, login_as, make_walk, make_observation, db, app
):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    survivor = _near(make_observation, walk, note="Lampan är trasig")
    first = _near(make_observation, walk, note="Mörkt vid tunneln", status="triaged")
    second = _near(make_observation, walk, note="Ingen belysning")
    response = client.post(
        f"/observations/{survivor.id}/merge", data={"merge_ids": [first.id, second.id]}
    )
    assert response.status_code == 303
    db.expire_all()
    for merged in (first, second):
        assert merged.status == ObservationStatus.DUPLICATE
        assert merged.duplicate_of_id == survivor.id
    page = client.get(f"/observations/{survivor.id}").get_data(as_text=True)
    assert "Rapporterad 2 gånger till" in page
    assert "Mörkt vid tunneln" in page and "Ingen belysning" in page
    merged_page = client.get(f"/observations/{first.id}").get_data(as_text=True)
    assert "Iakttagelsen är en dubblett av" in merged_page
    kinds = [e.kind for e in db.scalars(select(Event).where(Event.subject_id == survivor.id))]
    assert kinds.count("merged") == 2


@pytest.mark.parametrize("case", ["itself", "another-municipality", "already-has-an-action"])
def test_a_refused_merge_changes_nothing(
    client, login_as, make_walk, make_observation, db, other_municipality, case
):
    login_as(Role.SAFETY_CHIEF)
    walk = make_walk()
    survivor = _near(make_observation, walk)
    fine = _near(make_observation, walk)
    other = {
        "itself": survivor,
        "another-municipality": make_observation(walk=make_walk(municipality=other_municipality)),
        "already-has-an-action": _near(make_observation, walk, status="action_planned"),
    }[case]
    response = client.post(
        f"/observations/{survivor.id}/merge", data={"merge_ids": [fine.id, other.id]}
    )
    if case == "another-municipality":  # "not yours" answers as "not there" (issue 12)
        assert response.status_code == 404
    else:
        assert response.status_code == 422
        assert "message--error" in response.get_data(as_text=True)
    db.expire_all()
    assert fine.status == ObservationStatus.RECEIVED and fine.duplicate_of_id is None
    assert other.duplicate_of_id is None


def test_merging_an_unknown_observation_is_404(client, login_as, make_observation):
    login_as(Role.SAFETY_CHIEF)
    survivor = make_observation()
    assert (
        client.post(f"/observations/{survivor.id}/merge", data={"merge_ids": [999999]}).status_code
        == 404
    )


def test_the_chief_masks_a_note_and_the_original_stays(client, login_as, make_observation, db):
    login_as(Role.SAFETY_CHIEF)
    note = "Kalle Andersson langar vid busskuren."
    observation = make_observation(note=note, is_flagged=True)
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "Den publiceras inte förrän den har kontrollerats" in page
    assert "en persons namn" in page and "ett påstått brott" in page
    assert observation.published_note is None  # withheld until checked
    masked = "[borttaget] vid busskuren."
    response = client.post(f"/observations/{observation.id}/mask", data={"public_text": masked})
    assert response.status_code == 303
    db.expire_all()
    assert observation.note == note
    assert (observation.is_masked, observation.is_flagged) == (True, False)
    assert observation.published_note == masked
    # Saving the public text masks the note and publishes it; neither event repeats the name.
    masked_event, published_event = db.scalars(select(Event).order_by(Event.id.desc())).all()[1::-1]
    assert (masked_event.kind, published_event.kind) == ("masked", "published")
    assert "Kalle" not in (masked_event.internal_note or "") + (published_event.internal_note or "")
    # Saving the note unchanged approves it as written.
    client.post(f"/observations/{observation.id}/mask", data={"public_text": note})
    db.expire_all()
    assert (observation.is_masked, observation.published_note) == (False, note)


def test_masking_is_for_the_chief_and_refuses_an_overlong_text(
    app, client, login_as, make_observation, db
):
    observation = make_observation(note="Lampan är trasig.")
    login_as(Role.WALK_LEADER)
    assert client.post(f"/observations/{observation.id}/mask", data={}).status_code == 403
    login_as(Role.SAFETY_CHIEF)
    response = client.post(f"/observations/{observation.id}/mask", data={"public_text": "x" * 2001})
    assert response.status_code == 422
    db.expire_all()
    assert (observation.is_masked, observation.public_note) == (False, None)


@pytest.fixture
def photographed(app, db, make_observation, make_photo_bytes):
    observation = make_observation()
    with app.app_context():
        photo, _made = store_photo(
            db,
            get_storage(),
            make_photo_bytes(400, 300, color=(250, 250, 250)),
            kind=PhotoKind.BEFORE,
            observation_id=observation.id,
            settings=photo_settings(),
        )
    # A black square in the top left corner to blur away.
    with app.app_context():
        storage = get_storage()
        image = Image.open(io.BytesIO(storage.get(photo.storage_key)))
        ImageDraw.Draw(image).rectangle((0, 0, 39, 39), fill=(0, 0, 0))
        for x in range(0, 40, 4):
            ImageDraw.Draw(image).line((x, 0, x, 39), fill=(255, 255, 255))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=95)
        storage.put(photo.storage_key, buffer.getvalue())
    db.commit()
    return observation, photo


def _pixels(app, key):
    with app.app_context():
        return Image.open(io.BytesIO(get_storage().get(key))).convert("L")


def test_blurring_makes_a_public_version_and_keeps_the_original(
    app, client, login_as, photographed, db
):
    login_as(Role.SAFETY_CHIEF)
    observation, photo = photographed
    original = client.get(f"/photos/{photo.id}/display.jpg").get_data()
    response = client.post(
        f"/observations/{observation.id}/photos/{photo.id}/blur",
        data={"left": "0", "top": "0", "width": "10", "height": "13.4"},
    )
    assert response.status_code == 303
    db.expire_all()
    assert photo.public_storage_key and photo.public_thumbnail_key
    assert client.get(f"/photos/{photo.id}/display.jpg").get_data() == original
    public = client.get(f"/photos/{photo.id}/public.jpg")
    assert public.status_code == 200 and public.get_data() != original
    assert client.get(f"/photos/{photo.id}/public-thumb.jpg").status_code == 200
    # The stripes inside the rectangle are gone; the rest of the photo is as it was.
    blurred = _pixels(app, photo.public_storage_key)
    stripes = _pixels(app, photo.storage_key)
    inside = [blurred.getpixel((x, 20)) for x in range(0, 36)]
    assert max(inside) - min(inside) < 60
    assert max(stripes.getpixel((x, 20)) for x in range(36)) > 200
    assert abs(blurred.getpixel((300, 200)) - stripes.getpixel((300, 200))) < 10
    # Publishing it as taken drops the blurred version again.
    response = client.post(
        f"/observations/{observation.id}/photos/{photo.id}/blur", data={"reset": "1"}
    )
    assert response.status_code == 303
    db.expire_all()
    assert photo.public_storage_key is None
    assert client.get(f"/photos/{photo.id}/public.jpg").get_data() == original


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ({"left": "95", "top": "0", "width": "10", "height": "10"}, "måste ligga på fotot"),
        ({"left": "-5", "top": "0", "width": "10", "height": "10"}, "Rätta de markerade"),
        ({"left": "0", "top": "0", "width": "0", "height": "10"}, "måste ligga på fotot"),
        ({"left": "a", "top": "0", "width": "10", "height": "10"}, "Rätta de markerade"),
        ({"left": "nan", "top": "0", "width": "10", "height": "10"}, "Rätta de markerade"),
    ],
)
def test_blurring_outside_the_photo_is_refused(client, login_as, photographed, db, region, message):
    login_as(Role.SAFETY_CHIEF)
    observation, photo = photographed
    response = client.post(f"/observations/{observation.id}/photos/{photo.id}/blur", data=region)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.expire_all()
    assert photo.public_storage_key is None


def test_a_photo_of_another_observation_is_not_found(
    client, login_as, photographed, make_observation
):
    login_as(Role.SAFETY_CHIEF)
    _observation, photo = photographed
    other = make_observation()
    response = client.post(
        f"/observations/{other.id}/photos/{photo.id}/blur",
        data={"left": "0", "top": "0", "width": "10", "height": "10"},
    )
    assert response.status_code == 404
