"""At 100,000 observations on PostgreSQL no query of the review list and map, the action queue,
the follow-up report or Open311's request list reads the whole observations table.

The SQL checked is what the app's own query functions send (captured from the engine), planned
by PostgreSQL against 100,000 generated observations in ten municipalities, after ANALYZE.
`pytest -s tests/test_query_plans.py` prints every plan.
"""

import re
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, text

from tests.conftest import empty_tables
from walkapp.actions import queries as action_queries
from walkapp.auth.models import Role
from walkapp.open311 import queries as open311_queries
from walkapp.open311 import services as open311_services
from walkapp.places.models import PoliceArea
from walkapp.promises.periods import find_period
from walkapp.reports.report_data import report_data
from walkapp.review import queries as review_queries

OBSERVATIONS = 100_000
MUNICIPALITIES = 10
WALKS = 2_000  # 200 a municipality, one every 21 hours from 2021 on: 50 observations each
FIRST_WALK = datetime(2021, 1, 1, 18, tzinfo=UTC)
LAST_WALK = FIRST_WALK + (WALKS - 1) * timedelta(hours=21)
SEEDED = ("walks", "observations", "events", "actions", "action_observations", "walk_commitments")
SEQ_SCAN = re.compile(r"Seq Scan on observations\b")
INDEX_SCAN = re.compile(
    r"(?:Index Scan|Index Only Scan)(?: Backward)? using (\w+)|Bitmap Index Scan on (\w+)"
)

STATUSES = (
    "ARRAY['received','received','triaged','action_planned','referred','long_term',"
    "'duplicate','no_action','fixed','verified']"
)
SEED = [
    "SELECT setseed(0.17)",
    f"""INSERT INTO walks (municipality_id, kind, title, starts_at, status, light_conditions,
        weather_note, public_token, created_at)
    SELECT m.ids[1 + g % {MUNICIPALITIES}], 'safety', 'Vandring ' || g,
        :first + g * interval '21 hours',
        CASE WHEN g % 50 = 49 THEN 'planned' ELSE 'followed_up' END, 'dusk', '',
        md5(g::text), :first
    FROM generate_series(0, {WALKS - 1}) AS g,
        (SELECT array_agg(id ORDER BY id) AS ids FROM municipalities) AS m""",
    # Observation g belongs to walk ((g / 10) % 200) * 10 + g % 10, so consecutive rows belong
    # to different municipalities and years, as on a national server.
    f"""WITH w AS (SELECT id, municipality_id, starts_at, row_number() OVER (ORDER BY id) - 1 AS n
        FROM walks)
    INSERT INTO observations (municipality_id, walk_id, client_uuid, lat, lon, location_source,
        category_code, polarity, severity, note, recorded_at, received_at, status, is_masked,
        is_flagged)
    SELECT w.municipality_id, CASE WHEN g % 20 = 19 THEN NULL ELSE w.id END, gen_random_uuid(),
        m.center_lat + (random() - 0.5) * 0.3, m.center_lon + (random() - 0.5) * 0.5, 'gps',
        c.codes[1 + floor(random() * cardinality(c.codes))::int],
        (ARRAY['problem','problem','problem','proposal','positive'])[1 + floor(random() * 5)::int],
        1 + floor(random() * 3)::int, 'Anteckning ' || g,
        w.starts_at + (g % 60) * interval '1 minute',
        w.starts_at + (g % 60) * interval '1 minute' + interval '3 hours',
        ({STATUSES})[1 + floor(random() * 10)::int], false, false
    FROM generate_series(0, {OBSERVATIONS - 1}) AS g
    JOIN w ON w.n = ((g / 10) % 200) * 10 + g % 10
    JOIN municipalities m ON m.id = w.municipality_id,
        (SELECT array_agg(code ORDER BY code) AS codes FROM categories) AS c""",
    """INSERT INTO events (subject_type, subject_id, at, kind, from_status, to_status,
        public_note)
    SELECT 'observation', id, received_at + interval '2 days', 'status_changed', 'received',
        'triaged', NULL
    FROM observations WHERE status <> 'received'
    UNION ALL
    SELECT 'observation', id, received_at + interval '9 days', 'status_changed', 'triaged',
        status, CASE WHEN status IN ('no_action', 'referred') THEN 'Fastighetsägarens' END
    FROM observations WHERE status NOT IN ('received', 'triaged')""",
    """INSERT INTO actions (municipality_id, organisation_id, title, description, priority,
        due_on, status, cost_note, closing_note, created_at, closed_at)
    SELECT o.municipality_id, org.id, 'Åtgärd ' || o.id, '', 'normal',
        CAST(o.received_at + interval '30 days' AS date),
        CASE o.status WHEN 'fixed' THEN 'done' WHEN 'verified' THEN 'verified'
            ELSE (ARRAY['open', 'planned', 'in_progress'])[1 + (o.id / 10) % 3] END,
        '', '', o.received_at + interval '3 days',
        CASE WHEN o.status IN ('fixed', 'verified')
            THEN o.received_at + ((o.id / 10) % 40) * interval '1 day' END
    FROM observations o JOIN organisations org ON org.municipality_id = o.municipality_id
    WHERE o.status IN ('action_planned', 'long_term', 'fixed', 'verified')
        AND (o.id / 10) % 4 = 0""",
    """INSERT INTO action_observations (action_id, observation_id)
    SELECT id, CAST(split_part(title, ' ', 2) AS integer) FROM actions""",
    """INSERT INTO events (subject_type, subject_id, at, kind, from_status, to_status)
    SELECT 'action', id, created_at + interval '5 days', 'status_changed', 'open', status
    FROM actions WHERE status <> 'open'""",
]


