"""Reads for the chief's review: one filter over the observations in scope, as rows and map data."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import Session, joinedload

from walkapp import scope
from walkapp.actions.models import action_observations
from walkapp.auth.models import User
from walkapp.gis.services import Feature
from walkapp.observations import serializers
from walkapp.observations.models import Category, Observation
from walkapp.promises.models import Commitment
from walkapp.walks.models import Walk, walk_commitments

# Coordinates are rounded to about a metre: finer digits only make the map data larger.
COORDINATE_DECIMALS = 5


@dataclass(frozen=True)
class ReviewFilters:
    """What the filter form decided; empty means "any"."""

    municipality_ids: tuple[int, ...]
    locality_id: int | None = None
    walk_id: int | None = None
    promise_id: int | None = None
    commitment_id: int | None = None
    category_codes: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    polarities: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    severities: tuple[int, ...] = ()
    light: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    timezone: str = "Europe/Stockholm"


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float


@dataclass
class ReviewPage:
    rows: list[tuple[Observation, int]]
    total: int
    page: int
    per_page: int
    pages: int = field(init=False)

    def __post_init__(self):
        self.pages = max(1, -(-self.total // self.per_page))


SORT_COLUMNS = {
    "recorded": Observation.recorded_at,
    "category": Observation.category_code,
    "status": Observation.status,
    "severity": Observation.severity,
}


def _local_midnight_utc(day: date, timezone: str) -> datetime:
    return datetime.combine(day, time(), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def _conditions(actor: User, filters: ReviewFilters) -> list:
    """The WHERE clause: subqueries rather than joins, so no row is ever counted twice."""
    conditions = [
        scope.municipal(actor, Observation.municipality_id),
        Observation.municipality_id.in_(filters.municipality_ids),
    ]
    walk_conditions = []
    if filters.locality_id is not None:
        walk_conditions.append(Walk.locality_id == filters.locality_id)
    if filters.light:
        walk_conditions.append(Walk.light_conditions.in_(filters.light))
    if walk_conditions:
        conditions.append(Observation.walk_id.in_(select(Walk.id).where(*walk_conditions)))
    if filters.walk_id is not None:
        conditions.append(Observation.walk_id == filters.walk_id)
    if filters.commitment_id is not None:
        conditions.append(
            Observation.walk_id.in_(
                select(walk_commitments.c.walk_id).where(
                    walk_commitments.c.commitment_id == filters.commitment_id
                )
            )
        )
    if filters.promise_id is not None:
        conditions.append(
            Observation.walk_id.in_(
                select(walk_commitments.c.walk_id)
                .join(Commitment, Commitment.id == walk_commitments.c.commitment_id)
                .where(Commitment.promise_id == filters.promise_id)
            )
        )
    if filters.category_codes:
        conditions.append(Observation.category_code.in_(filters.category_codes))
    if filters.groups:
        conditions.append(
            Observation.category_code.in_(
                select(Category.code).where(Category.group.in_(filters.groups))
            )
        )
    if filters.polarities:
        conditions.append(Observation.polarity.in_(filters.polarities))
    if filters.statuses:
        conditions.append(Observation.status.in_(filters.statuses))
    if filters.severities:
        conditions.append(Observation.severity.in_(filters.severities))
    if filters.date_from is not None:
        conditions.append(
            Observation.recorded_at >= _local_midnight_utc(filters.date_from, filters.timezone)
        )
    if filters.date_to is not None:
        next_day = filters.date_to + timedelta(days=1)
        conditions.append(Observation.recorded_at < _local_midnight_utc(next_day, filters.timezone))
    return conditions


def scope_of(actor: User) -> tuple[int, ...]:
    """The municipalities whose observations the actor reviews."""
    return (actor.municipality_id,) if actor.municipality_id is not None else ()


def review_page(
    db: Session,
    actor: User,
    filters: ReviewFilters,
    *,
    sort: str = "recorded",
    descending: bool = True,
    page: int = 1,
    per_page: int = 50,
) -> ReviewPage:
    """One page of observations with their number of actions: two queries whatever the size."""
    conditions = _conditions(actor, filters)
    total = db.scalar(select(func.count(Observation.id)).where(*conditions)) or 0
    action_count = (
        select(func.count())
        .select_from(action_observations)
        .where(action_observations.c.observation_id == Observation.id)
        .correlate(Observation)
        .scalar_subquery()
    )
    column = SORT_COLUMNS[sort]
    order = [column.desc() if descending else column.asc(), Observation.id.desc()]
    query: Select = (
        select(Observation, action_count)
        .where(*conditions)
        .options(joinedload(Observation.category), joinedload(Observation.walk))
        .order_by(*order)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    rows = [(observation, count) for observation, count in db.execute(query).all()]
    return ReviewPage(rows=rows, total=total, page=page, per_page=per_page)


def extent(db: Session, actor: User, filters: ReviewFilters) -> BBox | None:
    """The box around every filtered observation, for the map's first view."""
    row = db.execute(
        select(
            func.min(Observation.lon),
            func.min(Observation.lat),
            func.max(Observation.lon),
            func.max(Observation.lat),
        ).where(*_conditions(actor, filters))
    ).one()
    return None if row[0] is None else BBox(*row)


def map_features(
    db: Session, actor: User, filters: ReviewFilters, bbox: BBox | None = None
) -> dict:
    """The filtered observations inside the box as a compact GeoJSON FeatureCollection.

    Properties are codes, not labels: the page already holds the labels once, so 10,000 points
    cost tens of bytes each. Popups fetch their text when opened.
    """
    conditions = _conditions(actor, filters)
    if bbox is not None:
        conditions += [
            Observation.lon.between(bbox.west, bbox.east),
            Observation.lat.between(bbox.south, bbox.north),
        ]
    # Core rows with the codes read as plain strings: turning 30,000 values into enum members
    # and ORM rows only to write them out as strings again was half of the time here.
    rows = (
        db.connection()
        .execute(
            select(
                Observation.id,
                Observation.lon,
                Observation.lat,
                type_coerce(Observation.status, String),
                type_coerce(Observation.polarity, String),
                type_coerce(Category.group, String),
                Observation.category_code,
            )
            .join(Category, Category.code == Observation.category_code)
            .where(*conditions)
            .order_by(Observation.id)
        )
        .all()
    )
    digits = COORDINATE_DECIMALS
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": row[0],
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(row[1], digits), round(row[2], digits)],
                },
                "properties": {"s": row[3], "p": row[4], "g": row[5], "c": row[6]},
            }
            for row in rows
        ],
    }


def export_features(db: Session, actor: User, filters: ReviewFilters, locale: str) -> list[Feature]:
    """Every filtered observation for GIS, with the note as the public may read it."""
    observations = db.scalars(
        select(Observation)
        .where(*_conditions(actor, filters))
        .options(joinedload(Observation.category), joinedload(Observation.walk))
        .order_by(Observation.id)
    ).all()
    return [
        Feature(
            id=o.id,
            lat=o.lat,
            lon=o.lon,
            properties=serializers.gis_properties(o, locale),
        )
        for o in observations
    ]
