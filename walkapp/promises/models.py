"""Agreement, lägesbild (SituationReport), Promise (medborgarlöfte), Commitment, Activity."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Double,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum
from walkapp.places.models import FollowUpKind, Locality, Municipality


class Responsible(LabelledEnum):
    POLICE = "police"
    MUNICIPALITY = "municipality"
    BOTH = "both"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.POLICE: _l("Police"),
            cls.MUNICIPALITY: _l("Municipality"),
            cls.BOTH: _l("Police and municipality"),
        }


class ActivityKind(LabelledEnum):
    """What a commitment promises and what an activity was; walks count themselves."""

    SAFETY_WALK = "safety_walk"
    TRAFFIC_WALK = "traffic_walk"
    TRAFFIC_CONTROL = "traffic_control"  # quantity: vehicles checked
    PARENT_MEETING = "parent_meeting"  # quantity: parents who came
    INFORMATION = "information"  # quantity: people reached
    PATROL = "patrol"  # foot patrol; quantity: hours
    COOPERATION_MEETING = "cooperation_meeting"  # BRÅ, EST, regular meetings
    DOG_SEARCH = "dog_search"  # narkotikasök med hund
    HOME_VISIT = "home_visit"  # Linköpingsmodellen
    CONCERN_TALK = "concern_talk"  # orossamtal
    SCHOOL_VISIT = "school_visit"
    PROPERTY_OWNER_MEETING = "property_owner_meeting"
    CITIZEN_DIALOGUE = "citizen_dialogue"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.SAFETY_WALK: _l("Safety walk"),
            cls.TRAFFIC_WALK: _l("Traffic walk"),
            cls.TRAFFIC_CONTROL: _l("Traffic control"),
            cls.PARENT_MEETING: _l("Parent meeting"),
            cls.INFORMATION: _l("Information campaign"),
            cls.PATROL: _l("Foot patrol"),
            cls.COOPERATION_MEETING: _l("Cooperation meeting (BRÅ, EST)"),
            cls.DOG_SEARCH: _l("Drug search with a dog"),
            cls.HOME_VISIT: _l("Home visit (Linköpingsmodellen)"),
            cls.CONCERN_TALK: _l("Talk of concern (orossamtal)"),
            cls.SCHOOL_VISIT: _l("School visit"),
            cls.PROPERTY_OWNER_MEETING: _l("Meeting with property owners"),
            cls.CITIZEN_DIALOGUE: _l("Citizen dialogue"),
            cls.OTHER: _l("Other activity"),
        }


class SourceKind(LabelledEnum):
    """Where a lägesbild's knowledge comes from (Lag 2023:196)."""

    REPORTED_CRIME = "reported_crime"
    SAFETY_SURVEY = "safety_survey"  # trygghetsmätning
    CITIZEN_DIALOGUE = "citizen_dialogue"
    POLICE_INTELLIGENCE = "police_intelligence"
    WALKS = "walks"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.REPORTED_CRIME: _l("Reported crime"),
            cls.SAFETY_SURVEY: _l("Safety survey"),
            cls.CITIZEN_DIALOGUE: _l("Citizen dialogue"),
            cls.POLICE_INTELLIGENCE: _l("Police intelligence"),
            cls.WALKS: _l("Safety and traffic walks"),
            cls.OTHER: _l("Other source"),
        }


class SituationReport(Base):
    """A dated lägesbild of the municipality, with its sources; promises are built on one."""

    __tablename__ = "situation_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    dated_on: Mapped[date]
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    # [{"kind": SourceKind value, "text": "..."}]: what each source says, in the authors' words.
    sources: Mapped[list[dict]] = mapped_column(JSON, default=list)
    # The walks' own figures for walks_from..walks_to, frozen when the lägesbild is saved.
    walks_from: Mapped[date | None]
    walks_to: Mapped[date | None]
    walk_figures: Mapped[dict | None] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality] = relationship()


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
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="period_order"),
        CheckConstraint("period_start_month BETWEEN 1 AND 12", name="start_month_range"),
        CheckConstraint("report_due_days BETWEEN 0 AND 180", name="due_days_range"),
    )

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
    # The month the first period of each year starts in: 1 for T1 Jan-Apr, 5 for May-Oct halves.
    period_start_month: Mapped[int] = mapped_column(default=1)
    # A period's report is due this many days after it ends, unless its follow-up sets a date.
    report_due_days: Mapped[int] = mapped_column(default=14)
    contact: Mapped[str] = mapped_column(Text, default="")  # who answers questions, in reports
    situation_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("situation_reports.id"), index=True
    )

    municipality: Mapped[Municipality] = relationship()
    agreement: Mapped[Agreement | None] = relationship(back_populates="promises")
    situation_report: Mapped[SituationReport | None] = relationship()
    commitments: Mapped[list["Commitment"]] = relationship(
        back_populates="promise", order_by="Commitment.position"
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


activity_commitments = Table(
    "activity_commitments",
    Base.metadata,
    Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
    Column("commitment_id", ForeignKey("commitments.id"), primary_key=True, index=True),
)


class Activity(Base):
    """Something done that is not a walk (a traffic control, a parent meeting).

    It counts toward one or more commitments of the municipality's promises; staff read its
    note, everyone else only the count.
    """

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("count >= 1", name="count_positive"),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    kind: Mapped[ActivityKind] = mapped_column(str_enum(ActivityKind, "activity_kind"))
    done_on: Mapped[date] = mapped_column(index=True)
    count: Mapped[int] = mapped_column(default=1)  # occasions: 3 traffic controls
    quantity: Mapped[float | None] = mapped_column(Double)  # their yield: 140 vehicles checked
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality] = relationship()
    commitments: Mapped[list[Commitment]] = relationship(
        secondary=activity_commitments, order_by="Commitment.position"
    )
    created_by: Mapped[User | None] = relationship()