@contextmanager
def captured(engine):
    """Every SELECT the engine sends meanwhile, with its parameters as sent."""
    statements = []

    def record(_conn, _cursor, statement, parameters, _context, executemany):
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _analyze(engine, tables) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in tables:
            # VACUUM also marks the pages all-visible, as autovacuum would have by now.
            connection.execute(text(f"VACUUM ANALYZE {table}"))


@pytest.fixture
def national(db, make_municipality, make_organisation, make_user, make_promise):
    """Ten municipalities, 2,000 walks, 100,000 observations, their events and actions."""
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("query plans are PostgreSQL's: run with WALKAPP_DATABASE_URL=postgresql+…")
    municipalities = [
        make_municipality(f"Kommun {n} kommun", slug=f"kommun-{n}", center_lat=56 + n / 2)
        for n in range(MUNICIPALITIES)
    ]
    for municipality in municipalities:
        make_organisation(name=f"Teknik {municipality.id}", municipality=municipality)
    home = municipalities[3]
    promise = make_promise(municipality=home, year=2023, commitments=[("Vandra", "safety_walk", 6)])
    engine = db.get_bind()
    with engine.begin() as connection:
        for statement in SEED:
            connection.execute(text(statement), {"first": FIRST_WALK})
        connection.execute(
            text(
                "INSERT INTO walk_commitments (walk_id, commitment_id) SELECT w.id, c.id "
                "FROM walks w, commitments c WHERE w.municipality_id = :home "
                "AND w.starts_at >= '2023-01-01' AND w.starts_at < '2024-01-01' "
                "AND c.promise_id = :promise"
            ),
            {"home": home.id, "promise": promise.id},
        )
    _analyze(engine, SEEDED)
    # A police area over three of the ten: its officer reads them together.
    area = PoliceArea(name="Lokalpolisområde Mitt")
    for municipality in municipalities[2:5]:
        municipality.police_area = area
    db.commit()
    yield {
        "home": home,
        "chief": make_user(Role.SAFETY_CHIEF, municipality=home),
        "officer": make_user(Role.POLICE_AREA, police_area=area),
        "admin": make_user(Role.ADMIN, municipality=None),  # the national administrator
        "promise": promise,
    }
    db.rollback()  # the session's EXPLAINs hold locks TRUNCATE waits for
    empty_tables(engine)
    _analyze(engine, SEEDED)  # the next tests plan against empty tables again


