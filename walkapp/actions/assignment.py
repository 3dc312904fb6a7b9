"""Who works on an action: a person of the organisation, or another organisation altogether."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from walkapp.actions.links import offer_action_link
from walkapp.actions.models import OPEN_ACTION_STATUSES, Action
from walkapp.actions.services import InvalidAction, check_handler
from walkapp.auth.models import Role, User
from walkapp.errors import Forbidden, NotFound
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import record_event
from walkapp.notifications.services import (
    notify_assignment,
    notify_reassignment,
    organisation_addresses,
)
from walkapp.places.models import Organisation


def assign_action(
    db: Session,
    actor: User,
    action: Action,
    assignee: User | None,
    *,
    now: datetime | None = None,
) -> Action:
    """Give the action to one person of the organisation (None: to the organisation as a whole)."""
    check_handler(actor, action)
    if assignee is not None and not (
        assignee.is_active
        and assignee.role == Role.HANDLER
        and assignee.organisation_id == action.organisation_id
    ):
        raise InvalidAction(_l("Choose a person of the responsible organisation."))
    if assignee is not None and assignee.id == action.assignee_id:
        return action
    action.assignee = assignee
    record_event(
        db,
        actor,
        SubjectType.ACTION,
        action.id,
        EventKind.ASSIGNED,
        internal_note=assignee.name if assignee else action.organisation.name,
        at=now,
    )
    db.flush()
    notify_assignment(db, action)
    return action


REASON_MAX_LENGTH = 2000


def reassign_action(
    db: Session,
    actor: User,
    action: Action,
    organisation: Organisation | None,
    reason: str,
    now: datetime,
    link_days: int = 60,
) -> Action:
    """Move the action to another organisation of the municipality, without rejecting it.

    The safety chief's decision (a handler who thinks it is not theirs asks the chief). Status,
    history, observations and due date stay; the named person of the old organisation is
    cleared; the reason is internal (never published); the new organisation is told by e-mail.
    """
    check_handler(actor, action)
    if actor.role != Role.SAFETY_CHIEF:
        raise Forbidden(_l("Only the municipality's safety chief moves an action."))
    if organisation is None or organisation.municipality_id != action.municipality_id:
        # Another municipality's organisation is "not there", like a missing id.
        raise NotFound(_l("There is no such organisation."))
    if organisation.id == action.organisation_id:
        raise InvalidAction(_l("The action is already with this organisation."))
    if not organisation.is_active:
        raise InvalidAction(_l("The organisation is no longer active."))
    if action.status not in OPEN_ACTION_STATUSES:
        raise InvalidAction(_l("Only an action that is still open can be moved."))
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_MAX_LENGTH:
        raise InvalidAction(_l("Give the reason for the move, in at most 2000 characters."))
    if not organisation_addresses(db, organisation):
        # Nobody would learn of it: no shared address and no active handler.
        raise InvalidAction(_l("The organisation has no contact address."))
    previous = action.organisation
    action.organisation = organisation
    action.assignee = None  # a person of the old organisation
    event = record_event(
        db,
        actor,
        SubjectType.ACTION,
        action.id,
        EventKind.ASSIGNED,
        internal_note=f"Flyttad från {previous.name} till {organisation.name}: {reason}",
        at=now,
    )
    db.flush()
    # An owner without an account gets the action's personal link instead.
    if offer_action_link(db, actor, action, now=now, valid_days=link_days) is None:
        notify_reassignment(db, action, previous=previous, reason=reason, event_id=event.id)
    return action
