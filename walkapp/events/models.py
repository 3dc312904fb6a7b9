"""Event: one append-only row per change of a walk, observation, action or follow-up."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum


class SubjectType(enum.StrEnum):
    WALK = "walk"
    OBSERVATION = "observation"
    ACTION = "action"
    FOLLOW_UP = "follow_up"
    ACTIVITY = "activity"
    SITUATION_REPORT = "situation_report"
    USER = "user"


class EventKind(LabelledEnum):
    CREATED = "created"
    STATUS_CHANGED = "status_changed"
    UPDATED = "updated"
    COMMENTED = "commented"
    ASSIGNED = "assigned"
    MERGED = "merged"
    MASKED = "masked"
    PUBLISHED = "published"  # approved for publication after review
    WITHDRAWN = "withdrawn"  # taken back from the public
    APPROVED = "approved"  # a signatory approved a follow-up for publication
    DELETED = "deleted"  # the row is gone; the event keeps who and when

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.CREATED: _l("Created"),
            cls.STATUS_CHANGED: _l("Status changed"),
            cls.UPDATED: _l("Updated"),
            cls.COMMENTED: _l("Comment"),
            cls.ASSIGNED: _l("Assigned"),
            cls.MERGED: _l("Merged"),
            cls.MASKED: _l("Masked"),
            cls.PUBLISHED: _l("Published"),
            cls.WITHDRAWN: _l("Withdrawn from the public"),
            cls.APPROVED: _l("Approved"),
            cls.DELETED: _l("Deleted"),
        }


class Event(Base):
    __tablename__ = "events"
    # A row's history comes out of the index in order (events of one moment by id).
    __table_args__ = (Index("ix_events_subject", "subject_type", "subject_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[SubjectType] = mapped_column(str_enum(SubjectType, "subject_type"))
    subject_id: Mapped[int]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # A participant who joined by code has no account; their changes name the walk participant.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("walk_participants.id"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind, "event_kind"))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str | None] = mapped_column(String(32))
    public_note: Mapped[str | None] = mapped_column(Text)
    internal_note: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User | None] = relationship()
