"""Benchmark: walkers join a walk by its code and send 20 observations and a photo each to
walkapp under gunicorn, while one request in ten is cut off and retried; nothing may be lost and
nothing stored twice.

Two kinds of cut: the phone sends the whole request and hangs up before the answer (the server
stores it and nobody hears back), and the upload is cut halfway (the server never gets all of
it). Both are retried at once with the same client UUID and the same photo URL, as the phone's
outbox does, so a retry often reaches the server while its first try is still running. The
walkers come from addresses of their own through one trusted proxy (PROXY_COUNT=1 and
X-Forwarded-For), as phones behind a deployment's nginx do, with every rate limit on. A trivial
endpoint is measured in the same run, so the figures compare across noisy machines.

    python bench/sync_load.py [--walkers 50] [--observations 20] [--database-url URL]

A PostgreSQL URL names a database the bench creates and drops itself; its name must start with
walkapp_bench (postgresql+psycopg://postgres@127.0.0.1:5432/walkapp_bench).
"""

import argparse
import hashlib
import http.client
import io
import json
import os
import random
import re
import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime

import requests
from load_server import (
    DatabaseCpu,
    bench_database,
    connection_budget,
    count_stored,
    free_port,
    gunicorn_size,
    hello_rps,
    prepare,
    ratelimit_storage,
    serve,
    server_cpu,
)
from PIL import Image

CUT_SHARE = 0.10


