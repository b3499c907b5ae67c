"""A round's results as charts: the spread of the jurors' totals, a radar of criterion
means for the candidates the reader picks, and (when allowed) the juror x candidate heatmap."""

from __future__ import annotations

import streamlit as st

from prize.charts.ranking import criterion_radar, score_spread, totals_heatmap
from prize.services.results import RoundResults
from ui.context import locale, tr

RADAR_DEFAULT = 3


def show(results: RoundResults, *, key: str) -> None:
    st.plotly_chart(score_spread(results.table, locale=locale()), key=f"{key}_spread", width="stretch")
    candidates = list(results.table["candidate"])
    chosen = st.multiselect(tr("results.radar_pick"), candidates, default=candidates[:RADAR_DEFAULT],
                            key=f"{key}_radar_pick", placeholder=tr("results.radar_placeholder"))
    if chosen:
        st.plotly_chart(criterion_radar(results.criterion_means, chosen, locale=locale()), key=f"{key}_radar",
                        width="stretch")
    if results.totals is None:
        st.info(tr("results.heatmap_hidden"), icon=":material/lock:")
    else:
        st.plotly_chart(totals_heatmap(results.totals, locale=locale()), key=f"{key}_heatmap", width="stretch")
