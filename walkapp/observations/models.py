"""Category, Observation and the observation's public lifecycle (its transition table)."""

import uuid
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum
from walkapp.places.models import Municipality, OrganisationKind
from walkapp.walks.models import Walk, WalkParticipant


class CategoryGroup(LabelledEnum):
    """CPTED principles plus traffic (DESIGN.md §4)."""

    SIGHT = "A"  # sikt och överblick
    MOVEMENT = "B"  # rörelse och orientering
    MAINTENANCE = "C"  # skötsel
    SOCIAL = "D"  # socialt
    TRAFFIC = "E"  # trafik
    OTHER = "-"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.SIGHT: _l("Sight and overview"),
            cls.MOVEMENT: _l("Movement and orientation"),
            cls.MAINTENANCE: _l("Care and maintenance"),
            cls.SOCIAL: _l("Social"),
            cls.TRAFFIC: _l("Traffic"),
            cls.OTHER: _l("Other"),
        }


class Polarity(LabelledEnum):
    PROBLEM = "problem"
    PROPOSAL = "proposal"
    POSITIVE = "positive"  # a place that feels safe ("guldkorn")

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.PROBLEM: _l("Problem"),
            cls.PROPOSAL: _l("Proposal"),
            cls.POSITIVE: _l("Feels safe"),
        }


class LocationSource(LabelledEnum):
    GPS = "gps"
    MAP = "map"
    PHOTO_EXIF = "photo_exif"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.GPS: _l("GPS"),
            cls.MAP: _l("set on the map"),
            cls.PHOTO_EXIF: _l("from the photo"),
        }


class PlaceOwner(LabelledEnum):
    """Who owns the place of an observation, where it decides who must act (routing rules)."""

    MUNICIPALITY = "municipality"  # kommunens mark och gator
    PRIVATE_PROPERTY = "private_property"  # fastighetsägare, bostadsbolag
    STATE_ROAD = "state_road"  # statlig väg (Trafikverket)
    PRIVATE_ROAD = "private_road"  # enskild väg, vägförening

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.MUNICIPALITY: _l("The municipality"),
            cls.PRIVATE_PROPERTY: _l("A property owner"),
            cls.STATE_ROAD: _l("A state road (Trafikverket)"),
            cls.PRIVATE_ROAD: _l("A private road"),
        }


class ObservationStatus(LabelledEnum):
    RECEIVED = "received"
    TRIAGED = "triaged"
    ACTION_PLANNED = "action_planned"
    REFERRED = "referred"
    LONG_TERM = "long_term"
    DUPLICATE = "duplicate"
    NO_ACTION = "no_action"
    FIXED = "fixed"
    VERIFIED = "verified"  # confirmed on a repeat walk

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.RECEIVED: _l("Received"),
            cls.TRIAGED: _l("Being assessed"),
            cls.ACTION_PLANNED: _l("Action planned"),
            cls.REFERRED: _l("Referred"),
            cls.LONG_TERM: _l("Long-term"),
            cls.DUPLICATE: _l("Duplicate"),
            cls.NO_ACTION: _l("No action"),
            cls.FIXED: _l("Fixed"),
            cls.VERIFIED: _l("Verified"),
        }


_S = ObservationStatus
# Going back to TRIAGED from a decided or fixed state is a reopening.
OBSERVATION_TRANSITIONS: dict[ObservationStatus, frozenset[ObservationStatus]] = {
    _S.RECEIVED: frozenset({_S.TRIAGED, _S.DUPLICATE}),
    _S.TRIAGED: frozenset(
        {_S.ACTION_PLANNED, _S.REFERRED, _S.LONG_TERM, _S.DUPLICATE, _S.NO_ACTION}
    ),
    _S.ACTION_PLANNED: frozenset({_S.FIXED, _S.LONG_TERM, _S.TRIAGED}),
    _S.REFERRED: frozenset({_S.FIXED, _S.TRIAGED}),
    _S.LONG_TERM: frozenset({_S.ACTION_PLANNED, _S.FIXED, _S.TRIAGED}),
    _S.DUPLICATE: frozenset({_S.TRIAGED}),
    _S.NO_ACTION: frozenset({_S.TRIAGED}),
    _S.FIXED: frozenset({_S.VERIFIED, _S.TRIAGED}),
    _S.VERIFIED: frozenset({_S.TRIAGED}),
}
# The public must be told why nothing will be done, or who else will do it.
OBSERVATION_NEEDS_PUBLIC_NOTE = frozenset({_S.NO_ACTION, _S.REFERRED})


class Category(Base):
    """An observation category; the code is stable (exports, Open311), the labels are shown."""

    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    label_sv: Mapped[str] = mapped_column(String(120))
    label_en: Mapped[str] = mapped_column(String(120))
    group: Mapped[CategoryGroup] = mapped_column(str_enum(CategoryGroup, "category_group"))
    default_polarity: Mapped[Polarity] = mapped_column(
        str_enum(Polarity, "polarity"), default=Polarity.PROBLEM
    )
    default_organisation_kind: Mapped[OrganisationKind] = mapped_column(
        str_enum(OrganisationKind, "organisation_kind")
    )
    # Social categories go to the police and record place and time only, never people.
    is_sensitive: Mapped[bool] = mapped_column(default=False)
    sort_order: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)

    def label(self, locale: str) -> str:
        return self.label_en if locale == "en" else self.label_sv


