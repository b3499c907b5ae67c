"""The juror's scoring: one score save and the candidate page, at the demo size and
at 1,000 candidates x 30 jurors, and 20 jurors saving at once (SQLite, PostgreSQL).

Builds two SQLite databases: the demo year (13 candidates, 5 jurors) and the same
year grown by bulk inserts to 1,000 eligible candidates (``bench/queries.py``'s
nominations, with jury1's and jury2's submitted sheets) and 30 jurors (jury6 ..
jury30 added, each with a sheet on every 10th synthetic candidate: 4 of 7
criteria scored, every other sheet submitted). Then prints, at each size:

- **save**: ``record_score`` inside ``session_scope`` (one transaction, as the
  sheet's ``_act`` does), jury4 on Stenhøj Vestermark, criterion 1, the value
  changing on every save: median ms over ``--saves`` and statements per save;
- **page**: an AppTest render of app.py + ``pages/scoring.py`` as jury3 with the
  candidate of its sheet in progress opened (session state
  ``scoring_open_candidate``): median ms over ``--renders`` and statements;
- **bare**: an AppTest run of a script with nothing but 13 x 7 ``st.number_input``,
  and the ratio page / bare (AppTest's own share of the page's time);
- **concurrency**: 20 threads, each a different juror (jury6 .. jury25) saving
  scores on 3 demo candidates for ``--seconds`` against the grown database on
  SQLite and on a fresh PostgreSQL database (``--postgres``, created and
  dropped): saves, errors, lost updates (stored value != the last value the
  thread committed), median and p95 save latency.

Targets printed beside the figures: save under 50 ms (median), page under 300 ms,
the same statements at both sizes. Figures are printed, never asserted.

    .venv/bin/python bench/scoring.py [--saves N] [--renders N] [--seconds S] [--postgres URL | --no-postgres]
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import queries as page_bench  # noqa: E402  (bench/queries.py: databases, statement log, AppTest helpers)
from sqlalchemy import Integer, cast, func, insert, select, text  # noqa: E402
from sqlalchemy.dialects.postgresql import REGCLASS  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from prize.actor import Actor  # noqa: E402
from prize.db import make_engine, session_scope  # noqa: E402
from prize.migrate import upgrade  # noqa: E402
from prize.models import Criterion, Nomination, Score, ScoreSheet, User  # noqa: E402
from prize.models.base import Base  # noqa: E402
from prize.models.round import RoundKind  # noqa: E402
from prize.queries.users import user_by_username  # noqa: E402
from prize.queries.years import current_year, scoring_round  # noqa: E402
from prize.roles import Role  # noqa: E402
from prize.services.demo import load_demo_year  # noqa: E402
from prize.services.scoring import record_score  # noqa: E402
from prize.storage import LocalStorage  # noqa: E402

PAGE = "pages/scoring.py"
OPEN_KEY = "scoring_open_candidate"
SAVER, SAVED_ON = "jury4", "Stenhøj Vestermark"  # no sheet in the demo: the first save creates it
READER = "jury3"  # the page: its sheet in progress is the candidate opened
JURORS = 30
SYNTHETIC_EVERY = 10  # each added juror has a sheet on every 10th synthetic candidate
THREADS = 20
THREAD_CANDIDATES = ("Stenhøj Vestermark", "Lindådalens landsbyklynge", "Vesterkær Sogn")
TARGET_SAVE_MS, TARGET_PAGE_MS = 50, 300
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BARE_SHEET = """
import streamlit as st
for candidate in range(13):
    with st.container(border=True):
        for criterion in range(7):
            st.number_input(f"{candidate + 1}.{criterion + 1}", min_value=1, max_value=5, value=None,
                            step=1, key=f"n_{candidate}_{criterion}")
