"""Reads of actions, scoped to the actor by the one rule in walkapp.scope."""

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from walkapp import scope
from walkapp.actions.models import OPEN_ACTION_STATUSES, Action, Priority, action_observations
from walkapp.auth.models import Role, User
from walkapp.gis.writers import BATCH
from walkapp.observations.models import Observation


def action(db, actor, action_id: int) -> Action | None:
    """An action the actor may read (a handler: its organisation's only), or None."""
    return scope.get_scoped(db, actor, Action, action_id)


def count_for_walks(db, actor, walk_ids: Collection[int]) -> int:
    """How many actions were decided on these walks' observations: a figure of the promise."""
    linked = select(Observation.id).where(
        Observation.walk_id.in_(list(walk_ids)),
        scope.municipal(actor, Observation.municipality_id),
    )
    return (
        db.scalar(
            select(func.count(func.distinct(action_observations.c.action_id))).where(
                action_observations.c.observation_id.in_(linked)
            )
        )
        or 0
    )


def actions_of_observation(db, actor, observation_id: int) -> list[Action]:
    """The actions decided on one observation that the actor may read, oldest first."""
    return list(
        db.scalars(
            select(Action)
            .join(action_observations, action_observations.c.action_id == Action.id)
            .where(action_observations.c.observation_id == observation_id, scope.actions(actor))
            .order_by(Action.created_at, Action.id)
        )
    )


def linked_actions(db, observation: Observation) -> list[Action]:
    """Every action of an observation, unscoped: for services keeping statuses in step."""
    return list(
        db.scalars(
            select(Action)
            .where(Action.observations.contains(observation))
            .order_by(Action.created_at, Action.id)
        )
    )


@dataclass(frozen=True)
class QueueFilters:
    statuses: tuple[str, ...] = OPEN_ACTION_STATUSES
    priorities: tuple[str, ...] = ()
    organisation_id: int | None = None
    only_overdue: bool = False
    sort: str = "due"
    # For those who read several municipalities (a police area, a national administrator).
    municipality_id: int | None = None


def queue_actions(db: Session, actor: User, filters: QueueFilters, today: date) -> list[Action]:
    """The actions the actor works on; by default overdue first, then by due date (none last)."""
    return list(db.scalars(_queue_query(actor, filters, today)).unique())


def queue_actions_in_batches(
    db: Session, actor: User, filters: QueueFilters, today: date, batch: int = BATCH
) -> Iterator[Action]:
    """The same actions in the same order, read `batch` at a time (a server-side cursor on
    PostgreSQL, their observations a batch at a time too): an export holds one batch."""
    return iter(db.scalars(_queue_query(actor, filters, today).execution_options(yield_per=batch)))


def _queue_query(actor: User, filters: QueueFilters, today: date) -> Select:
    query = select(Action).options(
        selectinload(Action.observations).joinedload(Observation.category),
        joinedload(Action.organisation),
        joinedload(Action.assignee),
    )
    query = query.where(scope.actions(actor))  # a handler: its own organisation's only
    if actor.role != Role.HANDLER and filters.organisation_id:
        query = query.where(Action.organisation_id == filters.organisation_id)
    if filters.municipality_id:
        query = query.where(Action.municipality_id == filters.municipality_id)
    if filters.statuses:
        query = query.where(Action.status.in_(filters.statuses))
    if filters.priorities:
        query = query.where(Action.priority.in_(filters.priorities))
    is_overdue = and_(Action.due_on < today, Action.status.in_(OPEN_ACTION_STATUSES))
    if filters.only_overdue:
        query = query.where(is_overdue)
    by_due_date = [case((is_overdue, 0), else_=1), Action.due_on.is_(None), Action.due_on]
    order = {
        "due": by_due_date,
        "priority": [
            case({Priority.HIGH: 0, Priority.NORMAL: 1}, value=Action.priority, else_=2),
            *by_due_date,
        ],
        "created": [Action.created_at.desc()],
    }[filters.sort]
    return query.order_by(*order, Action.id)
