"""The proposed shortlist: the candidates above the cut and any tie at it, all named."""

from __future__ import annotations

import streamlit as st
from babel.numbers import format_decimal

from prize.services.shortlist import Proposal
from ui.components.table import literal
from ui.context import locale, tr

_HEADINGS = {"position": "shortlist.col.position", "candidate": "shortlist.col.candidate",
             "rank": "shortlist.col.rank", "score": "shortlist.col.score", "tied": "shortlist.col.tied"}


def show(proposal: Proposal, *, key: str) -> None:
    with st.container(key=key):
        st.header(tr("shortlist.proposal_heading"))
        st.markdown(tr("shortlist.proposal_line", count=proposal.seats,
                       method=tr(f"results.method.{proposal.method}")))
        shown = proposal.rows.assign(
            score=proposal.rows["score"].map(lambda value: format_decimal(value, format="0.00", locale=locale())),
            tied=proposal.rows["tied"].map(lambda tied: tr("common.yes" if tied else "common.no")))
        shown = shown[list(_HEADINGS)].rename(columns={column: tr(key) for column, key in _HEADINGS.items()})
        st.table(literal(shown.set_index(tr("shortlist.col.position"))))
        if proposal.tied:
            st.warning(tr("shortlist.tie", names=", ".join(proposal.names(proposal.tied)),
                          rank=proposal.tie_rank, seats=proposal.open_seats), icon=":material/balance:")
