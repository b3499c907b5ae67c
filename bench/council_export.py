"""The recommendation to the council as Word, PDF and Excel: time and peak memory per file.

Two SQLite databases:

- **demo**: the demo year as shipped (13 candidates, first round), so the files are drafts.
- **large**: the demo year grown to ``--nominations`` (default 200) eligible candidates and
  ``--jurors`` (default 30) jurors, every juror with a submitted first-round sheet of all 7
  scores on every candidate (200 x 30 = 6,000 sheets, 42,000 scores).

For each database and format: the median wall time of ``exporter.export`` over ``--runs``
fresh sessions (gathering the report, drawing the charts and writing the file) and the peak
Python memory of one export (tracemalloc: what Python allocates, not the process's RSS).
Targets (issue 10): under 3 s per file for the demo year, under 20 s for 200 nominations.
Printed, never asserted.

    .venv/bin/python bench/council_export.py [--runs N] [--nominations N] [--jurors N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PRIZE_COOKIE_KEY", "bench-key")

from sqlalchemy import insert, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from prize.actor import Actor  # noqa: E402
from prize.db import make_engine, session_scope  # noqa: E402
from prize.exports import exporter_for  # noqa: E402
from prize.migrate import upgrade  # noqa: E402
from prize.models import Criterion, Nomination, Score, ScoreSheet, ScoringRound, User  # noqa: E402
from prize.models.base import utcnow  # noqa: E402
from prize.phases import NominationStatus, RoundKind  # noqa: E402
from prize.queries.users import user_by_username  # noqa: E402
from prize.queries.years import current_year  # noqa: E402
from prize.roles import Role  # noqa: E402
from prize.services.demo import load_demo_year  # noqa: E402
from prize.services.years import YearInfo  # noqa: E402
from prize.storage import LocalStorage  # noqa: E402

FORMATS = ("docx", "pdf", "xlsx")
TARGET_S = {"demo": 3.0, "large": 20.0}


def demo_database(path: Path) -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        load_demo_year(session, bcrypt_rounds=4, storage=LocalStorage(path.with_suffix(".files")))
    engine.dispose()
    return url


def grow(url: str, *, nominations: int, jurors: int) -> None:
    """Add candidates and jurors up to the sizes asked, each juror scoring every candidate."""
    engine = make_engine(url)
    randomness = random.Random(10)
    with session_scope(engine) as session:
        year = current_year(session)
        template = session.scalars(select(Nomination).where(Nomination.year_id == year.id)).first()
        have = session.scalars(select(Nomination.id).where(Nomination.year_id == year.id)).all()
        session.execute(insert(Nomination), [
            {"year_id": year.id, "nominating_body_id": template.nominating_body_id,
             "municipality_id": template.municipality_id, "name": f"Benchby {number:04d}",
             "summary": "En landsby med forsamlingshus, skole og et stærkt fællesskab.",
             "status": NominationStatus.ELIGIBLE, "created_at": utcnow(), "submitted_at": utcnow()}
            for number in range(1, nominations - len(have) + 1)])
        juror_count = len(session.scalars(select(User.id).where(User.role == Role.JUROR)).all())
        session.execute(insert(User), [
            {"username": f"benchjury{number:02d}", "name": f"Jurymedlem Bænk {number:02d}", "role": Role.JUROR,
             "password_hash": "x", "created_at": utcnow()} for number in range(1, jurors - juror_count + 1)])
        _score_everything(session, year_id=year.id, randomness=randomness)
    engine.dispose()


def _score_everything(session: Session, *, year_id: int, randomness: random.Random) -> None:
    screening = session.scalars(select(ScoringRound).where(ScoringRound.year_id == year_id,
                                                           ScoringRound.kind == RoundKind.SCREENING)).one()
    criteria = session.scalars(select(Criterion.id).where(Criterion.year_id == year_id)).all()
    candidates = session.scalars(select(Nomination.id).where(Nomination.year_id == year_id)).all()
    jurors = session.scalars(select(User.id).where(User.role == Role.JUROR)).all()
    taken = set(session.execute(select(ScoreSheet.juror_id, ScoreSheet.nomination_id)
                                .where(ScoreSheet.round_id == screening.id)).tuples())
    pairs = [(juror, nomination) for juror in jurors for nomination in candidates if (juror, nomination) not in taken]
    now = utcnow()
    session.execute(insert(ScoreSheet), [{"round_id": screening.id, "juror_id": juror, "nomination_id": nomination,
                                          "comment": "", "submitted_at": now, "created_at": now, "updated_at": now}
                                         for juror, nomination in pairs])
    sheets = session.execute(select(ScoreSheet.id).where(ScoreSheet.round_id == screening.id,
                                                         ScoreSheet.created_at == now)).scalars().all()
    session.execute(insert(Score), [{"sheet_id": sheet, "criterion_id": criterion, "value": randomness.randint(1, 5),
                                     "comment": "", "created_at": now, "updated_at": now}
                                    for sheet in sheets for criterion in criteria])


def measure(url: str, kind: str, *, runs: int) -> tuple[float, float, int]:
    """Median seconds, peak MiB and file size of exporting ``kind``."""
    engine = make_engine(url)
    with Session(engine) as session:
        actor = Actor.of(user_by_username(session, "sekretariat"))
        year = YearInfo.of(current_year(session))
    exporter = exporter_for(f"recommendation-{kind}")(year=year)
    seconds = []
    for _ in range(runs):
        with Session(engine) as session:
            start = time.perf_counter()
            exported = exporter.export(session, actor=actor)
            seconds.append(time.perf_counter() - start)
    with Session(engine) as session:
        tracemalloc.start()
        exporter.export(session, actor=actor)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    engine.dispose()
    return statistics.median(seconds), peak / 1024 / 1024, len(exported.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nominations", type=int, default=200)
    parser.add_argument("--jurors", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        demo = demo_database(Path(folder) / "demo.db")
        large = demo_database(Path(folder) / "large.db")
        grow(large, nominations=args.nominations, jurors=args.jurors)
        print(f"{'year':<6} {'format':<6} {'median s':>9} {'target s':>9} {'peak MiB':>9} {'file kB':>9}")
        for name, url in (("demo", demo), ("large", large)):
            for kind in FORMATS:
                seconds, peak, size = measure(url, kind, runs=args.runs)
                print(f"{name:<6} {kind:<6} {seconds:>9.2f} {TARGET_S[name]:>9.0f} {peak:>9.1f} {size / 1024:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
