"""The follow-up report: its figures, periods and due dates, its workflow, freezing and files."""

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from tests.test_promises import year  # noqa: F401  (the 2021 promise worked out by hand)
from walkapp.auth.models import Role
from walkapp.events.models import Event, SubjectType
from walkapp.observations.models import Observation
from walkapp.promises.models import Activity, Commitment, Promise
from walkapp.promises.periods import due_on, find_period, periods_of
from walkapp.reports.models import FollowUp, FollowUpStatus, FollowUpText, FollowUpVersion
from walkapp.reports.report_data import report_data

T2 = "2021-T2"
NOW = datetime(2100, 1, 1, tzinfo=UTC)  # after everything the fixtures create
ZONE = "Europe/Stockholm"


def _english(client):
    client.post("/language", data={"language": "en", "next": "/"})
    return client


def _figures(html: str) -> dict[str, str]:
    """The figures a page marks with data-figure, by name (the first of each)."""
    found = {}
    for name, value in re.findall(r'data-figure="([\w-]+)">([^<]*)<', html):
        found.setdefault(name, value.strip())
    return found


def _csv(response) -> dict[str, str]:
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    return {row[1]: row[2] for row in rows[1:]}


def _pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def signatories(app, make_user, login):
    """The safety chief and the kommunpolis, each logged into an English client of their own."""
    clients = {}
    for role in (Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR):
        client = app.test_client()
        login(make_user(role), test_client=client)
        clients[role] = _english(client)
    return clients[Role.SAFETY_CHIEF], clients[Role.POLICE_COORDINATOR]


def _publish(chief, police, promise, key=T2, note=None):
    base = f"/promises/{promise.id}/reports/{key}"
    assert chief.post(base + "/submit").status_code == 303
    assert chief.post(base + "/approve").status_code == 303
    assert police.post(base + "/approve").status_code == 303
    data = {"correction_note": note} if note is not None else {}
    return chief.post(base + "/publish", data=data)


# ---------- figures ----------


def test_the_report_figures_are_those_worked_out_by_hand(year, db):  # noqa: F811
    report = report_data(db, year, find_period(year, T2), None, as_of=NOW, timezone=ZONE)
    rows = report["commitments"]
    assert [row["period_done"] for row in rows] == [1, 6, 0, 1]
    assert [row["to_date"] for row in rows] == [2, 9, 0, 1]
    # T2 has ended but the promise has not: a target reached is met, the rest is in progress
    # ("1 of 4 walks" after T2 is no failure); the last period judges met or not met.
    assert [row["state"] for row in rows] == ["in_progress", "in_progress", "no_target", "met"]
    last = report_data(db, year, find_period(year, "2021-T3"), None, as_of=NOW, timezone=ZONE)
    assert [row["state"] for row in last["commitments"]] == [
        "not_met",
        "not_met",
        "no_target",
        "met",
    ]
    assert [walk["title"] for walk in report["walks"]] == ["Maj"]
    assert report["walks"][0]["protocol_token"]
    observations = report["observations"]
    assert observations["total"] == 5 and observations["safe_places"] == 1
    assert {c["code"]: c["count"] for c in observations["by_category"]} == {
        "lighting_missing": 2,
        "safe_place": 1,
        "vegetation": 1,
        "graffiti": 1,
    }
    assert (observations["assessed"], observations["referred"], observations["no_action"]) == (
        4,
        1,
        1,
    )
    assert observations["no_action_reasons"] == ["Privat tomt; fastighetsägaren är informerad."]
    assert len(observations["points"]) == 4  # the received one is not on the map
    actions = report["actions"]
    # The rejected action counts nowhere; the open one is overdue by now.
    assert (actions["total"], actions["fixed_in_time"], actions["fixed_late"]) == (3, 1, 1)
    assert (actions["overdue"], actions["judged"], actions["share_fixed_in_time"]) == (1, 3, 33)
    assert actions["median_days_to_fix"] == 20.0
    # Notes never leave staff pages: not in the default dict, not in a snapshot.
    assert all("note" not in a for row in rows for a in row["activities"])


