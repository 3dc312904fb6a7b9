"""The server side of bench/sync_load.py: gunicorn sized to the machine, its own database and
the rate limits' store, the walk the walkers join, and what was stored."""

import contextlib
import os
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REDIS = "redis://127.0.0.1:6379/15"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_size(cores: int) -> tuple[int, int]:
    """Workers and threads: a request here is mostly Python holding the GIL (JSON, templates, the
    photo's resizing), so processes use the cores, gunicorn's two per core plus one; four threads
    each cover the waits on the database and the disk without more connections than the pool's
    five per process."""
    return 2 * cores + 1, 4


def _app(env: dict):
    from walkapp import create_app

    os.environ.update(env)
    return create_app()


@contextlib.contextmanager
def bench_database(url: str | None, folder: str):
    """SQLite in the folder, or a PostgreSQL database made for this run and dropped after it."""
    if url is None:
        yield f"sqlite:///{folder}/bench.sqlite3"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    if not (target.database or "").startswith("walkapp_bench"):
        sys.exit("sync_load: the bench drops its database after the run; name it walkapp_bench…")
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    drop = text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
    with admin.connect() as connection:
        connection.execute(drop)
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(drop)
        admin.dispose()


def connection_budget(url: str, workers: int, threads: int) -> str:
    """On PostgreSQL, every thread may hold a connection: refuse to start past max_connections."""
    if not url.startswith("postgresql"):
        return ""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        most = int(connection.scalar(text("SHOW max_connections")))
        used = connection.scalar(text("SELECT count(*) FROM pg_stat_activity"))
    engine.dispose()
    needed = workers * threads
    if needed + used > most:
        sys.exit(f"sync_load: {workers}x{threads} needs {needed} connections, {most - used} free")
    return f" pg_connections={needed}/{most} (in use before: {used})"


class DatabaseCpu(threading.Thread):
    """CPU seconds of the PostgreSQL backends serving the bench's database (the server runs on
    this machine): read from /proc twice a second, so a backend that ends loses at most that."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        from sqlalchemy import create_engine

        self.engine = create_engine(url) if url.startswith("postgresql") else None
        self.first: dict[int, int] = {}
        self.last: dict[int, int] = {}
        self.running = True

    def _sample(self, connection) -> None:
        from sqlalchemy import text

        pids = connection.scalars(
            text(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        for pid in pids:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2 :].split()
            self.last[pid] = int(fields[11]) + int(fields[12])
            self.first.setdefault(pid, self.last[pid] if not self.is_alive() else 0)

    def run(self) -> None:
        with self.engine.connect() as connection:
            while self.running:
                self._sample(connection)
                connection.rollback()
                time.sleep(0.5)

    def start(self) -> None:
        if self.engine is not None:
            with self.engine.connect() as connection:
                self._sample(connection)  # backends already there count from now
            super().start()

    def seconds(self) -> float | None:
        """Stop sampling; the CPU seconds used since start(), None without PostgreSQL."""
        if self.engine is None:
            return None
        self.running = False
        self.join()
        self.engine.dispose()
        used = sum(self.last[pid] - self.first[pid] for pid in self.last)
        return used / os.sysconf("SC_CLK_TCK")


def ratelimit_storage(choice: str) -> str:
    """The rate limits' store: Redis when one answers (shared by all workers, as deployed)."""
    if choice != "auto":
        return choice
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_timeout=1).ping()
        return REDIS
    except Exception:  # no client library or no server: each worker counts for itself
        return "memory://"


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


def count_stored(env: dict, walk_id: int) -> tuple[set[str], int, int, int]:
    """The walk's client UUIDs, its rows, its photos and its observations with a photo."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from walkapp.observations.models import Observation
    from walkapp.photos.models import Photo

    app = _app(env)
    mine = Observation.walk_id == walk_id
    with Session(app.extensions["walkapp.engine"]) as db:
        uuids = {str(u) for u in db.scalars(select(Observation.client_uuid).where(mine))}
        rows = db.scalar(select(func.count(Observation.id)).where(mine))
        joined = select(Photo).join(Observation, Photo.observation_id == Observation.id)
        photos = db.scalar(select(func.count()).select_from(joined.where(mine).subquery()))
        with_photo = db.scalar(
            select(func.count(func.distinct(Photo.observation_id)))
            .join(Observation, Photo.observation_id == Observation.id)
            .where(mine)
        )
    app.extensions["walkapp.engine"].dispose()
    return uuids, rows, photos, with_photo


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


def server_cpu(pid: int) -> float:
    """CPU seconds of gunicorn's master and its workers, those it has reaped included."""

    def times(stat: Path) -> list[int]:
        text = stat.read_text()
        return [int(field) for field in text[text.rindex(")") + 2 :].split()[1:15]]

    ticks = times(Path(f"/proc/{pid}/stat"))[10:14]  # utime, stime, reaped children's
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = times(stat)
        except (OSError, ValueError):
            continue  # gone meanwhile
        if fields[0] == pid:  # parent: a live worker
            ticks += fields[10:12]
    return sum(ticks) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int) -> None:
    """Until every worker has booted (importing walkapp costs seconds of CPU each)."""
    before = server_cpu(pid)
    for _ in range(120):
        time.sleep(0.5)
        now = server_cpu(pid)
        if now - before < 0.05:
            return
        before = now


def serve(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    """gunicorn as the Procfile starts it, sized by the arguments."""
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads)]
    command += ["--timeout", "120", "--graceful-timeout", "30", "--keep-alive", "5"]
    command += ["--max-requests", "2000", "--max-requests-jitter", "200"]
    command += ["--log-level", "warning", "walkapp:create_app()"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.1)
    wait_until_idle(server.pid)
    return server
