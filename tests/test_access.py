"""Access by construction: every route with an id, as every role, answers by one scoping rule.

The rule (written once in walkapp/scope.py, restated here on its own so the test can catch it):

    who reads which row            anon  part  leader chief tech  police admin nation area other
    observation of tech's action    -    own   yes    yes   yes    -     yes   yes    yes   -
    observation of police's action  -     -    yes    yes    -    yes    yes   yes    yes   -
    flagged observation, no action  -     -    yes    yes    -     -     yes   yes    yes   -
    a photo of an observation       as its observation
    tech's action, its after-photo  -     -    yes    yes   yes    -     yes   yes    yes   -
    police's action, after-photo    -     -    yes    yes    -    yes    yes   yes    yes   -
    a walk                          -     -    yes    yes    -     -     yes   yes    yes   -
    promise, commitment, agreement,
      locality, organisation,
      user, API key                 -    yes   yes    yes   yes   yes    yes   yes    yes   -
    any row of the other kommun     -     -     -      -     -     -      -    yes    yes  yes

The kommunpolis (police coordinator) reads what the chief reads, in its own kommun only; the
other kommun's kommunpolis reads as "other". The police area officer (area) reads what the
kommunpolis reads in both kommuner, which share its police area, and changes nothing: its role
gate refuses every route that writes (403).

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

from datetime import UTC, date, datetime

import pytest

from tests.access_world import (
    ACTIVITY_NOTE,
    ACTORS,
    CHANGERS,
    FIELD_PLANNERS,
    FIXED,
    MEMBERS,
    OBJECTS_OF,
    PHOTO_OF,
    READABLE,
    ROLE_OF,
    _kommun,
    _other,
)
from walkapp.auth.models import Role
from walkapp.promises.models import Activity
from walkapp.promises.periods import find_period
from walkapp.reports.models import FollowUp, FollowUpVersion
from walkapp.reports.report_data import public_part, report_data
from walkapp.security import PUBLIC, WALK_MEMBER, access_of


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
                # Both kommuner are in its police area (the other joins it below).
                "area_police": make_user(Role.POLICE_AREA),
                "participant": make_user(Role.PARTICIPANT),
            }
            rows["user"] = make_user(Role.WALK_LEADER, email="target@example.se")
            # The participant's account wrote the observation that went to the technical office.
            author.user_id = users["participant"].id
            db.commit()
        else:
            kommun.police_area = municipality.police_area
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
