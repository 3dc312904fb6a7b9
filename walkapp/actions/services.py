"""Actions: made from observations, routed to an organisation, carried through their lifecycle."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from walkapp.actions import queries
from walkapp.actions.models import (
    ACTION_NEEDS_PUBLIC_NOTE,
    ACTION_TRANSITIONS,
    Action,
    ActionStatus,
    Priority,
)
from walkapp.auth.models import Role, User
from walkapp.db import utcnow
from walkapp.errors import DomainError, Forbidden, NotFound
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import TransitionNotAllowed, change_status, record_event
from walkapp.notifications.services import (
    notify_assignment,
    notify_fixed,
)
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.observations.services import move_observation
from walkapp.personal_data import check_public_text
from walkapp.photos.models import Photo, PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.settings import PhotoSettings
from walkapp.photos.storage import PhotoStorage
from walkapp.places.models import Organisation
from walkapp.security import in_scope

TITLE_MAX_LENGTH = 200


class InvalidAction(DomainError):
    status_code = 422


def _check_chief(actor: User, municipality_id: int) -> None:
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief creates actions."))


def check_observations(actor: User, observations: list[Observation]) -> int:
    """All in one municipality the actor leads, none a duplicate; that municipality's id."""
    if not observations:
        raise InvalidAction(_l("Choose at least one observation."))
    municipality_ids = {observation.municipality_id for observation in observations}
    if len(municipality_ids) > 1:
        raise InvalidAction(_l("An action covers observations of one municipality only."))
    municipality_id = municipality_ids.pop()
    _check_chief(actor, municipality_id)
    for observation in observations:
        if observation.status == ObservationStatus.DUPLICATE:
            raise InvalidAction(
                _l(
                    "Observation #%(id)d is a duplicate; create the action for the observation "
                    "it was merged into.",
                    id=observation.id,
                )
            )
    return municipality_id


def create_action(
    db: Session,
    actor: User,
    observations: list[Observation],
    *,
    organisation: Organisation | None,
    title: str,
    description: str = "",
    priority: str = Priority.NORMAL,
    due_on: date | None,
    today: date,
    link_days: int = 60,
    now: datetime | None = None,
) -> Action:
    """Create one action for the observations; each becomes "action planned" by the table.

    An organisation with an address but nobody who logs in gets a personal link (link_days).
    `now`: when it was created (the demo's actions of earlier years); default the clock's now.
    """
    now = now or utcnow()
    municipality_id = check_observations(actor, observations)
    if organisation is None or organisation.municipality_id != municipality_id:
        raise InvalidAction(_l("Choose one of the municipality's organisations."))
    if not organisation.is_active:
        raise InvalidAction(_l("The organisation is no longer active."))
    title = title.strip()
    if not title or len(title) > TITLE_MAX_LENGTH:
        raise InvalidAction(_l("Give the action a title of at most 200 characters."))
    try:
        priority = Priority(priority)
    except ValueError:
        raise InvalidAction(_l("Unknown priority.")) from None
    if due_on is not None and due_on < today:
        raise InvalidAction(_l("The due date has already passed."))

    action = Action(
        municipality_id=municipality_id,
        organisation=organisation,
        created_by_id=actor.id,
        title=title,
        description=description.strip(),
        priority=priority,
        due_on=due_on,
        observations=list(observations),
        created_at=now,
    )
    db.add(action)
    db.flush()
    record_event(
        db,
        actor,
        SubjectType.ACTION,
        action.id,
        EventKind.CREATED,
        to_status=action.status,
        internal_note=f"{organisation.name}; " + ", ".join(f"#{o.id}" for o in observations),
        at=now,
    )
    for observation in observations:
        sync_observation_status(db, actor, observation, now=now)
    from walkapp.actions.links import offer_action_link  # links builds on this module

    if offer_action_link(db, actor, action, now=now, valid_days=link_days) is None:
        notify_assignment(db, action)
    db.flush()
    return action


def can_handle(actor: User, action: Action) -> bool:
    """The chief handles every action of the municipality, a handler those of their organisation."""
    if actor.role == Role.SAFETY_CHIEF:
        return in_scope(actor, action.municipality_id)
    if actor.role == Role.HANDLER:
        return actor.organisation_id == action.organisation_id
    return False


def check_handler(actor: User, action: Action) -> None:
    if not can_handle(actor, action):
        # Never reveal another organisation's action: the same answer as a missing one.
        raise NotFound(_l("There is no such action."))


def transition_choices(actor: User, action: Action) -> list[ActionStatus]:
    """The steps the table allows from here, in the lifecycle's order; verifying is the chief's."""
    allowed = set(ACTION_TRANSITIONS[action.status])
    if actor.role != Role.SAFETY_CHIEF:
        allowed.discard(ActionStatus.VERIFIED)
    return [status for status in ActionStatus if status in allowed]


