"""GIS exports as streamed downloads: CSV and GeoJSON sent as written, GeoPackage from a file.

Memory stays flat whatever the number of rows: the query yields its rows in batches and each
writer holds one batch. A GeoPackage is a SQLite database, which cannot be written front to back,
so it is built in a temporary file first and then sent from it.

A stream cannot change its status once the first byte is out. So the first rows are read before
the response starts (a failing query is an error page, not an empty file), and an error later on
is logged and raised again: the server then breaks the connection off instead of ending the
chunked body, and the browser reports the download as failed rather than saving half a file.
"""

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import chain
from typing import BinaryIO

from flask import Response, request
from sqlalchemy.orm import Session
from werkzeug.wsgi import wrap_file

from walkapp.db import new_session
from walkapp.formats import is_swedish
from walkapp.gis import writers as gis
from walkapp.gis.writers import Feature

log = logging.getLogger(__name__)
READ_SIZE = 64 * 1024
MIMETYPES = {
    "geojson": "application/geo+json",
    "csv": "text/csv",
    "gpkg": "application/geopackage+sqlite3",
}


def export_response(
    read: Callable[[Session], Iterable[Feature]], fmt: str, name: str, local_epsg: int
) -> Response:
    """The features `read` gives as a download in the chosen GIS format, a batch at a time.

    `read` reads lazily with the session it is given: one of the export's own, open until the
    last row is written. The request's session is closed when the view returns while the stream
    goes on, and the stream runs outside the request: everything it needs from the request (the
    actor's scope, the language) is settled before the response starts.
    """
    session = new_session()
    try:
        _first, features = gis.peek(read(session))
    except BaseException:
        session.close()
        raise
    if fmt == "gpkg":
        try:
            file = _geopackage(features, name, local_epsg)
        finally:
            session.close()
        # The server's file wrapper (sendfile under gunicorn) sends it and closes it.
        body = wrap_file(request.environ, file, READ_SIZE)
        response = Response(body, mimetype=MIMETYPES[fmt], direct_passthrough=True)
        response.content_length = os.fstat(file.fileno()).st_size
    else:
        if fmt == "geojson":
            chunks = gis.geojson_chunks(features, name)
        else:
            # The BOM lets Excel read the file as UTF-8.
            text = gis.csv_chunks(features, local_epsg, decimal_comma=is_swedish())
            chunks = chain(["\ufeff"], text)
        response = Response(_whole_or_error(chunks, name, session), mimetype=MIMETYPES[fmt])
        # Also when the stream is never read to its end (a HEAD, a download cancelled at once).
        response.call_on_close(session.close)
    stamp = date.today().isoformat()
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


def _whole_or_error(chunks: Iterator[str], name: str, session: Session) -> Iterator[str]:
    try:
        yield from chunks
    except Exception:
        log.exception("the %s export broke off while it was being sent", name)
        raise
    finally:
        session.close()


def _geopackage(features: Iterator[Feature], name: str, epsg: int) -> BinaryIO:
    """The layer written to a temporary file, open for reading and already gone from its folder."""
    handle, path = tempfile.mkstemp(prefix="walkapp-export-", suffix=".gpkg")
    os.close(handle)
    try:
        gis.write_geopackage(features, path, table=name, epsg=epsg, now=datetime.now(UTC))
        return open(path, "rb")  # noqa: SIM115 - the response closes it
    finally:
        # The open file keeps its bytes until it is closed: nothing is left behind, even when
        # the download is broken off or the process dies.
        os.unlink(path)
