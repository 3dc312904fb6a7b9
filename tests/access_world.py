"""The world of tests/test_access.py: two kommuner, their actors, rows and who may read which."""

from datetime import date, timedelta

from walkapp.actions.models import Action
from walkapp.auth.models import Role
from walkapp.observations.models import Observation
from walkapp.open311.models import ApiKey
from walkapp.photos.models import PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage
from walkapp.promises.models import Agreement
from walkapp.routing.models import Referral
from walkapp.walks.models import WalkParticipant, WalkStatus

ACTORS = (
    "anonymous",
    "participant",
    "walk_leader",
    "safety_chief",
    "handler_tech",
    "handler_police",
    "admin",
    "national_admin",
    "other_chief",
    "police_coordinator",
    "other_police",
    "area_police",
)
ROLE_OF = {
    "participant": Role.PARTICIPANT,
    "walk_leader": Role.WALK_LEADER,
    "safety_chief": Role.SAFETY_CHIEF,
    "handler_tech": Role.HANDLER,
    "handler_police": Role.HANDLER,
    "admin": Role.ADMIN,
    "national_admin": Role.ADMIN,
    "other_chief": Role.SAFETY_CHIEF,
    "police_coordinator": Role.POLICE_COORDINATOR,
    "other_police": Role.POLICE_COORDINATOR,
    "area_police": Role.POLICE_AREA,
}
STAFF = {
    "walk_leader",
    "safety_chief",
    "police_coordinator",
    "admin",
    "national_admin",
    "area_police",
}
FRAME = STAFF | {"participant", "handler_tech", "handler_police"}
OTHER = {"other_chief", "other_police", "national_admin", "area_police"}

# The table of the module's docstring: object -> the actors who may read it.
READABLE = {
    "obs_tech": STAFF | {"handler_tech", "participant"},
    "obs_police": STAFF | {"handler_police"},
    "obs_flagged": STAFF,
    "obs_other": OTHER,
    "photo_tech": STAFF | {"handler_tech", "participant"},
    "photo_police": STAFF | {"handler_police"},
    "photo_flagged": STAFF,
    "photo_other": OTHER,
    "after_tech": STAFF | {"handler_tech"},
    "after_police": STAFF | {"handler_police"},
    "after_other": OTHER,
    "action_tech": STAFF | {"handler_tech"},
    "action_police": STAFF | {"handler_police"},
    "action_other": OTHER,
    "referral": STAFF,
    "referral_other": OTHER,
    "walk": STAFF,
    **{name: FRAME for name in ("promise", "commitment", "agreement", "locality")},
    **{name: FRAME for name in ("org_tech", "user", "api_key")},
    **{name: OTHER for name in ("walk_other", "promise_other", "commitment_other")},
    **{name: OTHER for name in ("agreement_other", "locality_other", "org_other")},
    **{name: OTHER for name in ("user_other", "api_key_other")},
    "activity": FRAME,
    "activity_other": OTHER,
}
# Rows read by more actors than may change them: an activity is changed by its author or the
# chief (these have no author); the kommun's other staff are refused (403), not told "missing".
CHANGERS = {"activity": {"safety_chief"}, "activity_other": {"other_chief"}}
# Which objects each kind of id in a URL is tried with.
OBJECTS_OF = {
    "observation_id": ("obs_tech", "obs_police", "obs_flagged", "obs_other"),
    "photo_id": (
        *("photo_tech", "photo_police", "photo_flagged", "photo_other"),
        *("after_tech", "after_police", "after_other"),
    ),
    "action_id": ("action_tech", "action_police", "action_other"),
    "referral_id": ("referral", "referral_other"),
    "walk_id": ("walk", "walk_other"),
    "promise_id": ("promise", "promise_other"),
    "commitment_id": ("commitment", "commitment_other"),
    "agreement_id": ("agreement", "agreement_other"),
    "locality_id": ("locality", "locality_other"),
    "organisation_id": ("org_tech", "org_other"),
    "user_id": ("user", "user_other"),
    "key_id": ("api_key", "api_key_other"),
    "activity_id": ("activity", "activity_other"),
}
# Where an observation and a photo meet in one URL, only the photo's own observation is tried.
PHOTO_OF = {"obs_tech": "photo_tech", "obs_police": "photo_police", "obs_flagged": "photo_flagged"}
PHOTO_OF["obs_other"] = "photo_other"
# Walk-member routes: the walk's members (and, on the field page of an active walk, its planners).
MEMBERS = {"walk": {"participant"}, "walk_other": set()}
FIELD_PLANNERS = {
    "walk": {"walk_leader", "safety_chief", "police_coordinator"},
    "walk_other": {"other_chief", "other_police"},
}
FIXED = {
    "variant": "display",
    "period_key": "2021-T2",
    "fmt": "csv",
    "client_uuid": "6f1d3c52-8a57-4e0e-9a3c-7d1f0f6c2b11",
    "sha256": "0" * 64,
    "version": 1,
    "link_id": 1,
    "number": 1,
}
ACTIVITY_NOTE = "Hembesök hos familjen vid skolan"