def test_only_what_existed_then_counts_and_open_actions_not_yet_due_are_no_failure(
    year,  # noqa: F811
    db,
):
    db.execute(update(Observation).values(received_at=datetime(2021, 5, 5, 18, tzinfo=UTC)))
    db.execute(update(Activity).values(created_at=datetime(2021, 9, 1, tzinfo=UTC)))
    db.commit()
    june = datetime(2021, 6, 10, 12, tzinfo=UTC)
    report = report_data(db, year, find_period(year, T2), None, as_of=june, timezone=ZONE)
    actions = report["actions"]
    # Fixed in time 1, late 1 (closed 5 June), the open one not due until September.
    assert (actions["total"], actions["judged"], actions["not_yet_due"]) == (3, 2, 1)
    assert actions["share_fixed_in_time"] == 50
    # The traffic controls were logged in September: not there in June.
    assert report["commitments"][1]["period_done"] == 0
    # The period has not ended: a target not reached is in progress, not failed.
    assert report["commitments"][0]["state"] == "in_progress"


def test_the_figures_agree_on_the_promise_page_the_period_and_year_reports_and_the_csv(
    signatories,
    year,  # noqa: F811
):
    chief, _police = signatories
    page = _figures(chief.get(f"/promises/{year.id}").get_data(as_text=True))
    keys = [p.key for p in periods_of(year) if not p.is_year_end]
    assert keys == ["2021-T1", "2021-T2", "2021-T3"]
    period_pages = [
        _figures(chief.get(f"/promises/{year.id}/reports/{key}").get_data(as_text=True))
        for key in keys
    ]
    period_csvs = [_csv(chief.get(f"/promises/{year.id}/reports/{key}.csv")) for key in keys]
    year_page = _figures(chief.get(f"/promises/{year.id}/reports/2021").get_data(as_text=True))
    year_csv = _csv(chief.get(f"/promises/{year.id}/reports/2021.csv"))
    for name, csv_name in (("walks", "Held in the period"), ("observations", "All")):
        total = sum(int(p[name]) for p in period_pages)
        assert int(page[name]) == total == int(year_page[name]) == int(year_csv[csv_name]), name
        assert [int(c[csv_name]) for c in period_csvs] == [int(p[name]) for p in period_pages]
    # The rejected action is left out everywhere: 3 on the page, in T2 and in the year.
    assert page["actions"] == year_page["actions"] == year_csv["Actions"] == "3"
    assert sum(int(c["Actions"]) for c in period_csvs) == 3
    assert page["fixed-in-time"] == year_page["fixed-in-time"] == "33 %"
    assert period_csvs[1]["Tio riktade trafikkontroller"] == "6"
    assert year_csv["Tio riktade trafikkontroller"] == "9"
    assert period_csvs[1]["Median days to fix"] == "20,0"  # a decimal comma in the CSV


# ---------- periods and due dates of both seed rhythms ----------


def test_strangnas_2018_is_followed_up_by_tertial_in_may_september_and_january(
    db, make_promise, signatories
):
    promise = make_promise(title="Medborgarlöfte 2018", year=2018)
    regular = [p for p in periods_of(promise) if not p.is_year_end]
    assert [p.key for p in regular] == ["2018-T1", "2018-T2", "2018-T3"]
    assert [due_on(promise, p) for p in regular] == [
        date(2018, 5, 14),
        date(2018, 9, 14),
        date(2019, 1, 14),
    ]
    chief, _police = signatories
    page = chief.get(f"/promises/{promise.id}").get_data(as_text=True)
    for key in ("2018-T1", "2018-T2", "2018-T3", "2018"):
        assert f'data-period="{key}"' in page, key
    assert 'datetime="2019-01-14"' in page


