"""The secretariat's list of a year's nominations at the demo's 13 and at 1,000.

Builds the two SQLite databases of ``bench/queries.py`` (the demo year, and the
same year grown to 1,000 nominations with answers and attachment rows), then
measures, for each size:

- the service call ``nominations_review`` (the list the page and the CSV
  draw from): median wall time over fresh sessions, and its SQL statements;
- an AppTest render of ``pages/nominations.py`` as the secretariat (app.py and
  the page, as the server runs them): median time and statements;
- the same page with one nomination chosen (its detail, pre-checks and forms).

Targets (issue 6): the service under 1 s at 1,000 nominations, and the same
number of statements at 13 as at 1,000. The figures are printed, never
asserted; the script exits 0 unless the app raises.

    .venv/bin/python bench/nominations_list.py [--runs N]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import queries as page_bench  # noqa: E402  (bench/queries.py: databases, statement log, AppTest helpers)
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from prize.actor import Actor  # noqa: E402
from prize.db import make_engine  # noqa: E402
from prize.models import Nomination  # noqa: E402
from prize.queries.users import user_by_username  # noqa: E402
from prize.queries.years import current_year  # noqa: E402
from prize.services.review import nominations_review  # noqa: E402
from prize.settings import Settings  # noqa: E402

PAGE = "pages/nominations.py"
TARGET_MS = 1000
QUARANTINE_YEARS = Settings.winner_quarantine_years
DETAIL_OF = "Stenhøj Vestermark"


@dataclass(frozen=True)
class Figures:
    """Median milliseconds and the statements of one run (all runs issue the same)."""

    ms: float
    statements: int
    counts: frozenset[int]


def _figures(runs: list[tuple[float, int]]) -> Figures:
    return Figures(ms=statistics.median(ms for ms, _ in runs), statements=runs[0][1],
                   counts=frozenset(count for _, count in runs))


def measure_service(url: str, log: page_bench.StatementLog, *, runs: int) -> Figures:
    """The list as the page asks for it, each run in a fresh session (nothing cached)."""
    engine = make_engine(url)
    with Session(engine) as session:
        actor = Actor.of(user_by_username(session, "sekretariat"))
        year_id = current_year(session).id
    timed = []
    for _ in range(runs + 1):
        with Session(engine) as session:
            log.reset()
            start = time.perf_counter()
            frame = nominations_review(session, actor=actor, year_id=year_id, quarantine_years=QUARANTINE_YEARS)
            timed.append(((time.perf_counter() - start) * 1000, len(log.statements)))
    engine.dispose()
    print(f"  service @{len(frame)}: {len(frame)} rows")
    return _figures(timed[1:])  # the first run also fills SQLAlchemy's statement cache


def _nomination_id(url: str, name: str) -> int:
    engine = make_engine(url)
    with Session(engine) as session:
        found = session.scalars(select(Nomination.id).where(Nomination.name == name)).one()
    engine.dispose()
    return found


def measure_page(url: str, log: page_bench.StatementLog, *, runs: int, chosen: int | None) -> Figures:
    """AppTest renders of the page as the secretariat, with ``chosen`` picked in the page's select box."""
    at = page_bench.logged_in("sekretariat", url, log)
    page_bench.render(at.switch_page(PAGE), url, log)
    if chosen is not None:
        at.selectbox(key="review_choose").set_value(chosen)
        page_bench.render(at, url, log)
    renders = [page_bench.render(at, url, log) for _ in range(runs)]
    titles = [title.value for title in at.title]
    if titles[:1] != ["Indstillinger"]:
        raise RuntimeError(f"{PAGE} drew the titles {titles}")
    return _figures([(render.ms, len(render.statements)) for render in renders])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measurement after a warm-up")
    args = parser.parse_args()
    os.environ.update(PRIZE_COOKIE_KEY="bench-key", PRIZE_DEMO_MODE="true",
                      PRIZE_BCRYPT_ROUNDS=str(page_bench.BCRYPT_ROUNDS))
    for noisy in ("streamlit.deprecation_util", "streamlit.runtime.scriptrunner_utils.script_run_context",
                  "streamlit.runtime.state.session_state_proxy"):
        logging.getLogger(noisy).disabled = True
    page_bench.serve_pages_like_the_server()
    log = page_bench.StatementLog()
    results: dict[str, dict[str, Figures]] = {}
    with tempfile.TemporaryDirectory(prefix="prize-bench-list-") as tmp:
        print("Building the databases ...")
        os.environ["PRIZE_STORAGE_DIR"] = str(Path(tmp) / "files")
        urls = {"13": page_bench.demo_database(Path(tmp) / "demo-13.db"),
                "1000": page_bench.grow_database(page_bench.demo_database(Path(tmp) / "demo-1000.db"),
                                                 total=page_bench.TARGET_NOMINATIONS)}
        for size, url in urls.items():
            chosen = _nomination_id(url, DETAIL_OF)
            results[size] = {"service": measure_service(url, log, runs=args.runs),
                             "page": measure_page(url, log, runs=args.runs, chosen=None),
                             "page + detail": measure_page(url, log, runs=args.runs, chosen=chosen)}
    report(results, runs=args.runs)
    return 0


def report(results: dict[str, dict[str, Figures]], *, runs: int) -> None:
    print(f"\nMedian of {runs} runs after a warm-up (SQLite); statements per run:\n")
    header = f"{'what':<16} {'ms@13':>9} {'ms@1000':>9} {'stmts@13':>9} {'stmts@1000':>11}"
    print(header)
    print("-" * len(header))
    for what in results["13"]:
        small, large = results["13"][what], results["1000"][what]
        print(f"{what:<16} {small.ms:>9.1f} {large.ms:>9.1f} {small.statements:>9} {large.statements:>11}")
    print()
    service = results["1000"]["service"].ms
    print(f"Target: the service under {TARGET_MS} ms at 1,000 nominations: "
          f"{service:.0f} ms, {'met' if service < TARGET_MS else 'MISSED'}.")
    same = all(results["13"][what].statements == results["1000"][what].statements for what in results["13"])
    steady = all(len(figures.counts) == 1 for size in results.values() for figures in size.values())
    print(f"Target: the same statements at 13 and at 1,000: {'met' if same else 'MISSED'}"
          f"{'' if steady else ' (a count varied between runs)'}.")


if __name__ == "__main__":
    sys.exit(main())
