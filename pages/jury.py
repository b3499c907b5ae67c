"""Juryens arbejde: the secretariat follows the round the year shows, controls it and
reminds the jurors who are behind."""

import streamlit as st

from prize.exports.progress import ProgressCsv
from prize.i18n import format_moment
from prize.services.progress import reminders, round_progress
from prize.services.rounds import round_status
from ui.components import conflicts_table, flash, progress_matrix, round_controls, round_preamble
from ui.components import reminders as reminder_list
from ui.context import locale, tr
from ui.guard import require_page

actor = require_page("jury")

st.title(tr("nav.jury"))
flash.show()


def _read(session, year):
    matrix = round_progress(session, actor=actor, year=year)
    download = ProgressCsv(year=year, kind=matrix.round_kind).export(session, actor=actor) \
        if matrix.round_kind else None
    return round_status(session, actor=actor, year=year), matrix, download


year, (status, matrix, download) = round_preamble.load(_read)
round_preamble.show(year=year, kind=status.kind, deadline=matrix.deadline, area="jury")
when = {name: format_moment(getattr(status, name), locale()) for name in ("opened_at", "closed_at", "released_at")}
state = "open" if status.is_open else ("closed" if status.closed_at else "not_opened")
st.markdown(tr(f"jury.status.{state}", opened=when["opened_at"], closed=when["closed_at"]))
st.markdown(tr("jury.status.released", released=when["released_at"]) if status.released_at
            else tr(f"jury.status.hidden.{status.independence.value}"))

needed, missing = matrix.sheets_needed, matrix.sheets_missing
columns = st.columns(3)
columns[0].metric(tr("jury.metric.submitted"), tr("jury.metric.of", done=needed - missing, total=needed))
columns[1].metric(tr("jury.metric.jurors_done"), tr("jury.metric.of", done=matrix.jurors_done,
                                                   total=matrix.juror_count))
columns[2].metric(tr("jury.metric.missing"), missing)

round_controls.show(actor=actor, year_id=year.id, status=status, key="round_controls")
st.header(tr("jury.progress_heading"))
progress_matrix.show(matrix, key="progress")
if download is not None:
    st.download_button(tr("progress.csv.title"), data=download.content, file_name=download.filename,
                       mime=download.media_type, key="progress_csv", on_click="ignore")
reminder_list.show(reminders(matrix), actor=actor, year=year, key="reminders")

conflicts_table.show(actor=actor, year_id=year.id, key="conflicts")
