"""The secretariat's list of the year's nominations: filters, the sort order and the table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from prize.i18n import danish_sort_key, format_moment, format_size, t_plain
from prize.phases import NominationStatus
from ui.components import table
from ui.context import locale, tr

SORTS = ("name", "municipality", "nominating_body", "status", "submitted_at", "attachment_bytes")
COMPLETENESS = ("all", "only_complete", "only_incomplete")
_STATUS_ORDER = {status: index for index, status in enumerate(NominationStatus)}
_SORT_KEYS = {"name": lambda names: names.map(danish_sort_key),
              "municipality": lambda names: names.map(danish_sort_key),
              "nominating_body": lambda names: names.map(danish_sort_key),
              "status": lambda statuses: statuses.map(_STATUS_ORDER)}
COLUMNS = {"status": "review.col.status", "name": "review.col.name", "villages": "review.col.villages",
           "municipality": "review.col.municipality", "nominating_body": "review.col.body", "completeness": "review.col.complete",
           "material": "review.col.attachments", "submitted_at": "review.col.submitted_at",
           "prechecks": "review.col.precheck", "eligibility_reason": "review.col.eligibility_reason"}


def show(frame: pd.DataFrame, *, key: str) -> pd.DataFrame:
    """Draw the filters, the sort order and the table of ``frame``
    (``prize.services.review.LIST_COLUMNS``); the rows shown, in their order."""
    shown = _sorted(_filtered(frame, key=key), key=key)
    st.markdown(tr("review.count", shown=len(shown), total=len(frame)))
    table.show(_readable(shown), key=f"{key}_table", columns=COLUMNS, formatters={
        "status": table.label("nominationstatus"),
        "submitted_at": lambda value: format_moment(value, locale()) if value is not None else ""})
    return shown


def _filtered(frame: pd.DataFrame, *, key: str) -> pd.DataFrame:
    status, municipality, body, complete = st.columns(4)
    everything = tr("review.filter.all")
    statuses = status.multiselect(tr("review.filter.status"), list(NominationStatus), key=f"{key}_status",
                                  format_func=lambda value: tr(f"labels.nominationstatus.{value.value}"),
                                  placeholder=everything)
    municipalities = municipality.multiselect(tr("review.filter.municipality"), _names(frame["municipality"]),
                                              key=f"{key}_municipality", placeholder=everything)
    bodies = body.multiselect(tr("review.filter.body"), _names(frame["nominating_body"]), key=f"{key}_body",
                              placeholder=everything)
    completeness = complete.selectbox(tr("review.filter.complete"), COMPLETENESS, key=f"{key}_complete",
                                      format_func=lambda choice: tr(f"review.filter.{choice}"),
                                      placeholder=tr("common.choose"))
    keep = pd.Series(True, index=frame.index)
    for column, chosen in (("status", statuses), ("municipality", municipalities), ("nominating_body", bodies)):
        if chosen:
            keep &= frame[column].isin(chosen)
    if completeness != "all":
        keep &= frame["complete"] == (completeness == "only_complete")
    return frame[keep]


def _sorted(frame: pd.DataFrame, *, key: str) -> pd.DataFrame:
    by, order = st.columns([3, 1], vertical_alignment="bottom")
    column = by.selectbox(tr("review.filter.sort"), SORTS, key=f"{key}_sort",
                          format_func=lambda choice: tr(f"review.sort.{choice}"),
                          placeholder=tr("common.choose"))
    descending = order.toggle(tr("review.filter.descending"), key=f"{key}_descending")
    # The frame comes in Danish order of the names; a stable sort keeps it among equals.
    return frame.sort_values(column, key=_SORT_KEYS.get(column), ascending=not descending, kind="stable",
                             na_position="last", ignore_index=True)


def _names(values: pd.Series) -> list[str]:
    return sorted(values.unique(), key=danish_sort_key)


def _readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Plain text for the table's cells (a table shows text as it is, never as Markdown)."""
    here = locale()
    return frame.assign(
        completeness=[t_plain("review.value.missing", here, parts=", ".join(t_plain(part, here) for part in missing))
                      if missing else t_plain("review.value.complete", here) for missing in frame["missing"]],
        material=[t_plain("review.value.attachments", here, count=count, size=format_size(size, here))
                  for count, size in zip(frame["attachments"], frame["attachment_bytes"], strict=True)],
        prechecks=[" ".join(failure.message(here, plain=True) for failure in failures)
                   or t_plain("review.value.precheck_passed", here) for failures in frame["precheck"]])
