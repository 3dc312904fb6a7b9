"""Generated garbage at every form and API route: never a 500, and a refused request changes
nothing that is stored (hypothesis)."""

import hashlib
import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select, text

from walkapp.auth.models import Role
from walkapp.db import Base
from walkapp.promises.models import Activity, SituationReport
from walkapp.walks.models import WalkParticipant

NASTY = [
    "",
    " ",
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "' OR 1=1 --",
    "'; DROP TABLE observations; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "\x00",
    "NaN",
    "-1",
    "0",
    "1e309",
    "9" * 40,
    "☃💩" * 20,
    "true",
    "null",
    "[]",
    "{}",
    "2021-02-30",
    "A" * 100_000,
]
GARBAGE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
# The names our forms use, so garbage reaches the validators and not only the defaults.
FIELDS = [
    "title",
    "description",
    "note",
    "status",
    "public_note",
    "internal_note",
    "public_text",
    "merge_ids",
    "observation_ids",
    "organisation_id",
    "priority",
    "due_on",
    "planned_on",
    "assignee_id",
    "text",
    "action_ids",
    "left",
    "top",
    "width",
    "height",
    "reset",
    "email",
    "password",
    "name",
    "role",
    "municipality_id",
    "chief_title",
    "police_area",
    "police_area_id",
    "period_start_month",
    "report_due_days",
    "contact",
    "kind",
    "locality_id",
    "starts_at",
    "light_conditions",
    "commitment_ids",
    "repeat_of_id",
    "display_name",
    "represents",
    "consent",
    "feedback_email",
    "wants_feedback",
    "narrative",
    "publish",
    "done_on",
    "count",
    "quantity",
    "target_count",
    "responsible",
    "activity_kind",
    "starts_on",
    "ends_on",
    "follow_up_kind",
    "agreement_id",
    "focus_areas",
    "confirm",
    "api_key",
    "jurisdiction_id",
    "service_code",
    "lat",
    "long",
    "language",
    "next",
    "code",
    "reference",
    "expected_reply_on",
    "answer_note",
    "observation_status",
    "reason",
]
FORMS = st.dictionaries(st.sampled_from(FIELDS), GARBAGE, max_size=8)
JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | GARBAGE,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(GARBAGE, inner, max_size=6),
    max_leaves=12,
)
BODIES = st.one_of(
    st.tuples(st.just("form"), FORMS),
    st.tuples(st.just("json"), JSON),
    st.tuples(st.just("multipart"), FORMS),
    st.tuples(st.just("broken"), st.binary(max_size=300)),
)