def _kommun(db, app, suffix, municipality, make_walk, make_organisation, make_locality, make_user):
    """One kommun's rows: two handler organisations with an action each, observations, photos."""
    walk = make_walk(municipality=municipality, status=WalkStatus.ACTIVE, join_code=f"JC{suffix}")
    tech = make_organisation(name=f"Teknik {suffix}", municipality=municipality)
    police = make_organisation(name=f"Polisen {suffix}", kind="police", municipality=municipality)
    author, neighbour = (
        WalkParticipant(
            walk=walk, display_name=name, represents="resident", consent_given_at=walk.starts_at
        )
        for name in ("Anna", "Bo")
    )
    db.add_all([author, neighbour])
    db.flush()

    def observation(**fields):
        obs = Observation(
            municipality_id=municipality.id,
            walk=walk,
            author=fields.pop("author", author),
            lat=59.3745,
            lon=17.0319,
            category_code="lighting_missing",
            polarity="problem",
            recorded_at=walk.starts_at + timedelta(minutes=5),
            note="Lampan är trasig.",
            **fields,
        )
        db.add(obs)
        return obs

    rows = {
        "walk": walk,
        "obs_tech": observation(),
        "obs_police": observation(author=neighbour),
        "obs_flagged": observation(author=neighbour, is_flagged=True),
        "locality": make_locality(name=f"Ort {suffix}", municipality=municipality),
        "org_tech": tech,
        "api_key": ApiKey(
            municipality=municipality, name="GIS", prefix=f"k{suffix}", key_hash=suffix * 64
        ),
        "agreement": Agreement(
            municipality=municipality,
            title="Samverkansöverenskommelse",
            starts_on=date(2021, 1, 1),
            ends_on=date(2023, 12, 31),
        ),
    }
    db.add_all([rows["api_key"], rows["agreement"]])
    db.flush()
    for org, name in ((tech, "tech"), (police, "police")):
        action = Action(municipality_id=municipality.id, organisation=org, title=f"Åtgärd {name}")
        action.observations.append(rows[f"obs_{name}"])
        db.add(action)
        rows[f"action_{name}"] = action
    # A handover to an outside owner: the municipality's staff read it, the chief works on it.
    rows["referral"] = Referral(
        municipality_id=municipality.id, observation=rows["obs_flagged"], organisation=tech
    )
    db.add(rows["referral"])
    db.flush()
    with app.app_context():
        for number, name in enumerate(("tech", "police", "flagged")):
            rows[f"photo_{name}"] = store_photo(
                db,
                get_storage(),
                _jpeg(suffix, number),
                kind=PhotoKind.BEFORE,
                observation_id=rows[f"obs_{name}"].id,
                settings=photo_settings(),
            )[0]
        for number, name in enumerate(("tech", "police"), start=5):
            rows[f"after_{name}"] = store_photo(
                db,
                get_storage(),
                _jpeg(suffix, number),
                kind=PhotoKind.AFTER,
                action_id=rows[f"action_{name}"].id,
                settings=photo_settings(),
            )[0]
    db.commit()
    return rows, author, tech, police


def _jpeg(suffix: str, number: int) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (ord(suffix[0]) % 256, number * 30, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def _other(name: str) -> str:
    """The other kommun's row of the same kind: obs_tech -> obs_other, walk -> walk_other."""
    return name.replace("_tech", "_other") if name.endswith("_tech") else f"{name}_other"
