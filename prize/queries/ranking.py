"""What the ranking of a round is computed from, besides the counted scores
(``prize.queries.conflicts.counted_scores_frame``): the round's candidates and the
names of the jurors."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import Finalist, Nomination, User
from prize.phases import IN_COMPETITION


def round_candidates(session: Session, *, year_id: int, finalists_only: bool) -> dict[int, str]:
    """The candidates a round covers, id to name: the year's nominations in competition; in
    the final round only the finalists."""
    statement = select(Nomination.id, Nomination.name).where(Nomination.year_id == year_id,
                                                             Nomination.status.in_(IN_COMPETITION))
    if finalists_only:
        statement = statement.join(Finalist, Finalist.nomination_id == Nomination.id)
    return {row.id: row.name for row in session.execute(statement)}


def user_names(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    """The names of the users with these ids."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    return {row.id: row.name for row in session.execute(select(User.id, User.name).where(User.id.in_(ids)))}
