"""Backup and restore: time, archive size and peak memory of `python -m prize backup` and `restore`.

Two SQLite databases with their file storage: the demo year as shipped, and the demo
year grown to 1,000 nominations with about 2 GB of stored files (random bytes, so
nothing compresses: two documents per nomination and five 150 MB videos). Each is
backed up with `python -m prize backup FILE` and restored with `python -m prize
restore FILE` into a new SQLite database (and, with --postgres, into a new
PostgreSQL database too), each command in a process of its own. Each is also
downloaded as the secretariat does from the app: through the server's route
`/backup/<token>` (web/backup.py), served by uvicorn in a process of its own and
read by this one. The peak resident memory of each process (ru_maxrss from wait4)
shows that the archive is streamed: it stays far below the archive's size.
Figures are printed, never asserted.

    .venv/bin/python bench/backup.py [--gigabytes 2] [--postgres postgresql+psycopg://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, func, insert, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from prize.actor import Actor  # noqa: E402
from prize.db import make_engine, session_scope  # noqa: E402
from prize.migrate import upgrade  # noqa: E402
from prize.models import (Attachment, CandidateKind, CandidateVillage, NominatingBody, Nomination,  # noqa: E402
                          NominationAnswer, SdgGoal, Video)
from prize.models.nomination import nomination_sdgs  # noqa: E402
from prize.phases import NominationStatus  # noqa: E402
from prize.questions import GuidingQuestion  # noqa: E402
from prize.queries.users import user_by_username  # noqa: E402
from prize.queries.years import current_year  # noqa: E402
from prize.services.backup import backup_link  # noqa: E402
from prize.services.demo import load_demo_year  # noqa: E402
from prize.storage import LocalStorage, Storage  # noqa: E402

BCRYPT_ROUNDS = 4
COOKIE_KEY = "bench-key-for-the-backup-route-0123456789"
SERVER_START_S = 60
TARGET_NOMINATIONS = 1_000
DOCUMENTS_PER_NOMINATION = 2
VIDEOS = 5
VIDEO_BYTES = 150_000_000
# Room on the disk for the files three times (storage, archive, restored storage), and some.
DISK_FACTOR = 3.3


@dataclass(frozen=True)
class Place:
    """A database and its file storage, as `python -m prize` is told them."""

    url: str
    storage_dir: Path

    def environment(self) -> dict[str, str]:
        return {"PATH": os.defpath, "PYTHONUTF8": "1", "PRIZE_DATABASE_URL": self.url,
                "PRIZE_STORAGE_DIR": str(self.storage_dir), "PRIZE_BCRYPT_ROUNDS": str(BCRYPT_ROUNDS),
                "PRIZE_COOKIE_KEY": COOKIE_KEY}


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mib: float
    output: str


# --- Building the two years -----------------------------------------------------------------

def demo_place(directory: Path) -> Place:
    directory.mkdir()
    place = Place(url=f"sqlite:///{directory / 'prize.db'}", storage_dir=directory / "files")
    engine = make_engine(place.url)
    upgrade(engine)
    with session_scope(engine) as session:
        load_demo_year(session, bcrypt_rounds=BCRYPT_ROUNDS, storage=LocalStorage(place.storage_dir))
    engine.dispose()
    return place


def grow(place: Place, *, total: int, file_bytes: int) -> str:
    """Add nominations up to ``total``, each with answers, villages, goals and documents, and
    five videos; the files hold ``file_bytes`` random bytes in all."""
    engine = make_engine(place.url)
    storage = LocalStorage(place.storage_dir)
    with session_scope(engine) as session:
        ids = _add_nominations(session, total=total)
        videos = min(VIDEOS, int(file_bytes * 0.4) // VIDEO_BYTES)
        document_bytes = (file_bytes - videos * VIDEO_BYTES) // (len(ids) * DOCUMENTS_PER_NOMINATION)
        files = _add_documents(session, storage, ids, size=document_bytes)
        files += _add_videos(session, storage, ids[:videos], size=VIDEO_BYTES)
    engine.dispose()
    return (f"{total} nominations, {files} files ({videos} videos of {VIDEO_BYTES / 1e6:.0f} MB, "
            f"{len(ids) * DOCUMENTS_PER_NOMINATION} documents of {document_bytes / 1e6:.2f} MB)")


def _add_nominations(session: Session, *, total: int) -> list[int]:
    year = current_year(session)
    existing = session.scalar(select(func.count()).select_from(Nomination))
    bodies = list(session.scalars(select(NominatingBody).order_by(NominatingBody.id)))
    goals = list(session.scalars(select(SdgGoal.number).order_by(SdgGoal.number)))
    first_id = session.scalar(select(func.max(Nomination.id))) + 1
    village_id = session.scalar(select(func.max(CandidateVillage.id))) + 1
    nominations, villages, answers, sdgs = [], [], [], []
    for index in range(total - existing):
        body, nomination_id, name = bodies[index % len(bodies)], first_id + index, f"Benchby {index + 1:04d}"
        nominations.append(dict(
            id=nomination_id, year_id=year.id, nominating_body_id=body.id,
            municipality_id=body.municipalities[0].id, name=name, kind=CandidateKind.VILLAGE,
            contact_name=f"Kontakt {index + 1:04d}", contact_email=f"kontakt{index + 1:04d}@example.dk",
            summary="Syntetisk indstilling til benchmark. " * 10, status=NominationStatus.SUBMITTED))
        villages.append(dict(id=village_id + index, nomination_id=nomination_id, position=1, name=name))
        answers += [dict(nomination_id=nomination_id, question=question.value,
                         text="Et syntetisk svar på et vejledende spørgsmål. " * 25) for question in GuidingQuestion]
        sdgs += [dict(nomination_id=nomination_id, sdg_number=goals[(index + step * 5) % len(goals)])
                 for step in range(3)]
    session.execute(insert(Nomination), nominations)
    session.execute(insert(CandidateVillage), villages)
    session.execute(insert(NominationAnswer), answers)
    session.execute(nomination_sdgs.insert(), sdgs)
    return [row["id"] for row in nominations] + list(
        session.scalars(select(Nomination.id).where(Nomination.id < first_id)))


class RandomStream:
    """``size`` random bytes to read, made a chunk at a time."""

    def __init__(self, size: int) -> None:
        self.left = size

    def read(self, size: int = -1) -> bytes:
        wanted = self.left if size is None or size < 0 else min(size, self.left)
        self.left -= wanted
        return os.urandom(wanted)


def _add_documents(session: Session, storage: Storage, ids: list[int], *, size: int) -> int:
    rows = []
    for nomination_id in ids:
        for number in range(DOCUMENTS_PER_NOMINATION):
            stored = storage.put(RandomStream(size))
            rows.append(dict(nomination_id=nomination_id, filename=f"bilag-{number + 1}.pdf",
                             content_type="application/pdf", size_bytes=stored.size, sha256=stored.sha256,
                             storage_key=stored.key))
    session.execute(insert(Attachment), rows)
    return len(rows)


def _add_videos(session: Session, storage: Storage, ids: list[int], *, size: int) -> int:
    for nomination_id in ids:
        stored = storage.put(RandomStream(size))
        session.add(Video(nomination_id=nomination_id, title="Præsentation", storage_key=stored.key,
                          content_type="video/mp4", size_bytes=stored.size))
    return len(ids)


# --- Measuring --------------------------------------------------------------------------------

def run_prize(place: Place, *argv: str) -> Run:
    """``python -m prize ARGV`` in a process of its own: wall time and the process's peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "prize", *argv], cwd=REPO, env=place.environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8")
    _, status, usage = os.wait4(process.pid, 0)  # the child's own resource usage
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    output = process.stdout.read().strip()
    process.stdout.close()
    if process.returncode != 0:
        raise SystemExit(f"python -m prize {' '.join(argv)} failed ({process.returncode}):\n{output}")
    return Run(seconds=seconds, peak_rss_mib=usage.ru_maxrss / 1024, output=output)


