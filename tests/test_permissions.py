"""The permission matrix: every route, requested as every role, gets the decided answer."""

from datetime import date

import pytest

from walkapp.auth.models import Role
from walkapp.promises.models import Agreement, SituationReport
from walkapp.security import PUBLIC, WALK_MEMBER, access_of

ADMIN = frozenset({Role.ADMIN})
PLANNERS = frozenset({Role.WALK_LEADER, Role.SAFETY_CHIEF})
EVERYONE = frozenset(Role)
CHIEF = frozenset({Role.SAFETY_CHIEF})
POLICE = Role.POLICE_COORDINATOR
# The kommunpolis reads what the chief reads and walks along; planning walks stays the planners'.
WALK_STAFF = PLANNERS | {POLICE}
# The citizen promise is the chief's and the kommunpolis's together.
PROMISE_EDITORS = frozenset({Role.SAFETY_CHIEF, POLICE})
# Administrators and the police area officer read (never change) the review and the actions of
# their municipalities: a national administrator and a police area across several.
READ_ONLY = frozenset({Role.ADMIN, Role.POLICE_AREA})
REVIEWERS = WALK_STAFF | READ_ONLY
ACTION_READERS = frozenset({Role.SAFETY_CHIEF, Role.HANDLER, POLICE}) | READ_ONLY
ACTIVITY_AUTHORS = frozenset(
    {Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.WALK_LEADER, Role.HANDLER}
)

SITUATION_READERS = frozenset(
    {Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.WALK_LEADER, Role.ADMIN, Role.POLICE_AREA}
)

