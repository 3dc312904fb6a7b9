"""Agreement, Promise (medborgarlöfte), Commitment (åtagande) and FollowUp (uppföljning)."""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow
from walkapp.places.models import FollowUpKind, Locality, Municipality


class Responsible(enum.StrEnum):
    POLICE = "police"
    MUNICIPALITY = "municipality"
    BOTH = "both"


class ActivityKind(enum.StrEnum):
    SAFETY_WALK = "safety_walk"
    TRAFFIC_WALK = "traffic_walk"
    TRAFFIC_CONTROL = "traffic_control"
    PARENT_MEETING = "parent_meeting"
    INFORMATION = "information"
    PATROL = "patrol"
    OTHER = "other"


class Agreement(Base):
    """A multi-year samverkansöverenskommelse between the municipality and the police."""

    __tablename__ = "agreements"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="period_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    document_url: Mapped[str | None] = mapped_column(String(500))

    municipality: Mapped[Municipality] = relationship()
    promises: Mapped[list["Promise"]] = relationship(back_populates="agreement")


class Promise(Base):
    """A medborgarlöfte: a public, signed set of concrete commitments for a year or a period."""

    __tablename__ = "promises"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="period_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    situation_text: Mapped[str] = mapped_column(Text, default="")  # lägesbild
    focus_areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    signed_by: Mapped[str] = mapped_column(Text, default="")
    signed_on: Mapped[date | None]
    follow_up_kind: Mapped[FollowUpKind] = mapped_column(str_enum(FollowUpKind, "follow_up_kind"))

    municipality: Mapped[Municipality] = relationship()
    agreement: Mapped[Agreement | None] = relationship(back_populates="promises")
    commitments: Mapped[list["Commitment"]] = relationship(
        back_populates="promise", order_by="Commitment.position"
    )
    follow_ups: Mapped[list["FollowUp"]] = relationship(
        back_populates="promise", order_by="FollowUp.starts_on"
    )


class Commitment(Base):
    """One line of a promise, e.g. "at least four safety walks"."""

    __tablename__ = "commitments"
    __table_args__ = (
        CheckConstraint("target_count IS NULL OR target_count > 0", name="target_positive"),
        UniqueConstraint("promise_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promises.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    responsible: Mapped[Responsible] = mapped_column(str_enum(Responsible, "responsible"))
    activity_kind: Mapped[ActivityKind] = mapped_column(str_enum(ActivityKind, "activity_kind"))
    target_count: Mapped[int | None]
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"), index=True)

    promise: Mapped[Promise] = relationship(back_populates="commitments")
    locality: Mapped[Locality | None] = relationship()


class FollowUp(Base):
    """A report on a promise for one period; the figures are computed, the narrative is written."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        UniqueConstraint("promise_id", "period_label"),
        CheckConstraint("ends_on >= starts_on", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promises.id"), index=True)
    period_label: Mapped[str] = mapped_column(String(40))  # the period key, e.g. "2021-T2"
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    narrative: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]

    promise: Mapped[Promise] = relationship(back_populates="follow_ups")


class Activity(Base):
    """Something done for a commitment that is not a walk: a traffic control, a parent meeting."""

    __tablename__ = "activities"
    __table_args__ = (CheckConstraint("count >= 1", name="count_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    done_on: Mapped[date] = mapped_column(index=True)
    count: Mapped[int] = mapped_column(default=1)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    commitment: Mapped[Commitment] = relationship()
    created_by: Mapped[User | None] = relationship()
