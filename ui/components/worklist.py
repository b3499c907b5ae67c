"""A juror's round at a glance: the deadline, their progress and the table of
their candidates, the state first, each name a link that opens the candidate.

The link is the page's own address with ``?kandidat=ID``: the page reads it on
load and keeps it in step with the candidate open, so a reload or a bookmark
reopens the same candidate. The address is the visitor's input: an ID that is
not in the juror's worklist is ignored."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import streamlit as st

from prize.i18n import format_moment
from prize.services.scoring import Worklist
from prize.text import Markup, escape_markdown
from ui.components import table
from ui.components.deadline import time_left
from ui.context import locale, tr


def show(worklist: Worklist, *, key: str) -> None:
    if worklist.deadline is not None and worklist.is_open:
        passed = worklist.deadline <= datetime.now(UTC)
        st.info(tr("scoring.overview.deadline_passed" if passed else "scoring.overview.deadline",
                   deadline=format_moment(worklist.deadline, locale()), left=time_left(worklist.deadline)),
                icon=":material/schedule:")
    if not worklist.is_open:
        st.warning(tr("scoring.closed"), icon=":material/lock:")
    total = len(worklist.candidates)
    st.progress(worklist.done / total if total else 0.0,
                text=tr("scoring.overview.progress", done=worklist.done, total=total))
    st.caption(tr("scoring.overview.conflicts_count", conflicts=worklist.conflicts))
    frame = worklist.candidates.assign(state=worklist.states())
    frame["progress"] = [f"{scored}/{worklist.criteria_count}" for scored in frame["scored"]]
    # Only an HTML table draws Markdown links; the canvas grid of a longer list would show their source.
    linked = total <= table.HTML_TABLE_MAX_ROWS
    frame["link"] = [candidate_link(int(row.id), row.name) if linked else row.name for row in frame.itertuples()]
    table.show(frame, key=key, columns={
        "state": "scoring.col.state", "link": "scoring.col.name", "municipality": "scoring.col.municipality",
        "kind": "scoring.col.kind", "progress": "scoring.col.progress",
        "submitted_at": "scoring.col.submitted_at"},
        formatters={"kind": table.label("candidatekind"), "state": table.label("sheetstate"),
                    "submitted_at": lambda value: format_moment(value, locale()) if value is not None else "-"})
    if linked:  # Streamlit opens every Markdown link but a "#" anchor in a new tab: say so (WCAG G201)
        st.caption(tr("scoring.overview.link_hint"))
    st.caption(tr("scoring.privacy"))


CANDIDATE_PARAMETER = "kandidat"
_ID = re.compile(r"[0-9]{1,18}")


def candidate_link(nomination_id: int, name: str) -> Markup:
    """The candidate's name as a Markdown link to this page with the candidate open;
    the name is stored text, escaped."""
    return Markup(f"[{escape_markdown(name)}](?{CANDIDATE_PARAMETER}={nomination_id})")


def asked_candidate(worklist: Worklist) -> int | None:
    """The candidate the address asks for, if it is one of the juror's worklist; else None."""
    asked = st.query_params.get(CANDIDATE_PARAMETER, "")
    if not _ID.fullmatch(asked) or int(asked) not in set(worklist.candidates["id"].astype(int)):
        return None
    return int(asked)


def keep_in_address(nomination_id: int | None) -> None:
    """The address names the open candidate (none: no parameter)."""
    if nomination_id is None:
        st.query_params.pop(CANDIDATE_PARAMETER, None)
    elif st.query_params.get(CANDIDATE_PARAMETER) != str(nomination_id):
        st.query_params[CANDIDATE_PARAMETER] = str(nomination_id)
