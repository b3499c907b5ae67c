"""A nominator's nominations: status, what is missing, the deadline and the time left."""

from __future__ import annotations

import pandas as pd

from prize.i18n import format_moment, t_plain
from ui.components import deadline, table
from ui.context import locale


def show(frame: pd.DataFrame, *, key: str) -> None:
    shown = frame.assign(completeness=frame["missing"].map(_completeness), left=frame["closes_at"].map(
        lambda moment: deadline.time_left(moment if pd.notna(moment) else None)),
        status=[_status(row.status, row.standing) for row in frame.itertuples()])
    table.show(shown, key=key, columns={
        "name": "form.col.name", "villages": "form.col.villages", "status": "form.col.status",
        "completeness": "form.col.completeness", "closes_at": "form.col.deadline", "left": "form.col.left"},
        formatters={"closes_at": lambda moment: format_moment(moment, locale()) if moment is not None else "-"})


def _status(status: object, standing: object) -> str:
    """The candidate's standing once the shortlist is published, else its status."""
    if standing is not None and not pd.isna(standing):
        return t_plain(f"labels.standing.{standing}", locale())
    return t_plain(f"labels.nominationstatus.{getattr(status, 'value', status)}", locale())


def _completeness(missing: tuple[str, ...]) -> str:
    """A table cell: plain text, not Markdown."""
    if not missing:
        return t_plain("form.list.complete", locale())
    return t_plain("form.list.missing", locale(), parts=", ".join(t_plain(part, locale()) for part in missing))
