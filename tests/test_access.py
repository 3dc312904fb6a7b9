"""Access by construction: every route with an id, as every role, answers by one scoping rule.

The rule (written once in walkapp/scope.py, restated here on its own so the test can catch it):

    who reads which row            anon  part  leader chief tech  police admin nation other
    observation of tech's action    -    own   yes    yes   yes    -     yes   yes    -
    observation of police's action  -     -    yes    yes    -    yes    yes   yes    -
    flagged observation, no action  -     -    yes    yes    -     -     yes   yes    -
    a photo of an observation       as its observation
    tech's action, its after-photo  -     -    yes    yes   yes    -     yes   yes    -
    police's action, after-photo    -     -    yes    yes    -    yes    yes   yes    -
    a walk                          -     -    yes    yes    -     -     yes   yes    -
    promise, commitment, agreement,
      locality, organisation,
      user, API key                 -    yes   yes    yes   yes   yes    yes   yes    -
    any row of the other kommun     -     -     -      -     -     -      -    yes   yes

The kommunpolis (police coordinator) reads what the chief reads, in its own kommun only; the
other kommun's kommunpolis reads as "other".

(part = a participant who wrote the observation of tech's action; tech = a handler of the technical
office, police = a handler of the police; admin = the kommun's administrator, nation = a national
administrator, other = the other kommun's safety chief.) A participant sees activities as counts,
never their notes; an activity is changed by its author or the chief only (the kommun's other
staff: 403).

A route answers the product of two gates: its role gate (the decision of tests/test_permissions.py:
who may ever use the route, else 403, or the login page for the anonymous) and the row rule above
(not readable: 404, the same as a missing id). Walk-member routes answer members of the walk only
(the participant; planners of the kommun get the join page of an active walk). Allowed: anything
but 403, 404 and 500. POST-only routes are asked only where they must refuse, so that no allowed
request changes the rows the other requests are judged by. Public routes must never answer 500.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from walkapp.actions.models import Action
from walkapp.auth.models import Role
from walkapp.observations.models import Observation
from walkapp.open311.models import ApiKey
from walkapp.photos.models import PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.storage import get_storage
from walkapp.promises.models import Activity, Agreement
from walkapp.promises.periods import find_period
from walkapp.reports.figures import public_part, report_data
from walkapp.reports.models import FollowUp, FollowUpVersion
from walkapp.routing.models import Referral
from walkapp.security import PUBLIC, WALK_MEMBER, access_of
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
}
STAFF = {"walk_leader", "safety_chief", "police_coordinator", "admin", "national_admin"}
FRAME = STAFF | {"participant", "handler_tech", "handler_police"}
OTHER = {"other_chief", "other_police", "national_admin"}

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
            )[0]
        for number, name in enumerate(("tech", "police"), start=5):
            rows[f"after_{name}"] = store_photo(
                db,
                get_storage(),
                _jpeg(suffix, number),
                kind=PhotoKind.AFTER,
                action_id=rows[f"action_{name}"].id,
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


@pytest.fixture
def world(
    app,
    db,
    municipality,
    other_municipality,
    make_walk,
    make_organisation,
    make_locality,
    make_user,
    make_promise,
    login,
):
    """Both kommuner, an actor of every kind logged into a client of its own, and ids by name."""
    ids, clients = {}, {"anonymous": app.test_client()}
    for kommun, suffix in ((municipality, "A"), (other_municipality, "B")):
        rows, author, tech, police = _kommun(
            db, app, suffix, kommun, make_walk, make_organisation, make_locality, make_user
        )
        commitments = [("Föräldramöten", "parent_meeting", 10)]
        promise = make_promise(municipality=kommun, commitments=commitments)
        activity = Activity(
            municipality=kommun,
            kind="parent_meeting",
            commitments=[promise.commitments[0]],
            done_on=date(2021, 6, 1),
            count=3,
            note=ACTIVITY_NOTE,
        )
        db.add(activity)
        follow_up = FollowUp(
            promise=promise,
            period_label="2021-T2",
            starts_on=date(2021, 5, 1),
            ends_on=date(2021, 8, 31),
            status="published",
            published_at=datetime(2021, 9, 1, tzinfo=UTC),
        )
        db.add(follow_up)
        db.flush()
        with app.test_request_context():  # a published follow-up is its frozen version
            snapshot = public_part(
                report_data(
                    db,
                    promise,
                    find_period(promise, "2021-T2"),
                    follow_up,
                    as_of=datetime(2100, 1, 1, tzinfo=UTC),
                    timezone="Europe/Stockholm",
                )
            )
        db.add(FollowUpVersion(follow_up=follow_up, number=1, snapshot=snapshot))
        db.commit()
        rows |= {"promise": promise, "commitment": promise.commitments[0], "activity": activity}
        if suffix == "A":
            users = {
                "walk_leader": make_user(Role.WALK_LEADER),
                "safety_chief": make_user(Role.SAFETY_CHIEF),
                "police_coordinator": make_user(Role.POLICE_COORDINATOR),
                "handler_tech": make_user(Role.HANDLER, organisation=tech),
                "handler_police": make_user(Role.HANDLER, organisation=police),
                "admin": make_user(Role.ADMIN),
                "national_admin": make_user(Role.ADMIN, municipality=None),
                "participant": make_user(Role.PARTICIPANT),
            }
            rows["user"] = make_user(Role.WALK_LEADER, email="target@example.se")
            # The participant's account wrote the observation that went to the technical office.
            author.user_id = users["participant"].id
            db.commit()
        else:
            users = {
                "other_chief": make_user(Role.SAFETY_CHIEF, municipality=kommun),
                "other_police": make_user(Role.POLICE_COORDINATOR, municipality=kommun),
            }
            rows["user"] = users["other_chief"]
        for name, user in users.items():
            clients[name] = app.test_client()
            login(user, test_client=clients[name])
        for name, row in rows.items():
            ids[name if suffix == "A" else _other(name)] = row.id
    ids["token"] = db.get(type(rows["walk"]), ids["walk"]).public_token
    return ids, clients


def _cases(app):
    """(rule, method, objects) for every route that takes an id and every object it may name."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        id_args = [arg for arg in rule.arguments if arg in OBJECTS_OF]
        if not id_args:
            continue
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        first = id_args[0]
        for name in OBJECTS_OF[first]:
            chosen = {first: name}
            for arg in id_args[1:]:
                if arg == "photo_id" and first == "observation_id":
                    chosen[arg] = PHOTO_OF[name]
                elif arg == "observation_id" and first == "walk_id":
                    chosen[arg] = "obs_tech" if name == "walk" else "obs_other"
                else:
                    chosen[arg] = OBJECTS_OF[arg][0]
            yield rule, method, chosen


