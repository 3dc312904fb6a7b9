"""seed-demo tells the seeds' story, in every state, and running it twice adds nothing."""

from sqlalchemy import func, select

from walkapp.actions.models import Action, ActionStatus
from walkapp.auth.models import Role, User
from walkapp.demo_story import DEMO_PASSWORD, USERS
from walkapp.events.models import Event
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.photos.models import Photo
from walkapp.places.models import Locality, Municipality
from walkapp.promises.models import Commitment, Promise
from walkapp.walks.models import Walk, WalkStatus

MODELS = (
    Municipality,
    Locality,
    User,
    Promise,
    Commitment,
    Walk,
    Observation,
    Action,
    Photo,
    Event,
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
