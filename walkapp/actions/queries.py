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
