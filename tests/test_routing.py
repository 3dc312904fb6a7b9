"""Routing rules: every proposal follows the municipality's division of responsibility, never
the alphabet; the chief or an administrator edits the rules; the chief sets who owns a place."""

from datetime import date

import pytest
from sqlalchemy import func, select

from walkapp.actions.proposals import propose_action
from walkapp.auth.models import Role, User
from walkapp.demo.story import DEMO_PASSWORD
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.observations.models import Category, Observation
from walkapp.places.models import Organisation
from walkapp.routing.models import RoutingRule
from walkapp.routing.services import set_routing_rule

SETTINGS = {
    "priority_by_severity": {1: "low", 2: "normal", 3: "high"},
    "due_days": {"low": 90, "normal": 30, "high": 14},
    "locale": "sv",
}


def _rule_count(db) -> int:
    return db.scalar(select(func.count()).select_from(RoutingRule))


@pytest.fixture
def units(db, municipality, make_organisation):
    """Two municipal units named so that the alphabet would pick the wrong one."""
    return {
        "social": make_organisation("Socialtjänsten", "municipal_unit"),
        "technical": make_organisation("Teknik- och servicekontoret", "municipal_unit"),
        "police": make_organisation("Lokalpolisområde Eskilstuna", "police"),
        "owner": make_organisation("Fastighetsägarnätverket Strängnäs", "property_owner"),
        "trafikverket": make_organisation("Trafikverket", "road_authority"),
    }


@pytest.fixture
def rules(app, db, municipality, units):
    def rule(code, organisation, owner=None, note=""):
        set_routing_rule(db, None, municipality, db.get(Category, code), owner, organisation, note)

    with app.test_request_context():
        rule("lighting_missing", units["technical"], note="enligt kommunens ansvarsfördelning")
        rule("gathering", units["police"])
        rule("graffiti", units["technical"])
        rule("graffiti", units["owner"], "private_property")
        rule("speeding", units["police"])
        rule("speeding", units["trafikverket"], "state_road")
        db.commit()
    return units


def _propose(app, db, chief, observations):
    with app.test_request_context():
        chief = db.get(User, chief.id)
        observations = [db.get(Observation, o.id) for o in observations]
        proposal = propose_action(db, chief, observations, date(2026, 11, 30), **SETTINGS)
        return proposal.organisation, str(proposal.reason), proposal.unrouted


def test_each_observation_goes_where_the_rules_send_it(app, db, make_user, make_observation, rules):
    chief = make_user(Role.SAFETY_CHIEF)
    lamp = make_observation(category_code="lighting_missing")
    organisation, reason, unrouted = _propose(app, db, chief, [lamp])
    assert organisation.id == rules["technical"].id  # not "Socialtjänsten", first by name
    assert reason == (
        "Belysning saknas/trasig → Teknik- och servicekontoret enligt kommunens ansvarsfördelning"
    )
    assert unrouted == ()
    gathering = make_observation(category_code="gathering")
    assert _propose(app, db, chief, [gathering])[0].id == rules["police"].id
    on_property = make_observation(category_code="graffiti", place_owner="private_property")
    elsewhere = make_observation(category_code="graffiti")
    assert _propose(app, db, chief, [on_property])[0].id == rules["owner"].id
    assert _propose(app, db, chief, [elsewhere])[0].id == rules["technical"].id
    # A rule for one owner wins; another owner falls back to the rule for any owner.
    municipal = make_observation(category_code="graffiti", place_owner="municipality")
    assert _propose(app, db, chief, [municipal])[0].id == rules["technical"].id
    state_road = make_observation(category_code="speeding", place_owner="state_road")
    organisation, reason, _ = _propose(app, db, chief, [state_road])
    assert organisation.id == rules["trafikverket"].id
    # The rule has no note of its own: the default wording (Swedish once translated).
    assert reason.startswith("Hög hastighet → Trafikverket ")


def test_most_observations_win_then_severity_then_the_oldest_rule(
    app, db, make_user, make_observation, rules
):
    chief = make_user(Role.SAFETY_CHIEF)
    lamps = [make_observation(category_code="lighting_missing", severity=1) for _ in range(2)]
    gathering = make_observation(category_code="gathering", severity=3)
    assert _propose(app, db, chief, [gathering, *lamps])[0].id == rules["technical"].id
    # One each: the most severe observation decides.
    assert _propose(app, db, chief, [lamps[0], gathering])[0].id == rules["police"].id
    # One each and equally severe: the older rule (lighting's), whatever the names.
    calm = make_observation(category_code="gathering", severity=1)
    organisation, reason, _ = _propose(app, db, chief, [calm, lamps[0]])
    assert organisation.id == rules["technical"].id
    assert reason.startswith("Belysning saknas/trasig → Teknik- och servicekontoret")


