"""Benchmark: peak memory and time of 100,000-row CSV and GeoPackage exports, streamed vs in memory.

walkapp: /review/export.csv and /review/export.gpkg through the real app and database, the body
read chunk by chunk by the test client and written to a file, as a browser saves a download.
Baseline: the same export the way walkapp wrote it before (every row loaded into a list, the whole
file built in memory and sent as one body), kept in bench/export_baseline.py and served by the
same app at /bench/baseline.<fmt>. Both read the same seeded database in the same run.

Each measurement runs in a fresh process, so one does not inherit the other's memory: the peak
RSS over the RSS just before the request (sampled every millisecond) and, in a second run,
tracemalloc's peak of Python allocations; the time is the median of --rounds runs alone, the two
ways alternating. The two files are compared row by row.

    .venv/bin/python bench/export.py [--rows 100000] [--database-url postgresql+psycopg://...]

With --database-url (PostgreSQL) the bench works in a schema of its own, dropped at the end.
"""

import argparse
import hashlib
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bulk  # noqa: E402 - bench/bulk.py
from sqlalchemy import text  # noqa: E402

from walkapp import create_app  # noqa: E402
from walkapp.db import make_engine  # noqa: E402
from walkapp.migrations.tool import upgrade  # noqa: E402

PASSWORD = "bench-password-2026"  # noqa: S105 - a throwaway database
EMAIL = "chef@bench.example"
MB = 1024 * 1024


def config(url: str, folder: str) -> dict:
    return {
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "DATABASE_URL": url,
        "PHOTO_DIR": str(Path(folder) / "photos"),
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "RATELIMIT_ENABLED": False,
        "REQUEST_LOG": False,
        "PHOTO_DETECTION": "off",
    }


def seed(app, count: int) -> int:
    """`count` observations on 20 walks of one municipality and 10 on a 21st, returned for
    warming."""
    frame = bulk.seed_frame(
        app, slug="strangnas", email=EMAIL, password=PASSWORD, walks=21, local_epsg=3010
    )
    engine, rng = app.extensions["walkapp.engine"], random.Random(2026)
    big, small = {**frame, "walks": frame["walks"][:20]}, {**frame, "walks": frame["walks"][20:]}
    bulk.add_observations(engine, big, 0, count, rng, note=_note, approved=True)
    bulk.add_observations(engine, small, count, 10, rng, note=_note, approved=True)
    return small["walks"][0][0]


def _note(n: int) -> str:
    # Every twentieth note would be a formula in a spreadsheet: csvsafe's work.
    return ("=" if n % 20 == 0 else "") + f"Mörkt och buskigt vid gångväg {n}"


def _rss() -> int:
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * resource.getpagesize()


class RssSampler:
    """The process's peak RSS over its RSS at the start, sampled every millisecond meanwhile."""

    def __enter__(self):
        self.start = self.peak = _rss()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._done.wait(0.001):
            self.peak = max(self.peak, _rss())

    def __exit__(self, *_exc) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())
        self.growth = self.peak - self.start


