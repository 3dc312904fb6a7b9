"""Imports every domain's models so that Base.metadata (and Alembic) sees the whole schema."""

from walkapp.actions.models import Action, action_observations
from walkapp.auth.models import User
from walkapp.db import Base
from walkapp.events.models import Event
from walkapp.notifications.models import OutboxMessage
from walkapp.observations.models import Category, Observation, ObservationCheck
from walkapp.open311.models import ApiKey
from walkapp.photos.models import Photo
from walkapp.places.models import Locality, Municipality, Organisation
from walkapp.privacy.models import AuditEntry
from walkapp.promises.models import (
    Activity,
    Agreement,
    Commitment,
    Promise,
    SituationReport,
    activity_commitments,
)
from walkapp.reports.models import FollowUp, FollowUpApproval, FollowUpText, FollowUpVersion
from walkapp.routing.models import Referral, RoutingRule
from walkapp.walks.models import Walk, WalkParticipant, walk_commitments

__all__ = [
    "Action",
    "Activity",
    "Agreement",
    "ApiKey",
    "AuditEntry",
    "Base",
    "Category",
    "Commitment",
    "Event",
    "FollowUp",
    "FollowUpApproval",
    "FollowUpText",
    "FollowUpVersion",
    "Locality",
    "Municipality",
    "Observation",
    "ObservationCheck",
    "OutboxMessage",
    "Organisation",
    "Photo",
    "Promise",
    "Referral",
    "RoutingRule",
    "SituationReport",
    "User",
    "Walk",
    "WalkParticipant",
    "action_observations",
    "activity_commitments",
    "walk_commitments",
]
