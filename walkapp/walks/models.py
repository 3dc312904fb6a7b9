"""Walk, WalkParticipant, the walk-commitment link and the walk's transition table."""

import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum
from walkapp.places.models import Locality, Municipality
from walkapp.promises.models import Commitment


class WalkKind(LabelledEnum):
    SAFETY = "safety"
    TRAFFIC = "traffic"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.SAFETY: _l("Safety walk"),
            cls.TRAFFIC: _l("Traffic walk"),
        }


class WalkStatus(LabelledEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"
    FOLLOWED_UP = "followed_up"  # its protocol is published with the status of every observation

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.PLANNED: _l("Planned"),
            cls.ACTIVE: _l("In progress"),
            cls.CLOSED: _l("Closed"),
            cls.FOLLOWED_UP: _l("Followed up"),
        }


# Walks whose protocol is public: the protocol page, the referral mail's link and Open311.
PUBLISHED_WALK_STATUSES = (WalkStatus.ACTIVE, WalkStatus.CLOSED, WalkStatus.FOLLOWED_UP)

WALK_TRANSITIONS: dict[WalkStatus, frozenset[WalkStatus]] = {
    WalkStatus.PLANNED: frozenset({WalkStatus.ACTIVE}),
    WalkStatus.ACTIVE: frozenset({WalkStatus.CLOSED}),
    WalkStatus.CLOSED: frozenset({WalkStatus.FOLLOWED_UP}),
    WalkStatus.FOLLOWED_UP: frozenset(),
}


class LightConditions(LabelledEnum):
    DAYLIGHT = "daylight"
    DUSK = "dusk"
    DARK = "dark"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.DAYLIGHT: _l("Daylight"),
            cls.DUSK: _l("Dusk"),
            cls.DARK: _l("Dark"),
        }


class Represents(LabelledEnum):
    RESIDENT = "resident"
    POLICE = "police"
    MUNICIPALITY = "municipality"
    PROPERTY_OWNER = "property_owner"
    YOUTH = "youth"
    BUSINESS = "business"
    ASSOCIATION = "association"
    POLITICIAN = "politician"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.RESIDENT: _l("Resident"),
            cls.POLICE: _l("Police"),
            cls.MUNICIPALITY: _l("Municipality"),
            cls.PROPERTY_OWNER: _l("Property owner"),
            cls.YOUTH: _l("Young person"),
            cls.BUSINESS: _l("Business"),
            cls.ASSOCIATION: _l("Association"),
            cls.POLITICIAN: _l("Elected representative"),
            cls.OTHER: _l("Other"),
        }


walk_commitments = Table(
    "walk_commitments",
    Base.metadata,
    Column("walk_id", ForeignKey("walks.id", ondelete="CASCADE"), primary_key=True),
    Column("commitment_id", ForeignKey("commitments.id"), primary_key=True),
)


def new_public_token() -> str:
    return secrets.token_urlsafe(16)


class Walk(Base):
    __tablename__ = "walks"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"), index=True)
    kind: Mapped[WalkKind] = mapped_column(str_enum(WalkKind, "walk_kind"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    status: Mapped[WalkStatus] = mapped_column(
        str_enum(WalkStatus, "walk_status"), default=WalkStatus.PLANNED, index=True
    )
    # Short enough to type on a phone; rotated by the leader and expired when the walk closes.
    join_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    join_code_expires_at: Mapped[datetime | None]
    route_geojson: Mapped[str | None] = mapped_column(Text)
    light_conditions: Mapped[LightConditions] = mapped_column(
        str_enum(LightConditions, "light_conditions"), default=LightConditions.DAYLIGHT
    )
    weather_note: Mapped[str] = mapped_column(String(200), default="")
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # The public protocol's address: unguessable, so a walk's page is found only through its link.
    public_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_token)
    # A repeat walk revisits the observations of an earlier one.
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("walks.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    municipality: Mapped[Municipality] = relationship()
    locality: Mapped[Locality | None] = relationship()
    leader: Mapped[User | None] = relationship()
    repeat_of: Mapped["Walk | None"] = relationship(remote_side=[id])
    commitments: Mapped[list[Commitment]] = relationship(secondary=walk_commitments)
    participants: Mapped[list["WalkParticipant"]] = relationship(
        back_populates="walk", order_by="WalkParticipant.id"
    )


class WalkParticipant(Base):
    """Someone on a walk: an account holder, or a resident who joined by code under a name."""

    __tablename__ = "walk_participants"
    __table_args__ = (UniqueConstraint("walk_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    walk_id: Mapped[int] = mapped_column(ForeignKey("walks.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    represents: Mapped[Represents] = mapped_column(str_enum(Represents, "represents"))
    consent_given_at: Mapped[datetime]
    # Participants who want to hear what happened to their observations (Brå's "weakest link").
    wants_feedback: Mapped[bool] = mapped_column(default=False)
    feedback_email: Mapped[str | None] = mapped_column(String(254))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when retention (or an erasure) replaced the name and address: the row stays, so
    # observations keep their count of participants, but no longer say who.
    anonymised_at: Mapped[datetime | None]

    walk: Mapped[Walk] = relationship(back_populates="participants")
    user: Mapped[User | None] = relationship()


class WalkTrackPoint(Base):
    """A point of the route a phone walked, shared by opt-in; it never says whose phone it was."""

    __tablename__ = "walk_track_points"
    __table_args__ = (
        CheckConstraint("lat BETWEEN -90 AND 90", name="lat_range"),
        CheckConstraint("lon BETWEEN -180 AND 180", name="lon_range"),
        # The same point sent twice by a retrying phone is stored once.
        UniqueConstraint("walk_id", "track_key", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    walk_id: Mapped[int] = mapped_column(ForeignKey("walks.id"), index=True)
    # Random per phone and walk, made on the phone: tells tracks apart, not people.
    track_key: Mapped[str] = mapped_column(String(36))
    lat: Mapped[float]
    lon: Mapped[float]
    accuracy_m: Mapped[float | None]
    recorded_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
