"""Tiles served by walkapp from MBTiles files, and the tile settings every map's page passes on."""

import hashlib
from collections.abc import Callable

from flask import Blueprint, Response, abort, current_app, g, request, url_for
from flask_babel import gettext as _

from walkapp.places.models import Municipality
from walkapp.security import public
from walkapp.tiles import queries
from walkapp.tiles.mbtiles import TileSet, open_tileset, read_tile
from walkapp.tiles.services import TileSource, area_around, prefetch_plan, tile_source

bp = Blueprint("tiles", __name__)

YEAR = 365 * 24 * 3600


@bp.route("/tiles/<slug>/<int:z>/<int:x>/<int:y>.<ext>")
@public
def tile(slug: str, z: int, x: int, y: int, ext: str):
    """One tile. Public: the map of a public protocol uses them too."""
    tileset = open_tileset(current_app.config["TILE_DIR"], slug)
    if tileset is None or ext != tileset.extension:
        abort(404)
    data = read_tile(tileset, z, x, y)
    if data is None:
        abort(404)
    response = Response(data, mimetype=tileset.mimetype)
    response.set_etag(hashlib.sha256(data).hexdigest()[:32])
    # The version in the address changes with the file: such an address never changes content.
    if request.args.get("v") == tileset.version:
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response.headers["Cache-Control"] = "public, max-age=86400"
    return response.make_conditional(request)


def _local_url(slug: str) -> Callable[[TileSet], str]:
    def url(tileset: TileSet) -> str:
        base = url_for("tiles.tile", slug=slug, z=0, x=0, y=0, ext=tileset.extension)
        # Leaflet fills in {z}/{x}/{y}; url_for would escape the braces, so they go in after.
        prefix = base.rsplit("/0/0/0.", 1)[0]
        return f"{prefix}/{{z}}/{{x}}/{{y}}.{tileset.extension}?v={tileset.version}"

    return url


def source_for(municipality: Municipality | None) -> TileSource:
    """The municipality's effective tile source; its host is allowed in this page's CSP."""
    config = current_app.config
    source = tile_source(
        municipality,
        config["MAP_TILE_URL"],
        config["MAP_TILE_ATTRIBUTION"],
        lambda slug: open_tileset(config["TILE_DIR"], slug),
        _local_url(municipality.slug if municipality is not None else ""),
    )
    g.tile_origins = {*g.get("tile_origins", ()), source.origin} - {None}
    return source


def map_tiles(municipality: Municipality | None) -> dict:
    """The tile keys of a map's JSON config (tileUrl, tileAttribution, tileMinZoom, tileMaxZoom)."""
    source = source_for(municipality)
    return {
        "tileUrl": source.url,
        "tileAttribution": source.attribution,
        "tileMinZoom": source.min_zoom,
        "tileMaxZoom": source.max_zoom,
    }


def field_tiles(db, walk) -> dict:
    """map_tiles for the field page, plus what tiles.js stores for use without a connection.

    Only walkapp's own tiles are stored ahead: OpenStreetMap's tile policy (and most others')
    forbids prefetching, so with a third-party source the phone keeps only the tiles it has
    already shown (in the browser's HTTP cache).
    """
    config = current_app.config
    source = source_for(walk.municipality)
    plan = prefetch_plan(
        area_around(queries.walk_area_points(db, walk), config["TILE_PREFETCH_MARGIN_M"]),
        source,
        max_zoom=config["TILE_PREFETCH_MAX_ZOOM"],
        max_tiles=config["TILE_PREFETCH_MAX_TILES"],
    )
    result = {
        "tileUrl": source.url,
        "tileAttribution": source.attribution,
        "tileMinZoom": source.min_zoom,
        "tileMaxZoom": source.max_zoom,
        "tiles": None,
    }
    if plan is not None:
        result["tiles"] = {
            **plan,
            "url": source.url,
            "cache": f"walkapp-tiles-{walk.id}",
            "maxBytes": config["TILE_PREFETCH_MAX_BYTES"],
            "messages": {
                "progress": _(
                    "Saving the map for use without a connection: %(done)s of %(total)s",
                    done="{done}",
                    total="{total}",
                ),
                "done": _("The map is saved for use without a connection."),
                "partial": _(
                    "Part of the map is saved for use without a connection (the phone's limit "
                    "was reached)."
                ),
                "failed": _(
                    "The map could not be saved for use without a connection. It is shown while "
                    "there is a connection."
                ),
            },
        }
    return result