# One line per endpoint. A new route fails this test until someone decides who may use it.
EXPECTED = {
    "static": PUBLIC,
    "core.index": PUBLIC,
    "core.set_language": PUBLIC,
    "core.healthz": PUBLIC,
    "privacy.about": PUBLIC,
    "privacy.admin": ADMIN,
    "privacy.access_request": ADMIN,
    "privacy.erase": ADMIN,
    "privacy.retention": ADMIN,
    "privacy.publication": ADMIN,
    "auth.login": PUBLIC,
    "auth.logout": EVERYONE,
    "auth.change_password": EVERYONE,
    "auth.login_code": PUBLIC,
    "auth.two_factor": frozenset(Role) - {Role.PARTICIPANT},
    "auth.two_factor_qr": frozenset(Role) - {Role.PARTICIPANT},
    "auth.users": ADMIN,
    "auth.new_user": ADMIN,
    "auth.edit_user": ADMIN,
    "places.organisations": ADMIN,
    "places.new_organisation": ADMIN,
    "places.edit_organisation": ADMIN,
    "places.localities": ADMIN,
    "places.new_locality": ADMIN,
    "places.edit_locality": ADMIN,
    "places.maps": ADMIN,
    "places.edit_map": ADMIN,
    "places.cooperation": frozenset({Role.SAFETY_CHIEF, Role.ADMIN}),
    "tiles.tile": PUBLIC,
    "walks.index": WALK_STAFF,
    "walks.new": PLANNERS,
    "walks.show": WALK_STAFF,
    "walks.start": PLANNERS,
    "walks.close": PLANNERS,
    "walks.rotate_code": PLANNERS,
    "walks.qr_code": WALK_STAFF,
    "walks.save_route": PLANNERS,
    "field.join_code": PUBLIC,
    "field.join": PUBLIC,
    "field.offline": PUBLIC,
    "field.service_worker": PUBLIC,
    "field.manifest": PUBLIC,
    "field.field": WALK_MEMBER,
    "field.join_as_staff": WALK_STAFF,
    "api.openapi": PUBLIC,
    "api.walk_observations": WALK_MEMBER,
    "api.create_observation": WALK_MEMBER,
    "api.put_photo": WALK_MEMBER,
    "api.earlier_observations": WALK_MEMBER,
    "api.create_check": WALK_MEMBER,
    "api.create_track_points": WALK_MEMBER,
    "api.live_observations": WALK_STAFF,
    "photos.show": WALK_MEMBER,
    "observations.show": REVIEWERS,
    "observations.merge": frozenset({Role.SAFETY_CHIEF}),
    "observations.mask": frozenset({Role.SAFETY_CHIEF}),
    "observations.place_owner": CHIEF,
    "routing.index": frozenset({Role.SAFETY_CHIEF, Role.ADMIN}),
    "routing.save": frozenset({Role.SAFETY_CHIEF, Role.ADMIN}),
    "routing.delete": frozenset({Role.SAFETY_CHIEF, Role.ADMIN}),
    "referrals.new": CHIEF,
    "referrals.index": CHIEF,
    "referrals.show": CHIEF,
    "referrals.answer": CHIEF,
    "referrals.withdraw": CHIEF,
    "referrals.reference": CHIEF,
    "observations.blur": frozenset({Role.SAFETY_CHIEF}),
    "publication.walk": CHIEF,
    "publication.note": CHIEF,
    "publication.photo": CHIEF,
    "review.index": REVIEWERS,
    "review.map_data": REVIEWERS,
    "review.popup": REVIEWERS,
    "actions.new": frozenset({Role.SAFETY_CHIEF}),
    "actions.show": ACTION_READERS,
    "actions.index": ACTION_READERS,
    "actions.bulk": frozenset({Role.SAFETY_CHIEF, Role.HANDLER}),
    "actions.assign": frozenset({Role.SAFETY_CHIEF, Role.HANDLER}),
    "actions.reassign": frozenset({Role.SAFETY_CHIEF}),
    "actions.comment": frozenset({Role.SAFETY_CHIEF, Role.HANDLER}),
    "action_links.show": PUBLIC,
    "action_links.photo": PUBLIC,
    "action_links.send": CHIEF,
    "action_links.revoke": CHIEF,
    "protocol.show": PUBLIC,
    "protocol.photo": PUBLIC,
    "protocol.qr_code": PUBLIC,
    "notifications.outbox": ADMIN,
    "protocol.as_pdf": PUBLIC,
    "situations.index": SITUATION_READERS,
    "situations.show": SITUATION_READERS,
    "situations.new": frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.ADMIN}),
    "situations.edit": frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.ADMIN}),
    "public_pages.index": PUBLIC,
    "public_pages.feed": PUBLIC,
    "promises.index": EVERYONE,
    "promises.show": EVERYONE,
    "reports.show": EVERYONE,
    "reports.version": EVERYONE,
    "reports.pdf": EVERYONE,
    "reports.csv": EVERYONE,
    "reports.submit": frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR}),
    "reports.correct": frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR}),
    "reports.approve": frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.ADMIN}),
    "reports.publish": frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.ADMIN}),
    "public_reports.show": PUBLIC,
    "public_reports.pdf": PUBLIC,
    "public_reports.csv": PUBLIC,
    "promises.new": PROMISE_EDITORS,
    "promises.edit": PROMISE_EDITORS,
    "promises.new_commitment": PROMISE_EDITORS,
    "promises.edit_commitment": PROMISE_EDITORS,
    "promises.new_agreement": PROMISE_EDITORS,
    "promises.edit_agreement": PROMISE_EDITORS,
    "activities.new": ACTIVITY_AUTHORS,
    "activities.edit": ACTIVITY_AUTHORS,
    "activities.delete": ACTIVITY_AUTHORS,
    "review.export": REVIEWERS,
    "actions.export": ACTION_READERS,
    "open311.discovery": PUBLIC,
    "open311.service_list": PUBLIC,
    "open311.service_definition": PUBLIC,
    "open311.request_list": PUBLIC,
    "open311.create_request": PUBLIC,
    "open311.request_detail": PUBLIC,
    "open311.token": PUBLIC,
    "api_keys.api_keys": ADMIN,
    "api_keys.revoke": ADMIN,
}