class Walker(threading.Thread):
    def __init__(self, number: int, base: str, walk_id: int, code: str, count: int, one: bool):
        super().__init__(daemon=True)
        self.number, self.base, self.walk_id, self.code = number, base, walk_id, code
        self.count = count
        self.stats: Counter = Counter()
        self.latencies: list[float] = []
        self.rng = random.Random(number)
        self.session = requests.Session()
        # Behind the deployment's proxy each phone is an address of its own; the proxy appends it.
        # `one`: every phone behind one address (PROXY_COUNT unset behind a proxy, or one NAT).
        self.address = "10.0.0.1" if one else f"10.{number // 250}.{number % 250}.{7 + number % 3}"
        self.session.headers["X-Forwarded-For"] = self.address
        self.sent_uuids: list[str] = []
        self.photo_sent = False
        self.trail: list[str] = []  # the join's requests and answers, shown if it fails
        self.failure = ""

    def _request(self, method: str, url: str, timed: bool = False, **kwargs):
        """One try; None when the connection failed (a worker restarting, a stale keep-alive)."""
        started = time.perf_counter()
        try:
            response = self.session.request(method, self.base + url, timeout=60, **kwargs)
        except requests.Timeout:  # no answer in a minute: the phone gives up and sends again
            self.stats["timeouts"] += 1
            return None
        except requests.ConnectionError:
            self.stats["connection_errors"] += 1
            return None
        if timed:
            self.latencies.append((time.perf_counter() - started) * 1000)
        return response

    def _hang_up(self, method: str, url: str, body: bytes, headers: dict, share: float) -> None:
        """Send the headers and `share` of the body, then hang up without reading any answer."""
        host, port = self.base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)
        connection.putrequest(method, url)
        sent = {**headers, "Cookie": cookies, "Content-Length": len(body)}
        for name, value in {**sent, "X-Forwarded-For": self.address}.items():
            connection.putheader(name, str(value))
        connection.endheaders()
        connection.send(body[: int(len(body) * share)])
        connection.close()

    def _deliver(self, method: str, url: str, body: bytes, headers: dict):
        """Like the phone's outbox: cut now and then, retried until the server answers."""
        roll = self.rng.random()
        if roll < CUT_SHARE:
            self.stats["cut"] += 1
            # Half the time a tunnel halfway through the upload; else the answer never arrives.
            self._hang_up(method, url, body, headers, 0.5 if roll < CUT_SHARE / 2 else 1.0)
        for attempt in range(20):
            response = self._request(method, url, timed=True, data=body, headers=headers)
            if response is not None and response.status_code == 429:
                # "Later", not "no": the phone's outbox sends again after its backoff; here
                # after the Retry-After the limiter sends.
                self.stats["throttled"] += 1
                time.sleep(float(response.headers.get("Retry-After", 5)))
                continue
            if response is not None and response.status_code < 500:
                return response
            if response is not None:
                self.stats["server_errors"] += 1
            time.sleep(0.2 * (attempt + 1))
        return None

    def _page(self, method: str, url: str, **kwargs) -> str:
        """A page of the join, tried until the server answers; its text. Notes the answer."""
        for attempt in range(20):
            response = self._request(method, url, **kwargs)
            if response is not None and response.status_code < 500:
                if response.status_code == 429:
                    self.stats["throttled"] += 1
                self.trail.append(f"{method} {url} {response.status_code} -> {response.url}")
                return response.text
            if response is not None:
                self.stats["server_errors"] += 1
            time.sleep(0.2 * (attempt + 1))
        self.trail.append(f"{method} {url}: no answer")
        return ""

    def join_walk(self) -> str | None:
        """Open the join link, join with a name and consent, open the field page: its CSRF token."""
        page = self._page("GET", f"/join/{self.code}")
        token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
        form = {"display_name": f"Gående {self.number}", "represents": "resident", "consent": "y"}
        if token is not None:
            self._page("POST", f"/join/{self.code}", data={**form, "csrf_token": token.group(1)})
            field = self._page("GET", f"/field/{self.walk_id}")
            csrf = re.search(r'data-csrf="([^"]+)"', field)
            if csrf is not None:
                return csrf.group(1)
        self.failure = "could not join: " + "; ".join(self.trail)
        return None

    def run(self):
        csrf = self.join_walk()
        if csrf is None:
            self.stats["join_failed"] += 1
            return
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
            url = f"/api/walks/{self.walk_id}/observations"
            response = self._deliver("POST", url, json.dumps(payload).encode(), headers)
            self.sent_uuids.append(client_uuid)
            if response is None or response.status_code not in (200, 201):
                self.stats["refused"] += 1
                answer = "no answer" if response is None else response.text[:200]
                self.failure = self.failure or f"observation {n} refused: {answer}"
                continue
            if n == 0:
                photo_headers = {"Content-Type": "image/jpeg", "X-CSRFToken": csrf}
                answer = self._deliver(
                    "PUT", f"{url}/{client_uuid}/photos/{digest}", photo_bytes, photo_headers
                )
                self.photo_sent = answer is not None and answer.status_code in (200, 201)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    workers, threads = gunicorn_size(os.cpu_count() or 1)
    parser.add_argument("--walkers", type=int, default=50)
    parser.add_argument("--observations", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp folder")
    parser.add_argument("--workers", type=int, default=workers)
    parser.add_argument("--threads", type=int, default=threads)
    parser.add_argument("--ratelimit-storage", default="auto", help="auto: Redis if it answers")
    parser.add_argument("--one-address", action="store_true", help="all walkers from one address")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, bench_database(args.database_url, folder) as url:
        env = {
            **os.environ,
            "WALKAPP_INSTANCE_PATH": folder,
            "WALKAPP_SECRET_KEY": "bench-secret-key-long-enough-for-walkapp-0123",
            "WALKAPP_DATABASE_URL": url,
            "WALKAPP_PHOTO_DIR": f"{folder}/photos",
            # One nginx in front: walkapp takes the client address from its X-Forwarded-For.
            "WALKAPP_PROXY_COUNT": "1",
            "WALKAPP_RATELIMIT_STORAGE_URI": ratelimit_storage(args.ratelimit_storage),
            "WALKAPP_RATELIMIT_KEY_PREFIX": f"sync-load-{uuid.uuid4().hex[:8]}",
            "WALKAPP_REQUEST_LOG": "0",
            # The request path only: blur proposals (about 0.6 s of CPU a photo) are left to
            # `flask detect-photos`, as a server busy with a walk evening could choose.
            "WALKAPP_PHOTO_DETECTION": "cli",
        }
        budget = connection_budget(url, args.workers, args.threads)
        walk_id, code = prepare(env)
        port = free_port()
        server = serve(env, port, args.workers, args.threads)
        base = f"http://127.0.0.1:{port}"
        try:
            walkers = [
                Walker(n, base, walk_id, code, args.observations, args.one_address)
                for n in range(args.walkers)
            ]
            started, client_cpu = time.perf_counter(), time.process_time()
            cpu, database_cpu = server_cpu(server.pid), DatabaseCpu(url)
            database_cpu.start()
            for walker in walkers:
                walker.start()
            for walker in walkers:
                walker.join()
            elapsed = time.perf_counter() - started
            client_cpu = time.process_time() - client_cpu
            cpu = server_cpu(server.pid) - cpu
            database_seconds = database_cpu.seconds()
            rps = hello_rps(base)
        finally:
            server.terminate()
            server.wait(timeout=60)
        stored, rows, photos, with_photo = count_stored(env, walk_id)

    stats = sum((walker.stats for walker in walkers), Counter())
    latencies = [ms for walker in walkers for ms in walker.latencies]
    sent = {u for walker in walkers for u in walker.sent_uuids}
    photos_sent = sum(walker.photo_sent for walker in walkers)
    sent_total = args.walkers * args.observations
    duplicates = (rows - len(stored)) + (photos - with_photo)
    lost = (sent_total - len(stored & sent)) + (args.walkers - with_photo)
    cuts = statistics.quantiles(latencies, n=20)
    for walker in walkers:
        if walker.failure:
            print(f"walker {walker.number}: {walker.failure}")
    database = "postgresql" if url.startswith("postgresql") else "sqlite"
    print(
        f"walkers={args.walkers} cut_and_retried={stats['cut']} server_errors="
        f"{stats['server_errors']} connection_errors={stats['connection_errors']} "
        f"timeouts={stats['timeouts']} "
        f"throttled={stats['throttled']} refused={stats['refused']} join_failed="
        f"{stats['join_failed']} photos={photos} photos_acknowledged={photos_sent} "
        f"seconds={elapsed:.1f} database={database} gunicorn={args.workers}x{args.threads} "
        f"cores={os.cpu_count()} ratelimits={env['WALKAPP_RATELIMIT_STORAGE_URI']}{budget}"
    )
    # CPU time is what sizing needs: wall time on a shared machine waits for other work too.
    per_observation = 1000 / max(len(stored), 1)
    db_cpu = ""
    if database_seconds is not None:
        db_cpu = f" db_cpu_s={database_seconds:.1f} db_cpu_ms_per_observation="
        db_cpu += f"{database_seconds * per_observation:.1f}"
    print(
        f"p50_ms={cuts[9]:.0f} load_cpu_s={client_cpu:.1f} server_cpu_s={cpu:.1f} "
        f"server_cpu_ms_per_observation={cpu * per_observation:.1f}{db_cpu}"
    )
    print(
        f"sync_load: sent={sent_total} stored={len(stored & sent)} duplicates={duplicates} "
        f"lost={lost} p95_ms={cuts[18]:.0f} obs_per_s={len(stored) / elapsed:.0f} "
        f"hello_rps={rps:.0f} ratio={len(stored) / elapsed / rps:.3f}"
    )


if __name__ == "__main__":
    main()
