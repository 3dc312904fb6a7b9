"""Static files under content-hashed names cached for a year, and responses sent compressed."""

import gzip
import hashlib
import mimetypes
import os
import posixpath
import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from flask import Flask, Response, current_app, request, send_from_directory

try:  # brotli is a dependency; without it (a bare checkout) gzip alone still works.
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

YEAR = 31536000
IMMUTABLE = f"public, max-age={YEAR}, immutable"
# Unhashed and stale-hash URLs: kept, but always revalidated (a 304 when unchanged).
REVALIDATE = "no-cache"
HASH_LEN = 10
# Below this, the compressed body plus its header is hardly smaller than the original.
MIN_SIZE = 512
COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "application/manifest+json",
        "application/problem+json",
        "application/xml",
        "text/xml",
        "text/plain",
        "text/csv",
        "image/svg+xml",
    }
)
_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".webmanifest": "application/manifest+json",
}
# Relative or /static/ specifiers of ES module imports: `from "./x.js"`, `import "./x.js"`,
# `import("./x.js")`. Rewritten to hashed names, so that a page's modules are all immutable;
# otherwise a module's relative imports would bypass the hashed names.
_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])((?:\.{1,2}/|/)[^"'\s]+?\.m?js)\2""")
_HASHED = re.compile(rf"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{{{HASH_LEN}}})(?P<ext>\.[^./]+)?$")
# sw.js: `const BUILD = "...";` and every "/static/..." string (its precache list, importScripts).
_SW_BUILD = re.compile(r"""const BUILD = "[^"]*";""")
_compressed: dict[tuple[str, str], bytes] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Asset:
    path: str
    data: bytes
    digest: str
    mimetype: str
    name: str  # the URL name: hashed, or the path itself for a module in an import cycle

    @property
    def compressible(self) -> bool:
        return self.mimetype in COMPRESSIBLE and len(self.data) >= MIN_SIZE


@dataclass
class Manifest:
    folder: str
    url_path: str
    assets: dict[str, Asset] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    build: str = ""
    stamp: tuple = ()
    service_worker: bytes | None = None

    def url_name(self, path: str) -> str:
        asset = self.assets.get(path)
        return asset.name if asset else path

    def find(self, filename: str) -> tuple[Asset | None, bool]:
        """The asset a URL name stands for, and whether the name is its current hashed one."""
        path = self.by_name.get(filename)
        if path is not None:
            return self.assets[path], True
        if filename in self.assets:
            return self.assets[filename], False
        match = _HASHED.match(filename)
        if match:  # a page from before a deploy asks for the old hash: the current file
            stale = self.assets.get(match["stem"] + (match["ext"] or ""))
            return stale, False
        return None, False


def hashed_name(path: str, digest: str) -> str:
    head, tail = posixpath.split(path)
    stem, ext = posixpath.splitext(tail)
    if not stem:  # ".htaccess" and the like
        stem, ext = tail, ""
    return posixpath.join(head, f"{stem}.{digest[:HASH_LEN]}{ext}")


def _stamp(folder: str) -> tuple:
    """What changes when a file in the folder does: names, sizes and modification times."""
    entries = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            stat = os.stat(os.path.join(root, name))
            entries.append((os.path.join(root, name), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


def build_manifest(folder: str, url_path: str) -> Manifest:
    """Read the static folder once: every file's content, hash and hashed name."""
    raw: dict[str, bytes] = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            full = os.path.join(root, name)
            with open(full, "rb") as handle:
                raw[os.path.relpath(full, folder).replace(os.sep, "/")] = handle.read()
    manifest = Manifest(folder=folder, url_path=url_path, stamp=_stamp(folder))
    imports = {path: _imports_of(path, data, url_path) for path, data in raw.items()}
    cyclic = _in_cycles(imports, raw)
    for path in sorted(raw):
        _add(manifest, path, raw, imports, cyclic)
    manifest.by_name = {a.name: p for p, a in manifest.assets.items() if a.name != p}
    everything = "".join(f"{p}:{a.digest}\n" for p, a in sorted(manifest.assets.items()))
    manifest.build = hashlib.sha256(everything.encode()).hexdigest()[:HASH_LEN]
    return manifest


def _imports_of(path: str, data: bytes, url_path: str) -> dict[str, str]:
    """A JS file's module specifiers that name a static file, with the path each resolves to."""
    if not path.endswith((".js", ".mjs")):
        return {}
    found = {}
    for match in _IMPORT.finditer(data.decode("utf-8", "replace")):
        spec = match[3]
        if spec.startswith(url_path + "/"):
            target = spec[len(url_path) + 1 :]
        elif spec.startswith("."):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), spec))
        else:
            continue
        found[spec] = target
    return found


