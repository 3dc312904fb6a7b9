"""Recording events, and the one status change that every workflow's transition table drives."""

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from walkapp.auth.models import User
from walkapp.db import utcnow
from walkapp.errors import DomainError
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.labels import label


class TransitionNotAllowed(DomainError):
    status_code = 422


class HasStatus(Protocol):
    """A row with a workflow (an observation, an action, a walk...): its status, which may be
    the plain string it was built with, moves along its transition table."""

    id: int
    status: str


def record_event(
    db: Session,
    actor: User | None,
    subject_type: SubjectType,
    subject_id: int,
    kind: EventKind,
    *,
    from_status: str | None = None,
    to_status: str | None = None,
    public_note: str | None = None,
    internal_note: str | None = None,
    participant_id: int | None = None,
    at: datetime | None = None,
) -> Event:
    event = Event(
        subject_type=subject_type,
        subject_id=subject_id,
        actor_id=actor.id if actor is not None else None,
        participant_id=participant_id,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        public_note=public_note or None,
        internal_note=internal_note or None,
        at=at or utcnow(),
    )
    db.add(event)
    return event


def change_status(
    db: Session,
    actor: User | None,
    subject: HasStatus,
    subject_type: SubjectType,
    to_status: str,
    *,
    transitions: Mapping[enum.Enum, frozenset[enum.Enum]],
    needs_public_note: frozenset[enum.Enum] = frozenset(),
    public_note: str | None = None,
    internal_note: str | None = None,
    at: datetime | None = None,
) -> Event:
    """Move a subject along its transition table and write the event; refuse anything else."""
    # The table's own enum: the subject may hold the plain string it was built with.
    status_type = type(next(iter(transitions)))
    current = status_type(subject.status)
    try:
        target = status_type(to_status)
    except ValueError:
        raise TransitionNotAllowed(_l("Unknown status: %(status)s", status=to_status)) from None
    if target not in transitions[current]:
        raise TransitionNotAllowed(
            _l(
                "The status cannot change from %(from)s to %(to)s.",
                **{"from": label(current), "to": label(target)},
            )
        )
    if target in needs_public_note and not (public_note or "").strip():
        raise DomainError(_l("A public note is required for this status."))
    event = record_event(
        db,
        actor,
        subject_type,
        subject.id,
        EventKind.STATUS_CHANGED,
        from_status=current.value,
        to_status=target.value,
        public_note=public_note,
        internal_note=internal_note,
        at=at,
    )
    subject.status = target
    db.flush()
    return event
