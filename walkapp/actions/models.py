"""Action (åtgärd), its link to observations and its transition table."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum
from walkapp.observations.models import Observation
from walkapp.places.models import Municipality, Organisation


class ActionStatus(LabelledEnum):
    OPEN = "open"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    VERIFIED = "verified"
    REJECTED = "rejected"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.OPEN: _l("Open"),
            cls.PLANNED: _l("Planned"),
            cls.IN_PROGRESS: _l("In progress"),
            cls.DONE: _l("Done"),
            cls.VERIFIED: _l("Verified"),
            cls.REJECTED: _l("Rejected"),
        }


class Priority(LabelledEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.LOW: _l("Low"),
            cls.NORMAL: _l("Normal"),
            cls.HIGH: _l("High"),
        }


_A = ActionStatus
# "Overdue" is derived from due_on and never stored.
ACTION_TRANSITIONS: dict[ActionStatus, frozenset[ActionStatus]] = {
    _A.OPEN: frozenset({_A.PLANNED, _A.IN_PROGRESS, _A.REJECTED}),
    _A.PLANNED: frozenset({_A.IN_PROGRESS, _A.REJECTED}),
    _A.IN_PROGRESS: frozenset({_A.DONE, _A.PLANNED, _A.REJECTED}),
    _A.DONE: frozenset({_A.VERIFIED, _A.IN_PROGRESS}),
    _A.VERIFIED: frozenset(),
    _A.REJECTED: frozenset({_A.OPEN}),
}
ACTION_NEEDS_PUBLIC_NOTE = frozenset({_A.DONE, _A.REJECTED})
# Work still to do; only these can be overdue.
OPEN_ACTION_STATUSES = (_A.OPEN, _A.PLANNED, _A.IN_PROGRESS)

action_observations = Table(
    "action_observations",
    Base.metadata,
    Column("action_id", ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True),
    Column("observation_id", ForeignKey("observations.id"), primary_key=True),
    # The key leads with the action; an observation's actions (the review list's counts, the
    # reports, Open311) are read the other way round.
    Index("ix_action_observations_observation_id", "observation_id"),
)


class Action(Base):
    __tablename__ = "actions"
    # The queue: a municipality's open actions by due date.
    __table_args__ = (
        Index("ix_actions_municipality_status_due", "municipality_id", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[Priority] = mapped_column(
        str_enum(Priority, "priority"), default=Priority.NORMAL
    )
    due_on: Mapped[date | None]
    planned_on: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus, "action_status"), default=ActionStatus.OPEN, index=True
    )
    cost_note: Mapped[str] = mapped_column(Text, default="")
    closing_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    municipality: Mapped[Municipality] = relationship()
    organisation: Mapped[Organisation] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    observations: Mapped[list[Observation]] = relationship(secondary=action_observations)

    def is_overdue(self, today: date) -> bool:
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status not in {ActionStatus.DONE, ActionStatus.VERIFIED, ActionStatus.REJECTED}
        )


class ActionLink(Base):
    """A personal link that lets an owner without an account work one action, until it expires.

    Only the SHA-256 of the token is stored (the link is shown once, in the e-mail); the link acts
    as its organisation and opens nothing but its action.
    """

    __tablename__ = "action_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    action: Mapped[Action] = relationship()
    organisation: Mapped[Organisation] = relationship()
