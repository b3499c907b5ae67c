"""The reference data: municipalities and the UN's 17 goals."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import Municipality, SdgGoal


def municipality_codes(session: Session) -> set[int]:
    return set(session.scalars(select(Municipality.code)))


def goal_numbers(session: Session) -> set[int]:
    return set(session.scalars(select(SdgGoal.number)))


def municipalities_by_name(session: Session) -> dict[str, Municipality]:
    return {municipality.name: municipality for municipality in session.scalars(select(Municipality))}


def goals_by_number(session: Session) -> dict[int, SdgGoal]:
    return {goal.number: goal for goal in session.scalars(select(SdgGoal))}
