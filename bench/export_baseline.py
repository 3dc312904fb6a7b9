"""The baseline of bench/export.py: the review export as walkapp wrote it before it streamed.

Every row is loaded into a list of ORM objects and a list of features, the whole file is built
in memory (CSV as one string, the GeoPackage in a temporary file read back as bytes) and sent as
one body. Kept as it was, so that the bench compares with the real former code path; only the
GeoPackage's own tables and the point encoding come from walkapp, as they have not changed.
"""

import io
import os
import sqlite3
import tempfile
from datetime import UTC, date, datetime

from flask import Blueprint, Response
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from walkapp import csvsafe
from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.formats import is_swedish
from walkapp.gis import writers as gis
from walkapp.gis.writers import Feature, to_sweref
from walkapp.observations import serializers
from walkapp.observations.models import Observation
from walkapp.review import queries
from walkapp.security import roles_required

bp = Blueprint("bench_baseline", __name__)


def as_csv(features: list[Feature], local_epsg: int, *, decimal_comma: bool = False) -> str:
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


def as_geopackage(features: list[Feature], table: str, epsg: int) -> bytes:
    fields = list(features[0].properties) if features else []
    handle, path = tempfile.mkstemp(suffix=".gpkg")
    os.close(handle)
    try:
        db = sqlite3.connect(path)
        gis._start_geopackage(db, epsg)
        columns = ", ".join(
            f'"{name}" {gis._sql_type(features[0].properties[name])}' for name in fields
        )
        db.execute(
            f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT'
            + (f", {columns}" if columns else "")
            + ")"
        )
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
            db.execute(insert, [feature.id, gis._point_blob(east, north, epsg), *values])
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


@bp.route("/bench/baseline.<any(csv, gpkg):fmt>")
@roles_required(Role.SAFETY_CHIEF)
def export(fmt: str):
    """The former /review/export: all rows, then the whole file, then the response."""
    db = get_db()
    filters = queries.ReviewFilters(municipality_ids=(current_user.municipality_id,))
    observations = db.scalars(
        select(Observation)
        .where(*queries._conditions(current_user, filters))
        .options(joinedload(Observation.category), joinedload(Observation.walk))
        .order_by(Observation.id)
    ).all()
    locale = str(get_locale())
    features = [
        Feature(o.id, o.lat, o.lon, serializers.gis_properties(o, locale)) for o in observations
    ]
    epsg = current_user.municipality.local_epsg
    if fmt == "csv":
        body = as_csv(features, epsg, decimal_comma=is_swedish())
        response = Response("\ufeff" + body, mimetype="text/csv")
    else:
        body = as_geopackage(features, "observations", epsg)
        response = Response(body, mimetype="application/geopackage+sqlite3")
    stamp = date.today().isoformat()
    response.headers["Content-Disposition"] = f'attachment; filename="observations-{stamp}.{fmt}"'
    return response
