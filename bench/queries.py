"""SQL statements and time per page render, at the demo year's 13 nominations and at 1,000.

Every role page is rendered with Streamlit's AppTest against two SQLite
databases: the demo year as shipped, and the same year with 987 synthetic
nominations added (100 of them for lag.randers's body, all eligible, each with
answers to the six guiding questions and 0-3 attachment rows; jury1 has
submitted sheets on all of them and jury2 on half). A SQLAlchemy event on
the Engine class counts the statements of one render. The figures are printed,
never asserted: a page whose count differs between the sizes is reported as a
finding, and the script still exits 0.

    .venv/bin/python bench/queries.py [--renders N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, event, func, insert, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from streamlit.runtime import pages_manager  # noqa: E402
from streamlit.testing.v1 import AppTest, app_test  # noqa: E402

from prize.db import make_engine, session_scope  # noqa: E402
from prize.migrate import upgrade  # noqa: E402
from prize.models import (Attachment, CandidateKind, CandidateVillage, Criterion, NominatingBody,  # noqa: E402
                          Nomination, NominationAnswer, Score, ScoreSheet, SdgGoal)
from prize.models.nomination import nomination_sdgs  # noqa: E402
from prize.models.round import RoundKind  # noqa: E402
from prize.phases import NominationStatus  # noqa: E402
from prize.questions import GUIDING_QUESTIONS  # noqa: E402
from prize.queries.users import user_by_username  # noqa: E402
from prize.queries.years import current_year, scoring_round  # noqa: E402
from prize.services.demo import load_demo_year  # noqa: E402
from prize.storage import LocalStorage  # noqa: E402
from ui.auth import SESSION_VERSION_KEY  # noqa: E402

BCRYPT_ROUNDS = 4
TARGET_NOMINATIONS = 1_000
NOMINATOR_BODY = "LAG Randers-Favrskov"  # lag.randers's body
NOMINATOR_SHARE = 100

# (page, user): every role page, and every role's profile.
CASES: tuple[tuple[str, str], ...] = (
    ("pages/overview.py", "sekretariat"),
    ("pages/nominations.py", "sekretariat"),
    ("pages/users.py", "sekretariat"),
    ("pages/profile.py", "sekretariat"),
    ("pages/scoring.py", "jury1"),
    ("pages/profile.py", "jury1"),
    ("pages/my_nominations.py", "lag.randers"),
    ("pages/profile.py", "lag.randers"),
    ("pages/my_nominations.py", "ildsjael"),
    ("pages/profile.py", "ildsjael"),
)
# Each page's H1 is its menu name (the year's title is the overview's H2).
TITLES = {"pages/overview.py": "Årets forløb",
          "pages/users.py": "Brugere", "pages/nominations.py": "Indstillinger",
          "pages/scoring.py": "Bedømmelse", "pages/my_nominations.py": "Mine indstillinger",
          "pages/profile.py": "Min profil"}
# A village contact's menu names their nomination page "Vores ansøgning".
TITLES_OF_USER = {("pages/my_nominations.py", "ildsjael"): "Vores ansøgning"}
ROLES = {"sekretariat": "secretariat", "jury1": "juror", "lag.randers": "nominator", "ildsjael": "village"}


# --- Counting ----------------------------------------------------------------------------------

class StatementLog:
    """Every statement any engine in this process sends to its database."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        event.listen(Engine, "before_cursor_execute", self._record)

    def _record(self, _connection, _cursor, statement, _parameters, _context, _executemany) -> None:
        self.statements.append(statement)

    def reset(self) -> None:
        self.statements = []


@dataclass(frozen=True)
class Render:
    statements: list[str]
    ms: float


@dataclass(frozen=True)
class PageResult:
    first: Render
    repeats: list[Render]

    @property
    def count(self) -> int:
        """Statements of the second render: the first also fills caches."""
        return len(self.repeats[0].statements)

    @property
    def counts(self) -> set[int]:
        return {len(render.statements) for render in self.repeats}

    @property
    def median_ms(self) -> float:
        return statistics.median(render.ms for render in self.repeats)


