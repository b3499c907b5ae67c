"""When a nomination may still be changed: pure rules over the year's phase, its
nomination deadline and a deadline the secretariat gave one reopened nomination.
All moments are aware datetimes; the UI shows them in Danish time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from prize.phases import Phase

DANISH_TIME = ZoneInfo("Europe/Copenhagen")

# A nomination reopened by the secretariat may be changed in these phases, until its own deadline.
REOPENABLE_PHASES = frozenset({Phase.NOMINATIONS_OPEN, Phase.NOMINATIONS_CLOSED})


def edits_close_at(*, phase: Phase, year_deadline: datetime | None,
                   reopened_until: datetime | None) -> datetime | None:
    """The moment the nomination stops taking changes: the later of the year's
    deadline (while nominations are open) and its own reopened deadline. None when
    no deadline applies (nominations open, no deadline set) or none is left."""
    moments = [reopened_until] if reopened_until is not None and phase in REOPENABLE_PHASES else []
    if phase == Phase.NOMINATIONS_OPEN and year_deadline is not None:
        moments.append(year_deadline)
    return max(moments) if moments else None


def open_for_edits(*, phase: Phase, year_deadline: datetime | None, reopened_until: datetime | None,
                   now: datetime) -> bool:
    """True while the nomination may be created, changed or submitted."""
    if reopened_until is not None and phase in REOPENABLE_PHASES and now < reopened_until:
        return True
    return phase == Phase.NOMINATIONS_OPEN and (year_deadline is None or now < year_deadline)
