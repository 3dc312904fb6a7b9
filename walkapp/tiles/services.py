"""The effective tile source of a municipality, its validation, and the area a phone stores."""

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from markupsafe import escape
from sqlalchemy.orm import Session

from walkapp.auth.models import User
from walkapp.errors import DomainError, NotFound
from walkapp.places.models import Municipality
from walkapp.scope import sees_municipality
from walkapp.tiles.mbtiles import TileSet

LOCAL = "local"
MAX_ZOOM = 22
# Web Mercator stops here: tiles have no rows beyond it.
MAX_LAT = 85.0511
# A host name, optionally with Leaflet's {s} subdomain and a port: nothing that could end the
# Content-Security-Policy's img-src and start another directive.
_HOST = re.compile(r"(\{s\}\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class TileSource:
    url: str  # a Leaflet URL template; walkapp's own /tiles/ address when local
    attribution: str  # plain text, escaped: Leaflet writes attributions as HTML
    min_zoom: int
    max_zoom: int
    local: bool
    # The third-party origin the page's CSP must allow for images (None: walkapp itself).
    origin: str | None
    tileset: TileSet | None = None


def tile_origin(url: str) -> str | None:
    """The CSP source of a tile URL template: https://*.host for {s} subdomains."""
    if not url or url == LOCAL:
        return None
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if parts.scheme not in ("https", "http") or not _HOST.fullmatch(host):
        return None
    return f"{parts.scheme}://{host.replace('{s}', '*')}"


def plain_attribution(text: str) -> str:
    """An attribution as safe text for Leaflet (which inserts it as HTML): tags dropped."""
    return str(escape(_TAG.sub("", text or "").strip()))


def tile_source(
    municipality: Municipality | None,
    default_url: str,
    default_attribution: str,
    open_local: Callable[[str], TileSet | None],
    local_url: Callable[[TileSet], str],
) -> TileSource:
    """The tile source every map of this municipality uses.

    The municipality's own setting, else the installation's default (MAP_TILE_URL and
    MAP_TILE_ATTRIBUTION in the config).
    "local" without a usable file in TILE_DIR falls back to the installation's source, so the map
    still works online while the administrator sees the warning on the settings page.
    """
    own_url = municipality.tile_url if municipality is not None else None
    url = own_url or default_url
    attribution = (municipality.tile_attribution if municipality is not None else None) or ""
    min_zoom = municipality.tile_min_zoom if municipality is not None else None
    max_zoom = municipality.tile_max_zoom if municipality is not None else None
    tileset = open_local(municipality.slug) if url == LOCAL and municipality is not None else None
    if tileset is not None:
        low = max(tileset.min_zoom, min_zoom or 0)
        high = min(tileset.max_zoom, max_zoom if max_zoom is not None else MAX_ZOOM)
        return TileSource(
            url=local_url(tileset),
            attribution=plain_attribution(
                attribution or tileset.attribution or default_attribution
            ),
            min_zoom=min(low, high),
            max_zoom=high,
            local=True,
            origin=None,
            tileset=tileset,
        )
    if url == LOCAL:
        url, attribution = default_url, ""
    return TileSource(
        url=url,
        attribution=plain_attribution(attribution or default_attribution),
        min_zoom=min_zoom or 0,
        max_zoom=max_zoom if max_zoom is not None else 19,
        local=False,
        origin=tile_origin(url),
    )


def check_tile_settings(
    url: str | None, attribution: str | None, min_zoom: int | None, max_zoom: int | None
) -> None:
    """Refuse a tile source a map could not use, or that could widen the page's CSP."""
    if url and url != LOCAL:
        parts = urlsplit(url)
        if parts.scheme != "https":
            raise DomainError(_l('The tile address must start with https:// (or be "local").'))
        if tile_origin(url) is None or any(c in url for c in " \t\"'<>;,\\"):
            raise DomainError(_l("The tile address has no valid host name."))
        if not all(part in url for part in ("{z}", "{x}", "{y}")):
            raise DomainError(_l("The tile address must contain {z}, {x} and {y}."))
        if len(url) > 300:
            raise DomainError(_l("The tile address is too long (at most 300 characters)."))
    if attribution and len(attribution) > 300:
        raise DomainError(_l("The attribution is too long (at most 300 characters)."))
    for zoom in (min_zoom, max_zoom):
        if zoom is not None and not 0 <= zoom <= MAX_ZOOM:
            raise DomainError(_l("Zoom levels go from 0 to 22."))
    if min_zoom is not None and max_zoom is not None and min_zoom > max_zoom:
        raise DomainError(_l("The lowest zoom level cannot be above the highest."))


def save_tile_settings(
    db: Session,
    actor: User,
    municipality: Municipality,
    *,
    tile_url: str | None,
    tile_attribution: str | None,
    tile_min_zoom: int | None,
    tile_max_zoom: int | None,
) -> Municipality:
    """Set a municipality's tile source (empty: the installation's)."""
    if not sees_municipality(actor, municipality.id):
        raise NotFound(_l("No such municipality."))
    tile_url = (tile_url or "").strip() or None
    if tile_url and tile_url.lower() == LOCAL:
        tile_url = LOCAL
    tile_attribution = (tile_attribution or "").strip() or None
    check_tile_settings(tile_url, tile_attribution, tile_min_zoom, tile_max_zoom)
    municipality.tile_url = tile_url
    municipality.tile_attribution = tile_attribution
    municipality.tile_min_zoom = tile_min_zoom
    municipality.tile_max_zoom = tile_max_zoom
    db.flush()
    return municipality


# ----- the area a phone stores before a walk -------------------------------------------------

Bounds = tuple[float, float, float, float]  # west, south, east, north


def area_around(points: Iterable[tuple[float, float]], margin_m: float) -> Bounds | None:
    """The box around (lat, lon) points, widened by margin_m on every side."""
    points = list(points)
    if not points:
        return None
    lats = [lat for lat, _lon in points]
    lons = [lon for _lat, lon in points]
    dlat = margin_m / 111_320
    dlon = margin_m / (111_320 * max(math.cos(math.radians(sum(lats) / len(lats))), 0.01))
    return (
        max(min(lons) - dlon, -180.0),
        max(min(lats) - dlat, -MAX_LAT),
        min(max(lons) + dlon, 180.0),
        min(max(lats) + dlat, MAX_LAT),
    )


def tile_xy(lat: float, lon: float, z: int) -> tuple[int, int]:
    """The XYZ tile holding a point at zoom z (the same formula as tiles.js)."""
    n = 2**z
    lat = max(min(lat, MAX_LAT), -MAX_LAT)
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def tile_count(bounds: Bounds, z: int) -> int:
    west, south, east, north = bounds
    x0, y0 = tile_xy(north, west, z)
    x1, y1 = tile_xy(south, east, z)
    return (x1 - x0 + 1) * (y1 - y0 + 1)


def prefetch_plan(
    area: Bounds | None, source: TileSource, *, max_zoom: int, max_tiles: int
) -> dict | None:
    """Which tiles a phone stores: the area (within the file's bounds) at the source's zooms up
    to max_zoom, dropping the highest zooms until at most max_tiles remain. None: nothing."""
    if area is None or not source.local or source.tileset is None:
        return None
    fw, fs, fe, fn = source.tileset.bounds
    west, south = max(area[0], fw), max(area[1], fs)
    east, north = min(area[2], fe), min(area[3], fn)
    if west >= east or south >= north:
        return None
    bounds = (west, south, east, north)
    low, high = source.min_zoom, min(source.max_zoom, max_zoom)
    while high >= low and sum(tile_count(bounds, z) for z in range(low, high + 1)) > max_tiles:
        high -= 1
    if high < low:
        return None
    return {
        "bounds": [round(v, 6) for v in bounds],
        "minZoom": low,
        "maxZoom": high,
        "count": sum(tile_count(bounds, z) for z in range(low, high + 1)),
    }
