"""Benchmark: 50 walkers send 20 observations and a photo each to walkapp under gunicorn, while
one request in ten is cut off and retried; nothing may be lost and nothing stored twice.

Two kinds of cut: the answer is lost after the server stored the record (the phone never hears
back), and the upload is cut halfway (the server never gets all of it). Both are retried with
the same client UUID and the same photo URL, as the phone's outbox does. A trivial endpoint is
measured in the same run, so the figures compare across noisy machines.

    python bench/sync_load.py [--walkers 50] [--observations 20] [--database-url URL]
"""

import argparse
import hashlib
import http.client
import io
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CUT_SHARE = 0.10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _app(env: dict):
    from walkapp import create_app

    os.environ.update(env)
    return create_app()


def prepare(env: dict) -> tuple[int, str]:
    """Migrate, and plan and start a walk with a join code; returns its id and code."""
    from sqlalchemy.orm import Session

    from walkapp.migrations.tool import upgrade
    from walkapp.places.models import Municipality
    from walkapp.walks.models import Walk

    app = _app(env)
    engine = app.extensions["walkapp.engine"]
    upgrade(engine)
    with Session(engine) as db:
        municipality = Municipality(
            name=f"Lastkommun {uuid.uuid4().hex[:6]}",
            slug=f"last-{uuid.uuid4().hex[:6]}",
            center_lat=59.37,
            center_lon=17.03,
        )
        code = "LAST" + "".join(random.choice("23456789") for _ in range(2))
        walk = Walk(
            municipality=municipality,
            kind="safety",
            title="Lastvandring",
            starts_at=datetime.now(UTC) - timedelta(minutes=5),
            status="active",
            join_code=code,
            join_code_expires_at=datetime.now(UTC) + timedelta(hours=2),
        )
        db.add(walk)
        db.commit()
        walk_id = walk.id
    engine.dispose()
    return walk_id, code


def count_stored(env: dict, walk_id: int) -> tuple[int, int, int, int]:
    """Rows, distinct client UUIDs, photos and observations with a photo, for the walk."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from walkapp.observations.models import Observation
    from walkapp.photos.models import Photo

    app = _app(env)
    mine = Observation.walk_id == walk_id
    with Session(app.extensions["walkapp.engine"]) as db:
        rows = db.scalar(select(func.count(Observation.id)).where(mine))
        uuids = db.scalar(select(func.count(func.distinct(Observation.client_uuid))).where(mine))
        with_photo = select(Photo).join(Observation, Photo.observation_id == Observation.id)
        photos = db.scalar(select(func.count()).select_from(with_photo.where(mine).subquery()))
        observations_with_photo = db.scalar(
            select(func.count(func.distinct(Photo.observation_id)))
            .join(Observation, Photo.observation_id == Observation.id)
            .where(mine)
        )
    app.extensions["walkapp.engine"].dispose()
    return rows, uuids, photos, observations_with_photo


class Walker(threading.Thread):
    def __init__(self, number: int, base: str, walk_id: int, code: str, count: int, stats):
        super().__init__(daemon=True)
        self.number, self.base, self.walk_id, self.code, self.count = (
            number,
            base,
            walk_id,
            code,
            count,
        )
        self.stats = stats
        self.rng = random.Random(number)
        self.session = requests.Session()
        self.sent_uuids: list[str] = []

    def _timed(self, method: str, url: str, **kwargs) -> requests.Response:
        started = time.perf_counter()
        response = self.session.request(method, self.base + url, timeout=60, **kwargs)
        self.stats["latencies"].append((time.perf_counter() - started) * 1000)
        return response

    def _cut_upload(self, method: str, url: str, body: bytes, headers: dict) -> None:
        """Send the headers and half the body, then hang up: a tunnel, a lift, a dead battery."""
        host, port = self.base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)
        connection.putrequest(method, url)
        for name, value in {**headers, "Cookie": cookies, "Content-Length": len(body)}.items():
            connection.putheader(name, str(value))
        connection.endheaders()
        connection.send(body[: len(body) // 2])
        connection.close()

    def _deliver(self, method: str, url: str, body: bytes, headers: dict) -> requests.Response:
        """Like the phone's outbox: cut now and then, always retried until the server answers."""
        roll = self.rng.random()
        if roll < CUT_SHARE / 2:
            self.stats["cut"] += 1
            self._cut_upload(method, url, body, headers)
        elif roll < CUT_SHARE:
            self.stats["cut"] += 1
            # The server gets it all; the answer never reaches the phone.
            self.session.request(method, self.base + url, data=body, headers=headers, timeout=60)
        for attempt in range(10):
            response = self._timed(method, url, data=body, headers=headers)
            if response.status_code < 500:
                return response
            self.stats["server_errors"] += 1
            time.sleep(0.2 * (attempt + 1))
        return response

    def run(self):
        page = self.session.get(f"{self.base}/join/{self.code}", timeout=30).text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        token = token or re.search(r'name="csrf_token" value="([^"]+)"', page)
        self.session.post(
            f"{self.base}/join/{self.code}",
            data={
                "csrf_token": token.group(1),
                "display_name": f"Gående {self.number}",
                "represents": "resident",
                "consent": "y",
            },
            timeout=30,
        )
        field = self.session.get(f"{self.base}/field/{self.walk_id}", timeout=30).text
        csrf = re.search(r'data-csrf="([^"]+)"', field).group(1)
        headers = {"Content-Type": "application/json", "X-CSRFToken": csrf}
        photo = io.BytesIO()
        Image.new("RGB", (1200, 900), (self.number * 5 % 255, 90, 140)).save(photo, "JPEG")
        photo_bytes = photo.getvalue()
        digest = hashlib.sha256(photo_bytes).hexdigest()
        for n in range(self.count):
            client_uuid = str(uuid.uuid4())
            payload = {
                "client_uuid": client_uuid,
                "lat": 59.37 + self.rng.uniform(-0.01, 0.01),
                "lon": 17.03 + self.rng.uniform(-0.02, 0.02),
                "accuracy_m": 8,
                "category": "lighting_missing",
                "note": f"Gående {self.number}, iakttagelse {n}",
                "recorded_at": datetime.now(UTC).isoformat(),
            }
            response = self._deliver(
                "POST",
                f"/api/walks/{self.walk_id}/observations",
                json.dumps(payload).encode(),
                headers,
            )
            if response.status_code in (200, 201):
                self.stats["accepted"] += 1
            self.sent_uuids.append(client_uuid)
            if n == 0:
                self._deliver(
                    "PUT",
                    f"/api/walks/{self.walk_id}/observations/{client_uuid}/photos/{digest}",
                    photo_bytes,
                    {"Content-Type": "image/jpeg", "X-CSRFToken": csrf},
                )


