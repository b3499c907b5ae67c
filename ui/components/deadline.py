"""A nomination's deadline with the time left, and whether it can still be changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st
from babel.dates import format_timedelta

from prize.i18n import format_moment
from ui.context import locale, tr


def show(*, deadline: datetime | None, open_for_edits: bool, may_edit: bool, key: str) -> None:
    """One line: the deadline and the time left; after it, that the nomination can only be read."""
    with st.container(key=key):
        if may_edit and deadline is not None:
            st.info(tr("form.deadline.open", deadline=format_moment(deadline, locale()),
                       left=time_left(deadline)), icon=":material/schedule:")
        elif may_edit:
            st.caption(tr("form.deadline.none"))
        elif not open_for_edits and deadline is not None:
            st.warning(tr("form.deadline.passed", deadline=format_moment(deadline, locale())), icon=":material/lock:")
        else:
            st.warning(tr("form.deadline.read_only"), icon=":material/lock:")


def time_left(deadline: datetime | None, now: datetime | None = None) -> str:
    """"3 dage og 4 timer", "2 timer og 5 minutter", "1 minut"; or that it has passed."""
    if deadline is None:
        return tr("form.left.none")
    left = deadline - (now or datetime.now(UTC))
    if left <= timedelta(0):
        return tr("form.left.passed")
    days, rest = divmod(left, timedelta(days=1))
    hours, rest = divmod(rest, timedelta(hours=1))
    minutes = rest // timedelta(minutes=1) if days or hours else max(1, rest // timedelta(minutes=1))
    amounts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    start = next(index for index, (count, _) in enumerate(amounts) if count)
    return f" {tr('form.and')} ".join(_amount(count, unit) for count, unit in amounts[start:start + 2] if count)


def _amount(count: int, unit: str) -> str:
    return format_timedelta(timedelta(**{f"{unit}s": count}), threshold=1e6, granularity=unit, locale=locale())
