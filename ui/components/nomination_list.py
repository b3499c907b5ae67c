"""A nominator's nominations: status (or whether it went on to the final), what is
missing, the deadline and the time left (or that the call has closed)."""

from __future__ import annotations

import pandas as pd

from prize.i18n import format_moment, t_plain
from ui.components import deadline, table
from ui.context import locale


def show(frame: pd.DataFrame, *, key: str) -> None:
    shown = frame.assign(completeness=frame["missing"].map(_completeness), left=[
        deadline.time_left(moment if pd.notna(moment) else None) if is_open else t_plain("form.left.closed", locale())
        for moment, is_open in zip(frame["closes_at"], frame["open_for_edits"], strict=True)],
        status=[_status(row.status, row.standing) for row in frame.itertuples()])
    table.show(shown, key=key, columns={
        "status": "form.col.status", "name": "form.col.name", "villages": "form.col.villages",
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