def sync_observation_status(
    db: Session, actor: User | None, observation: Observation, *, now: datetime | None = None
) -> None:
    """An observation's status follows from its actions (rejected ones do not count).

    Any action still open: action planned. All done: fixed, and the participants who asked to
    hear back are told. All verified: verified. None left: back to the chief's assessment.
    """
    active = [
        a for a in queries.linked_actions(db, observation) if a.status != ActionStatus.REJECTED
    ]
    if not active:
        goal = ObservationStatus.TRIAGED
        if observation.status != ObservationStatus.ACTION_PLANNED:
            return
    elif all(a.status == ActionStatus.VERIFIED for a in active):
        goal = ObservationStatus.VERIFIED
    elif all(a.status in (ActionStatus.DONE, ActionStatus.VERIFIED) for a in active):
        goal = ObservationStatus.FIXED
    else:
        goal = ObservationStatus.ACTION_PLANNED
    done_notes = [a.closing_note for a in active if a.closing_note]
    changed = move_observation(
        db,
        actor,
        observation,
        goal,
        internal_note="follows from its actions",
        public_note=done_notes[-1] if goal == ObservationStatus.FIXED and done_notes else "",
        now=now,
    )
    if changed and goal == ObservationStatus.FIXED:
        notify_fixed(db, observation)


def change_action_status(
    db: Session,
    actor: User | None,
    action: Action,
    to_status: str,
    *,
    today: date,
    now: datetime | None = None,
    acting_organisation: Organisation | None = None,
    public_note: str = "",
    internal_note: str = "",
    planned_on: date | None = None,
    confirmed_personal_data: bool = False,
) -> Action:
    """One step of the action's lifecycle, by its table; the observations follow.

    `actor` None with `acting_organisation`: an owner without an account (its personal link)
    acts as the action's organisation; the event then has no actor.
    """
    if actor is not None:
        check_handler(actor, action)
    elif acting_organisation is None or acting_organisation.id != action.organisation_id:
        raise NotFound(_l("There is no such action."))
    try:
        target = ActionStatus(to_status)
    except ValueError:
        raise TransitionNotAllowed(_l("Unknown status: %(status)s", status=to_status)) from None
    if target == ActionStatus.VERIFIED and (actor is None or actor.role != Role.SAFETY_CHIEF):
        raise Forbidden(_l("Only the safety chief verifies that an action is done."))
    if target == ActionStatus.PLANNED:
        if planned_on is None:
            raise InvalidAction(_l("Give the date the work is planned for."))
        if planned_on < today:
            raise InvalidAction(_l("The planned date has already passed."))
    # The note is published (and becomes the observations' "fixed" note): refused while it
    # seems to hold personal data, unless the writer ticked that they have checked it.
    check_public_text(public_note, confirmed=confirmed_personal_data)
    change_status(
        db,
        actor,
        action,
        SubjectType.ACTION,
        target,
        transitions=ACTION_TRANSITIONS,
        needs_public_note=ACTION_NEEDS_PUBLIC_NOTE,
        public_note=public_note.strip(),
        internal_note=internal_note.strip(),
        at=now,
    )
    if target == ActionStatus.PLANNED:
        action.planned_on = planned_on
    if target in (ActionStatus.DONE, ActionStatus.REJECTED):
        action.closing_note = public_note.strip()
        action.closed_at = now or utcnow()
    elif target != ActionStatus.VERIFIED:
        action.closed_at = None  # reopened
    db.flush()
    for observation in action.observations:
        sync_observation_status(db, actor, observation, now=now)
    db.flush()
    return action


def attach_after_photo(
    db: Session,
    storage: PhotoStorage,
    actor: User,
    action: Action,
    data: bytes,
    *,
    settings: PhotoSettings,
) -> Photo:
    """A photo of the finished work, through the same pipeline as the participants' photos."""
    check_handler(actor, action)
    photo, _made = store_photo(
        db, storage, data, kind=PhotoKind.AFTER, action_id=action.id, settings=settings
    )
    return photo


def comment_action(db: Session, actor: User, action: Action, text: str) -> Action:
    """An internal comment: staff only, never published."""
    check_handler(actor, action)
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise InvalidAction(_l("Write a comment of at most 2000 characters."))
    record_event(db, actor, SubjectType.ACTION, action.id, EventKind.COMMENTED, internal_note=text)
    db.flush()
    return action


def bulk_change_status(
    db: Session,
    actor: User,
    actions: list[Action],
    to_status: str,
    *,
    today: date,
    public_note: str = "",
    planned_on: date | None = None,
    confirmed_personal_data: bool = False,
) -> list[Action]:
    """The same step for several actions: all or nothing, and the error names the one refused."""
    if not actions:
        raise InvalidAction(_l("Choose at least one action."))
    check_public_text(public_note, confirmed=confirmed_personal_data)  # once, not per action
    for action in actions:
        try:
            change_action_status(
                db,
                actor,
                action,
                to_status,
                today=today,
                public_note=public_note,
                planned_on=planned_on,
                confirmed_personal_data=True,  # checked above
            )
        except DomainError as error:
            raise type(error)(
                _l("“%(title)s”: %(reason)s", title=action.title, reason=error.message)
            ) from None
    return actions
