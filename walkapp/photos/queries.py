"""Reads of photos, scoped to the actor by the one rule in walkapp.scope."""

from collections.abc import Collection

from sqlalchemy import func, or_, select

from walkapp import scope
from walkapp.actions.models import Action
from walkapp.observations.models import Observation
from walkapp.photos.models import Photo


def visible_photo(db, actor, photo_id: int, participant_ids: Collection[int] = ()) -> Photo | None:
    """A photo the actor may see (its own, or one its role and organisation reach), else None."""
    return scope.get_scoped(db, actor, Photo, photo_id, participant_ids)


def municipality_of(db, photo: Photo) -> int | None:
    """The municipality a photo belongs to, through its observation or its action."""
    if photo.observation_id is not None:
        return db.get(Observation, photo.observation_id).municipality_id
    return db.get(Action, photo.action_id).municipality_id


def photos_of_observations(db, actor, observation_ids: Collection[int]) -> list[Photo]:
    """The photos of these observations that the actor may see, oldest first."""
    return db.scalars(
        select(Photo)
        .where(Photo.observation_id.in_(list(observation_ids)), scope.photos(actor))
        .order_by(Photo.id)
    ).all()


def photos_of_action(db, actor, action_id: int, observation_ids: Collection[int]) -> list[Photo]:
    """An action's own (after-)photos and its observations' photos, as far as the actor may see."""
    return db.scalars(
        select(Photo)
        .where(
            or_(Photo.observation_id.in_(list(observation_ids)), Photo.action_id == action_id),
            scope.photos(actor),
        )
        .order_by(Photo.id)
    ).all()


def photo_counts(db, observation_ids: Collection[int]) -> dict[int, int]:
    """How many photos each of these observations has (a count, never a photo)."""
    return dict(
        db.execute(
            select(Photo.observation_id, func.count(Photo.id))
            .where(Photo.observation_id.in_(list(observation_ids)))
            .group_by(Photo.observation_id)
        ).all()
    )
