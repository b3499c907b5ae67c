from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import Session

from prize.i18n import danish_sort_key
from prize.models import CandidateVillage, Municipality, NominatingBody, Nomination, PrizeYear
from prize.phases import NominationStatus, Phase

_COLUMNS = (Nomination.id, Nomination.name, Nomination.kind, Municipality.name.label("municipality"),
            Nomination.nominating_body_id, NominatingBody.name.label("nominating_body"),
            Nomination.contact_name, Nomination.status, Nomination.submitted_at)


def _listing(year_id: int) -> Select:
    return (select(*_COLUMNS)
            .join(Municipality, Nomination.municipality_id == Municipality.id)
            .join(NominatingBody, Nomination.nominating_body_id == NominatingBody.id)
            .where(Nomination.year_id == year_id)
            .order_by(Nomination.name))


def nominations_frame(session: Session, *, year_id: int) -> pd.DataFrame:
    """All the year's nominations, with a ``villages`` column joining the villages
    of each candidate."""
    return _frame(session, _listing(year_id))


def nominations_in_reach_frame(session: Session, *, year_id: int, body_id: int | None,
                               nomination_id: int | None) -> pd.DataFrame:
    """The year's nominations of the body ``body_id`` or the one ``nomination_id``
    (none when both are None): what a nominator or a village contact may reach."""
    reach = [condition for value, condition in ((body_id, Nomination.nominating_body_id == body_id),
                                                (nomination_id, Nomination.id == nomination_id))
             if value is not None]
    return _frame(session, _listing(year_id).where(or_(false(), *reach)))


def _frame(session: Session, statement: Select) -> pd.DataFrame:
    frame = sort_by_name(pd.DataFrame(session.execute(statement).mappings().all(),
                                      columns=[c.key for c in _COLUMNS]))
    villages = villages_by_nomination(session, frame["id"].tolist())
    frame.insert(2, "villages", [", ".join(villages.get(i, [])) for i in frame["id"]])
    return frame


def villages_by_nomination(session: Session, nomination_ids: list[int]) -> dict[int, list[str]]:
    if not nomination_ids:
        return {}
    rows = session.execute(select(CandidateVillage.nomination_id, CandidateVillage.name)
                           .where(CandidateVillage.nomination_id.in_(nomination_ids))
                           .order_by(CandidateVillage.nomination_id, CandidateVillage.position))
    result: dict[int, list[str]] = {}
    for nomination_id, name in rows:
        result.setdefault(nomination_id, []).append(name)
    return result


def sort_by_name(frame: pd.DataFrame, column: str = "name") -> pd.DataFrame:
    """Rows in Danish alphabetical order of ``column`` (the database sorts by code point)."""
    return frame.sort_values(column, key=lambda names: names.map(danish_sort_key),
                             kind="stable", ignore_index=True)


@dataclass(frozen=True)
class NominationReach:
    """What the rule book needs to know about one nomination and its year."""

    nomination_id: int
    nominating_body_id: int
    year_id: int
    status: NominationStatus
    phase: Phase
    nomination_deadline: datetime | None
    reopened_until: datetime | None


def _reach_statement() -> Select:
    return (select(Nomination.id, Nomination.nominating_body_id, Nomination.year_id, Nomination.status,
                   PrizeYear.phase, PrizeYear.nomination_deadline, Nomination.reopened_until)
            .join(PrizeYear, Nomination.year_id == PrizeYear.id))


def nomination_reaches(session: Session, nomination_ids: list[int]) -> dict[int, NominationReach]:
    """The facts of each of ``nomination_ids`` that exists, in one statement."""
    if not nomination_ids:
        return {}
    rows = session.execute(_reach_statement().where(Nomination.id.in_(nomination_ids)))
    return {row.id: NominationReach(*row) for row in rows}


def nomination_reach(session: Session, nomination_id: int, *, lock: bool = False) -> NominationReach | None:
    """The facts of nomination ``nomination_id``, None when there is none. ``lock``
    takes a row lock on the nomination (PostgreSQL) for a change that follows."""
    statement = _reach_statement().where(Nomination.id == nomination_id)
    if lock:
        statement = statement.with_for_update(of=Nomination)
    row = session.execute(statement).one_or_none()
    return None if row is None else NominationReach(*row)