def serve_route(port: int) -> None:
    """In the server process: the backup route alone, on uvicorn, with the settings of the environment."""
    import uvicorn
    from starlette.applications import Starlette

    from prize.settings import Settings
    from web.backup import backup_route

    settings = Settings.load()
    engine = make_engine(settings.database_url)
    app = Starlette(routes=[backup_route(load_settings=lambda: settings, load_engine=lambda: engine)])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def run_route_download(place: Place) -> tuple[Run, int]:
    """The secretariat's download through ``/backup/<token>``: wall time and the server
    process's peak RSS, and the bytes received (read a mebibyte at a time, kept nowhere)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve-route", str(port)],
                              cwd=REPO, env=place.environment(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, encoding="utf-8")
    try:
        url = f"http://127.0.0.1:{port}{_secretariat_link(place)}"
        _wait_for_port(port, server)
        started = time.perf_counter()
        received = _read_all(url)
        seconds = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGINT)
        _, _, usage = os.wait4(server.pid, 0)
        server.returncode = 0
        server.stderr.close()
    return Run(seconds=seconds, peak_rss_mib=usage.ru_maxrss / 1024, output=""), received


def _secretariat_link(place: Place) -> str:
    engine = make_engine(place.url)
    with session_scope(engine) as session:
        user = user_by_username(session, "sekretariat")
        path = backup_link(actor=Actor.of(user), session_version=user.session_version, cookie_key=COOKIE_KEY).path
    engine.dispose()
    return path


def _wait_for_port(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the route's server stopped:\n{server.stderr.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"the route's server did not start within {SERVER_START_S} s")


def _read_all(url: str) -> int:
    received = 0
    with urllib.request.urlopen(url, timeout=600) as answer:
        while piece := answer.read(1024 * 1024):
            received += len(piece)
    return received


@contextmanager
def postgres_place(server_url: str, directory: Path) -> Iterator[Place]:
    name = f"prize_bench_{secrets.token_hex(4)}"
    server = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    try:
        yield Place(url=make_url(server_url).set(database=name).render_as_string(hide_password=False),
                    storage_dir=directory)
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        server.dispose()


def measure(label: str, source: Place, directory: Path, postgres: str | None) -> Iterator[str]:
    """Back up ``source``, restore it into a new SQLite database (and PostgreSQL): a line per step."""
    archive = directory / f"{label}.zip"
    backup = run_prize(source, "backup", str(archive))
    yield _line(label, "backup", backup, archive_bytes=archive.stat().st_size)
    download, received = run_route_download(source)
    yield _line(label, "download via the route", download, archive_bytes=received)
    restored = Place(url=f"sqlite:///{directory / f'{label}-restored.db'}", storage_dir=directory / "restored")
    yield _line(label, "restore -> SQLite", run_prize(restored, "restore", str(archive)))
    shutil.rmtree(restored.storage_dir, ignore_errors=True)
    if postgres:
        with postgres_place(postgres, directory / "restored-pg") as target:
            yield _line(label, "restore -> PostgreSQL", run_prize(target, "restore", str(archive)))
        shutil.rmtree(directory / "restored-pg", ignore_errors=True)
    archive.unlink()


HEADING = f"{'year':<6} {'step':<22} {'time':>10} {'peak RSS':>10} {'archive':>12}"


def _line(label: str, step: str, run: Run, *, archive_bytes: int | None = None) -> str:
    return (f"{label:<6} {step:<22} {run.seconds:8.2f} s {run.peak_rss_mib:6.0f} MiB "
            f"{_size(archive_bytes) if archive_bytes is not None else '':>12}")


def _size(size: int) -> str:
    return f"{size / 1e3:.1f} kB" if size < 1e6 else f"{size / 1e6:.1f} MB"


def file_budget(directory: Path, wanted: int) -> int:
    """``wanted`` bytes of files, or less when the disk has no room for them three times over."""
    free = shutil.disk_usage(directory).free
    return min(wanted, int(free / DISK_FACTOR) - 500_000_000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=2.0, help="stored files of the large year, in GB")
    parser.add_argument("--postgres", help="a PostgreSQL server's URL: restore into a new database there too")
    parser.add_argument("--serve-route", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_route:
        serve_route(args.serve_route)
        return 0
    with tempfile.TemporaryDirectory(prefix="prize-bench-backup-") as tmp:
        directory = Path(tmp)
        wanted = int(args.gigabytes * 1e9)
        file_bytes = file_budget(directory, wanted)
        if file_bytes < wanted:
            print(f"Only {shutil.disk_usage(directory).free / 1e9:.1f} GB free in {directory}: "
                  f"the large year gets {file_bytes / 1e9:.2f} GB of files instead of {wanted / 1e9:.2f} GB.")
        load = os.getloadavg()[0]
        print(f"{os.cpu_count()} cores, load average {load:.2f} at start; SQLite sources, files in LocalStorage "
              f"under {directory}")
        started = time.perf_counter()
        demo = demo_place(directory / "demo")
        print(f"Built the demo year in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        large = demo_place(directory / "large")
        grown = grow(large, total=TARGET_NOMINATIONS, file_bytes=file_bytes)
        print(f"Built the large year in {time.perf_counter() - started:.1f} s: {grown}")
        baseline = run_prize(demo, "settings")
        print(f"Peak RSS of `python -m prize settings` (the imports alone): {baseline.peak_rss_mib:.0f} MiB\n")
        print(HEADING)
        print("-" * len(HEADING))
        for label, place in (("demo", demo), ("1000", large)):
            for line in measure(label, place, directory, args.postgres):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
