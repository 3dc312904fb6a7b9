"""Delivery: hashed static names cached a year, compressed responses, the worker named by build."""

import gzip
import hashlib
import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import brotli
import pytest

from walkapp import assets
from walkapp.walks.models import WalkStatus

# The field page's script: its modules and Leaflet in one bundle (scripts/build-frontend.sh).
HASHED = re.compile(r"/static/dist/field\.[0-9a-f]{10}\.js")
ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "static" / "dist"


@pytest.fixture
def own_static(app, tmp_path):
    """The app serving a copy of the static folder that the test may change (a deploy)."""
    folder = tmp_path / "static"
    shutil.copytree(app.static_folder, folder)
    app.static_folder = str(folder)
    assets.refresh(app)
    return folder


def _field_page(client, make_walk):
    walk = make_walk(
        status=WalkStatus.ACTIVE,
        join_code="ABC234",
        join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
    )
    client.post(
        "/join/ABC234", data={"display_name": "Anna", "represents": "resident", "consent": "y"}
    )
    return client.get(f"/field/{walk.id}", headers={"Accept-Encoding": "gzip"})


def test_the_field_page_links_its_script_by_a_hashed_name_cached_for_a_year(client, make_walk):
    page = _field_page(client, make_walk)
    html = gzip.decompress(page.data).decode()
    url = HASHED.search(html)[0]
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.mimetype == "text/javascript"


