"""The report figures counted in SQL equal, on generated histories, those of reading every row.

The oracle below is the Python loop the reports used before the database counted (observations
and actions read as rows, each status replayed from its events): the published figures must not
change by a single count when the counting moved into SQL.
"""

import random
import statistics
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from walkapp.actions.models import Action, ActionStatus, action_observations
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.observations.models import Category, Observation, ObservationStatus, Polarity
from walkapp.promises.models import Activity
from walkapp.promises.periods import find_period
from walkapp.promises.queries import progress, promise_walks
from walkapp.reports.figures import commitment_figures, day_bounds, share, walk_figures
from walkapp.walks.models import Walk

YEAR_START = datetime(2021, 1, 1, tzinfo=UTC)
O_STATUSES = [s.value for s in ObservationStatus]
A_STATUSES = [s.value for s in ActionStatus]


def _statuses_at(db, subject_type, rows, as_of, initial):
    ids = [row.id for row in rows]
    changed, latest = set(), {}
    for subject_id, to_status, at in db.execute(
        select(Event.subject_id, Event.to_status, Event.at)
        .where(
            Event.subject_type == subject_type,
            Event.subject_id.in_(ids),
            Event.to_status.is_not(None),
        )
        .order_by(Event.at, Event.id)
    ):
        changed.add(subject_id)
        if at <= as_of:
            latest[subject_id] = to_status
    return {
        row.id: latest.get(row.id) or (initial if row.id in changed else str(row.status))
        for row in rows
    }


def _oracle_actions(db, observation_ids, as_of, timezone):
    actions = db.scalars(
        select(Action)
        .where(
            Action.id.in_(
                select(action_observations.c.action_id).where(
                    action_observations.c.observation_id.in_(observation_ids)
                )
            ),
            Action.created_at <= as_of,
        )
        .order_by(Action.id)
    ).all()
    status = _statuses_at(db, SubjectType.ACTION, actions, as_of, "open")
    zone = ZoneInfo(timezone)
    today = as_of.astimezone(zone).date()
    counted = [a for a in actions if status[a.id] != ActionStatus.REJECTED]
    fixed = [
        a
        for a in counted
        if status[a.id] in {"done", "verified"} and a.closed_at and a.closed_at <= as_of
    ]
    still_open = [a for a in counted if a not in fixed]
    overdue = [a for a in still_open if a.due_on is not None and a.due_on < today]
    in_time = [
        a for a in fixed if a.due_on is None or a.closed_at.astimezone(zone).date() <= a.due_on
    ]
    days = [(a.closed_at - a.created_at).total_seconds() / 86400 for a in fixed]
    judged = len(fixed) + len(overdue)
    return {
        "total": len(counted),
        "fixed": len(fixed),
        "fixed_in_time": len(in_time),
        "fixed_late": len(fixed) - len(in_time),
        "overdue": len(overdue),
        "not_yet_due": len(still_open) - len(overdue),
        "judged": judged,
        "share_fixed_in_time": share(len(in_time), judged),
        "median_days_to_fix": round(statistics.median(days), 1) if days else None,
    }


def _oracle(db, walk_ids, as_of, timezone):
    observations = db.scalars(
        select(Observation)
        .options(joinedload(Observation.category))
        .where(
            Observation.walk_id.in_(walk_ids),
            Observation.status != ObservationStatus.DUPLICATE,
            Observation.received_at <= as_of,
        )
        .order_by(Observation.id)
    ).all()
    status = _statuses_at(db, SubjectType.OBSERVATION, observations, as_of, "received")
    observations = [o for o in observations if status[o.id] != "duplicate"]
    assessed = [o for o in observations if status[o.id] != "received"]
    no_action = [o.id for o in observations if status[o.id] == "no_action"]
    reasons = db.scalars(
        select(Event.public_note)
        .where(
            Event.subject_type == SubjectType.OBSERVATION,
            Event.subject_id.in_(no_action),
            Event.to_status == "no_action",
            Event.public_note.is_not(None),
            Event.at <= as_of,
        )
        .order_by(Event.at)
    ).all()
    categories = Counter(o.category_code for o in observations)
    category_of = {o.category_code: o.category for o in observations}
    groups = Counter(str(o.category.group) for o in observations)
    return {
        "total": len(observations),
        "safe_places": sum(1 for o in observations if o.polarity == Polarity.POSITIVE),
        "assessed": len(assessed),
        "referred": sum(1 for o in observations if status[o.id] == "referred"),
        "no_action": len(no_action),
        "no_action_reasons": list(dict.fromkeys(reasons)),
        "by_category": [
            {
                "code": code,
                "label_sv": category_of[code].label_sv,
                "label_en": category_of[code].label_en,
                "group": str(category_of[code].group),
                "count": count,
            }
            for code, count in categories.most_common()
        ],
        "by_group": [{"group": g, "count": n} for g, n in sorted(groups.items())],
        "points": [
            {
                "lat": round(o.lat, 5),
                "lon": round(o.lon, 5),
                "code": o.category_code,
                "label_sv": o.category.label_sv,
                "label_en": o.category.label_en,
            }
            for o in assessed
        ],
    }, _oracle_actions(db, [o.id for o in observations], as_of, timezone)


def _moment(rng: random.Random, serial: int) -> datetime:
    """A moment of 2021, distinct from every other (events of one row never tie)."""
    return YEAR_START + timedelta(seconds=rng.randrange(365 * 86400), microseconds=serial)


