"""One candidate as a juror scores it: the texts, the conflict declaration and the
material beside the score sheet, and the others' scores and comments once the juror may see them."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.scoring import OthersScores, candidate_profile, visible_others_scores
from ui.components import candidate_profile as profile_view
from ui.components import conflict_form, finalist_videos, heading, material, score_sheet
from ui.context import db, plain, plain_block, show_error, tr

OTHERS_HEADINGS = {"juror": "scoring.others_col.juror", "criterion": "scoring.others_col.criterion",
                   "value": "scoring.others_col.value", "comment": "scoring.others_col.comment"}


def show(*, actor: Actor, round_id: int, nomination_id: int, key: str) -> None:
    try:
        with db() as session:
            profile = candidate_profile(session, actor=actor, round_id=round_id, nomination_id=nomination_id)
            others = visible_others_scores(session, actor=actor, round_id=round_id, nomination_id=nomination_id)
    except PrizeError as error:
        show_error(error)
        return
    texts, sheet = st.columns([3, 2], gap="large")
    with texts:
        profile_view.show(profile, key=f"{key}_profile_{nomination_id}")
        conflict_form.show(actor=actor, nomination_id=nomination_id, key=f"{key}_conflict_{nomination_id}")
        st.subheader(tr("scoring.candidate.material"))
        material.show(actor=actor, nomination_id=nomination_id, key=f"{key}_material_{nomination_id}")
        finalist_videos.show(actor=actor, nomination_id=nomination_id, key=f"{key}_videos_{nomination_id}")
    with sheet:
        # tests/e2e/test_scoring.py finds the criteria by this key.
        score_sheet.show(actor=actor, round_id=round_id, nomination_id=nomination_id, key=f"sheet_{nomination_id}")
        if others is not None:
            _others(others, key=f"{key}_others_{nomination_id}")


def _others(others: OthersScores, *, key: str) -> None:
    """The others' submitted sheets: their scores with the criterion comments, then each
    one's overall comment (stored text: escaped, its line breaks kept)."""
    st.subheader(tr("scoring.candidate.others"))
    if others.scores.empty:
        st.caption(tr("scoring.candidate.others_none"))
    else:
        # The canvas grid scrolls sideways; an HTML table in this narrow column would cut off the comments.
        st.dataframe(others.scores[list(OTHERS_HEADINGS)].rename(
            columns={column: tr(label) for column, label in OTHERS_HEADINGS.items()}), hide_index=True, key=key)
    if not others.comments.empty:
        heading.show(tr("scoring.candidate.others_comments"))
    for row in others.comments.itertuples():
        heading.label(plain(row.juror))
        st.markdown(plain_block(row.comment))