def download(client, url: str, path: Path) -> int:
    """The response saved chunk by chunk, as a browser saves it; returns its size in bytes."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    size = 0
    with open(path, "wb") as file:
        for chunk in response.response:
            size += len(chunk)
            file.write(chunk)
    response.close()
    return size


def content_digest(fmt: str, path: Path) -> str:
    """The rows of the file, without what differs by the second it was made."""
    digest = hashlib.sha256()
    if fmt == "csv":
        with open(path, "rb") as file:
            for line in file:
                digest.update(line)
        return digest.hexdigest()
    db = sqlite3.connect(path)
    for row in db.execute("SELECT * FROM observations ORDER BY fid"):
        digest.update(repr(row).encode())
    for row in db.execute("SELECT srs_id, definition FROM gpkg_spatial_ref_sys ORDER BY srs_id"):
        digest.update(repr(row).encode())
    db.close()
    return digest.hexdigest()


def measure(url: str, fmt: str, way: str, warm_walk: int, mode: str) -> dict:
    """One export in this (fresh) process: its time alone ("time"), or its peak RSS growth and
    then, in a second run, tracemalloc's peak ("memory")."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(config(url, folder))
        from export_baseline import bp  # bench/export_baseline.py: the former code path

        app.register_blueprint(bp)
        client = app.test_client()
        login = client.post("/login", data={"email": EMAIL, "password": PASSWORD})
        assert login.status_code == 302, login.status_code
        target = f"/review/export.{fmt}" if way == "walkapp" else f"/bench/baseline.{fmt}"
        path = Path(folder) / f"export.{fmt}"
        # Warm: imports, pyproj's transformers, compiled queries and templates.
        download(client, f"/review/export.{fmt}?walk={warm_walk}", path)

        if mode == "time":
            started = time.perf_counter()
            download(client, target, path)
            result = {"seconds": time.perf_counter() - started}
        else:
            with RssSampler() as sampler:
                size = download(client, target, path)
            digest = content_digest(fmt, path)
            tracemalloc.start()
            download(client, target, path)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            result = {
                "peak_mb": peak / MB,
                "rss_mb": sampler.growth / MB,
                "size_mb": size / MB,
                "digest": digest,
            }
        app.extensions["walkapp.engine"].dispose()
    return result


def child(url: str, fmt: str, way: str, warm_walk: int, mode: str) -> dict:
    command = [sys.executable, __file__, "--child", url, fmt, way, str(warm_walk), mode]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.exit(f"{fmt} {way} {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _schema_url(base_url: str) -> tuple[str, str]:
    schema = f"bench_export_{uuid.uuid4().hex[:10]}"
    with make_engine(base_url).begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options=-csearch_path%3D{schema}", schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="PostgreSQL: a schema of its own is made in it")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each, alternating")
    parser.add_argument("--child", nargs=5, metavar=("URL", "FMT", "WAY", "WALK", "MODE"))
    args = parser.parse_args()
    if args.child:
        url, fmt, way, walk, mode = args.child
        print(json.dumps(measure(url, fmt, way, int(walk), mode)))
        return

    with tempfile.TemporaryDirectory() as folder:
        schema = None
        if args.database_url:
            url, schema = _schema_url(args.database_url)
        else:
            url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        try:
            app = create_app(config(url, folder))
            upgrade(app.extensions["walkapp.engine"])
            started = time.perf_counter()
            warm_walk = seed(app, args.rows)
            app.extensions["walkapp.engine"].dispose()
            print(f"seeded {args.rows} observations in {time.perf_counter() - started:.1f} s")
            for fmt in ("csv", "gpkg"):
                ways = ("walkapp", "baseline")
                got = {way: child(url, fmt, way, warm_walk, "memory") for way in ways}
                # Alternating, so that a busy moment of the machine falls on both alike.
                times = {way: [] for way in ways}
                for _round in range(args.rounds):
                    for way in ways:
                        times[way].append(child(url, fmt, way, warm_walk, "time")["seconds"])
                for way in ways:
                    got[way]["seconds"] = statistics.median(times[way])
                report(fmt, args.rows, got["walkapp"], got["baseline"])
        finally:
            if schema:
                with make_engine(args.database_url).begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def report(fmt: str, rows: int, walkapp: dict, baseline: dict) -> None:
    same = "yes" if walkapp["digest"] == baseline["digest"] else "NO"
    print(
        f"export: format={fmt} rows={rows} walkapp_peak_mb={walkapp['peak_mb']:.1f} "
        f"baseline_peak_mb={baseline['peak_mb']:.1f} "
        f"ratio={walkapp['peak_mb'] / baseline['peak_mb']:.3f} "
        f"walkapp_s={walkapp['seconds']:.2f} baseline_s={baseline['seconds']:.2f} "
        f"walkapp_rss_mb={walkapp['rss_mb']:.1f} baseline_rss_mb={baseline['rss_mb']:.1f} "
        f"file_mb={walkapp['size_mb']:.1f} same_rows={same}"
    )


if __name__ == "__main__":
    main()