def test_soderkoping_2020_2022_is_followed_up_by_half_years_in_may_and_november(
    db, make_promise, other_municipality
):
    promise = make_promise(title="Medborgarlöfte 2020–2022", municipality=other_municipality)
    promise.starts_on, promise.ends_on = date(2020, 1, 1), date(2022, 12, 31)
    promise.follow_up_kind, promise.period_start_month = "half_year", 11
    promise.report_due_days = 30
    db.commit()
    regular = [p for p in periods_of(promise) if not p.is_year_end]
    assert [p.key for p in regular] == [
        "2019-11",
        "2020-05",
        "2020-11",
        "2021-05",
        "2021-11",
        "2022-05",
        "2022-11",
    ]
    assert (regular[0].starts_on, regular[0].ends_on) == (date(2020, 1, 1), date(2020, 4, 30))
    assert (regular[-1].starts_on, regular[-1].ends_on) == (date(2022, 11, 1), date(2022, 12, 31))
    dues = [due_on(promise, p) for p in regular[:4]]
    assert dues == [date(2020, 5, 30), date(2020, 11, 30), date(2021, 5, 30), date(2021, 11, 30)]
    assert {d.month for d in dues} == {5, 11}
    assert [p.key for p in periods_of(promise) if p.is_year_end] == ["2020", "2021", "2022", "all"]


# ---------- the workflow ----------


def test_draft_ready_both_approvals_published_and_a_text_edit_clears_approvals(
    app,
    db,
    client,
    login,
    make_user,
    signatories,
    year,  # noqa: F811
):
    chief, police = signatories
    url = f"/promises/{year.id}/reports/{T2}"
    walk_leader = _english(app.test_client())
    login(make_user(Role.WALK_LEADER), test_client=walk_leader)
    commitment = year.commitments[1]
    response = police.post(
        url,
        data={
            "narrative": "Fokus på trafiken vid skolorna.",
            f"done-{commitment.id}": "Sex riktade trafikkontroller vid skolorna.",
            f"next-{commitment.id}": "Fler kontroller i höst.",
        },
    )
    assert response.status_code == 303
    assert walk_leader.get(url).status_code == 404  # a draft is its writers' only
    draft = chief.get(url).get_data(as_text=True)
    assert "Sex riktade trafikkontroller vid skolorna." in draft and "Skolvägen" in draft
    assert chief.post(url + "/submit").status_code == 303
    assert walk_leader.post(url + "/approve").status_code == 403
    assert chief.post(url + "/approve").status_code == 303
    assert chief.post(url + "/approve").status_code == 422  # one approval per side
    follow_up = db.scalar(select(FollowUp).where(FollowUp.promise_id == year.id))
    assert follow_up.status == FollowUpStatus.READY and len(follow_up.approvals) == 1

    # A change of text takes it back to draft: the approval was of the old text.
    chief.post(url, data={"narrative": "Fokus på trafiken och belysningen vid skolorna."})
    db.expire_all()
    assert follow_up.status == FollowUpStatus.DRAFT and follow_up.approvals == []

    assert _publish(chief, police, year).status_code == 303
    db.expire_all()
    assert follow_up.status == FollowUpStatus.PUBLISHED
    events = db.scalars(
        select(Event.to_status).where(
            Event.subject_type == SubjectType.FOLLOW_UP, Event.to_status.is_not(None)
        )
    ).all()
    assert events == ["draft", "ready", "draft", "ready", "approved", "published"]
    published = walk_leader.get(url).get_data(as_text=True)
    assert "Fokus på trafiken och belysningen vid skolorna." in published
    assert "Skolvägen" not in published  # activity notes never go public
    public = client.get(f"/p/{year.municipality.slug}/promises/{year.id}/{T2}/")
    assert public.status_code == 200
    assert "Sex riktade trafikkontroller vid skolorna." in public.get_data(as_text=True)


def test_a_text_naming_a_person_is_refused_and_nothing_is_stored(
    db,
    signatories,
    year,  # noqa: F811
):
    chief, _police = signatories
    commitment = year.commitments[0]
    response = chief.post(
        f"/promises/{year.id}/reports/{T2}",
        data={"narrative": "", f"done-{commitment.id}": "Ring Anna Lindberg på 070-123 45 67."},
    )
    assert response.status_code == 422
    assert db.scalar(select(FollowUpText)) is None


