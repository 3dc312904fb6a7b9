"""The report figures counted by the database: each row's status at a moment, grouped in SQL."""

import statistics
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import (
    Select,
    String,
    Subquery,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from walkapp.actions.models import Action, ActionStatus, action_observations
from walkapp.events.models import Event, SubjectType
from walkapp.observations.models import Category, ObservationStatus, Polarity
from walkapp.observations.models import Observation as O  # noqa: N817 - read as a table
from walkapp.promises.models import Activity, activity_commitments
from walkapp.promises.queries import HELD_WALK_STATUSES
from walkapp.sqlfunctions import local_date, seconds_between
from walkapp.walks.models import Walk, walk_commitments

FIXED = (ActionStatus.DONE.value, ActionStatus.VERIFIED.value)


def with_status_at(
    rows: Select, name: str, subject_type: SubjectType, as_of: datetime, initial: str
) -> Select:
    """`rows` (a SELECT with `id` and `status`) with `status` as each row stood at `as_of`: the
    value of its last status event until then.

    A row with status events but none yet at `as_of` stood in its first status (`initial`); a row
    whose status never changed through an event (imported, or older than the events) keeps its
    stored status: there is nothing else to go by. The rows' events are ranked once, in a window,
    rather than looked up for each row wherever its status is used (four times the work).
    """
    base = rows.cte(name)
    # Ranked first: the latest event until `as_of`; a later one only when there is none (the row
    # then stood in `initial`).
    at_or_before = case((Event.at <= as_of, 0), else_=1)
    ranked = (
        select(
            Event.subject_id,
            Event.to_status,
            Event.at,
            func.row_number()
            .over(
                partition_by=Event.subject_id,
                order_by=(at_or_before, Event.at.desc(), Event.id.desc()),
            )
            .label("rank"),
        )
        .where(
            Event.subject_type == subject_type,
            Event.subject_id.in_(select(base.c.id)),
            Event.to_status.is_not(None),
        )
        .subquery(f"{name}_events")
    )
    status = case(
        (ranked.c.subject_id.is_(None), type_coerce(base.c.status, String)),
        (ranked.c.at <= as_of, ranked.c.to_status),
        else_=literal(initial, String),
    )
    others = [column for column in base.c if column.key != "status"]
    return select(*others, status.label("status")).select_from(
        base.outerjoin(ranked, and_(ranked.c.subject_id == base.c.id, ranked.c.rank == 1))
    )


# ---------- observations ----------


def counted_observations(walk_ids: Collection[int], as_of: datetime) -> Subquery:
    """The walks' observations received by `as_of`, each with the status it stood in then,
    leaving out those that were duplicates then (or are now): id, status, polarity, code, lat, lon.
    """
    rows = select(O.id, O.status, O.polarity, O.category_code, O.lat, O.lon).where(
        O.walk_id.in_(list(walk_ids)),
        O.status != ObservationStatus.DUPLICATE,
        O.received_at <= as_of,
    )
    then = with_status_at(
        rows, "observations_then", SubjectType.OBSERVATION, as_of, ObservationStatus.RECEIVED
    ).subquery("with_status")
    return (
        select(then).where(then.c.status != ObservationStatus.DUPLICATE.value).subquery("counted")
    )


@dataclass
class ObservationCounts:
    total: int = 0
    safe_places: int = 0
    assessed: int = 0
    referred: int = 0
    no_action: int = 0
    # Most first; of as many, the category found first (by observation id) first.
    by_category: list[tuple[Category, int]] = field(default_factory=list)
    by_group: dict[str, int] = field(default_factory=dict)


def observation_counts(db: Session, counted: Subquery) -> ObservationCounts:
    """The counted observations grouped by status, kind and category in one query."""
    counts, per_code, first_of = ObservationCounts(), {}, {}
    c = counted.c
    for status, polarity, code, number, first in db.execute(
        select(c.status, c.polarity, c.category_code, func.count(), func.min(c.id)).group_by(
            c.status, c.polarity, c.category_code
        )
    ):
        counts.total += number
        counts.safe_places += number if polarity == Polarity.POSITIVE else 0
        counts.assessed += number if status != ObservationStatus.RECEIVED else 0
        counts.referred += number if status == ObservationStatus.REFERRED else 0
        counts.no_action += number if status == ObservationStatus.NO_ACTION else 0
        per_code[code] = per_code.get(code, 0) + number
        first_of[code] = min(first, first_of.get(code, first))
    categories = {
        category.code: category
        for category in db.scalars(select(Category).where(Category.code.in_(list(per_code))))
    }
    for code in sorted(per_code, key=lambda code: (-per_code[code], first_of[code])):
        counts.by_category.append((categories[code], per_code[code]))
        group = str(categories[code].group)
        counts.by_group[group] = counts.by_group.get(group, 0) + per_code[code]
    return counts


def assessed_points(db: Session, counted: Subquery) -> list[tuple[float, float, str]]:
    """Where each assessed observation is and its category (lat, lon, code), by id."""
    c = counted.c
    return [
        tuple(row)
        for row in db.execute(
            select(c.lat, c.lon, c.category_code)
            .where(c.status != ObservationStatus.RECEIVED.value)
            .order_by(c.id)
        )
    ]


def no_action_reasons(db: Session, counted: Subquery, as_of: datetime) -> list[str]:
    """The public reasons given, by `as_of`, for doing nothing about those that stood so then."""
    no_action = select(counted.c.id).where(counted.c.status == ObservationStatus.NO_ACTION.value)
    reasons = db.scalars(
        select(Event.public_note)
        .where(
            Event.subject_type == SubjectType.OBSERVATION,
            Event.subject_id.in_(no_action),
            Event.to_status == ObservationStatus.NO_ACTION,
            Event.public_note.is_not(None),
            Event.at <= as_of,
        )
        .order_by(Event.at, Event.id)
    )
    return list(dict.fromkeys(reasons))


# ---------- actions ----------


@dataclass
class ActionCounts:
    total: int = 0
    fixed: int = 0
    fixed_in_time: int = 0
    overdue: int = 0
    median_days_to_fix: float | None = None


def action_counts(
    db: Session, observation_ids: Select, *, as_of: datetime, today: date, timezone: str
) -> ActionCounts:
    """The actions on these observations as they stood at `as_of`; rejected ones never count.

    Fixed: done or verified then, and closed by then; in time: closed on or before the due date
    (the municipality's calendar day); overdue: not fixed and the due date before `today`.
    """
    linked = select(
        Action.id, Action.status, Action.created_at, Action.closed_at, Action.due_on
    ).where(
        Action.id.in_(
            select(action_observations.c.action_id).where(
                action_observations.c.observation_id.in_(observation_ids)
            )
        ),
        Action.created_at <= as_of,
    )
    then = with_status_at(
        linked, "actions_then", SubjectType.ACTION, as_of, ActionStatus.OPEN
    ).subquery("actions_with_status")
    closed = and_(then.c.closed_at.is_not(None), then.c.closed_at <= as_of)
    on_time = or_(then.c.due_on.is_(None), local_date(then.c.closed_at, timezone) <= then.c.due_on)
    rows = select(
        then.c.status,
        case((closed, 1), else_=0).label("closed"),
        case((then.c.due_on < today, 1), else_=0).label("past_due"),
        case((on_time, 1), else_=0).label("on_time"),
    ).subquery()
    counts, c = ActionCounts(), rows.c
    for status_then, was_closed, past_due, in_time, number in db.execute(
        select(c.status, c.closed, c.past_due, c.on_time, func.count()).group_by(
            c.status, c.closed, c.past_due, c.on_time
        )
    ):
        if status_then == ActionStatus.REJECTED:
            continue
        counts.total += number
        if status_then in FIXED and was_closed:
            counts.fixed += number
            counts.fixed_in_time += number if in_time else 0
        elif past_due:
            counts.overdue += number
    if counts.fixed:
        # The median needs only the middle one or two, in the order of their time to fix.
        middle = db.execute(
            select(then.c.created_at, then.c.closed_at)
            .where(then.c.status.in_(FIXED), closed)
            .order_by(seconds_between(then.c.created_at, then.c.closed_at))
            .offset((counts.fixed - 1) // 2)
            .limit(2 - counts.fixed % 2)
        )
        days = [
            (closed_at - created_at).total_seconds() / 86400 for created_at, closed_at in middle
        ]
        counts.median_days_to_fix = statistics.median(days)
    return counts


# ---------- commitments ----------


def done_by_commitment(
    db: Session,
    commitment_ids: Collection[int],
    *,
    starts_on: date,
    ends_on: date,
    since: datetime,
    until: datetime,
    as_of: datetime,
) -> dict[int, int]:
    """What counts toward each commitment within the dates, as promises.queries.progress counts
    it (walks held, occasions of activities), with only the walks started and the activities
    logged by `as_of`."""
    done = dict.fromkeys(commitment_ids, 0)
    if not done:
        return done
    walks = (
        select(walk_commitments.c.commitment_id, func.count())
        .join(Walk, Walk.id == walk_commitments.c.walk_id)
        .where(
            walk_commitments.c.commitment_id.in_(list(done)),
            Walk.status.in_(HELD_WALK_STATUSES),
            Walk.starts_at >= since,
            Walk.starts_at < until,
            Walk.starts_at <= as_of,
        )
        .group_by(walk_commitments.c.commitment_id)
    )
    activities = (
        select(activity_commitments.c.commitment_id, func.sum(Activity.count))
        .join(Activity, Activity.id == activity_commitments.c.activity_id)
        .where(
            activity_commitments.c.commitment_id.in_(list(done)),
            Activity.done_on >= starts_on,
            Activity.done_on <= ends_on,
            or_(Activity.created_at.is_(None), Activity.created_at <= as_of),
        )
        .group_by(activity_commitments.c.commitment_id)
    )
    for commitment_id, number in [*db.execute(walks), *db.execute(activities)]:
        done[commitment_id] += int(number or 0)
    return done