"""


# --- Databases ---------------------------------------------------------------------------------

def demo_at(url: str, files: Path) -> str:
    """The demo year in the (empty) database at ``url``, its material in ``files``."""
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        load_demo_year(session, bcrypt_rounds=page_bench.BCRYPT_ROUNDS, storage=LocalStorage(files))
    engine.dispose()
    return url


def grow(url: str) -> str:
    """1,000 candidates (``queries.py``'s) and 30 jurors with some sheets and scores."""
    page_bench.grow_database(url, total=page_bench.TARGET_NOMINATIONS)
    engine = make_engine(url)
    with session_scope(engine) as session:
        print(f"  1000x30 database: {_add_jurors(session)}")
    restart_sequences(engine)
    engine.dispose()
    return url


def _add_jurors(session: Session) -> str:
    year = current_year(session)
    template = user_by_username(session, "jury1")
    existing = session.scalar(select(func.count()).select_from(User).where(User.role == Role.JUROR))
    first = existing + 1
    session.execute(insert(User), [dict(
        username=f"jury{number}", name=f"Benchjuror {number:02d}", email=f"jury{number}@example.dk",
        role=Role.JUROR, password_hash=template.password_hash, locale="da")
        for number in range(first, JURORS + 1)])
    jurors = list(session.scalars(select(User.id).where(User.username.in_(
        [f"jury{number}" for number in range(first, JURORS + 1)])).order_by(User.id)))
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    criteria = list(session.scalars(select(Criterion.id).where(Criterion.year_id == year.id)
                                    .order_by(Criterion.position)))
    synthetic = list(session.scalars(select(Nomination.id).where(
        Nomination.year_id == year.id, Nomination.name.like("Benchby %")).order_by(Nomination.id)))
    sheet_id = page_bench._next_id(session, ScoreSheet.id)
    score_id = page_bench._next_id(session, Score.id)
    sheets, scores = [], []
    for offset, juror_id in enumerate(jurors):
        for index, nomination_id in enumerate(synthetic[offset % SYNTHETIC_EVERY::SYNTHETIC_EVERY]):
            sheets.append(dict(id=sheet_id, round_id=screening.id, juror_id=juror_id, nomination_id=nomination_id,
                               comment="Syntetisk.", version=1,
                               submitted_at=screening.opened_at if index % 2 else None))
            scores += [dict(id=score_id + position, sheet_id=sheet_id, criterion_id=criterion_id,
                            value=1 + (index + position) % 5, comment="", version=1)
                       for position, criterion_id in enumerate(criteria[:4])]
            score_id += 4
            sheet_id += 1
    session.execute(insert(ScoreSheet), sheets)
    session.execute(insert(Score), scores)
    total = session.scalar(select(func.count()).select_from(User).where(User.role == Role.JUROR))
    return f"{total} jurors ({len(jurors)} added), {len(sheets)} more sheets with {len(scores)} scores"


def restart_sequences(engine) -> None:
    """PostgreSQL: the bulk inserts gave explicit ids; move each id sequence past them."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            column = table.c.get("id")
            if column is None or not isinstance(column.type, Integer):
                continue
            sequence = connection.scalar(select(func.pg_get_serial_sequence(table.name, "id")))
            highest = connection.scalar(select(func.max(column))) if sequence else None
            if highest is not None:
                connection.execute(select(func.setval(cast(sequence, REGCLASS), highest)))


def ids(url: str) -> dict:
    engine = make_engine(url)
    with Session(engine) as session:
        year = current_year(session)
        names = dict(session.execute(select(Nomination.name, Nomination.id)).all())
        reader = user_by_username(session, READER)
        in_progress = session.scalar(select(ScoreSheet.nomination_id).where(
            ScoreSheet.juror_id == reader.id, ScoreSheet.submitted_at.is_(None)).order_by(ScoreSheet.id))
        found = dict(round_id=scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING).id,
                     criteria=list(session.scalars(select(Criterion.id).where(Criterion.year_id == year.id)
                                                   .order_by(Criterion.position))),
                     saver=Actor.of(user_by_username(session, SAVER)), saved_on=names[SAVED_ON],
                     opened=in_progress, opened_name=next(n for n, i in names.items() if i == in_progress),
                     names=names)
    engine.dispose()
    return found


# --- One save, one page ------------------------------------------------------------------------

@dataclass
class Timed:
    ms: list[float] = field(default_factory=list)
    statements: list[list[str]] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.ms)

    @property
    def counts(self) -> set[int]:
        return {len(statements) for statements in self.statements}

    @property
    def count(self) -> int:
        return len(self.statements[0])


def measure_saves(url: str, log: page_bench.StatementLog, *, saves: int) -> Timed:
    """``saves`` timed score saves after two untimed ones (the first creates the sheet)."""
    facts = ids(url)
    engine = make_engine(url)
    version, timed = 0, Timed()
    for number in range(saves + 2):
        log.reset()
        start = time.perf_counter()
        with session_scope(engine) as session:
            line = record_score(session, actor=facts["saver"], round_id=facts["round_id"],
                                nomination_id=facts["saved_on"], criterion_id=facts["criteria"][0],
                                value=2 + number % 2, expected_version=version)
        elapsed = (time.perf_counter() - start) * 1000
        version = line.version
        if number >= 2:
            timed.ms.append(elapsed)
            timed.statements.append(list(log.statements))  # a copy: the log's list goes on filling
    engine.dispose()
    return timed


def measure_pages(urls: dict[str, str], files: dict[str, Path], log: page_bench.StatementLog, *,
                  renders: int) -> dict[str, Timed]:
    """The candidate page at each size, the sizes taking turns render by render."""
    sessions, results = {}, {size: Timed() for size in urls}
    for size, url in urls.items():
        os.environ["PRIZE_STORAGE_DIR"] = str(files[size])
        at = page_bench.logged_in(READER, url, log)
        page_bench.render(at.switch_page(PAGE), url, log)
        at.session_state[OPEN_KEY] = ids(url)["opened"]
        page_bench.render(at, url, log)  # the candidate's first render: caches and the material list
        sessions[size] = at
    for _ in range(renders):
        for size, url in urls.items():
            os.environ["PRIZE_STORAGE_DIR"] = str(files[size])
            render = page_bench.render(sessions[size], url, log)
            results[size].ms.append(render.ms)
            results[size].statements.append(list(render.statements))  # a copy, as for the saves
    for size, at in sessions.items():
        headers = [header.value for header in at.subheader]
        if [title.value for title in at.title][:1] != ["Bedømmelse"] or len(at.radio) != 7:
            raise RuntimeError(f"{PAGE} @{size} drew {[t.value for t in at.title]}, {headers}, {len(at.radio)} radios")
    return results


def measure_bare(*, renders: int) -> Timed:
    at = AppTest.from_string(BARE_SHEET, default_timeout=60)
    at.run()
    timed = Timed()
    for _ in range(renders):
        start = time.perf_counter()
        at.run()
        timed.ms.append((time.perf_counter() - start) * 1000)
    if len(at.number_input) != 91:
        raise RuntimeError(f"the bare sheet drew {len(at.number_input)} number inputs")
    return timed


# --- Concurrency -------------------------------------------------------------------------------

@dataclass
class Crowd:
    saves: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    lost: int = 0
    checked: int = 0
    example_error: str = ""
    per_thread: list[int] = field(default_factory=list)


def crowd(url: str, *, seconds: float) -> Crowd:
    """THREADS jurors (jury6 ..) saving scores at once on one shared engine, as the server's sessions do."""
    facts = ids(url)
    engine = make_engine(url)
    with Session(engine) as session:
        actors = [Actor.of(user_by_username(session, f"jury{number}")) for number in range(6, 6 + THREADS)]
    candidates, criteria = [facts["names"][name] for name in THREAD_CANDIDATES], facts["criteria"]
    result, lock = Crowd(), threading.Lock()
    last: dict[tuple[int, int, int], int] = {}
    start_line, stop = threading.Barrier(THREADS), time.monotonic() + seconds

    def work(number: int, actor: Actor) -> None:
        chance = random.Random(number)
        versions: dict[tuple[int, int], int] = {}
        done = 0
        start_line.wait()
        while time.monotonic() < stop:
            target = (chance.choice(candidates), chance.choice(criteria))
            previous = last.get((actor.id, *target))
            value = chance.choice([v for v in range(1, 6) if v != previous])
            began = time.perf_counter()
            try:
                with session_scope(engine) as session:
                    line = record_score(session, actor=actor, round_id=facts["round_id"], nomination_id=target[0],
                                        criterion_id=target[1], value=value,
                                        expected_version=versions.get(target, 0))
            except Exception as error:  # noqa: BLE001 - counted and reported
                with lock:
                    result.errors[type(error).__name__] += 1
                    result.example_error = result.example_error or f"{type(error).__name__}: {error}"[:300]
                continue
            elapsed = (time.perf_counter() - began) * 1000
            versions[target] = line.version
            last[(actor.id, *target)] = value
            done += 1
            with lock:
                result.saves += 1
                result.latencies.append(elapsed)
        with lock:
            result.per_thread.append(done)

    threads = [threading.Thread(target=work, args=(number, actor)) for number, actor in enumerate(actors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(engine) as session:
        stored = {(juror, nomination, criterion): value for juror, nomination, criterion, value in session.execute(
            select(ScoreSheet.juror_id, ScoreSheet.nomination_id, Score.criterion_id, Score.value)
            .join(Score, Score.sheet_id == ScoreSheet.id)
            .where(ScoreSheet.juror_id.in_([actor.id for actor in actors]),
                   ScoreSheet.nomination_id.in_(candidates)))}
    engine.dispose()
    result.checked = len(last)
    result.lost = sum(stored.get(key) != value for key, value in last.items())
    return result


def fresh_postgres(server: str, tmp: Path) -> tuple[str, callable]:
    """A new database on ``server`` with the grown year; returns its URL and a function dropping it."""
    name = f"prize_bench_scoring_{os.getpid()}"
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    try:
        grow(demo_at(url, tmp / "pg.files"))
    except BaseException:
        drop()
        raise
    return url, drop


# --- Report ------------------------------------------------------------------------------------

def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def growth(what: str, small: Timed, large: Timed) -> None:
    if small.count == large.count:
        return
    before = Counter(" ".join(s.split())[:120] for s in small.statements[0])
    after = Counter(" ".join(s.split())[:120] for s in large.statements[0])
    print(f"\n{what}: statements that differ (times @1000x30, times @demo)")
    for statement in sorted(set(before) | set(after)):
        if before[statement] != after[statement]:
            print(f"  {after[statement]:>5} {before[statement]:>5}  {statement}")


def report(saves: dict[str, Timed], pages: dict[str, Timed], bare: Timed, crowds: dict[str, Crowd],
           *, seconds: float) -> None:
    print("\nMedian ms after warm-up (SQLite); statements per save / per render (BEGIN included):\n")
    header = f"{'what':<34} {'ms@demo':>9} {'ms@1000x30':>11} {'stmts@demo':>11} {'stmts@1000x30':>14}"
    print(header)
    print("-" * len(header))
    for what, figures in (("save (record_score + commit)", saves), ("candidate page (AppTest)", pages)):
        small, large = figures["demo"], figures["1000x30"]
        print(f"{what:<34} {small.median:>9.1f} {large.median:>11.1f} {small.count:>11} {large.count:>14}")
    print(f"{'bare 13x7 number_input (AppTest)':<34} {bare.median:>9.1f}")
    print(f"{'ratio page / bare':<34} {pages['demo'].median / bare.median:>8.2f}x "
          f"{pages['1000x30'].median / bare.median:>10.2f}x")
    unsteady = [f"{what} @{size}: {sorted(timed.counts)}" for what, figures in (("save", saves), ("page", pages))
                for size, timed in figures.items() if len(timed.counts) > 1]
    if unsteady:
        print("Statement count varies between runs: " + "; ".join(unsteady))
    print()
    save_ms = max(timed.median for timed in saves.values())
    page_ms = max(timed.median for timed in pages.values())
    same = all(figures["demo"].count == figures["1000x30"].count for figures in (saves, pages))
    print(f"Target: save under {TARGET_SAVE_MS} ms (median, slower size): {save_ms:.1f} ms, "
          f"{verdict(save_ms < TARGET_SAVE_MS)}.")
    print(f"Target: page under {TARGET_PAGE_MS} ms (median, slower size): {page_ms:.0f} ms, "
          f"{verdict(page_ms < TARGET_PAGE_MS)}.")
    print(f"Target: the same statements at both sizes: {verdict(same)}.")
    growth("save", saves["demo"], saves["1000x30"])
    growth("candidate page", pages["demo"], pages["1000x30"])
    if not crowds:
        return
    print(f"\n{THREADS} jurors saving at once for {seconds:.0f} s (1000x30 database, one engine, threads):\n")
    header = (f"{'database':<11} {'saves':>6} {'saves/s':>8} {'errors':>7} {'lost':>9} "
              f"{'median ms':>10} {'p95 ms':>8} {'max ms':>8}   saves per thread min/median/max")
    print(header)
    print("-" * len(header))
    for name, result in crowds.items():
        latencies = result.latencies or [0.0]
        p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) > 1 else latencies[0]
        print(f"{name:<11} {result.saves:>6} {result.saves / seconds:>8.1f} {sum(result.errors.values()):>7} "
              f"{f'{result.lost}/{result.checked}':>9} {statistics.median(latencies):>10.1f} {p95:>8.1f} "
              f"{max(latencies):>8.1f}   {min(result.per_thread)}/{statistics.median(result.per_thread):.0f}/"
              f"{max(result.per_thread)}")
    for name, result in crowds.items():
        if result.errors:
            print(f"  {name} errors: {dict(result.errors)}; e.g. {result.example_error}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=31, help="timed saves per size")
    parser.add_argument("--renders", type=int, default=9, help="timed page renders per size")
    parser.add_argument("--seconds", type=float, default=10, help="duration of each concurrent run")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES,
                        help="a PostgreSQL server URL; the script creates and drops its own database there")
    parser.add_argument("--no-postgres", action="store_true", help="run the concurrent saves on SQLite only")
    args = parser.parse_args()
    os.environ.update(PRIZE_COOKIE_KEY="bench-key", PRIZE_DEMO_MODE="true",
                      PRIZE_BCRYPT_ROUNDS=str(page_bench.BCRYPT_ROUNDS))
    for noisy in ("streamlit.deprecation_util", "streamlit.runtime.scriptrunner_utils.script_run_context",
                  "streamlit.runtime.state.session_state_proxy", "streamlit.runtime.caching.cache_data_api"):
        logging.getLogger(noisy).disabled = True
    page_bench.serve_pages_like_the_server()
    log = page_bench.StatementLog()
    with tempfile.TemporaryDirectory(prefix="prize-bench-scoring-") as tmp:
        tmp = Path(tmp)
        print("Building the databases ...")
        files = {"demo": tmp / "demo.files", "1000x30": tmp / "large.files"}
        urls = {"demo": demo_at(f"sqlite:///{tmp / 'demo.db'}", files["demo"]),
                "1000x30": grow(demo_at(f"sqlite:///{tmp / 'large.db'}", files["1000x30"]))}
        opened = ids(urls["demo"])["opened_name"]
        print(f"  save: {SAVER} on {SAVED_ON}, criterion 1; page: {READER} with {opened} opened")
        saves = {size: measure_saves(url, log, saves=args.saves) for size, url in urls.items()}
        pages = measure_pages(urls, files, log, renders=args.renders)
        bare = measure_bare(renders=args.renders)
        crowds = {"SQLite": crowd(urls["1000x30"], seconds=args.seconds)}
        if not args.no_postgres:
            print("Building the PostgreSQL database ...")
            url, drop = fresh_postgres(args.postgres, tmp)
            try:
                crowds["PostgreSQL"] = crowd(url, seconds=args.seconds)
            finally:
                drop()
    report(saves, pages, bare, crowds, seconds=args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
