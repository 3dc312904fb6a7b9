"""Reads of actions, scoped to the actor by the one rule in walkapp.scope."""

from collections.abc import Collection

from sqlalchemy import func, select

from walkapp import scope
from walkapp.actions.models import Action, action_observations
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
