"""Open311 reads: the services offered, what each public request shows, the municipality's keys."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from walkapp import scope
from walkapp.actions.models import OPEN_ACTION_STATUSES, Action, action_observations
from walkapp.observations.models import Category, Observation
from walkapp.open311.models import ApiKey
from walkapp.photos.models import Photo
from walkapp.protocol.queries import events_by_observation
from walkapp.routing.models import Referral, ReferralStatus
from walkapp.routing.queries import public_referrals


def api_keys(db, actor) -> list[ApiKey]:
    """The municipality's API keys, valid ones first, newest first."""
    return db.scalars(
        select(ApiKey)
        .where(scope.municipal(actor, ApiKey.municipality_id))
        .order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc())
    ).all()


def active_categories(db: Session) -> list[Category]:
    """The categories offered as Open311 services (reference data, the same for everyone)."""
    return list(
        db.scalars(
            select(Category).where(Category.is_active).order_by(Category.group, Category.sort_order)
        )
    )


@dataclass
class RequestDetails:
    """What one request shows beyond the observation: public notes, photos, owners, dates."""

    public_note: str | None = None
    updated_at: datetime | None = None
    expected_on: object = None
    agencies: tuple[str, ...] = ()
    photo_id: int | None = None
    photo_version: int = 1
    referral: Referral | None = None


def request_details(db: Session, observations: list[Observation]) -> dict[int, RequestDetails]:
    """A few queries for all the rows, whatever their number."""
    ids = [o.id for o in observations]
    details = {o.id: RequestDetails() for o in observations}
    if not ids:
        return details
    links = db.execute(
        select(action_observations.c.observation_id, Action)
        .join(Action, Action.id == action_observations.c.action_id)
        .where(action_observations.c.observation_id.in_(ids))
        .options(joinedload(Action.organisation))
    ).all()
    for observation_id, action in links:
        entry = details[observation_id]
        entry.agencies = tuple(dict.fromkeys([*entry.agencies, action.organisation.name]))
        if action.status in OPEN_ACTION_STATUSES and action.due_on is not None:
            entry.expected_on = min(filter(None, [entry.expected_on, action.due_on]))
    # Handed over to an outside owner: that owner is responsible, by the date it promised.
    for observation_id, referral in public_referrals(db, ids).items():
        entry = details[observation_id]
        entry.agencies = tuple(dict.fromkeys([*entry.agencies, referral.organisation.name]))
        entry.referral = referral
        if referral.status == ReferralStatus.SENT and referral.expected_reply_on is not None:
            entry.expected_on = min(filter(None, [entry.expected_on, referral.expected_reply_on]))
    for observation_id, event in events_by_observation(db, ids):
        entry = details[observation_id]
        entry.updated_at = event.at
        if event.public_note:
            entry.public_note = event.public_note
    sensitive = {o.id for o in observations if o.category.is_sensitive}
    # Only a photo the safety chief approved, at the address of its current public version.
    for photo in db.scalars(
        select(Photo)
        .where(Photo.observation_id.in_(ids), Photo.approved_at.is_not(None))
        .order_by(Photo.id.desc())
    ):
        if photo.observation_id not in sensitive:
            details[photo.observation_id].photo_id = photo.id
            details[photo.observation_id].photo_version = photo.public_version
    return details