def test_every_route_has_a_decision_and_the_matrix_knows_it(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(EXPECTED), "add the new endpoint's decision to EXPECTED"
    for endpoint in endpoints:
        assert access_of(app, endpoint) == EXPECTED[endpoint], endpoint


def test_a_view_without_a_decision_is_refused(app, client):
    @app.route("/undecided")
    def undecided():
        return "secret"

    response = client.get("/undecided")
    assert response.status_code == 403
    assert "secret" not in response.get_data(as_text=True)


@pytest.fixture
def url_values(
    make_user,
    make_organisation,
    make_locality,
    make_walk,
    make_observation,
    make_action,
    make_promise,
    municipality,
    db,
):
    promise = make_promise(commitments=[("Fyra trygghetsvandringar", "safety_walk", 4)])
    agreement = Agreement(
        municipality=municipality,
        title="Samverkansöverenskommelse",
        starts_on=date(2021, 1, 1),
        ends_on=date(2023, 12, 31),
    )
    db.add(agreement)
    situation = SituationReport(
        municipality=municipality,
        dated_on=date(2021, 1, 10),
        title="Lägesbild 2021",
        sources=[{"kind": "reported_crime", "text": "Fler anmälda inbrott."}],
    )
    db.add(situation)
    db.commit()
    target = make_user(Role.WALK_LEADER, email="target@example.se")
    return {
        "user_id": target.id,
        "organisation_id": make_organisation(name="Polisen").id,
        "locality_id": make_locality().id,
        "walk_id": make_walk().id,
        "observation_id": make_observation().id,
        "action_id": make_action().id,
        "token": "no-such-walk",
        "promise_id": promise.id,
        "commitment_id": promise.commitments[0].id,
        "activity_id": 1,  # none: 404 for the authors, who may ask
        "agreement_id": agreement.id,
        "situation_id": situation.id,
        "period_key": "2021-T2",
        "number": 1,
        "link_id": 1,
        "referral_id": 1,  # none: 404 for the chief, who may ask
        "fmt": "csv",  # a GIS export; to Open311 an unknown format, which it refuses (400)
        "request_id": "1",
        "key_id": 1,
        "filename": "css/walkapp.css",
        "code": "ABC234",
        "client_uuid": "6f1d3c52-8a57-4e0e-9a3c-7d1f0f6c2b11",
        "sha256": "0" * 64,
        "photo_id": 1,
        "variant": "public-thumb",
        "version": 1,
        "municipality_id": municipality.id,
        "slug": "no-such-file",
        "z": 0,
        "x": 0,
        "y": 0,
        "ext": "png",
    }


def _requests(app, url_values):
    for rule in app.url_map.iter_rules():
        url = rule.build({arg: url_values[arg] for arg in rule.arguments}, append_unknown=False)[1]
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        yield rule.endpoint, method, url


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "anonymous")
def test_every_route_answers_each_role_as_decided(app, make_user, login, url_values, role):
    client = app.test_client()
    if role is not None:
        login(make_user(role), test_client=client)
    for endpoint, method, url in _requests(app, url_values):
        response = client.open(url, method=method)
        decision = EXPECTED[endpoint]
        where = f"{method} {url} as {role}"
        if decision == PUBLIC:
            assert response.status_code not in (401, 403, 500), where
        elif decision == WALK_MEMBER:
            # Nobody here joined the walk: the view refuses, whoever asks.
            assert response.status_code in (403, 404), where
        elif role is None and url.startswith("/api/"):
            assert response.status_code == 401, where  # a JSON client is not sent to a page
        elif role is None:
            assert response.status_code == 302, where
            assert response.location.startswith("/login?next="), where
        elif role in decision:
            # 404: the QR code of a walk that has not started has no code to show;
            # 422: a merge without a choice; 400: a new action with none chosen.
            assert response.status_code in (200, 302, 303, 400, 404, 422), where
        else:
            assert response.status_code == 403, where
        if endpoint == "auth.logout" and role is not None:
            login(make_user(role), test_client=client)


def test_objects_of_another_municipality_are_not_found(
    client, login_as, make_user, make_organisation, make_locality, other_municipality
):
    login_as(Role.ADMIN)
    foreign_user = make_user(Role.SAFETY_CHIEF, municipality=other_municipality)
    foreign_org = make_organisation(name="Polisen Norrköping", municipality=other_municipality)
    foreign_place = make_locality(name="Mem", municipality=other_municipality)
    for url in (
        f"/admin/users/{foreign_user.id}",
        f"/admin/organisations/{foreign_org.id}",
        f"/admin/localities/{foreign_place.id}",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, data={"name": "Taken over"}).status_code == 404, url
    listing = client.get("/admin/users").get_data(as_text=True)
    assert foreign_user.email not in listing


def test_a_national_admin_sees_every_municipality(client, login_as, make_user, other_municipality):
    login_as(Role.ADMIN, municipality=None)
    foreign_user = make_user(Role.SAFETY_CHIEF, municipality=other_municipality)
    assert client.get(f"/admin/users/{foreign_user.id}").status_code == 200
    assert foreign_user.email in client.get("/admin/users").get_data(as_text=True)