def _explain(db, statements) -> list[str]:
    plans = []
    for statement, parameters in statements:
        rows = db.connection().exec_driver_sql("EXPLAIN (ANALYZE) " + statement, parameters)
        plans.append("\n".join(row[0] for row in rows))
    return plans


def _runs(db, world) -> dict:
    """What each page asks, through the app's own functions; each run says how much it found."""
    home, chief, officer, promise = (world[k] for k in ("home", "chief", "officer", "promise"))
    filters = review_queries.ReviewFilters(municipality_ids=(home.id,))
    lat, lon = home.center_lat, home.center_lon
    everywhere = review_queries.ReviewFilters(municipality_ids=())  # all the actor reads
    area = review_queries.BBox(lon - 0.5, lat - 1, lon + 0.5, lat + 1)
    town = review_queries.BBox(lon - 0.25, lat - 0.15, lon + 0.25, lat + 0.15)
    street = review_queries.BBox(lon - 0.002, lat - 0.001, lon + 0.002, lat + 0.001)
    received = review_queries.ReviewFilters(municipality_ids=(home.id,), statuses=("received",))
    end = LAST_WALK
    request_query = open311_services.RequestQuery(start=end - timedelta(days=90), end=end)
    year_end = datetime(2024, 1, 1, tzinfo=UTC)

    def open311():
        rows = open311_services.find_requests(db, home, request_query, end)
        return len(open311_queries.request_details(db, rows))

    def shown(cells) -> int:
        return len(cells.cells) + len(cells.points)

    def queue(actor) -> int:
        filters = action_queries.QueueFilters()
        return len(action_queries.queue_actions(db, actor, filters, date(2025, 6, 1)))

    def report() -> int:
        period = find_period(promise, "2023-T2")
        data = report_data(
            db, promise, period, None, as_of=year_end, timezone="Europe/Stockholm", staff=True
        )
        return data["observations"]["total"]

    return {
        "review list": lambda: review_queries.review_page(db, chief, filters).total,
        "review list, only received": lambda: review_queries.review_page(db, chief, received).total,
        "review list, police area": lambda: (
            review_queries.review_page(db, officer, everywhere).total
        ),
        "review map extent": lambda: int(review_queries.extent(db, chief, filters) is not None),
        "review map, town": lambda: shown(review_queries.map_cells(db, chief, filters, town, 11)),
        "review map, street": lambda: shown(
            review_queries.map_cells(db, chief, filters, street, 18)
        ),
        "review map, police area": lambda: shown(
            review_queries.map_cells(db, officer, everywhere, area, 8)
        ),
        # The national view zoomed in on one town; all of Sweden at once reads every row.
        "review map, national, a town": lambda: shown(
            review_queries.map_cells(db, world["admin"], everywhere, town, 11)
        ),
        "action queue": lambda: queue(chief),
        "action queue, police area": lambda: queue(officer),
        "follow-up report": report,
        "open311 requests": open311,
    }


def test_no_query_of_these_pages_reads_the_whole_observations_table(db, national):
    engine = db.get_bind()
    failures, summary, found = [], [], {}
    for name, run in _runs(db, national).items():
        with captured(engine) as statements:
            found[name] = run()
        plans = _explain(db, statements)
        for number, ((statement, _parameters), plan) in enumerate(
            zip(statements, plans, strict=True), 1
        ):
            shown = re.sub(r"(%\(\w+\)s::\w+, ){3,}", "…, ", statement)  # long IN lists
            print(f"\n===== {name} #{number}\n{shown}\n----- plan\n{plan}")
            scans = sorted({a or b for a, b in INDEX_SCAN.findall(plan)})
            timing = re.search(r"Execution Time: ([\d.]+) ms", plan)
            summary.append(f"{name} #{number}: {timing.group(1) if timing else '?'} ms {scans}")
            if SEQ_SCAN.search(plan):
                failures.append(f"{name} #{number}")
    print("\n" + "\n".join(summary))
    # The generated rows reach every query: each page found something to show.
    assert [name for name, number in found.items() if not number] == []
    assert failures == [], f"a sequential scan of observations in: {failures}"
