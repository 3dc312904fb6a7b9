"""FollowUp (uppföljning) per period, its texts per commitment, approvals and frozen versions."""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum
from walkapp.promises.models import Commitment, Promise


class FollowUpStatus(LabelledEnum):
    DRAFT = "draft"
    READY = "ready"  # ready for approval: the signatories read it
    APPROVED = "approved"  # approved by one signatory of each side
    PUBLISHED = "published"  # a frozen version is public; a correction starts a new draft

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.DRAFT: _l("Draft"),
            cls.READY: _l("Ready for approval"),
            cls.APPROVED: _l("Approved"),
            cls.PUBLISHED: _l("Published"),
        }


class Side(enum.StrEnum):
    """The two parties who write and sign a citizen promise's follow-up."""

    MUNICIPALITY = "municipality"
    POLICE = "police"


class FollowUp(Base):
    """A report on a promise for one period (or a year, or the whole promise).

    What it says while being written is computed from today's records; what was published is
    the snapshot in its versions, which later data never changes.
    """

    __tablename__ = "follow_ups"
    __table_args__ = (
        UniqueConstraint("promise_id", "period_label"),
        CheckConstraint("ends_on >= starts_on", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promises.id"), index=True)
    # The period's key: "2021-T2", "2021-H1", "2020-11" (a half year from November), "2021"
    # (the year-end report) or "all" (the whole of a multi-year promise).
    period_label: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    status: Mapped[FollowUpStatus] = mapped_column(
        str_enum(FollowUpStatus, "follow_up_status"), default=FollowUpStatus.DRAFT
    )
    narrative: Mapped[str] = mapped_column(Text, default="")  # the report's summary
    due_on: Mapped[date | None]  # set by the promise's rhythm, or moved by the chief
    # Reminders already sent, so send-reminders never mails the authors twice for one date.
    due_reminded_on: Mapped[date | None]
    late_reminded_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None]  # the first publication

    promise: Mapped[Promise] = relationship()
    updated_by: Mapped[User | None] = relationship()
    texts: Mapped[list["FollowUpText"]] = relationship(
        back_populates="follow_up", cascade="all, delete-orphan"
    )
    approvals: Mapped[list["FollowUpApproval"]] = relationship(
        back_populates="follow_up", cascade="all, delete-orphan"
    )
    versions: Mapped[list["FollowUpVersion"]] = relationship(
        back_populates="follow_up", order_by="FollowUpVersion.number"
    )


class FollowUpText(Base):
    """What the municipality or the police write about one commitment in one follow-up."""

    __tablename__ = "follow_up_texts"
    __table_args__ = (UniqueConstraint("follow_up_id", "commitment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    done_text: Mapped[str] = mapped_column(Text, default="")  # det här har vi gjort
    outcome_text: Mapped[str] = mapped_column(Text, default="")  # resultat
    next_text: Mapped[str] = mapped_column(Text, default="")  # nästa steg
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    follow_up: Mapped[FollowUp] = relationship(back_populates="texts")
    commitment: Mapped[Commitment] = relationship()
    updated_by: Mapped[User | None] = relationship()


class FollowUpApproval(Base):
    """A signatory's approval of the follow-up as it reads now; a change of text clears them."""

    __tablename__ = "follow_up_approvals"
    __table_args__ = (UniqueConstraint("follow_up_id", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id"), index=True)
    side: Mapped[Side] = mapped_column(str_enum(Side, "side"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    follow_up: Mapped[FollowUp] = relationship(back_populates="approvals")
    user: Mapped[User] = relationship()


class FollowUpVersion(Base):
    """A published, frozen follow-up: text and figures as they were approved; never changed."""

    __tablename__ = "follow_up_versions"
    __table_args__ = (
        UniqueConstraint("follow_up_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id"), index=True)
    number: Mapped[int]
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Why a version after the first was published; shown on it ("Rättelse: ...").
    correction_note: Mapped[str] = mapped_column(Text, default="")
    # Everything the report states (texts, figures, walks, lägesbild, signatories), as JSON.
    snapshot: Mapped[dict] = mapped_column(JSON)

    follow_up: Mapped[FollowUp] = relationship(back_populates="versions")
    published_by: Mapped[User | None] = relationship()
