"""The review map's grid: cells of a fixed size on the screen at each zoom, their index as SQL
that SQLite and PostgreSQL compute alike, and what the map is sent for one view."""

import math
from dataclasses import dataclass

from sqlalchemy import BigInteger
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

# Coordinates are rounded to about a metre: finer digits only make the map data larger.
COORDINATE_DECIMALS = 5
# The review map counts observations in grid cells this many screen pixels wide at its zoom, so
# what it is sent depends on the screen, not on the number of observations.
CELL_PIXELS = 80
# At most this many cells across a box either way: a box far larger than a screen gets coarser ones.
MAX_CELLS_ACROSS = 200
# From this zoom on (streets and houses) observations come one by one, while the box holds no
# more than MAX_POINTS of them.
POINTS_ZOOM = 17
MAX_POINTS = 1000
MAX_ZOOM = 22  # the deepest zoom a map asks for
ROWS_PER_COLUMN = 10**9


@dataclass(frozen=True)
class BBox:
    """An area in degrees (WGS 84)."""

    west: float
    south: float
    east: float
    north: float


WORLD = BBox(-180.0, -90.0, 180.0, 90.0)


class cell_index(FunctionElement):
    """floor(value / size) as an integer, for a value that is never negative."""

    type = BigInteger()
    inherit_cache = True


@compiles(cell_index)
def _cell_floor(element, compiler, **kw):
    value, size = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(FLOOR(({value}) / ({size})) AS BIGINT)"


@compiles(cell_index, "sqlite")
def _cell_cast(element, compiler, **kw):
    # SQLite has FLOOR only when built with its maths functions; CAST truncates, which is the
    # floor here because the values are shifted to be positive.
    value, size = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(({value}) / ({size}) AS INTEGER)"


def cell_key(lon, lat, lon_size: float, lat_size: float):
    """One integer per grid cell (column, row): sorting one key is cheaper than two, and rows
    stay below ROWS_PER_COLUMN at every zoom (180 degrees / the finest latitude size)."""
    column = cell_index(lon + 180, lon_size)
    return column * ROWS_PER_COLUMN + cell_index(lat + 90, lat_size)


@dataclass(frozen=True)
class MapCell:
    """Observations sharing a grid cell: their number and mean position."""

    count: int
    lat: float
    lon: float


@dataclass(frozen=True)
class MapPoint:
    """One observation, with the codes its marker is drawn from."""

    id: int
    lat: float
    lon: float
    status: str
    polarity: str
    group: str


@dataclass
class MapCells:
    """What the review map draws for one view: cells of two or more, single observations, and the
    grid's cell size in degrees (longitude, latitude), from which a cell's box follows."""

    zoom: int
    cells: list[MapCell]
    points: list[MapPoint]
    size: tuple[float, float] = (0.0, 0.0)

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells) + len(self.points)

    def compact(self) -> dict:
        """Arrays rather than objects: cells [lat, lon, count], points [id, lat, lon, status,
        polarity, group]; coordinates to about a metre."""
        digits = COORDINATE_DECIMALS
        return {
            "zoom": self.zoom,
            "total": self.total,
            "size": list(self.size),
            "cells": [[round(c.lat, digits), round(c.lon, digits), c.count] for c in self.cells],
            "points": [
                [p.id, round(p.lat, digits), round(p.lon, digits), p.status, p.polarity, p.group]
                for p in self.points
            ],
        }


def cell_size(zoom: int, bbox: BBox) -> tuple[float, float]:
    """The grid's cell in degrees (longitude, latitude): CELL_PIXELS square on the screen."""
    lon_size = 360 * CELL_PIXELS / (256 * 2**zoom)
    # Web Mercator stretches latitude by 1/cos(latitude); whole degrees keep the grid in place
    # while the map is panned.
    middle = round((bbox.south + bbox.north) / 2)
    lat_size = lon_size * max(math.cos(math.radians(middle)), 0.05)
    # A box much larger than a screen gets coarser cells (by powers of two), never more of them.
    across = max((bbox.east - bbox.west) / lon_size, (bbox.north - bbox.south) / lat_size)
    coarser = 1
    while across / coarser > MAX_CELLS_ACROSS:
        coarser *= 2
    return lon_size * coarser, lat_size * coarser