def _in_cycles(imports: dict[str, dict[str, str]], raw: dict[str, bytes]) -> set[str]:
    """Modules that import themselves through others: their hash would depend on itself."""

    def reaches(start: str) -> set[str]:
        seen, todo = set(), list(imports.get(start, {}).values())
        while todo:
            node = todo.pop()
            if node in raw and node not in seen:
                seen.add(node)
                todo.extend(imports.get(node, {}).values())
        return seen

    return {path for path in imports if imports[path] and path in reaches(path)}


def _add(manifest: Manifest, path: str, raw, imports, cyclic) -> Asset:
    if path in manifest.assets:
        return manifest.assets[path]
    data = raw[path]
    if imports[path]:
        data = _rewrite_imports(manifest, path, data, raw, imports, cyclic)
    digest = hashlib.sha256(data).hexdigest()
    ext = posixpath.splitext(path)[1].lower()
    mimetype = _TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    # A module in a cycle keeps its plain name everywhere: one URL, so one module instance.
    name = path if path in cyclic else hashed_name(path, digest)
    asset = Asset(path=path, data=data, digest=digest, mimetype=mimetype, name=name)
    manifest.assets[path] = asset
    return asset


def _rewrite_imports(manifest, path, data, raw, imports, cyclic) -> bytes:
    def replace(match: re.Match) -> str:
        spec, target = match[3], imports[path].get(match[3])
        if target not in raw or target in cyclic or path in cyclic:
            return match[0]
        name = _add(manifest, target, raw, imports, cyclic).name
        if spec.startswith("."):
            prefix = spec[: len(spec) - len(posixpath.basename(spec))]
            new = prefix + posixpath.basename(name)
        else:
            new = f"{manifest.url_path}/{name}"
        return f"{match[1]}{match[2]}{new}{match[2]}"

    return _IMPORT.sub(replace, data.decode("utf-8")).encode("utf-8")


def compress(data: bytes, encoding: str, *, key: str | None = None) -> bytes:
    """Gzip or brotli; with a key (a static file's hash) hardest, once per process."""
    if key is not None:
        cached = _compressed.get((key, encoding))
        if cached is not None:
            return cached
    if encoding == "br":
        result = brotli.compress(data, quality=11 if key else 5)
    else:
        result = gzip.compress(data, compresslevel=9 if key else 6, mtime=0)
    if key is not None:
        with _lock:
            _compressed[(key, encoding)] = result
    return result


def choose_encoding() -> str | None:
    offered = ["br", "gzip"] if brotli is not None else ["gzip"]
    return request.accept_encodings.best_match(offered)


def manifest_for(app: Flask) -> Manifest:
    """The app's manifest; in debug rebuilt when a static file changed."""
    manifest = app.extensions["walkapp.assets"]
    if app.debug and _stamp(manifest.folder) != manifest.stamp:
        manifest = refresh(app)
    return manifest


def refresh(app: Flask) -> Manifest:
    """Read the static folder again (after a deploy this happens at the process's start)."""
    manifest = build_manifest(app.static_folder, app.static_url_path)
    app.extensions["walkapp.assets"] = manifest
    return manifest


def asset_response(asset: Asset, cache_control: str) -> Response:
    body, etag = asset.data, asset.digest[:20]
    response = Response(mimetype=asset.mimetype)
    if asset.mimetype in COMPRESSIBLE:
        response.vary.add("Accept-Encoding")
        encoding = choose_encoding() if len(body) >= MIN_SIZE else None
        if encoding:
            # Each encoding is its own representation, with its own ETag.
            body = compress(body, encoding, key=etag)
            response.headers["Content-Encoding"] = encoding
            etag = f"{etag}-{encoding}"
    response.set_data(body)
    response.headers["Cache-Control"] = cache_control
    response.set_etag(etag)
    return response.make_conditional(request)