# --- Databases ---------------------------------------------------------------------------------

def demo_database(path: Path) -> str:
    """The demo year in a new SQLite file at ``path``, its material in a folder beside it."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        load_demo_year(session, bcrypt_rounds=BCRYPT_ROUNDS, storage=LocalStorage(path.with_suffix(".files")))
    engine.dispose()
    return url


def grow_database(url: str, *, total: int) -> str:
    """Add synthetic nominations (and score sheets) to the demo year until it has ``total``."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        summary = _add_nominations(session, total=total)
    engine.dispose()
    print(f"  1000-size database: {summary}")
    return url


def _next_id(session: Session, column) -> int:
    return (session.scalar(select(func.max(column))) or 0) + 1


def _add_nominations(session: Session, *, total: int) -> str:
    year = current_year(session)
    existing = session.scalar(select(func.count()).select_from(Nomination).where(Nomination.year_id == year.id))
    bodies = list(session.scalars(select(NominatingBody).order_by(NominatingBody.id)))
    nominator_body = next(body for body in bodies if body.name == NOMINATOR_BODY)
    others = [body for body in bodies if body is not nominator_body]
    already = session.scalar(select(func.count()).select_from(Nomination).where(
        Nomination.year_id == year.id, Nomination.nominating_body_id == nominator_body.id))
    goals = list(session.scalars(select(SdgGoal.number).order_by(SdgGoal.number)))
    kinds = list(CandidateKind)
    first_id = _next_id(session, Nomination.id)
    village_id = _next_id(session, CandidateVillage.id)
    nominations, villages, sdgs, answers, attachments = [], [], [], [], []
    for index in range(total - existing):
        body = nominator_body if index < NOMINATOR_SHARE - already else others[index % len(others)]
        municipality = body.municipalities[index % len(body.municipalities)]
        kind = kinds[index % len(kinds)]
        nomination_id = first_id + index
        name = f"Benchby {index + 1:04d}"
        nominations.append(dict(
            id=nomination_id, year_id=year.id, nominating_body_id=body.id, municipality_id=municipality.id,
            name=name, kind=kind, contact_name=f"Kontakt {index + 1:04d}",
            contact_email=f"kontakt{index + 1:04d}@example.dk", summary=f"Syntetisk indstilling nr. {index + 1}.",
            status=NominationStatus.ELIGIBLE, eligibility_reason="Godkendt (syntetisk).",
            submitted_at=year.nomination_deadline - timedelta(minutes=index + 1)))
        answers += [dict(nomination_id=nomination_id, question=question.value,
                         text="Syntetisk svar til benchmark. " * 15) for question in GUIDING_QUESTIONS]
        # Attachment rows only (no files): the lists sum their count and size.
        attachments += [dict(nomination_id=nomination_id, filename=f"bilag-{number}.pdf",
                             content_type="application/pdf", size_bytes=250_000 * (number + 1),
                             sha256=f"{nomination_id:032x}{number:032x}",
                             storage_key=f"{nomination_id:028x}{number:04x}")
                        for number in range(index % 4)]
        for position in range(1, {CandidateKind.VILLAGE: 1, CandidateKind.PARISH: 2}.get(kind, 3) + 1):
            villages.append(dict(id=village_id, nomination_id=nomination_id, position=position,
                                 name=f"{name} {'ABC'[position - 1]}"))
            village_id += 1
        sdgs += [dict(nomination_id=nomination_id, sdg_number=goals[(index + step * 5) % len(goals)])
                 for step in range(3)]
    session.execute(insert(Nomination), nominations)
    session.execute(insert(CandidateVillage), villages)
    session.execute(nomination_sdgs.insert(), sdgs)
    session.execute(insert(NominationAnswer), answers)
    if attachments:
        session.execute(insert(Attachment), attachments)
    sheets, scores = _add_sheets(session, year=year, nomination_ids=[row["id"] for row in nominations])
    session.flush()
    ours = already + min(NOMINATOR_SHARE - already, len(nominations))
    return (f"{existing + len(nominations)} nominations ({ours} for {NOMINATOR_BODY}), "
            f"{len(villages)} villages, {len(answers)} answers, {len(attachments)} attachment rows, "
            f"{sheets} extra score sheets with {scores} scores")


