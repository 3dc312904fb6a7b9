"""Features as GeoJSON, CSV and GeoPackage, with coordinates in SWEREF 99 by pyproj.

A feature is (id, lat, lon, properties). The GeoPackage is written with the standard library's
sqlite3 following the OGC GeoPackage 1.2 encoding (a point is a small header and WKB), which QGIS
and GDAL open as they are; no GDAL is needed on the server. Every writer takes the features as an
iterable and holds one batch of them at a time, so an export of 100,000 rows needs no more memory
than one of a thousand: CSV and GeoJSON come out as chunks of text, the GeoPackage goes to a file.
"""

import io
import json
import sqlite3
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain

from pyproj import CRS, Transformer
from pyproj.enums import WktVersion

from walkapp import csvsafe

SWEREF99_TM = 3006
# Rows written at a time: large enough that per-chunk costs vanish, small enough to stay flat.
BATCH = 500


@dataclass(frozen=True)
class Feature:
    id: int
    lat: float
    lon: float
    properties: dict


@lru_cache(maxsize=16)
def _transformer(epsg: int) -> Transformer:
    return Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)


def to_sweref(lat: float, lon: float, epsg: int = SWEREF99_TM) -> tuple[float, float]:
    """(N, E) in metres, the order Swedish maps write them in."""
    east, north = _transformer(epsg).transform(lon, lat)
    return round(north, 3), round(east, 3)


def peek(features: Iterable[Feature]) -> tuple[Feature | None, Iterator[Feature]]:
    """The first feature, and all of them again: reading it runs the query before a byte is sent."""
    iterator = iter(features)
    first = next(iterator, None)
    return first, iterator if first is None else chain([first], iterator)


def _geojson_feature(feature: Feature) -> dict:
    return {
        "type": "Feature",
        "id": feature.id,
        "geometry": {
            "type": "Point",
            "coordinates": [round(feature.lon, 7), round(feature.lat, 7)],
        },
        "properties": {"id": feature.id, **feature.properties},
    }


def geojson_chunks(features: Iterable[Feature], name: str, batch: int = BATCH) -> Iterator[str]:
    """RFC 7946 (WGS84, [longitude, latitude], no crs member), written `batch` features at a time.

    The text is what json.dumps gives for the whole FeatureCollection, without holding it.
    """
    head = json.dumps({"type": "FeatureCollection", "name": name}, ensure_ascii=False)
    parts, separator = [head[:-1] + ', "features": ['], ""
    for feature in features:
        parts.append(separator + json.dumps(_geojson_feature(feature), ensure_ascii=False))
        separator = ", "
        if len(parts) >= batch:
            yield "".join(parts)
            parts.clear()
    parts.append("]}")
    yield "".join(parts)


def csv_chunks(
    features: Iterable[Feature], local_epsg: int, *, decimal_comma: bool = False, batch: int = BATCH
) -> Iterator[str]:
    """Latitude and longitude, then N/E in SWEREF 99 TM and in the municipality's local zone.

    With `decimal_comma` (a Swedish user) numbers read "59,3745" and cells are separated by ";".
    Written `batch` rows at a time; the columns are the first feature's properties.
    """
    first, features = peek(features)
    fields = list(first.properties) if first else []
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer, decimal_comma=decimal_comma)
    writer.writerow(
        [
            "id",
            *fields,
            "lat",
            "lon",
            "sweref99tm_n",
            "sweref99tm_e",
            f"epsg{local_epsg}_n",
            f"epsg{local_epsg}_e",
        ]
    )
    for number, feature in enumerate(features, start=1):
        tm = to_sweref(feature.lat, feature.lon)
        local = to_sweref(feature.lat, feature.lon, local_epsg)
        writer.writerow(
            [
                feature.id,
                *(feature.properties[name] for name in fields),
                round(feature.lat, 7),
                round(feature.lon, 7),
                *tm,
                *local,
            ]
        )
        if number % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _point_blob(x: float, y: float, srs_id: int) -> bytes:
    """GeoPackage geometry: 'GP', version 0, flags (little endian, no envelope), srs, WKB."""
    header = b"GP" + bytes([0, 0b00000001]) + struct.pack("<i", srs_id)
    return header + struct.pack("<BIdd", 1, 1, x, y)


def _sql_type(value) -> str:
    if isinstance(value, bool | int):
        return "INTEGER"
    if isinstance(value, float):
        return "REAL"
    return "TEXT"


def _start_geopackage(db: sqlite3.Connection, epsg: int) -> None:
    """The GeoPackage's own tables, with WGS 84 and the layer's SWEREF 99 zone."""
    crs = CRS.from_epsg(epsg)
    db.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
    db.execute("PRAGMA user_version = 10200")
    db.executescript(
        """
        CREATE TABLE gpkg_spatial_ref_sys (
            srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
            organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
            description TEXT);
        CREATE TABLE gpkg_contents (
            table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT,
            description TEXT DEFAULT '', last_change DATETIME NOT NULL,
            min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
            CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id)
                REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE gpkg_geometry_columns (
            table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
            z TINYINT NOT NULL, m TINYINT NOT NULL,
            CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
        """
    )
    db.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
            (
                "WGS 84 geodetic",
                4326,
                "EPSG",
                4326,
                CRS.from_epsg(4326).to_wkt(WktVersion.WKT1_GDAL),
                None,
            ),
            (crs.name, epsg, "EPSG", epsg, crs.to_wkt(WktVersion.WKT1_GDAL), None),
        ],
    )


def write_geopackage(
    features: Iterable[Feature],
    path: str,
    *,
    table: str,
    epsg: int,
    now: datetime,
    batch: int = BATCH,
) -> int:
    """One point layer in the given SWEREF 99 zone written to a new .gpkg file at `path`,
    `batch` rows at a time; returns the number of rows. The columns are the first feature's."""
    first, features = peek(features)
    fields = list(first.properties) if first else []
    db = sqlite3.connect(path)
    try:
        # A file of our own that is thrown away if anything fails: no journal to keep it safe.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        _start_geopackage(db, epsg)
        columns = ", ".join(f'"{name}" {_sql_type(first.properties[name])}' for name in fields)
        db.execute(
            f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT'
            + (f", {columns}" if columns else "")
            + ")"
        )
        # The table and column names are ours (code constants); every value is bound.
        insert = (
            f'INSERT INTO "{table}" (fid, geom'  # noqa: S608
            + "".join(f', "{name}"' for name in fields)
            + f") VALUES ({', '.join('?' for _ in range(len(fields) + 2))})"
        )
        rows, box, count = [], None, 0
        for feature in features:
            north, east = to_sweref(feature.lat, feature.lon, epsg)
            box = _grow(box, east, north)
            values = [feature.properties[name] for name in fields]
            rows.append([feature.id, _point_blob(east, north, epsg), *values])
            if len(rows) >= batch:
                db.executemany(insert, rows)
                count += len(rows)
                rows.clear()
        db.executemany(insert, rows)
        count += len(rows)
        db.execute(
            "INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)",
            (
                table,
                table,
                now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                *(box or (None, None, None, None)),
                epsg,
            ),
        )
        db.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (table, epsg)
        )
        db.commit()
    finally:
        db.close()
    return count


def _grow(box: tuple | None, x: float, y: float) -> tuple[float, float, float, float]:
    """The bounding box (min x, min y, max x, max y) with one more point in it."""
    if box is None:
        return x, y, x, y
    return min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)
