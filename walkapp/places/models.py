"""Municipality (the tenant), Locality and Organisation."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum


class FollowUpKind(LabelledEnum):
    TERTIAL = "tertial"
    HALF_YEAR = "half_year"
    YEAR = "year"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.TERTIAL: _l("Per tertial"),
            cls.HALF_YEAR: _l("Per half year"),
            cls.YEAR: _l("Per year"),
        }


class OrganisationKind(LabelledEnum):
    POLICE = "police"
    MUNICIPAL_UNIT = "municipal_unit"
    PROPERTY_OWNER = "property_owner"
    ROAD_AUTHORITY = "road_authority"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.POLICE: _l("Police"),
            cls.MUNICIPAL_UNIT: _l("Municipal unit"),
            cls.PROPERTY_OWNER: _l("Property owner"),
            cls.ROAD_AUTHORITY: _l("Road authority"),
            cls.OTHER: _l("Other"),
        }


class PoliceArea(Base):
    """A local police area (lokalpolisområde) covering one or more municipalities."""

    __tablename__ = "police_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    # As the police sign the follow-ups: "Lokalpolisområde Eskilstuna".
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    municipalities: Mapped[list["Municipality"]] = relationship(
        back_populates="police_area", order_by="Municipality.name"
    )

    def __str__(self) -> str:
        return self.name


class Municipality(Base):
    __tablename__ = "municipalities"
    __table_args__ = (
        CheckConstraint("center_lat BETWEEN -90 AND 90", name="center_lat_range"),
        CheckConstraint("center_lon BETWEEN -180 AND 180", name="center_lon_range"),
        CheckConstraint("default_zoom BETWEEN 1 AND 19", name="zoom_range"),
        # SWEREF 99 TM and its twelve local zones (EPSG:3006-3018).
        CheckConstraint("local_epsg BETWEEN 3006 AND 3018", name="local_epsg_sweref99"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    # Open311 jurisdiction_id is conventionally the municipality's web domain.
    web_domain: Mapped[str | None] = mapped_column(String(120), unique=True)
    center_lat: Mapped[float]
    center_lon: Mapped[float]
    default_zoom: Mapped[int] = mapped_column(default=13)
    local_epsg: Mapped[int] = mapped_column(default=3006)
    follow_up_kind: Mapped[FollowUpKind] = mapped_column(
        str_enum(FollowUpKind, "follow_up_kind"), default=FollowUpKind.TERTIAL
    )
    # Retention, counted from the day a walk is followed up (None: keep).
    anonymise_participants_months: Mapped[int | None] = mapped_column(default=12)
    delete_photo_originals_months: Mapped[int | None] = mapped_column(default=24)
    # Notes in which the personal-data detector finds nothing may go public without review.
    # Photos always wait for the safety chief.
    auto_publish_clean_notes: Mapped[bool] = mapped_column(default=False)
    # The map's tile source; None: the installation's MAP_TILE_* settings. "local" in tile_url
    # means tiles served by walkapp itself from instance/tiles/<slug>.mbtiles (offline-capable).
    tile_url: Mapped[str | None] = mapped_column(String(300))
    tile_attribution: Mapped[str | None] = mapped_column(String(300))
    tile_min_zoom: Mapped[int | None]
    tile_max_zoom: Mapped[int | None]
    # What the municipality calls its side of the cooperation: "Säkerhetschef",
    # "Trygghetssamordnare" (None: the role's own name); shown on reports and approvals.
    chief_title: Mapped[str | None] = mapped_column(String(60))
    # The police's local area; its officers read every municipality of the area.
    police_area_id: Mapped[int | None] = mapped_column(ForeignKey("police_areas.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    police_area: Mapped[PoliceArea | None] = relationship(back_populates="municipalities")
    localities: Mapped[list["Locality"]] = relationship(
        back_populates="municipality", order_by="Locality.name"
    )
    organisations: Mapped[list["Organisation"]] = relationship(
        back_populates="municipality", order_by="Organisation.name"
    )

    def __str__(self) -> str:
        return self.name


class Locality(Base):
    __tablename__ = "localities"
    __table_args__ = (
        UniqueConstraint("municipality_id", "name"),
        CheckConstraint("center_lat BETWEEN -90 AND 90", name="center_lat_range"),
        CheckConstraint("center_lon BETWEEN -180 AND 180", name="center_lon_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    center_lat: Mapped[float]
    center_lon: Mapped[float]

    municipality: Mapped[Municipality] = relationship(back_populates="localities")

    def __str__(self) -> str:
        return self.name


class Organisation(Base):
    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("municipality_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind, "organisation_kind"))
    # Where new assignments are announced when the organisation has no named handler.
    email: Mapped[str | None] = mapped_column(String(254))
    is_active: Mapped[bool] = mapped_column(default=True)

    municipality: Mapped[Municipality] = relationship(back_populates="organisations")

    def __str__(self) -> str:
        return self.name