def serve_static(filename: str):
    """The static view: hashed names immutable for a year, anything else revalidated."""
    manifest = manifest_for(current_app)
    asset, current = manifest.find(filename)
    if asset is None:  # added since the process started: served as is, never cached long
        return send_from_directory(manifest.folder, filename, max_age=0)
    return asset_response(asset, IMMUTABLE if current else REVALIDATE)


def service_worker_script(manifest: Manifest) -> bytes:
    """sw.js with the build's hash in its cache name and hashed URLs in its lists."""
    if manifest.service_worker is None:
        source = manifest.assets["js/sw.js"].data.decode("utf-8")
        source = _SW_BUILD.sub(f'const BUILD = "{manifest.build}";', source)
        prefix = re.escape(manifest.url_path + "/")

        def hashed(match: re.Match) -> str:
            return f"{match[1]}{manifest.url_path}/{manifest.url_name(match[2])}{match[1]}"

        source = re.sub(rf"""(["']){prefix}([^"'\s]+)\1""", hashed, source)
        manifest.service_worker = source.encode("utf-8")
    return manifest.service_worker


def service_worker_response() -> Response:
    """/sw.js: never cached, so that the browser sees a new build at the next page load."""
    manifest = manifest_for(current_app)
    asset = manifest.assets["js/sw.js"]
    data = service_worker_script(manifest)
    worker = Asset(asset.path, data, hashlib.sha256(data).hexdigest(), asset.mimetype, asset.path)
    response = asset_response(worker, REVALIDATE)
    response.headers["Service-Worker-Allowed"] = "/"
    return response


def hashed_static_urls(endpoint: str, values: dict) -> None:
    """url_for('static', filename=...) gives the file's current hashed name."""
    if endpoint == "static" and "filename" in values:
        manifest = current_app.extensions["walkapp.assets"]
        values["filename"] = manifest.url_name(values["filename"])


def compress_response(response: Response) -> Response:
    """Compress a text response: HTML, JSON, GeoJSON, CSS, JS, SVG; a streamed one as it goes."""
    if (
        not 200 <= response.status_code < 300
        or response.status_code in (204, 206)
        or response.direct_passthrough
        or "Content-Encoding" in response.headers
        or response.mimetype not in COMPRESSIBLE
    ):
        return response
    response.vary.add("Accept-Encoding")
    if response.is_streamed:
        encoding = choose_encoding()
        if encoding:
            # Both taken before the body is replaced by its compressed stream.
            body, chunks = response.response, response.iter_encoded()
            response.response = _compressed_stream(chunks, body, encoding)
            response.headers["Content-Encoding"] = encoding
            response.headers.pop("Content-Length", None)
        return response
    data = response.get_data()
    encoding = choose_encoding() if len(data) >= MIN_SIZE else None
    if encoding:
        response.set_data(compress(data, encoding))
        response.headers["Content-Encoding"] = encoding
    return response


def _compressed_stream(chunks: Iterator[bytes], body, encoding: str) -> Iterator[bytes]:
    """A streamed body compressed chunk by chunk (an export of any size in constant memory)."""
    if encoding == "br":
        compressor = brotli.Compressor(quality=5)
        feed, finish = compressor.process, compressor.finish
    else:
        compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: with gzip's header and trailer
        feed, finish = compressor.compress, compressor.flush
    try:
        for chunk in chunks:
            if data := feed(chunk):
                yield data
        yield finish()
    finally:
        # The server closes this stream; the body's own close ends its request context.
        if hasattr(body, "close"):
            body.close()


def init_app(app: Flask) -> None:
    """Build the manifest and take over the static view; call before other after_request hooks."""
    refresh(app)
    if app.has_static_folder:
        app.view_functions["static"] = serve_static
    app.url_defaults(hashed_static_urls)
    # In debug, an edited file gets its new name at the next request (once per request).
    app.before_request(lambda: manifest_for(current_app) and None)
    # Registered first, so run last: the body is final by then.
    app.after_request(compress_response)
