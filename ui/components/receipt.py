"""A submitted nomination's receipt: the PDF to download (made when it is asked
for, so it shows the nomination as it is then) and the same receipt on the page,
for printing from the browser."""

from __future__ import annotations

from functools import partial

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.exports.receipt import NominationReceipt, material_lines, receipt_rows
from prize.services.receipts import Receipt, receipt_for
from ui.components import heading
from ui.context import db, locale, plain, plain_block, show_error, tr


def show(*, actor: Actor, nomination_id: int, key: str) -> None:
    try:
        with db() as session:
            receipt = receipt_for(session, actor=actor, nomination_id=nomination_id)
    except PrizeError as error:
        show_error(error)
        return
    exporter = NominationReceipt(receipt=receipt, locale=locale())
    st.download_button(tr("form.receipt_view.download"), data=partial(_pdf, actor, nomination_id, locale()),
                       file_name=exporter.filename(now=receipt.submitted_at), mime=exporter.media_type,
                       key=f"{key}_download", icon=":material/download:")
    if st.toggle(tr("form.receipt_view.show"), key=f"{key}_printable"):
        _printable(receipt, key=key)


def _pdf(actor: Actor, nomination_id: int, language: str) -> bytes:
    """Made at the click: the rule book is asked again then."""
    with db() as session:
        receipt = receipt_for(session, actor=actor, nomination_id=nomination_id)
        return NominationReceipt(receipt=receipt, locale=language).export(session, actor=actor).content


def _printable(receipt: Receipt, *, key: str) -> None:
    with st.container(border=True, key=f"{key}_page"):
        st.caption(plain(receipt.year.title))
        st.markdown(tr("form.receipt.heading"))
        for label, value in receipt_rows(receipt, locale()):
            st.markdown(tr("form.receipt.row", label=label, value=value))
        heading.label(tr("fields.summary"))
        st.markdown(plain_block(receipt.summary))
        heading.label(tr("form.receipt.material"))
        st.markdown("\n".join(f"- {plain(line)}" for line in material_lines(receipt, locale())))
        st.caption(tr("form.receipt.note"))
