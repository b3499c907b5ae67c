"""A candidate's texts as a juror reads them: every stored text shown literally,
links only when they are http or https addresses."""

from __future__ import annotations

import streamlit as st

from prize.services.scoring import CandidateProfile
from ui.components import heading
from ui.components.nomination_review import web_link
from ui.context import locale, plain, plain_block, tr


def show(profile: CandidateProfile, *, key: str) -> None:
    with st.container(key=key):
        st.header(plain(profile.name))
        st.markdown(tr("scoring.candidate.facts", kind=tr(f"labels.candidatekind.{profile.kind.value}"),
                       municipality=profile.municipality, villages=", ".join(profile.villages)))
        st.subheader(tr("scoring.candidate.summary"))
        st.markdown(plain_block(profile.summary) if profile.summary.strip() else tr("scoring.candidate.no_text"))
        st.subheader(tr("scoring.candidate.answers"))
        for question, text in profile.answers:
            heading.label(tr(f"questions.{question.value}.title"))
            st.markdown(plain_block(text) if text.strip() else tr("scoring.candidate.no_text"))
        goals = ", ".join(f"{number} {name_da if locale() == 'da' else name_en}"
                          for number, name_da, name_en in profile.goals)
        st.markdown(tr("scoring.candidate.goals", goals=goals) if goals else tr("scoring.candidate.no_goals"))
        links = [tr(f"scoring.candidate.{name}", link=web_link(url))
                 for name, url in (("website", profile.website_url), ("video", profile.video_url)) if url]
        if links:
            st.subheader(tr("scoring.candidate.links"))
            st.markdown("  \n".join(links))
