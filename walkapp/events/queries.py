"""Reads of the event log: a subject's timeline (the subject was read with the actor's scope)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.events.models import Event, SubjectType


def timeline(db: Session, subject_type: SubjectType, subject_id: int) -> list[Event]:
    """Every event of one subject, oldest first; the caller has read the subject in scope."""
    return list(
        db.scalars(
            select(Event)
            .where(Event.subject_type == subject_type, Event.subject_id == subject_id)
            .order_by(Event.at, Event.id)
        )
    )