def test_without_a_rule_nobody_is_proposed_and_the_page_says_why(
    app, client, db, login_as, make_observation, rules
):
    chief = login_as(Role.SAFETY_CHIEF)
    deserted = make_observation(category_code="isolated")
    organisation, reason, unrouted = _propose(app, db, chief, [deserted])
    assert (organisation, reason, unrouted) == (None, "", ("Öde plats",))
    page = client.get(f"/actions/new?observation_ids={deserted.id}").get_data(as_text=True)
    assert "Ingen regel för Öde plats: välj organisation" in page
    assert 'href="/routing/"' in page
    # Nothing is selected for the chief: the list's first name is not a proposal.
    assert "<option selected" not in page.split('name="organisation_id"')[1].split("</select>")[0]


def test_an_inactive_organisation_is_never_proposed(app, db, make_user, make_observation, rules):
    chief = make_user(Role.SAFETY_CHIEF)
    rules["police"].is_active = False
    db.commit()
    gathering = make_observation(category_code="gathering")
    assert _propose(app, db, chief, [gathering])[:1] == (None,)


def test_the_new_action_page_shows_the_proposal_and_its_reason(
    client, login_as, make_observation, rules
):
    login_as(Role.SAFETY_CHIEF)
    lamp = make_observation(category_code="lighting_missing", severity=3)
    page = client.get(f"/actions/new?observation_ids={lamp.id}").get_data(as_text=True)
    assert f'<option selected value="{rules["technical"].id}">' in page
    assert (
        "Belysning saknas/trasig → Teknik- och servicekontoret enligt kommunens ansvarsfördelning"
        in page
    )


