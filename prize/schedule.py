"""The year's dates and the order they must come in: pure rules over values.

The four deadlines are moments (aware datetimes, stored as UTC, entered and
shown in Danish time); the council meeting is a day. Any of them may be missing,
but those that are given must come in this order."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time

from prize.deadlines import DANISH_TIME


@dataclass(frozen=True)
class Deadlines:
    """The year's dates, in the order they must come."""

    nominations_open_at: datetime | None = None
    nomination_deadline: datetime | None = None
    screening_deadline: datetime | None = None
    final_deadline: datetime | None = None
    decision_date: date | None = None

    @classmethod
    def of(cls, year: object) -> Deadlines:
        """The dates of a year (a ``PrizeYear`` or a ``YearInfo``)."""
        return cls(**{name: getattr(year, name) for name in cls.names()})

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(field.name for field in fields(cls))

    def items(self) -> list[tuple[str, datetime | date | None]]:
        return [(name, getattr(self, name)) for name in self.names()]

    def in_utc(self) -> Deadlines:
        """The moments in UTC, as they are stored; a naive moment is a bug."""
        def utc(moment: datetime | None) -> datetime | None:
            if moment is not None and moment.tzinfo is None:
                raise ValueError("naive datetime; give a timezone")
            return moment.astimezone(UTC) if moment is not None else None
        return Deadlines(nominations_open_at=utc(self.nominations_open_at),
                         nomination_deadline=utc(self.nomination_deadline),
                         screening_deadline=utc(self.screening_deadline),
                         final_deadline=utc(self.final_deadline), decision_date=self.decision_date)


def first_out_of_order(deadlines: Deadlines) -> tuple[str, str] | None:
    """The names of the first two given dates that are not in order (the earlier
    must come strictly before the later), or None when all given ones are.

    The council meeting is a day: a deadline must end before that day begins in
    Danish time, so a final deadline on the meeting day itself is out of order."""
    given = [(name, _as_moment(value)) for name, value in deadlines.items() if value is not None]
    for (earlier, first), (later, second) in zip(given, given[1:], strict=False):
        if not first < second:
            return earlier, later
    return None


def _as_moment(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0), tzinfo=DANISH_TIME)


def in_danish_time(moment: datetime | None) -> datetime | None:
    """A moment entered without a time zone (as a date-and-time widget gives it)
    read as Danish time."""
    return moment.replace(tzinfo=DANISH_TIME) if moment is not None else None


def as_danish_time(moment: datetime | None) -> datetime | None:
    """A stored moment as Danish wall-clock time without a time zone, for a widget."""
    return moment.astimezone(DANISH_TIME).replace(tzinfo=None) if moment is not None else None
