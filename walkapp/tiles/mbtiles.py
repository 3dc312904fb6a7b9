"""Reading raster tiles from an MBTiles file (SQLite, TMS rows), read-only and without Flask."""

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

# A municipality's slug names its file: nothing that could climb out of the tile directory.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")
# MBTiles' format names, and the extension and type each is served with. Vector tiles (pbf) would
# need a style and a renderer on the phone: walkapp serves raster tiles only.
FORMATS = {
    "png": ("png", "image/png"),
    "jpg": ("jpg", "image/jpeg"),
    "jpeg": ("jpg", "image/jpeg"),
    "webp": ("webp", "image/webp"),
}


@dataclass(frozen=True)
class TileSet:
    path: Path
    extension: str
    mimetype: str
    min_zoom: int
    max_zoom: int
    # west, south, east, north in degrees (the whole world when the file does not say).
    bounds: tuple[float, float, float, float]
    attribution: str
    # Changes when the file is replaced: part of the tile URLs, so caches never mix two files.
    version: str


def tile_path(tile_dir: str, slug: str) -> Path | None:
    """The MBTiles file of a municipality's slug, or None when the slug is not a plain slug."""
    if not SLUG.fullmatch(slug or ""):
        return None
    return Path(tile_dir) / f"{slug}.mbtiles"


def _connect(path: Path) -> sqlite3.Connection:
    # mode=ro: a request can never change or create the file.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)


_cache: dict[tuple[Path, int, int], TileSet] = {}


def open_tileset(tile_dir: str, slug: str) -> TileSet | None:
    """The tile set of a slug from its metadata, or None when there is no usable raster file."""
    path = tile_path(tile_dir, slug)
    if path is None or not path.is_file():
        return None
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key in _cache:
        return _cache[key]
    try:
        with closing(_connect(path)) as connection:
            metadata = dict(connection.execute("SELECT name, value FROM metadata").fetchall())
    except sqlite3.Error:
        return None
    fmt = FORMATS.get(str(metadata.get("format", "png")).lower())
    if fmt is None:
        return None
    try:
        bounds = tuple(float(v) for v in str(metadata.get("bounds", "")).split(","))
        if len(bounds) != 4:
            raise ValueError(bounds)
    except ValueError:
        bounds = (-180.0, -85.0511, 180.0, 85.0511)
    tileset = TileSet(
        path=path,
        extension=fmt[0],
        mimetype=fmt[1],
        min_zoom=int(metadata.get("minzoom", 0)),
        max_zoom=int(metadata.get("maxzoom", 22)),
        bounds=bounds,
        attribution=str(metadata.get("attribution") or ""),
        version=f"{stat.st_mtime_ns:x}",
    )
    if len(_cache) > 64:
        _cache.clear()  # a few files are in use at once; replaced files leave their old entries
    _cache[key] = tileset
    return tileset


def read_tile(tileset: TileSet, z: int, x: int, y: int) -> bytes | None:
    """The tile at z/x/y in the map's (XYZ) numbering, or None when the file has none there."""
    if not (0 <= z <= 30 and 0 <= x < 2**z and 0 <= y < 2**z):
        return None
    tms_row = 2**z - 1 - y  # MBTiles counts rows from the south (TMS), the map from the north
    try:
        with closing(_connect(tileset.path)) as connection:
            row = connection.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                "AND tile_row = ?",
                (z, x, tms_row),
            ).fetchone()
    except sqlite3.Error:
        return None
    return bytes(row[0]) if row else None
