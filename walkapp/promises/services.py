"""Promises and commitments, the activities logged against them, progress and follow-up reports."""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from walkapp.actions.models import Action, ActionStatus, action_observations
from walkapp.auth.models import Role, User
from walkapp.db import utcnow
from walkapp.errors import DomainError, Forbidden
from walkapp.events.models import Event, SubjectType
from walkapp.observations.models import Category, Observation, ObservationStatus, Polarity
from walkapp.personal_data import check_activity_note
from walkapp.places.models import FollowUpKind, Locality
from walkapp.promises.models import (
    Activity,
    ActivityKind,
    Agreement,
    Commitment,
    FollowUp,
    Promise,
    Responsible,
)
from walkapp.security import in_scope
from walkapp.walks.models import Walk, WalkStatus, walk_commitments

WALK_KINDS = frozenset({ActivityKind.SAFETY_WALK, ActivityKind.TRAFFIC_WALK})
# A walk counts once it has taken place, i.e. started.
HELD_WALK_STATUSES = (WalkStatus.ACTIVE, WalkStatus.CLOSED, WalkStatus.FOLLOWED_UP)
DECIDED = frozenset(set(ObservationStatus) - {ObservationStatus.RECEIVED})
FIXED_ACTIONS = (ActionStatus.DONE, ActionStatus.VERIFIED)


class InvalidPromise(DomainError):
    status_code = 422


def _check_chief(actor: User, municipality_id: int) -> None:
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief edits citizen promises."))


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise InvalidPromise(_l("The end date is before the start date."))


# ---------- editing ----------


def save_agreement(db: Session, actor: User, agreement: Agreement, **values) -> Agreement:
    _check_chief(actor, agreement.municipality_id)
    _check_dates(values["starts_on"], values["ends_on"])
    for name, value in values.items():
        setattr(agreement, name, value)
    db.add(agreement)
    db.flush()
    return agreement


def save_promise(db: Session, actor: User, promise: Promise, **values) -> Promise:
    """Create or change a promise; focus areas come as a list of lines."""
    _check_chief(actor, promise.municipality_id)
    _check_dates(values["starts_on"], values["ends_on"])
    agreement = values.get("agreement")
    if agreement is not None and agreement.municipality_id != promise.municipality_id:
        raise InvalidPromise(_l("The agreement belongs to another municipality."))
    values["focus_areas"] = [line.strip() for line in values.get("focus_areas", []) if line.strip()]
    for name, value in values.items():
        setattr(promise, name, value)
    db.add(promise)
    db.flush()
    return promise


def save_commitment(
    db: Session,
    actor: User,
    promise: Promise,
    commitment: Commitment | None,
    *,
    text: str,
    responsible: str,
    activity_kind: str,
    target_count: int | None,
    locality: Locality | None,
) -> Commitment:
    _check_chief(actor, promise.municipality_id)
    if not text.strip():
        raise InvalidPromise(_l("Write what is promised."))
    if target_count is not None and target_count < 1:
        raise InvalidPromise(_l("A target is at least 1."))
    if locality is not None and locality.municipality_id != promise.municipality_id:
        raise InvalidPromise(_l("The locality belongs to another municipality."))
    if commitment is None:
        position = (
            db.scalar(
                select(func.max(Commitment.position)).where(Commitment.promise_id == promise.id)
            )
            or 0
        )
        commitment = Commitment(promise=promise, position=position + 1)
        db.add(commitment)
    commitment.text = text.strip()
    commitment.responsible = Responsible(responsible)
    commitment.activity_kind = ActivityKind(activity_kind)
    commitment.target_count = target_count
    commitment.locality = locality
    db.flush()
    return commitment


def log_activity(
    db: Session,
    actor: User,
    commitment: Commitment,
    *,
    done_on: date,
    count: int,
    note: str,
    today: date,
) -> Activity:
    """Staff of the municipality (the chief, walk leaders, handlers) log what they did."""
    promise = commitment.promise
    if actor.role not in (Role.SAFETY_CHIEF, Role.WALK_LEADER, Role.HANDLER) or not in_scope(
        actor, promise.municipality_id
    ):
        raise Forbidden(_l("Only the municipality's staff log activities."))
    if count < 1 or count > 10_000:
        raise InvalidPromise(_l("The number is 1 or more."))
    if done_on > today:
        raise InvalidPromise(_l("An activity is logged once it has been done."))
    # Activities are counted, never about a person (a home visit names a child): no override.
    check_activity_note(note)
    activity = Activity(
        commitment=commitment,
        done_on=done_on,
        count=count,
        note=note.strip(),
        created_by_id=actor.id,
    )
    db.add(activity)
    db.flush()
    return activity


# ---------- periods ----------


