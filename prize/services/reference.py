"""The shipped reference data: municipalities and the UN's 17 goals."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session

from prize.models import Municipality, SdgGoal
from prize.queries.reference import goal_numbers, municipality_codes
from prize.settings import DATA_DIR


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(session: Session, data_dir: Path = DATA_DIR) -> int:
    """Add the municipalities and goals that are missing; returns how many were added."""
    known_codes = municipality_codes(session)
    known_goals = goal_numbers(session)
    added = [Municipality(code=int(row["code"]), name=row["name"])
             for row in _rows(data_dir / "municipalities.csv") if int(row["code"]) not in known_codes]
    added += [SdgGoal(number=int(row["number"]), name_da=row["name_da"], name_en=row["name_en"])
              for row in _rows(data_dir / "sdgs.csv") if int(row["number"]) not in known_goals]
    session.add_all(added)
    session.flush()
    return len(added)


@cache
def region_municipality_codes(data_dir: Path = DATA_DIR) -> frozenset[int]:
    """The codes of the region's municipalities, as shipped in ``municipalities.csv``."""
    return frozenset(int(row["code"]) for row in _rows(data_dir / "municipalities.csv"))
