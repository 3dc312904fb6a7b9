"""Lägesbild: written with sources, the walks' figures frozen, personal data refused, scoped."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.promises.models import Promise, SituationReport
from walkapp.promises.services import InvalidPromise, PromiseValues, save_promise


def _utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _form(**overrides) -> dict:
    data = {
        "title": "Lägesbild 2021",
        "dated_on": "2021-01-20",
        "summary": "Otrygghet kring resecentrum på kvällstid.",
        "source_reported_crime": "Anmälda skadegörelsebrott ökade med 12 procent.",
        "source_safety_survey": "",
        "source_citizen_dialogue": "",
        "source_police_intelligence": "",
        "source_walks": "Belysningen är det vanligaste problemet.",
        "walks_from": "2020-09-01",
        "walks_to": "2020-12-31",
        "source_other": "",
    }
    data.update(overrides)
    return data


def _count(db) -> int:
    return db.scalar(select(func.count()).select_from(SituationReport))


@pytest.fixture
def walks(make_walk, make_observation, make_locality, other_municipality):
    """Autumn 2020 walks, worked out by hand for walks_from 2020-09-01 .. walks_to 2020-12-31:

    - "Mariefred i mörker" (dark, Mariefred): 2 lighting + 1 safe place; its duplicate is left out;
    - "Centrum" (daylight, no locality): 1 graffiti;
    - "31 december sent" starts 31 Dec 23:30 UTC = 1 Jan 00:30 in Sweden: outside;
    - a planned walk in the span never took place, and the other municipality's walk is not ours.
    So: 2 walks, 4 observations, 1 safe place; lighting 2, graffiti 1, safe place 1;
    Mariefred 3, the municipality as a whole 1; dark 3, daylight 1.
    """
    mariefred = make_locality()
    dark = make_walk(
        title="Mariefred i mörker",
        starts_at=_utc(2020, 11, 10, 17),
        status="closed",
        light_conditions="dark",
        locality=mariefred,
    )
    lamp = make_observation(walk=dark, category_code="lighting_missing", status="triaged")
    make_observation(walk=dark, category_code="lighting_missing")
    make_observation(walk=dark, category_code="safe_place", polarity="positive")
    make_observation(
        walk=dark, category_code="lighting_missing", status="duplicate", duplicate_of=lamp
    )
    day = make_walk(title="Centrum", starts_at=_utc(2020, 9, 1, 8), status="followed_up")
    make_observation(walk=day, category_code="graffiti")
    late = make_walk(
        title="31 december sent", starts_at=_utc(2020, 12, 31, 23, 30), status="closed"
    )
    make_observation(walk=late, category_code="graffiti")
    planned = make_walk(title="Planerad", starts_at=_utc(2020, 10, 1, 17), status="planned")
    make_observation(walk=planned, category_code="graffiti")
    foreign = make_walk(
        title="Söderköping",
        municipality=other_municipality,
        starts_at=_utc(2020, 10, 1, 17),
        status="closed",
    )
    make_observation(walk=foreign, category_code="graffiti")
    return dark


def test_the_chief_writes_a_lagesbild_and_the_walks_figures_are_frozen(
    client, db, login_as, walks, make_observation
):
    login_as(Role.SAFETY_CHIEF)
    response = client.post("/situations/new", data=_form())
    assert response.status_code == 303
    situation = db.scalar(select(SituationReport))
    assert response.location.endswith(f"/situations/{situation.id}")
    assert situation.sources == [
        {"kind": "reported_crime", "text": "Anmälda skadegörelsebrott ökade med 12 procent."},
        {"kind": "walks", "text": "Belysningen är det vanligaste problemet."},
    ]
    figures = situation.walk_figures
    assert (figures["walks"], figures["observations"], figures["safe_places"]) == (2, 4, 1)
    assert {row["code"]: row["count"] for row in figures["by_category"]} == {
        "lighting_missing": 2,
        "graffiti": 1,
        "safe_place": 1,
    }
    assert {row["name"]: row["count"] for row in figures["by_locality"]} == {"Mariefred": 3, "": 1}
    assert {row["light"]: row["count"] for row in figures["by_light"]} == {"dark": 3, "daylight": 1}

    # A later observation of the same walks changes nothing already saved, even on an edit of
    # the text; a new span of walks is counted again.
    make_observation(walk=walks, category_code="graffiti")
    client.post(f"/situations/{situation.id}/edit", data=_form(title="Lägesbild 2021, rättad"))
    db.expire_all()
    assert db.get(SituationReport, situation.id).walk_figures["observations"] == 4
    client.post(f"/situations/{situation.id}/edit", data=_form(walks_from="2020-11-01"))
    db.expire_all()
    assert db.get(SituationReport, situation.id).walk_figures["observations"] == 4  # 3 + 1 new
    # Each save is on the record: who wrote the lägesbild and who changed it.
    assert db.scalars(
        select(Event.kind)
        .where(
            Event.subject_type == SubjectType.SITUATION_REPORT,
            Event.subject_id == situation.id,
        )
        .order_by(Event.id)
    ).all() == [EventKind.CREATED, EventKind.UPDATED, EventKind.UPDATED]

    client.post("/language", data={"language": "en", "next": "/"})
    page = client.get(f"/situations/{situation.id}").get_data(as_text=True)
    assert "Reported crime" in page and "Mariefred" in page
    assert 'data-figures="light"' in page


def test_a_source_with_personal_data_is_refused_and_nothing_is_saved(client, db, login_as):
    login_as(Role.SAFETY_CHIEF)
    response = client.post(
        "/situations/new",
        data=_form(
            source_citizen_dialogue="Anna Lindberg på Storgatan 12 är orolig.",
            walks_from="",
            walks_to="",
        ),
    )
    assert response.status_code == 422
    assert _count(db) == 0
    response = client.post("/situations/new", data=_form(summary="Ring 070-123 45 67."))
    assert response.status_code == 422
    assert _count(db) == 0


def test_a_title_and_a_source_are_required(client, db, login_as):
    login_as(Role.SAFETY_CHIEF)
    no_source = _form(source_reported_crime="", source_walks="", walks_from="", walks_to="")
    assert client.post("/situations/new", data=no_source).status_code == 422
    assert client.post("/situations/new", data=_form(title="")).status_code == 422
    assert client.post("/situations/new", data=_form(walks_to="")).status_code == 422
    assert _count(db) == 0
    # The walks' figures alone are a source.
    walks_only = _form(source_reported_crime="", source_walks="")
    assert client.post("/situations/new", data=walks_only).status_code == 303
    assert db.scalar(select(SituationReport)).sources == [{"kind": "walks", "text": ""}]


def _situation(db, municipality, title="Lägesbild") -> SituationReport:
    situation = SituationReport(
        municipality=municipality,
        dated_on=date(2021, 1, 20),
        title=title,
        sources=[{"kind": "safety_survey", "text": "Fler känner sig otrygga i centrum."}],
    )
    db.add(situation)
    db.commit()
    return situation


def test_another_municipalitys_lagesbild_is_not_found(
    client, db, login_as, other_municipality, municipality
):
    foreign = _situation(db, other_municipality, title="Söderköpings lägesbild")
    own = _situation(db, municipality, title="Vår lägesbild")
    login_as(Role.SAFETY_CHIEF)
    assert client.get(f"/situations/{foreign.id}").status_code == 404
    assert client.get(f"/situations/{foreign.id}/edit").status_code == 404
    assert client.post(f"/situations/{foreign.id}/edit", data=_form()).status_code == 404
    listing = client.get("/situations/").get_data(as_text=True)
    assert "Vår lägesbild" in listing and "Söderköpings lägesbild" not in listing
    assert client.get(f"/situations/{own.id}").status_code == 200


@pytest.mark.parametrize(
    ("role", "reads", "writes"),
    [
        (Role.SAFETY_CHIEF, True, True),
        (Role.POLICE_COORDINATOR, True, True),
        (Role.ADMIN, True, True),
        (Role.WALK_LEADER, True, False),
        (Role.HANDLER, False, False),
        (Role.PARTICIPANT, False, False),
    ],
)
def test_who_reads_and_who_writes(client, db, login_as, municipality, role, reads, writes):
    situation = _situation(db, municipality)
    login_as(role)
    assert client.get(f"/situations/{situation.id}").status_code == (200 if reads else 403)
    response = client.post("/situations/new", data=_form(walks_from="", walks_to=""))
    assert response.status_code == (303 if writes else 403)
    assert _count(db) == (2 if writes else 1)


def test_a_promise_refers_to_the_lagesbild_it_was_built_on(
    client, db, login_as, make_promise, municipality, other_municipality, make_user
):
    situation = _situation(db, municipality, title="Lägesbild hösten 2020")
    foreign = _situation(db, other_municipality, title="Söderköpings lägesbild")
    promise = make_promise()
    login_as(Role.SAFETY_CHIEF)
    form = client.get(f"/promises/{promise.id}/edit").get_data(as_text=True)
    assert "Lägesbild hösten 2020" in form and "Söderköpings lägesbild" not in form
    data = {
        "title": promise.title,
        "agreement_id": "0",
        "starts_on": "2021-01-01",
        "ends_on": "2021-12-31",
        "follow_up_kind": "tertial",
        "period_start_month": "1",
        "report_due_days": "14",
        "situation_report_id": str(foreign.id),
    }
    assert client.post(f"/promises/{promise.id}/edit", data=data).status_code == 422
    data["situation_report_id"] = str(situation.id)
    assert client.post(f"/promises/{promise.id}/edit", data=data).status_code == 303
    db.expire_all()
    assert db.get(Promise, promise.id).situation_report_id == situation.id
    page = client.get(f"/promises/{promise.id}").get_data(as_text=True)
    assert "Lägesbild hösten 2020" in page
    assert f'href="/situations/{situation.id}"' in page

    # The service itself refuses another municipality's lägesbild, whatever the form offered.
    chief = make_user(Role.SAFETY_CHIEF)
    target = db.get(Promise, promise.id)
    with pytest.raises(InvalidPromise):
        save_promise(
            db,
            chief,
            target,
            replace(PromiseValues.of(target), situation_report=db.get(SituationReport, foreign.id)),
        )
    db.rollback()


def test_the_national_administrator_reads_a_lagesbild_but_writes_none(
    client, db, login_as, municipality
):
    situation = _situation(db, municipality)
    title = situation.title
    login_as(Role.ADMIN, municipality=None)
    page = client.get(f"/situations/{situation.id}")
    assert page.status_code == 200
    assert f"/situations/{situation.id}/edit" not in page.get_data(as_text=True)
    edited = client.post(f"/situations/{situation.id}/edit", data=_form(title="Ändrad"))
    assert edited.status_code == 403
    db.expire_all()
    assert situation.title == title
    assert client.post("/situations/new", data=_form()).status_code == 404
    assert _count(db) == 1
