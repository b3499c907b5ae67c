"""The finalists' presentations to the jury: the schedule, and one presentation's row."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.models import Finalist, Municipality, Nomination, Presentation

SCHEDULE_COLUMNS = ["nomination_id", "candidate", "municipality", "starts_at", "place", "online_url", "notes",
                    "notes_version"]


def schedule_frame(session: Session, *, year_id: int) -> pd.DataFrame:
    """Every finalist of the year with its presentation (``SCHEDULE_COLUMNS``): the
    scheduled ones by time, then those without a time in the shortlist's order."""
    rows = session.execute(
        select(Finalist.nomination_id, Nomination.name, Municipality.name, Presentation.starts_at,
               func.coalesce(Presentation.place, ""), func.coalesce(Presentation.online_url, ""),
               func.coalesce(Presentation.notes, ""), func.coalesce(Presentation.notes_version, 0))
        .join(Nomination, Nomination.id == Finalist.nomination_id)
        .join(Municipality, Municipality.id == Nomination.municipality_id)
        .outerjoin(Presentation, Presentation.nomination_id == Finalist.nomination_id)
        .where(Finalist.year_id == year_id)
        .order_by(Presentation.starts_at.is_(None), Presentation.starts_at, Finalist.position)).all()
    return pd.DataFrame(rows, columns=SCHEDULE_COLUMNS)


def finalist_of_year(session: Session, *, year_id: int, nomination_id: int) -> Nomination | None:
    """The nomination when it is a finalist of the year; else None."""
    return session.scalar(select(Nomination).join(Finalist, Finalist.nomination_id == Nomination.id)
                          .where(Finalist.year_id == year_id, Nomination.id == nomination_id))


def presentation_for_update(session: Session, nomination_id: int) -> Presentation | None:
    return session.scalar(select(Presentation).where(Presentation.nomination_id == nomination_id)
                          .with_for_update().execution_options(populate_existing=True))
