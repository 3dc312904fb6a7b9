"""Turning observations into an action routed to the organisation that owns the fix."""

from collections import Counter, deque
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.actions.models import Action, Priority
from walkapp.auth.models import Role, User
from walkapp.errors import DomainError, Forbidden
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import change_status, record_event
from walkapp.observations.models import (
    OBSERVATION_TRANSITIONS,
    Observation,
    ObservationStatus,
)
from walkapp.places.models import Organisation
from walkapp.security import in_scope

TITLE_MAX_LENGTH = 200


class InvalidAction(DomainError):
    status_code = 422


@dataclass(frozen=True)
class ActionProposal:
    """What the form starts with; the chief may change every part."""

    organisation: Organisation | None
    priority: Priority
    due_on: date
    title: str


def _check_chief(actor: User, municipality_id: int) -> None:
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief creates actions."))


def _check_observations(actor: User, observations: list[Observation]) -> int:
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


def propose_action(
    db: Session,
    actor: User,
    observations: list[Observation],
    today: date,
    *,
    priority_by_severity: dict[int, str],
    due_days: dict[str, int],
    locale: str,
) -> ActionProposal:
    """The owner from the categories' default kind; priority and due date from the settings."""
    municipality_id = _check_observations(actor, observations)
    kinds = Counter(observation.category.default_organisation_kind for observation in observations)
    organisations = db.scalars(
        select(Organisation)
        .where(Organisation.municipality_id == municipality_id, Organisation.is_active)
        .order_by(Organisation.name)
    ).all()
    organisation = None
    for kind, _count in kinds.most_common():
        organisation = next((o for o in organisations if o.kind == kind), None)
        if organisation is not None:
            break
    severity = max(observation.severity for observation in observations)
    priority = Priority(priority_by_severity.get(severity, Priority.NORMAL))
    categories = list(dict.fromkeys(o.category.label(locale) for o in observations))
    return ActionProposal(
        organisation=organisation,
        priority=priority,
        due_on=today + timedelta(days=due_days[priority.value]),
        title=", ".join(categories)[:TITLE_MAX_LENGTH],
    )


def _path_to(start: ObservationStatus, goal: ObservationStatus) -> list[ObservationStatus]:
    """The shortest way through the lifecycle table, so each step is an allowed, logged change."""
    previous: dict[ObservationStatus, ObservationStatus | None] = {start: None}
    queue = deque([start])
    while queue:
        status = queue.popleft()
        if status == goal:
            break
        for following in sorted(OBSERVATION_TRANSITIONS[status]):
            if following not in previous and following != ObservationStatus.DUPLICATE:
                previous[following] = status
                queue.append(following)
    path = []
    status = goal
    while status is not None and status != start:
        path.append(status)
        status = previous.get(status)
    return list(reversed(path))


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
) -> Action:
    """Create one action for the observations; each becomes "action planned" by the table."""
    municipality_id = _check_observations(actor, observations)
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
    )
    for observation in observations:
        for status in _path_to(observation.status, ObservationStatus.ACTION_PLANNED):
            change_status(
                db,
                actor,
                observation,
                SubjectType.OBSERVATION,
                status,
                transitions=OBSERVATION_TRANSITIONS,
                internal_note=f"action #{action.id}",
            )
    db.flush()
    return action


def actions_for(db: Session, observation: Observation) -> list[Action]:
    return list(
        db.scalars(
            select(Action)
            .where(Action.observations.contains(observation))
            .order_by(Action.created_at, Action.id)
        )
    )
