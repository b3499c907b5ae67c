"""When a nomination may still change: the year's deadline, the phase and a reopened nomination."""

from datetime import UTC, datetime, timedelta

import pytest

from prize.deadlines import edits_close_at, open_for_edits
from prize.phases import Phase

DEADLINE = datetime(2020, 1, 15, 11, 0, tzinfo=UTC)  # 12:00 Danish time
BEFORE, AFTER = DEADLINE - timedelta(seconds=1), DEADLINE + timedelta(seconds=1)
REOPENED_UNTIL = DEADLINE + timedelta(days=3)


@pytest.mark.parametrize(("phase", "now", "reopened_until", "expected"), [
    (Phase.NOMINATIONS_OPEN, BEFORE, None, True),
    (Phase.NOMINATIONS_OPEN, DEADLINE, None, False),
    (Phase.NOMINATIONS_OPEN, AFTER, None, False),
    (Phase.NOMINATIONS_OPEN, AFTER, REOPENED_UNTIL, True),
    (Phase.NOMINATIONS_CLOSED, AFTER, None, False),
    (Phase.NOMINATIONS_CLOSED, AFTER, REOPENED_UNTIL, True),
    (Phase.NOMINATIONS_CLOSED, REOPENED_UNTIL, REOPENED_UNTIL, False),
    (Phase.DRAFT, BEFORE, None, False),
    (Phase.SCREENING, AFTER, REOPENED_UNTIL, False),
], ids=["open-before", "open-at-the-deadline", "open-after", "open-after-but-reopened", "closed",
        "closed-but-reopened", "closed-reopening-ended", "draft", "screening-ignores-reopening"])
def test_a_nomination_is_open_for_edits_before_its_deadline_in_the_intake(phase, now, reopened_until, expected):
    assert open_for_edits(phase=phase, year_deadline=DEADLINE, reopened_until=reopened_until, now=now) is expected


def test_without_a_deadline_nominations_take_changes_while_the_phase_is_open():
    assert open_for_edits(phase=Phase.NOMINATIONS_OPEN, year_deadline=None, reopened_until=None, now=AFTER) is True


@pytest.mark.parametrize(("phase", "reopened_until", "expected"), [
    (Phase.NOMINATIONS_OPEN, None, DEADLINE),
    (Phase.NOMINATIONS_OPEN, REOPENED_UNTIL, REOPENED_UNTIL),
    (Phase.NOMINATIONS_CLOSED, None, None),
    (Phase.NOMINATIONS_CLOSED, REOPENED_UNTIL, REOPENED_UNTIL),
    (Phase.SCREENING, REOPENED_UNTIL, None),
], ids=["the-years", "the-later-reopening", "closed", "closed-reopened", "screening"])
def test_edits_close_at_the_later_deadline_that_applies(phase, reopened_until, expected):
    assert edits_close_at(phase=phase, year_deadline=DEADLINE, reopened_until=reopened_until) == expected