def _allowed(gate, endpoint: str, actor: str, objects: dict) -> bool | None:
    """True or False by the rule; None where the route has no role gate (public)."""
    if gate == PUBLIC:
        return None
    if gate == WALK_MEMBER and endpoint != "photos.show":
        walk = objects.get("walk_id", "walk")
        planners = FIELD_PLANNERS[walk] if endpoint == "field.field" else set()
        return actor in MEMBERS[walk] | planners
    if gate != WALK_MEMBER and (actor == "anonymous" or ROLE_OF[actor] not in gate):
        return False
    return all(actor in CHANGERS.get(name, READABLE[name]) for name in objects.values())


def _refused_not_hidden(actor: str, objects: dict) -> bool:
    """The actor reads every row named but may not change one of them: 403, not 404."""
    names = objects.values()
    return all(actor in READABLE[name] for name in names) and any(
        actor not in CHANGERS.get(name, READABLE[name]) for name in names
    )


def test_every_route_with_an_id_answers_every_role_by_the_rule(app, world):
    ids, clients = world
    wrong = []
    for rule, method, objects in _cases(app):
        values = {arg: ids[name] for arg, name in objects.items()}
        values |= {arg: FIXED.get(arg, ids.get(arg)) for arg in rule.arguments if arg not in values}
        if rule.endpoint != "photos.show" and "variant" in values:
            values["variant"] = "public"  # public routes serve the public versions only
        url = rule.build(values, append_unknown=False)[1]
        gate = access_of(app, rule.endpoint)
        for actor in ACTORS:
            allowed = _allowed(gate, rule.endpoint, actor, objects)
            if allowed and method != "GET":
                continue  # would change the rows the other answers are judged by
            status = clients[actor].open(url, method=method).status_code
            if allowed is None:
                ok = status != 500
            elif allowed:
                ok = status not in (403, 404, 500)
            elif actor == "anonymous" and gate not in (PUBLIC, WALK_MEMBER):
                ok = status == (401 if url.startswith("/api/") else 302)  # to the login page
            elif gate == WALK_MEMBER:
                ok = status in (401, 403, 404)  # 401: an API asking the anonymous to log in
            elif ROLE_OF[actor] not in gate:
                ok = status == 403
            else:
                ok = status == (403 if _refused_not_hidden(actor, objects) else 404)
            if not ok:
                wrong.append(f"{method} {url} ({rule.endpoint}, {objects}) as {actor}: {status}")
    assert not wrong, "\n".join(wrong)


def test_the_technical_office_reads_only_the_photos_of_its_own_actions(world):
    ids, clients = world
    tech = clients["handler_tech"]
    assert tech.get(f"/photos/{ids['photo_tech']}/display.jpg").status_code == 200
    assert tech.get(f"/photos/{ids['after_tech']}/display.jpg").status_code == 200
    # A police-only action's observation, a flagged observation nobody acts on, the police's
    # after-photo: not the technical office's, and it cannot tell them from missing ones.
    for name in ("photo_police", "photo_flagged", "after_police"):
        for variant in ("display", "thumb"):
            response = tech.get(f"/photos/{ids[name]}/{variant}.jpg")
            assert response.status_code == 404, (name, variant)
    assert clients["handler_police"].get(
        f"/photos/{ids['after_tech']}/display.jpg"
    ).status_code == (404)


def test_participants_see_how_many_activities_but_never_their_notes(world):
    ids, clients = world
    for url in (f"/promises/{ids['promise']}", f"/promises/{ids['promise']}/reports/2021-T2"):
        page = clients["participant"].get(url)
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert ACTIVITY_NOTE not in text, url
        assert "3" in text
    # Staff read the note on the promise page (and in a draft report, see test_reports); a
    # published report is its frozen public version, for staff too.
    staff_page = clients["safety_chief"].get(f"/promises/{ids['promise']}").get_data(as_text=True)
    assert ACTIVITY_NOTE in staff_page