@dataclass(frozen=True)
class Period:
    key: str  # "2021-T2", "2021-H1" or "2021": the report's address
    starts_on: date
    ends_on: date
    number: int  # 1..3 for tertials, 1..2 for half years, 0 for a year
    year: int
    kind: FollowUpKind


def _periods_of_year(year: int, kind: FollowUpKind) -> list[Period]:
    if kind == FollowUpKind.TERTIAL:
        bounds = [(1, 4), (5, 8), (9, 12)]
        prefix = "T"
    elif kind == FollowUpKind.HALF_YEAR:
        bounds = [(1, 6), (7, 12)]
        prefix = "H"
    else:
        return [Period(str(year), date(year, 1, 1), date(year, 12, 31), 0, year, kind)]
    periods = []
    for number, (first, last) in enumerate(bounds, start=1):
        ends_on = date(year + (last == 12), last % 12 + 1, 1) - timedelta(days=1)
        periods.append(
            Period(f"{year}-{prefix}{number}", date(year, first, 1), ends_on, number, year, kind)
        )
    return periods


def periods_of(promise: Promise) -> list[Period]:
    """The follow-up periods the promise's years hold, in its own rhythm."""
    return [
        period
        for year in range(promise.starts_on.year, promise.ends_on.year + 1)
        for period in _periods_of_year(year, promise.follow_up_kind)
        if period.ends_on >= promise.starts_on and period.starts_on <= promise.ends_on
    ]


def find_period(promise: Promise, key: str) -> Period | None:
    return next((period for period in periods_of(promise) if period.key == key), None)


# ---------- progress ----------


@dataclass
class CommitmentProgress:
    commitment: Commitment
    walks: list[Walk] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    @property
    def done(self) -> int:
        return len(self.walks) + sum(activity.count for activity in self.activities)

    @property
    def target(self) -> int | None:
        return self.commitment.target_count

    @property
    def is_met(self) -> bool | None:
        return None if self.target is None else self.done >= self.target

    @property
    def percent(self) -> int | None:
        return None if not self.target else min(100, round(100 * self.done / self.target))


def _day_bounds(starts_on: date, ends_on: date, timezone: str) -> tuple[datetime, datetime]:
    zone = ZoneInfo(timezone)
    return (
        datetime.combine(starts_on, time(), tzinfo=zone).astimezone(UTC),
        datetime.combine(ends_on + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC),
    )


def progress(
    db: Session,
    promise: Promise,
    *,
    starts_on: date | None = None,
    ends_on: date | None = None,
    timezone: str = "Europe/Stockholm",
) -> list[CommitmentProgress]:
    """Each commitment with the walks held and activities logged for it, within the dates."""
    starts_on = starts_on or promise.starts_on
    ends_on = ends_on or promise.ends_on
    since, until = _day_bounds(starts_on, ends_on, timezone)
    rows = {c.id: CommitmentProgress(c) for c in promise.commitments}
    for commitment_id, walk in db.execute(
        select(walk_commitments.c.commitment_id, Walk)
        .join(Walk, Walk.id == walk_commitments.c.walk_id)
        .where(
            walk_commitments.c.commitment_id.in_(list(rows)),
            Walk.status.in_(HELD_WALK_STATUSES),
            Walk.starts_at >= since,
            Walk.starts_at < until,
        )
        .order_by(Walk.starts_at)
    ).all():
        rows[commitment_id].walks.append(walk)
    for activity in db.scalars(
        select(Activity)
        .options(joinedload(Activity.created_by))
        .where(
            Activity.commitment_id.in_(list(rows)),
            Activity.done_on >= starts_on,
            Activity.done_on <= ends_on,
        )
        .order_by(Activity.done_on, Activity.id)
    ):
        rows[activity.commitment_id].activities.append(activity)
    return list(rows.values())


def promise_walks(db: Session, promise: Promise, since=None, until=None) -> list[Walk]:
    """The walks held for any of the promise's commitments (each once)."""
    query = (
        select(Walk)
        .join(walk_commitments, walk_commitments.c.walk_id == Walk.id)
        .join(Commitment, Commitment.id == walk_commitments.c.commitment_id)
        .where(Commitment.promise_id == promise.id, Walk.status.in_(HELD_WALK_STATUSES))
        .distinct()
        .order_by(Walk.starts_at)
    )
    if since is not None:
        query = query.where(Walk.starts_at >= since, Walk.starts_at < until)
    return list(db.scalars(query))


# ---------- the follow-up report ----------