def test_a_plain_or_stale_name_still_works_but_is_revalidated(client):
    plain = client.get("/static/js/field.js")
    stale = client.get("/static/js/field.0123456789.js")
    assert plain.status_code == stale.status_code == 200
    assert plain.headers["Cache-Control"] == stale.headers["Cache-Control"] == "no-cache"
    assert plain.data == stale.data
    again = client.get("/static/js/field.js", headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/static/js/nothing.js").status_code == 404
    assert client.get("/static/js/nothing.0123456789.js").status_code == 404


def test_a_changed_file_gets_a_new_name_and_the_old_name_the_new_content(app, client, own_static):
    with app.test_request_context():
        from flask import url_for

        before = url_for("static", filename="css/walkapp.css")
    (own_static / "css" / "walkapp.css").write_text("body { color: rgb(1, 2, 3); }\n")
    assets.refresh(app)
    with app.test_request_context():
        from flask import url_for

        after = url_for("static", filename="css/walkapp.css")
    assert before != after
    assert b"rgb(1, 2, 3)" in client.get(after).data
    old = client.get(before)
    assert b"rgb(1, 2, 3)" in old.data
    assert old.headers["Cache-Control"] == "no-cache"


def test_module_imports_name_the_hashed_files_they_import(app, client, own_static):
    (own_static / "js" / "m").mkdir()
    (own_static / "js" / "m" / "b.js").write_text("export const b = 1;\n")
    (own_static / "js" / "m" / "a.js").write_text(
        'import { b } from "./b.js";\nexport { b };\nimport("/static/js/m/b.js");\n'
    )
    manifest = assets.refresh(app)
    source = client.get(f"/static/{manifest.url_name('js/m/a.js')}").get_data(as_text=True)
    b_name = manifest.url_name("js/m/b.js").split("/")[-1]
    assert f'from "./{b_name}"' in source
    assert f'import("/static/js/m/{b_name}")' in source
    # b changes: so does a's name, since a's content names the new b.
    old_a = manifest.url_name("js/m/a.js")
    (own_static / "js" / "m" / "b.js").write_text("export const b = 2;\n")
    assert assets.refresh(app).url_name("js/m/a.js") != old_a


def test_modules_importing_each_other_keep_one_plain_name(app, own_static):
    (own_static / "js" / "a.js").write_text('import "./b.js";\n')
    (own_static / "js" / "b.js").write_text('import "./a.js";\n')
    manifest = assets.refresh(app)
    assert manifest.url_name("js/a.js") == "js/a.js"
    assert manifest.url_name("js/b.js") == "js/b.js"


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_scripts_and_styles_are_sent_compressed(client, encoding):
    plain = client.get("/static/vendor/leaflet/leaflet.js").data
    response = client.get(
        "/static/vendor/leaflet/leaflet.js", headers={"Accept-Encoding": encoding}
    )
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert int(response.headers["Content-Length"]) == len(response.data) < len(plain) / 3
    unpack = gzip.decompress if encoding == "gzip" else brotli.decompress
    assert unpack(response.data) == plain


def test_images_are_not_compressed_again(client):
    response = client.get("/static/icons/walkapp-512.png", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


def test_pages_and_json_are_sent_compressed(client, make_walk):
    page = _field_page(client, make_walk)
    assert page.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page.headers["Vary"]
    assert b"<html" in gzip.decompress(page.data)
    document = client.get("/api/openapi.json", headers={"Accept-Encoding": "gzip, br"})
    assert document.headers["Content-Encoding"] == "br"
    assert brotli.decompress(document.data).startswith(b"{")


def test_without_accept_encoding_nothing_is_compressed(client):
    response = client.get("/api/openapi.json", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert response.json["openapi"]


def test_the_service_worker_is_named_from_the_build_and_never_cached(app, client, own_static):
    first = client.get("/sw.js")
    assert first.headers["Cache-Control"] == "no-cache"
    source = first.get_data(as_text=True)
    build = re.search(r'const BUILD = "([0-9a-f]{10})";', source)[1]
    # It precaches the hashed names the pages use.
    assert re.search(r'"/static/js/outbox\.[0-9a-f]{10}\.js"', source)
    assert '"/static/js/outbox.js"' not in source
    (own_static / "js" / "outbox.js").write_text("self.WalkappOutbox = {};\n")
    assets.refresh(app)
    second = client.get("/sw.js").get_data(as_text=True)
    assert f'const BUILD = "{build}";' not in second
    assert re.search(r'const BUILD = "[0-9a-f]{10}";', second)


def test_in_debug_an_edited_file_gets_its_new_name_at_the_next_request(app, client, own_static):
    app.debug = True
    before = client.get("/static/css/walkapp.css").headers["ETag"]
    (own_static / "css" / "walkapp.css").write_text("body { color: rgb(4, 5, 6); }\n")
    after = client.get("/static/css/walkapp.css")
    assert after.headers["ETag"] != before
    assert b"rgb(4, 5, 6)" in after.data


def _stale(root: Path) -> list[str]:
    """The bundle's inputs and outputs whose bytes differ from those its build recorded."""
    built = json.loads((root / "static" / "dist" / "build.json").read_text())
    files = {**built["inputs"]}
    files.update({f"static/dist/{name}": sha for name, sha in built["outputs"].items()})
    return [
        name
        for name, sha in sorted(files.items())
        if not (root / name).is_file()
        or hashlib.sha256((root / name).read_bytes()).hexdigest() != sha
    ]


def test_the_committed_field_bundle_is_built_from_the_sources_in_the_tree():
    stale = _stale(ROOT)
    assert not stale, f"changed since the last build: {stale}; run scripts/build-frontend.sh"
    inputs = json.loads((DIST / "build.json").read_text())["inputs"]
    assert {"static/js/field.js", "frontend/package-lock.json"} <= set(inputs)


def test_a_changed_field_module_makes_the_bundle_stale(tmp_path):
    built = json.loads((DIST / "build.json").read_text())
    for name in [*built["inputs"], *(f"static/dist/{n}" for n in built["outputs"])]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    shutil.copytree(DIST, tmp_path / "static" / "dist", dirs_exist_ok=True)
    assert _stale(tmp_path) == []
    module = tmp_path / "static" / "js" / "field" / "capture.js"
    module.write_text(module.read_text() + "\n// changed\n")
    assert _stale(tmp_path) == ["static/js/field/capture.js"]


def test_the_field_page_loads_one_bundle_that_the_worker_keeps_offline(client, make_walk):
    html = gzip.decompress(_field_page(client, make_walk).data).decode()
    assert HASHED.search(html)
    assert re.search(r"/static/dist/field\.[0-9a-f]{10}\.css", html)
    # Neither the separate modules nor the full Leaflet: all of them are in the bundle.
    assert "/static/js/field" not in html and "vendor/leaflet" not in html
    worker = client.get("/sw.js").get_data(as_text=True)
    assert HASHED.search(html)[0] in worker
    assert "/static/js/field/" not in worker and "vendor/leaflet" not in worker