def fingerprint(engine) -> str:
    """Every row of every table, hashed: a refused request must leave it as it was."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in sorted(inspect(engine).get_table_names()):
            if table == "alembic_version":
                continue
            for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')):  # noqa: S608
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _situation(db, municipality_id: int) -> int:
    """A lägesbild to edit with garbage."""
    situation = SituationReport(
        municipality_id=municipality_id,
        dated_on=date(2021, 1, 10),
        title="Lägesbild",
        sources=[{"kind": "reported_crime", "text": "Fler inbrott."}],
    )
    db.add(situation)
    db.commit()
    return situation.id


@pytest.fixture
def targets(app, db, make_user, make_walk, make_observation, make_action, make_promise):
    """A URL for every POST/PUT route, and a client logged in as a role that may use it."""
    promise = make_promise(commitments=[("Fyra trygghetsvandringar", "safety_walk", 4)])
    walk = make_walk(status="active", join_code="FUZ234")
    observation = make_observation(walk=walk)
    action = make_action(observations=[observation])
    activity = Activity(
        municipality_id=promise.municipality_id,
        kind="other",
        commitments=[promise.commitments[0]],
        done_on=promise.starts_on,
    )
    db.add(activity)
    db.commit()
    values = {
        "activity_id": activity.id,
        "walk_id": walk.id,
        "municipality_id": walk.municipality_id,
        "observation_id": observation.id,
        "action_id": action.id,
        "photo_id": 1,
        "user_id": make_user(Role.WALK_LEADER).id,
        "organisation_id": action.organisation_id,
        "locality_id": 1,
        "promise_id": promise.id,
        "commitment_id": promise.commitments[0].id,
        "agreement_id": 1,
        "situation_id": _situation(db, walk.municipality_id),
        "period_key": "2021-T2",
        "token": "no-such-link",
        "link_id": 1,
        "referral_id": _referral(db, observation),
        "key_id": 1,
        "code": "FUZ234",
        "fmt": "json",
        "client_uuid": str(observation.client_uuid),
        "sha256": "0" * 64,
    }
    clients = {}
    for role in (Role.SAFETY_CHIEF, Role.ADMIN, Role.HANDLER):
        client = app.test_client()
        user = make_user(role, organisation=action.organisation if role == Role.HANDLER else None)
        client.post(
            "/login", data={"email": user.email, "password": "correct horse battery staple"}
        )
        clients[role] = client
    participant = app.test_client()
    participant.post(
        "/join/FUZ234", data={"display_name": "Fuzz", "represents": "resident", "consent": "y"}
    )
    clients["participant"] = participant
    assert db.scalar(select(WalkParticipant).where(WalkParticipant.display_name == "Fuzz"))
    routes = []
    for rule in app.url_map.iter_rules():
        methods = rule.methods - {"GET", "HEAD", "OPTIONS"}
        if not methods or rule.endpoint in ("auth.logout",):
            continue
        url = rule.build({a: values[a] for a in rule.arguments}, append_unknown=False)[1]
        for method in sorted(methods):
            routes.append((rule.endpoint, method, url))
    return routes, clients


def _client_for(endpoint: str, clients):
    if endpoint.startswith(("api.", "field.")):
        return clients["participant"]
    if endpoint.startswith(("auth.", "places.", "api_keys.", "privacy.", "notifications.")):
        return clients[Role.ADMIN]
    return clients[Role.SAFETY_CHIEF]


def _send(client, method: str, url: str, kind: str, payload):
    if kind == "form":
        return client.open(url, method=method, data=payload)
    if kind == "json":
        return client.open(url, method=method, json=payload)
    if kind == "multipart":
        data = dict(payload)
        data["photo"] = (io.BytesIO(b"\xff\xd8 not really a jpeg"), "../../x.jpg")
        return client.open(url, method=method, data=data, content_type="multipart/form-data")
    return client.open(
        url, method=method, data=payload, content_type="multipart/form-data; boundary=walkapp"
    )


def _fuzz_route(engine, client, endpoint: str, method: str, url: str) -> None:
    @given(body=BODIES)
    @settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def survives(body):
        kind, payload = body
        before = fingerprint(engine)
        response = _send(client, method, url, kind, payload)
        where = f"{method} {url} ({endpoint}) with {kind}"
        assert response.status_code < 500, where
        if response.status_code >= 400:
            assert fingerprint(engine) == before, f"{where} changed what is stored"

    survives()


def test_garbage_at_every_form_and_api_route(app, targets):
    routes, clients = targets
    assert len(routes) > 35
    for endpoint, method, url in routes:
        _fuzz_route(
            app.extensions["walkapp.engine"], _client_for(endpoint, clients), endpoint, method, url
        )


def test_every_table_is_fingerprinted(app):
    names = set(inspect(app.extensions["walkapp.engine"]).get_table_names())
    assert set(Base.metadata.tables) <= names


def _referral(db, observation) -> int:
    """A referral waiting for an answer, so its forms reach their validators."""
    from walkapp.places.models import Organisation
    from walkapp.routing.models import Referral

    owner = Organisation(
        municipality_id=observation.municipality_id,
        name="Trafikverket",
        kind="road_authority",
        email="trafikverket@example.se",
    )
    db.add(owner)
    db.flush()
    referral = Referral(
        municipality_id=observation.municipality_id,
        observation_id=observation.id,
        organisation_id=owner.id,
    )
    db.add(referral)
    db.commit()
    return referral.id