def _history(db, rng, subject_type, subject_id, statuses, serial):
    for step in range(rng.choice([0, 0, 1, 2, 3])):
        to_status = rng.choice(statuses)
        db.add(
            Event(
                subject_type=subject_type,
                subject_id=subject_id,
                kind=EventKind.STATUS_CHANGED,
                at=_moment(rng, serial * 10 + step),
                to_status=to_status,
                public_note=rng.choice([None, f"Skäl {rng.randrange(4)}"]),
            )
        )
        if rng.random() < 0.3:  # a comment changes no status
            db.add(
                Event(
                    subject_type=subject_type,
                    subject_id=subject_id,
                    kind=EventKind.COMMENTED,
                    at=_moment(rng, serial * 10 + 5 + step),
                )
            )


@pytest.fixture
def histories(db, municipality, make_promise, make_organisation):
    """A year of walks, observations, actions and activities with random status histories."""
    rng = random.Random(20211231)
    promise = make_promise(
        commitments=[("Vandringar", "safety_walk", 6), ("Kontroller", "traffic_control", 20)]
    )
    codes = db.scalars(select(Category.code)).all()
    organisation = make_organisation()
    walks = []
    for number in range(8):
        walk = Walk(
            municipality=municipality,
            title=f"Vandring {number}",
            kind="safety",
            status=rng.choice(["closed", "followed_up", "planned"]),
            starts_at=_moment(rng, number),
        )
        walk.commitments = rng.sample(promise.commitments, rng.choice([1, 2]))
        walks.append(walk)
    db.add_all(walks)
    db.flush()
    observations = []
    for serial in range(160):
        walk = rng.choice(walks)
        code = rng.choice(codes)
        observation = Observation(
            municipality_id=municipality.id,
            walk=walk,
            lat=59.3 + rng.random() / 10,
            lon=17.0 + rng.random() / 10,
            category_code=code,
            polarity=rng.choice(list(Polarity)),
            recorded_at=walk.starts_at,
            received_at=_moment(rng, serial),
            status=rng.choice(O_STATUSES),
        )
        db.add(observation)
        observations.append(observation)
    db.flush()
    for observation in observations:
        _history(db, rng, SubjectType.OBSERVATION, observation.id, O_STATUSES, observation.id)
    for serial in range(70):
        created = _moment(rng, serial)
        status = rng.choice(A_STATUSES)
        # Closed about local midnight as often as not: the due date is a day in Stockholm.
        closed = created + timedelta(days=rng.randrange(60), hours=rng.choice([0, 21, 22, 23]))
        action = Action(
            municipality_id=municipality.id,
            organisation=organisation,
            title=f"Åtgärd {serial}",
            status=status,
            created_at=created,
            closed_at=closed if rng.random() < 0.7 else None,
            due_on=(closed.date() + timedelta(days=rng.choice([-1, 0, 1, 30])))
            if rng.random() < 0.8
            else None,
        )
        action.observations = rng.sample(observations, rng.choice([1, 1, 2]))
        db.add(action)
        db.flush()
        _history(db, rng, SubjectType.ACTION, action.id, A_STATUSES, 1000 + serial)
    for serial in range(30):
        activity = Activity(
            municipality_id=municipality.id,
            kind="traffic_control",
            done_on=date(2021, 1, 1) + timedelta(days=rng.randrange(365)),
            count=rng.randrange(1, 4),
            created_at=_moment(rng, serial),
        )
        activity.commitments = rng.sample(promise.commitments, rng.choice([1, 2]))
        db.add(activity)
    db.commit()
    return promise


AS_OF = [
    datetime(2021, 3, 31, 22, 30, tzinfo=UTC),
    datetime(2021, 6, 30, 12, tzinfo=UTC),
    datetime(2021, 10, 31, 0, 30, tzinfo=UTC),
    datetime(2100, 1, 1, tzinfo=UTC),
]
PERIODS = [(date(2021, 1, 1), date(2021, 12, 31)), (date(2021, 5, 1), date(2021, 8, 31))]


@pytest.mark.parametrize("timezone", ["Europe/Stockholm", "America/Los_Angeles"])
def test_the_database_counts_what_reading_every_row_counted(histories, db, timezone):
    promise = histories
    compared = Counter()
    for as_of in AS_OF:
        for starts_on, ends_on in PERIODS:
            figures = walk_figures(db, promise, starts_on, ends_on, as_of=as_of, timezone=timezone)
            since, until = day_bounds(starts_on, ends_on, timezone)
            walks = promise_walks(db, promise, since, until)
            walk_ids = [walk.id for walk in walks if walk.starts_at <= as_of]
            observations, actions = _oracle(db, walk_ids, as_of, timezone)
            assert figures["observations"] == observations, (as_of, starts_on)
            assert figures["actions"] == actions, (as_of, starts_on)
            compared["observations"] += observations["total"]
            compared["fixed"] += actions["fixed"]
            compared["median"] += actions["median_days_to_fix"] is not None
    # The generated histories reach every branch: rows counted, fixes, medians.
    assert compared["observations"] > 100 and compared["fixed"] > 10 and compared["median"] > 2


def test_the_figure_to_date_counts_what_existed_then(histories, db):
    promise = histories
    for as_of in AS_OF:
        for key in ("2021-T1", "2021-T2", "2021-T3"):
            period = find_period(promise, key)
            rows = commitment_figures(
                db, promise, period, None, as_of=as_of, timezone="Europe/Stockholm", staff=False
            )
            expected = {}
            for row in progress(db, promise, ends_on=period.ends_on):
                walks = [walk for walk in row.walks if walk.starts_at <= as_of]
                activities = [a for a in row.activities if a.created_at <= as_of]
                expected[row.commitment.id] = len(walks) + sum(a.count for a in activities)
            assert {row["id"]: row["to_date"] for row in rows} == expected, (as_of, key)
