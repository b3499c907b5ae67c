"""Indstillinger: the secretariat checks the year's nominations, marks each eligible
or ineligible and reopens one after its deadline."""

from datetime import UTC, datetime

import streamlit as st

from prize.errors import PrizeError
from prize.exports.nominations import NominationsCsv
from prize.i18n import format_moment
from prize.phases import Phase
from prize.services.review import nomination_review, nominations_review
from prize.services.years import require_current_year
from ui.components import candidate_history, flash, material, review_actions, review_list
from ui.components import nomination_review as review_detail
from ui.context import db, locale, settings, show_error, tr
from ui.guard import require_page
from ui.registry import PAGES_BY_KEY

actor = require_page("nominations")
quarantine_years = settings().winner_quarantine_years

st.title(tr("review.title"))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
        frame = nominations_review(session, actor=actor, year_id=year.id, quarantine_years=quarantine_years)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("review.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}"),
              deadline=format_moment(year.nomination_deadline, locale())))
if year.phase == Phase.NOMINATIONS_OPEN:
    overview = PAGES_BY_KEY["overview"]
    st.page_link(overview.path, label=tr("review.close_link"), icon=":material/lock:")
if frame.empty:
    st.info(tr("review.none"), icon=":material/info:")
    st.stop()

shown = review_list.show(frame, key="review_list")
exporter = NominationsCsv(year=year, locale=locale(), quarantine_years=quarantine_years)
# The file is written when the button is pressed, from the rows shown now.
st.download_button(tr("review.download"), data=lambda: exporter.export_rows(shown, actor=actor).content,
                   file_name=exporter.filename(now=datetime.now(UTC)), mime=exporter.media_type,
                   on_click="ignore", icon=":material/download:", key="review_download")

st.header(tr("review.detail_heading"))
names = dict(zip(shown["id"].tolist(), shown["name"].tolist(), strict=True))
chosen = st.selectbox(tr("review.choose"), list(names), format_func=lambda nomination_id: names.get(nomination_id, ""),
                      index=None, key="review_choose", placeholder=tr("review.choose_placeholder"))
if chosen not in names:
    st.stop()
try:
    with db() as session:
        review = nomination_review(session, actor=actor, nomination_id=int(chosen),
                                   quarantine_years=quarantine_years)
except PrizeError as error:
    show_error(error)
    st.stop()

review_detail.show(review, key="review_detail")
material.show(actor=actor, nomination_id=review.id, key="review_material")
review_actions.show(actor, review, key="review_actions")
candidate_history.show(actor, nomination_id=review.id, key="review_history")
