"""Features as GeoJSON, CSV and GeoPackage, with coordinates in SWEREF 99 by pyproj.

A feature is (id, lat, lon, properties). The GeoPackage is written with the standard library's
sqlite3 following the OGC GeoPackage 1.2 encoding (a point is a small header and WKB), which QGIS
and GDAL open as they are; no GDAL is needed on the server.
"""

import io
import os
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from pyproj import CRS, Transformer
from pyproj.enums import WktVersion

from walkapp import csvsafe

SWEREF99_TM = 3006


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


def as_geojson(features: list[Feature], name: str) -> dict:
    """RFC 7946: WGS84, [longitude, latitude], no crs member."""
    return {
        "type": "FeatureCollection",
        "name": name,
        "features": [
            {
                "type": "Feature",
                "id": feature.id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(feature.lon, 7), round(feature.lat, 7)],
                },
                "properties": {"id": feature.id, **feature.properties},
            }
            for feature in features
        ],
    }


def as_csv(features: list[Feature], local_epsg: int, *, decimal_comma: bool = False) -> str:
    """Latitude and longitude, then N/E in SWEREF 99 TM and in the municipality's local zone.

    With `decimal_comma` (a Swedish user) numbers read "59,3745" and cells are separated by ";".
    """
    fields = list(features[0].properties) if features else []
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
    for feature in features:
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
    return buffer.getvalue()


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


def as_geopackage(features: list[Feature], table: str, epsg: int) -> bytes:
    """One point layer in the given SWEREF 99 zone, as the bytes of a .gpkg file."""
    crs = CRS.from_epsg(epsg)
    fields = list(features[0].properties) if features else []
    handle, path = tempfile.mkstemp(suffix=".gpkg")
    os.close(handle)
    try:
        db = sqlite3.connect(path)
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
        columns = ", ".join(
            f'"{name}" {_sql_type(features[0].properties[name])}' for name in fields
        )
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
        points = []
        for feature in features:
            north, east = to_sweref(feature.lat, feature.lon, epsg)
            points.append((east, north))
            values = [feature.properties[name] for name in fields]
            db.execute(insert, [feature.id, _point_blob(east, north, epsg), *values])
        xs = [p[0] for p in points] or [None]
        ys = [p[1] for p in points] or [None]
        db.execute(
            "INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)",
            (
                table,
                table,
                datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                min(xs) if points else None,
                min(ys) if points else None,
                max(xs) if points else None,
                max(ys) if points else None,
                epsg,
            ),
        )
        db.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (table, epsg)
        )
        db.commit()
        db.close()
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.unlink(path)