def _add_sheets(session: Session, *, year, nomination_ids: list[int]) -> tuple[int, int]:
    """Submitted sheets with every criterion scored: jury1 on all, jury2 on every other one."""
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    criteria = list(session.scalars(select(Criterion.id).where(Criterion.year_id == year.id)
                                    .order_by(Criterion.position)))
    jurors = [(user_by_username(session, "jury1").id, 1), (user_by_username(session, "jury2").id, 2)]
    sheet_id = _next_id(session, ScoreSheet.id)
    score_id = _next_id(session, Score.id)
    sheets, scores = [], []
    for juror_id, every in jurors:
        for index, nomination_id in enumerate(nomination_ids):
            if index % every:
                continue
            sheets.append(dict(id=sheet_id, round_id=screening.id, juror_id=juror_id, nomination_id=nomination_id,
                               comment="Syntetisk bedømmelse.", submitted_at=screening.opened_at))
            for position, criterion_id in enumerate(criteria):
                scores.append(dict(id=score_id, sheet_id=sheet_id, criterion_id=criterion_id,
                                   value=1 + (index + position) % 5))
                score_id += 1
            sheet_id += 1
    session.execute(insert(ScoreSheet), sheets)
    session.execute(insert(Score), scores)
    return len(sheets), len(scores)


# --- Rendering ---------------------------------------------------------------------------------

