"""Reads for the chief's review: one filter over the observations in scope, as rows and map data."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import Session, joinedload

from walkapp import scope
from walkapp.actions.models import action_observations
from walkapp.auth.models import User
from walkapp.gis.writers import BATCH, Feature
from walkapp.observations import serializers
from walkapp.observations.models import Category, Observation
from walkapp.promises.models import Commitment
from walkapp.review.grid import (
    MAX_POINTS,
    POINTS_ZOOM,
    WORLD,
    BBox,
    MapCell,
    MapCells,
    MapPoint,
    cell_key,
    cell_size,
)
from walkapp.walks.models import Walk, walk_commitments


@dataclass(frozen=True)
class ReviewFilters:
    """What the filter form decided; empty means "any" (municipalities: any the actor reads)."""

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
    conditions = [scope.municipal(actor, Observation.municipality_id)]
    if filters.municipality_ids:
        conditions.append(Observation.municipality_id.in_(filters.municipality_ids))
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
    """The municipalities reviewed when none is chosen: the actor's own, or () for those who read
    several (a police area, a national administrator): every one the scoping rule allows."""
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


def _points(db: Session, rows) -> list[MapPoint]:
    """Points from (id, lat, lon, status, polarity, category code) rows, lettered by group."""
    codes = {row[5] for row in rows}
    groups = {}
    if codes:
        query = select(Category.code, type_coerce(Category.group, String))
        groups = dict(db.execute(query.where(Category.code.in_(codes))).all())
    return [MapPoint(*row[:5], groups.get(row[5], "-")) for row in rows]


def _point_rows(db: Session, conditions: list, ids: list[int] | None = None) -> list:
    """(id, lat, lon, status, polarity, category code) of the observations, codes as strings;
    with `ids` those (a cell's lone observations), else the first MAX_POINTS + 1 by id."""
    query = select(
        Observation.id,
        Observation.lat,
        Observation.lon,
        # Plain strings: turning codes into enum members only to write them out again costs.
        type_coerce(Observation.status, String),
        type_coerce(Observation.polarity, String),
        Observation.category_code,
    ).order_by(Observation.id)
    connection = db.connection()
    if ids is None:
        return connection.execute(query.where(*conditions).limit(MAX_POINTS + 1)).all()
    rows = []
    for start in range(0, len(ids), 500):  # well inside every database's parameter limit
        chunk = ids[start : start + 500]
        rows += connection.execute(query.where(Observation.id.in_(chunk))).all()
    return rows


def map_cells(
    db: Session, actor: User, filters: ReviewFilters, bbox: BBox | None, zoom: int
) -> MapCells:
    """The filtered observations inside the box, counted by the database in grid cells of the zoom.

    Scope and filters are conditions of the one counting query, so they hold before anything is
    counted. A cell of one observation, and from POINTS_ZOOM on every observation (while the box
    holds no more than MAX_POINTS), comes as a point the chief can open and select. The answer is
    bounded by the box in screen pixels, whatever the number of observations.
    """
    box = bbox or WORLD
    conditions = _conditions(actor, filters) + [
        Observation.lon.between(box.west, box.east),
        Observation.lat.between(box.south, box.north),
    ]
    if zoom >= POINTS_ZOOM:
        rows = _point_rows(db, conditions)
        if len(rows) <= MAX_POINTS:
            return MapCells(zoom, [], _points(db, rows))
    lon_size, lat_size = cell_size(zoom, box)
    # Only the position and the id are read per observation, so an index on the municipality and
    # the position answers the count alone; a lone observation's codes are read afterwards.
    rows = (
        db.connection()
        .execute(
            select(
                func.count(Observation.id),
                func.avg(Observation.lat),
                func.avg(Observation.lon),
                func.min(Observation.id),
            )
            .where(*conditions)
            .group_by(cell_key(Observation.lon, Observation.lat, lon_size, lat_size))
        )
        .all()
    )
    cells = [MapCell(*row[:3]) for row in rows if row[0] > 1]
    lone = [row[3] for row in rows if row[0] == 1]
    points = _points(db, _point_rows(db, conditions, lone) if lone else [])
    return MapCells(zoom, cells, points, (lon_size, lat_size))


def export_counts(db: Session, actor: User, filters: ReviewFilters) -> tuple[tuple[int, int], ...]:
    """How many observations an export with these filters holds, per municipality: the audit log
    of each municipality names its own."""
    rows = db.execute(
        select(Observation.municipality_id, func.count(Observation.id))
        .where(*_conditions(actor, filters))
        .group_by(Observation.municipality_id)
        .order_by(Observation.municipality_id)
    )
    return tuple((municipality_id, count) for municipality_id, count in rows)


def export_features(
    db: Session, actor: User, filters: ReviewFilters, locale: str, batch: int = BATCH
) -> Iterator[Feature]:
    """Every filtered observation for GIS, with the note as the public may read it, read `batch`
    rows at a time (a server-side cursor on PostgreSQL) so that memory stays flat."""
    observations = db.scalars(
        select(Observation)
        .where(*_conditions(actor, filters))
        .options(joinedload(Observation.category), joinedload(Observation.walk))
        .order_by(Observation.id)
        .execution_options(yield_per=batch)
    )
    for o in observations:
        yield Feature(o.id, o.lat, o.lon, serializers.gis_properties(o, locale))