@dataclass
class ReportFigures:
    period: Period
    commitments: list[CommitmentProgress]
    to_date: dict[int, CommitmentProgress]  # commitment id -> progress from the promise's start
    walks: list[Walk]
    observation_count: int
    by_category: list[tuple[Category, int]]
    by_group: list[tuple[str, int]]
    safe_places: int
    decided: int
    referred: int
    no_action: int
    no_action_reasons: list[str]
    action_count: int
    fixed_in_time: int
    fixed_late: int
    median_days_to_fix: float | None

    @staticmethod
    def share(part: int, whole: int) -> int | None:
        return None if whole == 0 else round(100 * part / whole)

    @property
    def share_decided(self) -> int | None:
        return self.share(self.decided, self.observation_count)

    @property
    def share_referred(self) -> int | None:
        return self.share(self.referred, self.observation_count)

    @property
    def share_fixed_in_time(self) -> int | None:
        return self.share(self.fixed_in_time, self.action_count)


def follow_up_report(
    db: Session, promise: Promise, period: Period, *, timezone: str = "Europe/Stockholm"
) -> ReportFigures:
    """Everything the period's report states, computed from the records (as they are now)."""
    in_period = progress(
        db, promise, starts_on=period.starts_on, ends_on=period.ends_on, timezone=timezone
    )
    to_date = progress(
        db, promise, starts_on=promise.starts_on, ends_on=period.ends_on, timezone=timezone
    )
    since, until = _day_bounds(period.starts_on, period.ends_on, timezone)
    walks = promise_walks(db, promise, since, until)
    observations = list(
        db.scalars(
            select(Observation)
            .options(joinedload(Observation.category))
            .where(
                Observation.walk_id.in_([walk.id for walk in walks]),
                Observation.status != ObservationStatus.DUPLICATE,
            )
            .order_by(Observation.id)
        )
    )
    ids = [o.id for o in observations]
    categories = Counter(o.category_code for o in observations)
    category_of = {o.category_code: o.category for o in observations}
    groups = Counter(o.category.group.value for o in observations)
    no_action_ids = [o.id for o in observations if o.status == ObservationStatus.NO_ACTION]
    reasons = db.scalars(
        select(Event.public_note)
        .where(
            Event.subject_type == SubjectType.OBSERVATION,
            Event.subject_id.in_(no_action_ids),
            Event.to_status == ObservationStatus.NO_ACTION,
            Event.public_note.is_not(None),
        )
        .order_by(Event.at)
    ).all()
    actions = list(
        db.scalars(
            select(Action)
            .where(
                Action.id.in_(
                    select(action_observations.c.action_id).where(
                        action_observations.c.observation_id.in_(ids)
                    )
                ),
                Action.status != ActionStatus.REJECTED,
            )
            .order_by(Action.id)
        )
    )
    fixed = [a for a in actions if a.status in FIXED_ACTIONS and a.closed_at is not None]
    zone = ZoneInfo(timezone)
    in_time = [
        a for a in fixed if a.due_on is None or a.closed_at.astimezone(zone).date() <= a.due_on
    ]
    days = [(a.closed_at - a.created_at).total_seconds() / 86400 for a in fixed]
    return ReportFigures(
        period=period,
        commitments=in_period,
        to_date={row.commitment.id: row for row in to_date},
        walks=walks,
        observation_count=len(observations),
        by_category=[(category_of[code], n) for code, n in categories.most_common()],
        by_group=sorted(groups.items()),
        safe_places=sum(1 for o in observations if o.polarity == Polarity.POSITIVE),
        decided=sum(1 for o in observations if o.status in DECIDED),
        referred=sum(1 for o in observations if o.status == ObservationStatus.REFERRED),
        no_action=len(no_action_ids),
        no_action_reasons=list(dict.fromkeys(reasons)),
        action_count=len(actions),
        fixed_in_time=len(in_time),
        fixed_late=len(fixed) - len(in_time),
        median_days_to_fix=round(statistics.median(days), 1) if days else None,
    )


def find_follow_up(db: Session, promise: Promise, period: Period) -> FollowUp | None:
    return db.scalar(
        select(FollowUp).where(
            FollowUp.promise_id == promise.id, FollowUp.period_label == period.key
        )
    )


def save_follow_up(
    db: Session, actor: User, promise: Promise, period: Period, *, narrative: str, publish: bool
) -> FollowUp:
    """The chief's narrative for the period; publishing makes the report readable by everyone."""
    _check_chief(actor, promise.municipality_id)
    if len(narrative) > 20_000:
        raise InvalidPromise(_l("The text is too long (at most 20,000 characters)."))
    follow_up = find_follow_up(db, promise, period)
    if follow_up is None:
        follow_up = FollowUp(
            promise=promise,
            period_label=period.key,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
        )
        db.add(follow_up)
    follow_up.narrative = narrative.strip()
    if publish and follow_up.published_at is None:
        follow_up.published_at = utcnow()
    db.flush()
    return follow_up
