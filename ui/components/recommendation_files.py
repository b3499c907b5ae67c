"""The recommendation to the council as three downloads: the Word document, its PDF copy
and the scores in Excel, below the year's choices for them. Each file is written when its
button is pressed, from the data as it is then, and named by the moment the buttons were
drawn; the organisation's name and logo come from the settings."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import streamlit as st

from prize.actor import Actor
from prize.exports import Exporter, exporter_for
from prize.exports.council.model import Organisation
from prize.permissions import Action, can
from prize.services.years import YearInfo
from ui.components import council_options
from ui.context import db, locale, settings, tr

FORMATS = (("docx", ":material/description:"), ("pdf", ":material/picture_as_pdf:"),
           ("xlsx", ":material/table_chart:"))


def show(*, actor: Actor, year: YearInfo, key: str) -> None:
    if not can(actor, Action.EXPORT_RECOMMENDATION, phase=year.phase):
        return
    st.header(tr("council.button.heading"))
    council_options.show(actor=actor, year=year, key=f"{key}_options")
    now = datetime.now(UTC)
    organisation = Organisation.of(settings())
    for column, (kind, icon) in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        exporter = exporter_for(f"recommendation-{kind}")(year=year, locale=locale(), organisation=organisation)
        column.download_button(tr(f"council.button.{kind}"), data=partial(_content, exporter, actor, now),
                               file_name=exporter.filename(now=now), mime=exporter.media_type, on_click="ignore",
                               icon=icon, key=f"{key}_{kind}")


def _content(exporter: Exporter, actor: Actor, now: datetime) -> bytes:
    """Made at the click: the rule book is asked again then."""
    with db() as session:
        return exporter.export(session, actor=actor, now=now).content
