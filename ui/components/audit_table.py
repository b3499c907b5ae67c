"""The audit trail as a table: time in Danish time, who, what (named for a reader), the
object and its candidate, and the old and the new value."""

from __future__ import annotations

import pandas as pd

from prize.exports.audit import action_label, entity_label
from prize.i18n import format_moment
from ui.components import table
from ui.context import locale

COLUMNS = {"at": "audit.column.at", "actor_label": "audit.column.actor", "action": "audit.column.action",
           "entity": "audit.column.entity", "entity_id": "audit.column.entity_id",
           "candidate": "audit.column.candidate", "old_value": "audit.column.old", "new_value": "audit.column.new"}


def show(frame: pd.DataFrame, *, key: str) -> None:
    language = locale()
    table.show(frame, key=key, columns=COLUMNS, formatters={
        "at": lambda at: str(format_moment(at, language, seconds=True)),
        "action": lambda action: action_label(action, language),
        "entity": lambda entity: entity_label(entity, language),
        "entity_id": lambda entity_id: "" if entity_id is None else str(int(entity_id)),
        "candidate": lambda name: name or "",
        "old_value": lambda value: value or "",
        "new_value": lambda value: value or ""})