def test_the_chief_edits_the_rules(client, db, login_as, municipality, units):
    login_as(Role.SAFETY_CHIEF)
    page = client.get("/routing/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert text.count('name="category_code" value=') == 24  # a row for every category
    assert "Socialtjänsten" in text and "Teknik- och servicekontoret" in text
    form = {"municipality_id": municipality.id, "category_code": "litter", "note": ""}
    response = client.post("/routing/rules", data=form | {"organisation_id": units["social"].id})
    assert response.status_code == 303
    response = client.post(
        "/routing/rules",
        data=form | {"organisation_id": units["technical"].id, "note": "enligt avtal"},
    )
    assert response.status_code == 303
    rule = db.scalars(select(RoutingRule)).one()  # replaced, not a second rule
    assert (rule.category_code, rule.place_owner, rule.organisation_id, rule.note) == (
        "litter",
        None,
        units["technical"].id,
        "enligt avtal",
    )
    response = client.post(
        "/routing/rules",
        data=form | {"organisation_id": units["owner"].id, "place_owner": "private_property"},
    )
    assert response.status_code == 303 and _rule_count(db) == 2
    assert "Fastighetsägarnätverket Strängnäs" in client.get("/routing/").get_data(as_text=True)
    # "No rule" chosen in the row removes the rule for any owner; the owner's rule stays.
    response = client.post("/routing/rules", data=form | {"organisation_id": ""})
    assert response.status_code == 303
    assert db.scalar(select(RoutingRule.place_owner)) == "private_property"
    response = client.post("/routing/rules/delete", data=form | {"place_owner": "private_property"})
    assert response.status_code == 303 and _rule_count(db) == 0


def test_rules_are_refused_to_others_and_store_nothing(
    client, db, login_as, municipality, other_municipality, make_organisation, units
):
    form = {"municipality_id": municipality.id, "category_code": "litter"}
    login_as(Role.HANDLER)
    assert client.get("/routing/").status_code == 403
    response = client.post("/routing/rules", data=form | {"organisation_id": units["technical"].id})
    assert response.status_code == 403
    client.post("/logout")
    login_as(Role.SAFETY_CHIEF)
    theirs = make_organisation("Tekniska kontoret", municipality=other_municipality)
    response = client.post("/routing/rules", data=form | {"organisation_id": theirs.id})
    assert response.status_code == 404
    response = client.post("/routing/rules", data=form | {"organisation_id": 999999})
    assert response.status_code == 404
    units["social"].is_active = False
    db.commit()
    response = client.post("/routing/rules", data=form | {"organisation_id": units["social"].id})
    assert response.status_code == 422
    response = client.post(
        "/routing/rules",
        data=form | {"organisation_id": units["technical"].id, "place_owner": "castle"},
    )
    assert response.status_code == 422
    # Another municipality's rules are not there for this chief.
    assert client.get(f"/routing/?municipality_id={other_municipality.id}").status_code == 404
    other = {"municipality_id": other_municipality.id, "category_code": "litter"}
    response = client.post("/routing/rules", data=other | {"organisation_id": theirs.id})
    assert response.status_code == 404
    assert _rule_count(db) == 0


def test_a_national_admin_sets_rules_in_any_municipality(
    client, db, make_user, login, other_municipality, make_organisation
):
    login(make_user(Role.ADMIN, municipality=None))
    theirs = make_organisation("Tekniska kontoret", municipality=other_municipality)
    page = client.get(f"/routing/?municipality_id={other_municipality.id}")
    assert page.status_code == 200 and "Tekniska kontoret" in page.get_data(as_text=True)
    response = client.post(
        "/routing/rules",
        data={
            "municipality_id": other_municipality.id,
            "category_code": "vegetation",
            "organisation_id": theirs.id,
        },
    )
    assert response.status_code == 303
    assert db.scalar(select(RoutingRule.organisation_id)) == theirs.id


def test_the_chief_sets_who_owns_the_place(
    client, db, login_as, make_user, login, make_observation
):
    login_as(Role.SAFETY_CHIEF)
    graffiti = make_observation(category_code="graffiti")
    page = client.get(f"/observations/{graffiti.id}").get_data(as_text=True)
    assert "Vem äger platsen?" in page
    url = f"/observations/{graffiti.id}/place-owner"
    assert client.post(url, data={"place_owner": "private_property"}).status_code == 303
    db.expire_all()
    assert graffiti.place_owner == "private_property"
    event = db.scalars(
        select(Event).where(
            Event.subject_type == SubjectType.OBSERVATION,
            Event.subject_id == graffiti.id,
            Event.kind == EventKind.UPDATED,
        )
    ).one()
    assert event.internal_note == "place owner: private_property"
    assert client.post(url, data={"place_owner": "castle"}).status_code == 422
    assert client.post(url, data={"place_owner": ""}).status_code == 303
    db.expire_all()
    assert graffiti.place_owner is None
    client.post("/logout")
    login(make_user(Role.WALK_LEADER))
    assert client.post(url, data={"place_owner": "state_road"}).status_code == 403
    db.expire_all()
    assert graffiti.place_owner is None


def test_the_demo_routes_as_the_municipalities_work(app, db, client):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0

    def proposed(code, municipality_slug, place_owner=None):
        observation = db.scalars(
            select(Observation)
            .join(Observation.municipality)
            .where(
                Observation.category_code == code,
                Observation.place_owner.is_(None)
                if place_owner is None
                else Observation.place_owner == place_owner,
            )
            .where(Observation.municipality.has(slug=municipality_slug))
            .order_by(Observation.id)
        ).first()
        page = client.get(f"/actions/new?observation_ids={observation.id}")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        chosen = text.split('name="organisation_id"')[1].split("</select>")[0]
        organisation_id = int(chosen.split("<option selected value=")[1].split('"')[1])
        return db.get(Organisation, organisation_id).name, text

    client.post("/login", data={"email": "chef@strangnas.example", "password": DEMO_PASSWORD})
    name, page = proposed("lighting_missing", "strangnas")
    assert name == "Teknik- och servicekontoret"
    assert (
        "Belysning saknas/trasig → Teknik- och servicekontoret enligt kommunens ansvarsfördelning"
        in page
    )
    assert proposed("gathering", "strangnas")[0] == "Lokalpolisområde Eskilstuna"
    assert proposed("graffiti", "strangnas")[0] == "Teknik- och servicekontoret"
    assert proposed("speeding", "strangnas", "state_road")[0] == "Trafikverket"
    client.post("/logout")
    client.post("/login", data={"email": "chef@soderkoping.example", "password": DEMO_PASSWORD})
    name, _page = proposed("graffiti", "soderkoping", "private_property")
    assert name == "Fastighetsägare i Söderköpings centrum"
    assert proposed("lighting_missing", "soderkoping")[0] == "Tekniska kontoret"