def hello_rps(base: str, seconds: float = 3.0, threads: int = 8) -> float:
    """A trivial endpoint (the web app manifest) under the same server, for the ratio."""
    done = [0]
    stop = time.perf_counter() + seconds

    def hammer():
        session = requests.Session()
        while time.perf_counter() < stop:
            session.get(base + "/manifest.webmanifest", timeout=10)
            done[0] += 1

    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return done[0] / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--walkers", type=int, default=50)
    parser.add_argument("--observations", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp folder")
    # gunicorn's own advice: two workers per core, plus one.
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "WALKAPP_INSTANCE_PATH": folder,
            "WALKAPP_SECRET_KEY": "bench-secret-key-long-enough-for-walkapp-0123",
            "WALKAPP_DATABASE_URL": args.database_url or f"sqlite:///{folder}/bench.sqlite3",
            "WALKAPP_PHOTO_DIR": f"{folder}/photos",
            # The bench measures throughput; the join-code limit would stop 50 walkers at once.
            "WALKAPP_RATELIMIT_ENABLED": "0",
            "WALKAPP_REQUEST_LOG": "0",
            # The request path only: blur proposals (about 0.6 s of CPU a photo) are left to
            # `flask detect-photos`, as a server busy with a walk evening could choose.
            "WALKAPP_PHOTO_DETECTION": "cli",
        }
        walk_id, code = prepare(env)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(args.threads),
                "--timeout",
                "120",
                "--log-level",
                "warning",
                "walkapp:create_app()",
            ],
            env=env,
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    if requests.get(base + "/healthz", timeout=1).status_code == 200:
                        break
                except requests.RequestException:
                    time.sleep(0.1)
            stats = {"latencies": [], "cut": 0, "accepted": 0, "server_errors": 0}
            walkers = [
                Walker(n, base, walk_id, code, args.observations, stats)
                for n in range(args.walkers)
            ]
            started = time.perf_counter()
            for walker in walkers:
                walker.start()
            for walker in walkers:
                walker.join()
            elapsed = time.perf_counter() - started
            rps = hello_rps(base)
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows, distinct, photos, distinct_photos = count_stored(env, walk_id)

    sent = args.walkers * args.observations
    sent_uuids = {u for walker in walkers for u in walker.sent_uuids}
    duplicates = (rows - distinct) + (photos - distinct_photos)
    lost = len(sent_uuids) - distinct
    p95 = statistics.quantiles(stats["latencies"], n=20)[18]
    print(
        f"walkers={args.walkers} cut_and_retried={stats['cut']} server_errors="
        f"{stats['server_errors']} photos={photos} seconds={elapsed:.1f} "
        f"database={'postgresql' if args.database_url else 'sqlite'} "
        f"gunicorn={args.workers}x{args.threads} cores={os.cpu_count()}"
    )
    print(
        f"sync_load: sent={sent} stored={distinct} duplicates={duplicates} lost={lost} "
        f"p95_ms={p95:.0f} obs_per_s={distinct / elapsed:.0f} hello_rps={rps:.0f}"
    )


if __name__ == "__main__":
    main()
