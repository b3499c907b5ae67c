"""A nominator's nominations: status, what is missing, the deadline and the time left
(or that the call has closed)."""

from __future__ import annotations

import pandas as pd

from prize.i18n import format_moment, t_plain
from ui.components import deadline, table
from ui.context import locale


def show(frame: pd.DataFrame, *, key: str) -> None:
    shown = frame.assign(completeness=frame["missing"].map(_completeness), left=[
        deadline.time_left(moment if pd.notna(moment) else None) if is_open else t_plain("form.left.closed", locale())
        for moment, is_open in zip(frame["closes_at"], frame["open_for_edits"], strict=True)])
    table.show(shown, key=key, columns={
        "status": "form.col.status", "name": "form.col.name", "villages": "form.col.villages",
        "completeness": "form.col.completeness", "closes_at": "form.col.deadline", "left": "form.col.left"},
        formatters={"status": table.label("nominationstatus"),
                    "closes_at": lambda moment: format_moment(moment, locale()) if moment is not None else "-"})


def _completeness(missing: tuple[str, ...]) -> str:
    """A table cell: plain text, not Markdown."""
    if not missing:
        return t_plain("form.list.complete", locale())
    return t_plain("form.list.missing", locale(), parts=", ".join(t_plain(part, locale()) for part in missing))