def test_published_is_frozen_and_a_correction_is_a_new_version(
    app,
    db,
    client,
    signatories,
    year,  # noqa: F811
    make_action,
):
    chief, police = signatories
    assert _publish(chief, police, year).status_code == 303
    base = f"/p/{year.municipality.slug}/promises/{year.id}/{T2}"
    _english(client)
    before = (
        _figures(client.get(base + "/").get_data(as_text=True)),
        client.get(base + ".csv").data,
        _pdf_pages(client.get(base + ".pdf").data),
    )
    # Later data: a traffic control and an action in the same period.
    controls = db.get(Commitment, year.commitments[1].id)
    db.add(
        Activity(
            municipality_id=year.municipality_id,
            kind="traffic_control",
            commitments=[controls],
            done_on=date(2021, 7, 1),
            count=5,
        )
    )
    graffiti = db.scalar(select(Observation).where(Observation.category_code == "graffiti"))
    make_action(observations=[graffiti], title="Ny sanering")
    after = (
        _figures(client.get(base + "/").get_data(as_text=True)),
        client.get(base + ".csv").data,
        _pdf_pages(client.get(base + ".pdf").data),
    )
    assert after == before
    assert chief.get(f"/promises/{year.id}/reports/{T2}.csv").data == before[1]

    url = f"/promises/{year.id}/reports/{T2}"
    assert chief.post(url, data={"narrative": "Ändrat i smyg"}).status_code == 422
    assert chief.post(url + "/correct").status_code == 303
    assert client.get(base + "/").status_code == 200  # version 1 stays public meanwhile
    assert _publish(chief, police, year, note="").status_code == 422  # a correction says why
    response = chief.post(url + "/publish", data={"correction_note": "Julis kontroller saknades."})
    assert response.status_code == 303
    versions = db.scalars(select(FollowUpVersion).order_by(FollowUpVersion.number)).all()
    assert [v.number for v in versions] == [1, 2]
    latest = client.get(base + "/").get_data(as_text=True)
    assert "Julis kontroller saknades." in latest and f"{base}/v1/" in latest
    assert _figures(latest)["actions"] == "4"
    first = client.get(base + "/v1/").get_data(as_text=True)
    assert _figures(first) == before[0] and "This is an earlier version." in first
    assert client.get(base + "/v1.csv").data == before[1]


def test_a_draft_pdf_says_draft_on_every_page_and_a_published_one_does_not(
    db,
    signatories,
    year,  # noqa: F811
):
    chief, police = signatories
    promise = db.get(Promise, year.id)
    for number in range(5, 25):
        promise.commitments.append(
            Commitment(
                position=number,
                text=f"Åtagande {number}: " + "trygghet i centrum " * 20,
                responsible="both",
                activity_kind="other",
            )
        )
    db.commit()
    pages = _pdf_pages(chief.get(f"/promises/{year.id}/reports/{T2}.pdf").data)
    assert len(pages) > 2
    assert all("DRAFT" in page for page in pages)
    assert _publish(chief, police, year).status_code == 303
    pages = _pdf_pages(chief.get(f"/promises/{year.id}/reports/{T2}.pdf").data)
    assert not any("DRAFT" in page for page in pages)
    assert "Tio riktade trafikkontroller" in "".join(pages)


def test_the_public_never_sees_a_draft(
    client,
    signatories,
    year,  # noqa: F811
    other_municipality,
):
    chief, _police = signatories
    base = f"/p/{year.municipality.slug}/promises/{year.id}/{T2}"
    chief.post(f"/promises/{year.id}/reports/{T2}", data={"narrative": "Utkast"})
    chief.post(f"/promises/{year.id}/reports/{T2}/submit")
    for url in (base + "/", base + ".pdf", base + ".csv", base + "/v1/", base + "/v1.pdf"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/p/{other_municipality.slug}/promises/{year.id}/{T2}/").status_code == 404
    assert client.get(f"/p/{year.municipality.slug}/promises/{year.id}/2099-T1/").status_code == 404
