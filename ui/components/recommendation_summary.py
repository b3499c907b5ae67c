"""The year's recommendation as it stands: draft or approved (by whom, when), the
recommended finalist, the rationale and the jury's word on the other finalists."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from prize.i18n import format_moment
from prize.services.recommendation import RecommendationInfo
from ui.components.table import literal
from ui.context import locale, plain, plain_block, tr


def show(recommendation: RecommendationInfo, *, names: Mapping[int, str], key: str) -> None:
    with st.container(key=key, border=True):
        if recommendation.approved:
            st.markdown(tr("recommendation.status_approved", at=format_moment(recommendation.approved_at, locale()),
                           by=recommendation.approved_by))
        else:
            st.markdown(tr("recommendation.status_draft", at=format_moment(recommendation.drafted_at, locale()),
                           by=recommendation.drafted_by))
        st.markdown(tr("recommendation.recommended", name=recommendation.candidate))
        st.header(tr("recommendation.rationale_heading"))
        st.markdown(plain_block(recommendation.rationale))
        if recommendation.remarks:
            st.header(tr("recommendation.remarks_heading"))
            candidate, remark = tr("recommendation.col.candidate"), tr("recommendation.col.remark")
            st.table(literal(pd.DataFrame({
                candidate: [plain(names.get(each, each)) for each in recommendation.remarks],
                remark: [plain(text) for text in recommendation.remarks.values()]}).set_index(candidate)))
