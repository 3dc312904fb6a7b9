"""RoutingRule (category and owner of the place to an organisation) and Referral (handover)."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum
from walkapp.observations.models import Category, Observation, PlaceOwner
from walkapp.places.models import Organisation


class RoutingRule(Base):
    """The municipality's division of responsibility, as the chief or an administrator wrote it.

    A rule with `place_owner` None applies whoever owns the place; a rule naming an owner wins
    for observations whose place has that owner. One rule per (category, owner) is kept by the
    service, since NULLs never collide in a unique constraint.
    """

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"), index=True)
    place_owner: Mapped[PlaceOwner | None] = mapped_column(str_enum(PlaceOwner, "place_owner"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    # Why, in the municipality's words ("enligt kommunens ansvarsfördelning"), shown with the
    # proposal.
    note: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    category: Mapped[Category] = relationship()
    organisation: Mapped[Organisation] = relationship()


class ReferralStatus(LabelledEnum):
    SENT = "sent"  # handed over; waiting for the owner's answer
    ANSWERED = "answered"  # the owner answered (planned, done, declined: in the answer)
    WITHDRAWN = "withdrawn"  # taken back, e.g. the municipality does it itself

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.SENT: _l("Waiting for an answer"),
            cls.ANSWERED: _l("Answered"),
            cls.WITHDRAWN: _l("Withdrawn"),
        }


class Referral(Base):
    """An observation handed over to an owner outside the municipality.

    Trafikverket or a private road association: who handed it over and when, their reference
    number, the reply expected by a date and a reminder once it has passed, until they answer.
    """

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("observations.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    status: Mapped[ReferralStatus] = mapped_column(
        str_enum(ReferralStatus, "referral_status"), default=ReferralStatus.SENT
    )
    referred_at: Mapped[datetime] = mapped_column(default=utcnow)
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reference: Mapped[str] = mapped_column(String(80), default="")  # the owner's case number
    expected_reply_on: Mapped[date | None] = mapped_column(index=True)
    reminded_on: Mapped[date | None]  # the last reminder, so none is sent twice for a date
    answered_at: Mapped[datetime | None]
    answer_note: Mapped[str] = mapped_column(Text, default="")  # public: what the owner said

    organisation: Mapped[Organisation] = relationship()
    observation: Mapped[Observation] = relationship()
    referred_by: Mapped[User | None] = relationship()