class Observation(Base):
    __tablename__ = "observations"
    __table_args__ = (
        CheckConstraint("lat BETWEEN -90 AND 90", name="lat_range"),
        CheckConstraint("lon BETWEEN -180 AND 180", name="lon_range"),
        CheckConstraint("accuracy_m IS NULL OR accuracy_m >= 0", name="accuracy_positive"),
        CheckConstraint("severity BETWEEN 1 AND 3", name="severity_range"),
        CheckConstraint("feeling IS NULL OR feeling BETWEEN 0 AND 3", name="feeling_range"),
        CheckConstraint(
            "duplicate_of_id IS NULL OR duplicate_of_id <> id", name="not_own_duplicate"
        ),
        # A national installation holds many municipalities: every list starts from one (or a
        # police area's few), so each index leads with it (tests/test_query_plans.py).
        # The review list, newest first, and its count.
        Index("ix_observations_municipality_recorded", "municipality_id", "recorded_at", "id"),
        # The same across municipalities (a police area's, the national view): newest first
        # until a page is full, without sorting all of them.
        Index("ix_observations_recorded", "recorded_at", "id"),
        # Open311's requests of the last 90 days, newest first.
        Index("ix_observations_municipality_received", "municipality_id", "received_at", "id"),
        # What awaits triage, and the review's status filter.
        Index("ix_observations_municipality_status", "municipality_id", "status"),
        # The map's visible area and the first view's extent (read from the index alone).
        Index("ix_observations_municipality_lat_lon", "municipality_id", "lat", "lon"),
        # The national view's map zoomed in on a town: the area alone.
        Index("ix_observations_lat_lon", "lat", "lon"),
        # A walk's observations; the reports' as they were received by a moment.
        Index("ix_observations_walk_received", "walk_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"))
    # Observations from Open311 or the public inbox arrive without a walk.
    walk_id: Mapped[int | None] = mapped_column(ForeignKey("walks.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("walk_participants.id"), index=True)
    # Made on the phone before the first attempt to send: a retry finds the stored record.
    client_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    lat: Mapped[float]
    lon: Mapped[float]
    accuracy_m: Mapped[float | None]
    location_source: Mapped[LocationSource] = mapped_column(
        str_enum(LocationSource, "location_source"), default=LocationSource.GPS
    )
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"), index=True)
    polarity: Mapped[Polarity] = mapped_column(str_enum(Polarity, "polarity"))
    severity: Mapped[int] = mapped_column(default=2)
    feeling: Mapped[int | None]  # 0 very unsafe ... 3 safe (Safetipin-style)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]  # the phone's clock
    received_at: Mapped[datetime] = mapped_column(default=utcnow)  # the server's clock
    status: Mapped[ObservationStatus] = mapped_column(
        str_enum(ObservationStatus, "observation_status"),
        default=ObservationStatus.RECEIVED,
        index=True,
    )
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("observations.id"), index=True)
    # Masking keeps the original note restricted and publishes public_note instead.
    is_masked: Mapped[bool] = mapped_column(default=False)
    public_note: Mapped[str | None] = mapped_column(Text)
    is_flagged: Mapped[bool] = mapped_column(default=False)
    # Nothing a participant writes is public before a person has read it (or, where the
    # municipality chose it, before the detector has found nothing in it).
    note_approved_at: Mapped[datetime | None]
    # Set by the chief where it matters for routing ("graffiti on private property"); None: unknown.
    place_owner: Mapped[PlaceOwner | None] = mapped_column(str_enum(PlaceOwner, "place_owner"))

    municipality: Mapped[Municipality] = relationship()
    walk: Mapped[Walk | None] = relationship()
    author: Mapped[WalkParticipant | None] = relationship()
    category: Mapped[Category] = relationship()
    duplicate_of: Mapped["Observation | None"] = relationship(remote_side=[id])

    @property
    def published_note(self) -> str | None:
        """The note as the public may read it; None until it has been approved for publication."""
        if self.note_approved_at is None:
            return None
        if self.is_masked:
            return self.public_note or ""
        return self.note


class CheckVerdict(LabelledEnum):
    FIXED = "fixed"
    STILL_A_PROBLEM = "still_a_problem"
    WORSE = "worse"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.FIXED: _l("It is fixed"),
            cls.STILL_A_PROBLEM: _l("Still a problem"),
            cls.WORSE: _l("It is worse"),
        }


class ObservationCheck(Base):
    """A participant of a repeat walk looking again at an earlier observation."""

    __tablename__ = "observation_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("observations.id"), index=True)
    walk_id: Mapped[int] = mapped_column(ForeignKey("walks.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("walk_participants.id"), index=True)
    # Made on the phone, like an observation's: a retried check is stored once.
    client_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    verdict: Mapped[CheckVerdict] = mapped_column(str_enum(CheckVerdict, "check_verdict"))
    checked_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    observation: Mapped[Observation] = relationship()
    walk: Mapped[Walk] = relationship()