def serve_pages_like_the_server() -> None:
    """Make AppTest run app.py on every render, as the server does.

    AppTest resets ``PagesManager.uses_pages_directory`` before each run, so in
    an app with a ``pages/`` folder it renders a switched-to page file on its
    own, without app.py (Streamlit's old page discovery). The server sets the
    flag to False for good once app.py has called ``st.navigation``; this does
    the same before every AppTest run.
    """
    class ServerPagesManager(pages_manager.PagesManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            pages_manager.PagesManager.uses_pages_directory = False

    app_test.PagesManager = ServerPagesManager


def timed_run(at: AppTest, log: StatementLog) -> Render:
    # streamlit-authenticator prints to stdout; keep the table readable.
    with contextlib.redirect_stdout(io.StringIO()):
        log.reset()
        start = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - start
        statements = log.statements
    if at.exception:
        raise RuntimeError("the app raised an exception during a render; its traceback is logged above")
    return Render(statements=statements, ms=elapsed * 1000)


def logged_in(username: str, url: str, log: StatementLog) -> AppTest:
    os.environ["PRIZE_DATABASE_URL"] = url
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    timed_run(at, log)  # logged out: streamlit-authenticator sets up its session keys
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state[SESSION_VERSION_KEY] = 0  # the demo users' logins have never been ended
    timed_run(at, log)
    return at


def render(at: AppTest, url: str, log: StatementLog) -> Render:
    # The app reads its settings on every run: this session's database for this run.
    os.environ["PRIZE_DATABASE_URL"] = url
    return timed_run(at, log)


def measure_all(urls: dict[str, str], log: StatementLog, *, renders: int) -> dict[str, dict]:
    """Per size, per (page, user): the first render and ``renders`` more. The sizes
    take turns render by render, so a noisy neighbour slows both alike."""
    results: dict[str, dict] = {size: {} for size in urls}
    for username in dict.fromkeys(user for _, user in CASES):
        sessions = {size: logged_in(username, url, log) for size, url in urls.items()}
        for page, user in CASES:
            if user != username:
                continue
            first = {size: render(sessions[size].switch_page(page), url, log) for size, url in urls.items()}
            repeats: dict[str, list[Render]] = {size: [] for size in urls}
            for _ in range(renders):
                for size, url in urls.items():
                    repeats[size].append(render(sessions[size], url, log))
            for size in urls:
                titles = [title.value for title in sessions[size].title]
                if titles[:1] != [TITLES_OF_USER.get((page, user), TITLES[page])]:  # the page asked for, not a fallback or a refusal
                    raise RuntimeError(f"{page} for {username} drew the titles {titles}")
                results[size][page, user] = PageResult(first=first[size], repeats=repeats[size])
    return results


# --- Report ------------------------------------------------------------------------------------

def ratio(large: float, small: float) -> str:
    return f"{large / small:.2f}x" if small else "-"


def print_table(small: dict, large: dict) -> None:
    header = (f"{'page':<26} {'role':<12} {'stmts@13':>9} {'stmts@1000':>11} {'ratio':>7} "
              f"{'ms@13':>8} {'ms@1000':>9} {'ratio':>7}   {'1st render stmts/ms @13 | @1000'}")
    print(header)
    print("-" * len(header))
    for page, user in CASES:
        a, b = small[page, user], large[page, user]
        first = (f"{len(a.first.statements)}/{a.first.ms:.0f} | {len(b.first.statements)}/{b.first.ms:.0f}")
        print(f"{page:<26} {ROLES[user]:<12} {a.count:>9} {b.count:>11} {ratio(b.count, a.count):>7} "
              f"{a.median_ms:>8.1f} {b.median_ms:>9.1f} {ratio(b.median_ms, a.median_ms):>7}   {first}")
    unsteady = [f"{page} ({ROLES[user]}) @{size}: {sorted(result[page, user].counts)}"
                for size, result in (("13", small), ("1000", large)) for page, user in CASES
                if len(result[page, user].counts) > 1]
    if unsteady:
        print("Statement count varies between repeated renders: " + "; ".join(unsteady))


def print_growth(small: dict, large: dict) -> None:
    grown = [(page, user) for page, user in CASES if small[page, user].count != large[page, user].count]
    if not grown:
        print("Statement count per render is the same at 13 and at 1000 nominations on every page.")
        return
    print("STATEMENT COUNT GROWS WITH NOMINATIONS: "
          + ", ".join(f"{page} ({ROLES[user]})" for page, user in grown))
    for page, user in grown:
        before = Counter(s[:120] for s in small[page, user].repeats[0].statements)
        after = Counter(s[:120] for s in large[page, user].repeats[0].statements)
        print(f"\n{page} ({ROLES[user]}): distinct statements at 1000 (times @1000, times @13)")
        for statement, times in after.most_common():
            print(f"  {times:>5} {before.get(statement, 0):>5}  {' '.join(statement.split())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=5, help="timed renders per page after the first")
    args = parser.parse_args()
    os.environ.update(PRIZE_COOKIE_KEY="bench-key", PRIZE_DEMO_MODE="true",
                      PRIZE_BCRYPT_ROUNDS=str(BCRYPT_ROUNDS))
    for noisy in ("streamlit.deprecation_util", "streamlit.runtime.scriptrunner_utils.script_run_context",
                  "streamlit.runtime.state.session_state_proxy"):
        logging.getLogger(noisy).disabled = True  # warnings on every render, between the figures
    serve_pages_like_the_server()
    log = StatementLog()
    with tempfile.TemporaryDirectory(prefix="prize-bench-") as tmp:
        print("Building the databases ...")
        small_url = demo_database(Path(tmp) / "demo-13.db")
        large_url = grow_database(demo_database(Path(tmp) / "demo-1000.db"), total=TARGET_NOMINATIONS)
        urls = {"13": small_url, "1000": large_url}
        measure_all(urls, log, renders=1)  # warm-up: imports and first-use costs off the clock
        results = measure_all(urls, log, renders=args.renders)
    small, large = results["13"], results["1000"]
    print(f"\nStatements of the 2nd render (app.py + page), median ms of renders 2-{args.renders + 1} "
          "(AppTest, SQLite):\n")
    print_table(small, large)
    print()
    print_growth(small, large)
    return 0


if __name__ == "__main__":
    sys.exit(main())
