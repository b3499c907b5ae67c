"""Resultater: a round's ranking under a chosen method, the spread of the jurors' totals,
the robustness of the cut and the charts. The secretariat sees them at any time, a juror
once the round's results are released."""

import streamlit as st

from prize.errors import NotAllowed, PrizeError
from prize.exports.ranking import RankingCsv
from prize.phases import RoundKind
from prize.ranking import METHODS
from prize.services.results import round_results
from prize.services.years import require_current_year
from ui.components import flash, ranking_charts, results_table
from ui.context import db, locale, show_error, tr
from ui.guard import require_page

actor = require_page("results")

st.title(tr("nav.results"))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("results.year_line", title=year.title, method=tr(f"results.method.{year.ranking_method}"),
              count=year.finalist_count))
rounds = list(RoundKind)
pick, method_pick = st.columns(2)
kind = pick.selectbox(tr("results.round_pick"), rounds, index=rounds.index(year.round_shown or RoundKind.SCREENING),
                      format_func=lambda value: tr(f"labels.roundkind.{value.value}"), key="results_round",
                      placeholder=tr("results.round_placeholder"))
method = method_pick.selectbox(tr("results.method_pick"), METHODS, index=METHODS.index(year.ranking_method),
                               format_func=lambda value: tr(f"results.method.{value}"), key="results_method",
                               placeholder=tr("results.method_placeholder"), help=tr("results.method_help"))
if kind is None or method is None:
    st.stop()
round_name = tr(f"labels.roundkind.{kind.value}")
try:
    with db() as session:
        results = round_results(session, actor=actor, year=year, kind=kind, method=method, locale=locale())
        download = RankingCsv(year=year, kind=kind, method=method, locale=locale()).export(session, actor=actor)
except NotAllowed:
    st.info(tr("results.hidden", round=round_name), icon=":material/lock:")
    st.stop()
except PrizeError as error:
    show_error(error)
    st.stop()

if not results.opened:
    st.info(tr("results.no_round", round=round_name), icon=":material/schedule:")
    st.stop()
if results.empty:
    st.info(tr("results.no_scores", round=round_name), icon=":material/info:")
    st.stop()

st.header(tr("results.table_heading"))
results_table.show(results, key="results_table")
st.download_button(tr("ranking.csv.title"), data=download.content, file_name=download.filename,
                   mime=download.media_type, key="results_csv", on_click="ignore")
st.header(tr("results.robustness_heading"))
for line in results.report:
    st.markdown(line)
st.header(tr("results.charts_heading"))
ranking_charts.show(results, key="results_charts")
