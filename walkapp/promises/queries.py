"""Reads of promises, agreements and commitments, scoped to the actor's municipality."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, contains_eager, joinedload

from walkapp import scope
from walkapp.places.models import Locality, Municipality
from walkapp.promises.models import (
    Activity,
    ActivityKind,
    Agreement,
    Commitment,
    Promise,
    SituationReport,
    activity_commitments,
)
from walkapp.promises.units import quantity_text, quantity_unit
from walkapp.walks.models import Walk, WalkStatus, walk_commitments


def promises(db, actor, within: Collection[int] | None = None) -> list[Promise]:
    """The promises of the actor's municipalities (of those `within`, if given), newest first."""
    query = select(Promise).where(scope.municipal(actor, Promise.municipality_id))
    if within is not None:
        query = query.where(Promise.municipality_id.in_(list(within)))
    return db.scalars(query.order_by(Promise.starts_on.desc(), Promise.title)).all()


def agreements(db, actor) -> list[Agreement]:
    """The cooperation agreements of the actor's municipality, newest first."""
    return db.scalars(
        select(Agreement)
        .where(scope.municipal(actor, Agreement.municipality_id))
        .order_by(Agreement.starts_on.desc())
    ).all()


def commitment(db, actor, commitment_id: int) -> Commitment | None:
    """A commitment of a promise the actor may read, or None."""
    return db.scalar(
        select(Commitment)
        .join(Promise, Promise.id == Commitment.promise_id)
        .where(Commitment.id == commitment_id, scope.municipal(actor, Promise.municipality_id))
    )


def localities_of(db, actor, municipality_id: int) -> list[Locality]:
    """The localities a commitment of this municipality may be tied to."""
    return db.scalars(
        select(Locality)
        .where(
            Locality.municipality_id == municipality_id,
            scope.municipal(actor, Locality.municipality_id),
        )
        .order_by(Locality.name)
    ).all()


def commitments_during(db, actor, municipality_id: int, starts_on, ends_on) -> list[Commitment]:
    """What an activity of these dates may count toward: the commitments of the municipality's
    promises that overlap them, the latest promise first, each in its order."""
    return db.scalars(
        select(Commitment)
        .join(Promise, Promise.id == Commitment.promise_id)
        .options(contains_eager(Commitment.promise))
        .where(
            Promise.municipality_id == municipality_id,
            scope.municipal(actor, Promise.municipality_id),
            Promise.starts_on <= ends_on,
            Promise.ends_on >= starts_on,
        )
        .order_by(Promise.starts_on.desc(), Promise.id, Commitment.position)
    ).all()


def commitments(db, actor, within: Collection[int] | None = None) -> list[Commitment]:
    """The commitments of the actor's municipalities' promises (of those `within`, if given),
    newest promise first, in their order."""
    query = (
        select(Commitment)
        .join(Promise, Promise.id == Commitment.promise_id)
        .where(scope.municipal(actor, Promise.municipality_id))
    )
    if within is not None:
        query = query.where(Promise.municipality_id.in_(list(within)))
    return db.scalars(query.order_by(Promise.starts_on.desc(), Commitment.position)).all()


def situation_reports(db, actor) -> list[SituationReport]:
    """The lägesbilder of the actor's municipality, newest first."""
    return db.scalars(
        select(SituationReport)
        .where(scope.municipal(actor, SituationReport.municipality_id))
        .order_by(SituationReport.dated_on.desc(), SituationReport.id.desc())
    ).all()


def promises_built_on(db, actor, situation: SituationReport) -> list[Promise]:
    """The promises that say they were built on this lägesbild."""
    return db.scalars(
        select(Promise)
        .where(
            Promise.situation_report_id == situation.id,
            scope.municipal(actor, Promise.municipality_id),
        )
        .order_by(Promise.starts_on.desc())
    ).all()


# ---------- public reads: no actor, published rows only ----------


def public_municipality(db, slug: str) -> Municipality | None:
    """The municipality of a public page's address, or None."""
    return db.scalar(select(Municipality).where(Municipality.slug == slug))


def public_promises(db, municipality: Municipality, *, with_ids=()) -> list[Promise]:
    """The municipality's signed promises (a promise being drafted has no signing date yet),
    and those with these ids (promises with a published follow-up), newest first."""
    shown = Promise.signed_on.is_not(None)
    if with_ids:
        shown = or_(shown, Promise.id.in_(list(with_ids)))
    return db.scalars(
        select(Promise)
        .where(Promise.municipality_id == municipality.id, shown)
        .order_by(Promise.starts_on.desc(), Promise.title)
    ).all()


# ---------- progress: the promise (already read with the actor's scope) is the scope ----------

# A walk counts once it has taken place, i.e. started.
HELD_WALK_STATUSES = (WalkStatus.ACTIVE, WalkStatus.CLOSED, WalkStatus.FOLLOWED_UP)


@dataclass(frozen=True)
class QuantityTotal:
    """The summed quantity of one kind of activity: 32 hours of foot patrol."""

    kind: ActivityKind
    total: float

    @property
    def text(self) -> str:
        return quantity_text(self.kind, self.total)


@dataclass
class CommitmentProgress:
    """A commitment with what counts toward it: walks held, and activities (each for several)."""

    commitment: Commitment
    walks: list[Walk] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    @property
    def done(self) -> int:
        return len(self.walks) + sum(activity.count for activity in self.activities)

    @property
    def quantities(self) -> list[QuantityTotal]:
        """The activities' quantities summed per kind that has a unit, in the kinds' order."""
        totals: dict[ActivityKind, float] = {}
        for activity in self.activities:
            kind = ActivityKind(activity.kind)
            if activity.quantity is not None and quantity_unit(kind) is not None:
                totals[kind] = totals.get(kind, 0.0) + activity.quantity
        return [QuantityTotal(kind, totals[kind]) for kind in ActivityKind if kind in totals]

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
    for commitment_id, activity in db.execute(
        select(activity_commitments.c.commitment_id, Activity)
        .join(Activity, Activity.id == activity_commitments.c.activity_id)
        .options(joinedload(Activity.created_by))
        .where(
            activity_commitments.c.commitment_id.in_(list(rows)),
            Activity.done_on >= starts_on,
            Activity.done_on <= ends_on,
        )
        .order_by(Activity.done_on, Activity.id)
    ):
        rows[commitment_id].activities.append(activity)
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
