"""One nomination as the secretariat checks it: every text shown literally, the
answers to the guiding questions, goals, links, material and the pre-checks."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import streamlit as st

from prize.eligibility import Check
from prize.i18n import format_moment, format_size
from prize.services.review import NominationReview
from prize.text import Markup
from ui.components import heading
from ui.context import locale, plain, plain_block, tr

WEB_SCHEMES = frozenset({"http", "https"})
# Characters a link target may keep; the rest (spaces, brackets, quotes) are percent-encoded.
_URL_SAFE = ":/?#@!$&*+,;=%-._~"


def show(review: NominationReview, *, key: str) -> None:
    with st.container(key=key):
        st.subheader(plain(review.name))
        st.markdown(tr("review.detail.facts", kind=tr(f"labels.candidatekind.{review.kind.value}"),
                       municipality=review.municipality, body=review.nominating_body,
                       status=tr(f"labels.nominationstatus.{review.status.value}")))
        st.markdown(tr("review.detail.villages", villages=", ".join(review.villages)))
        st.markdown(tr("review.detail.contact", name=review.contact_name or "-", email=review.contact_email or "-",
                       phone=review.contact_phone or "-"))
        st.caption(_when(review))
        _prechecks(review)
        _texts(review)
        _links_and_material(review)


def _when(review: NominationReview) -> str:
    """When it was submitted and last changed, and until when it may change."""
    parts = [tr("review.detail.submitted", submitted=format_moment(review.submitted_at, locale()))
             if review.submitted_at else tr("review.detail.not_submitted")]
    if review.updated_at:
        parts.append(tr("review.detail.updated", updated=format_moment(review.updated_at, locale())))
    if not review.open_for_edits:
        parts.append(tr("review.detail.closed"))
    elif review.closes_at is None:
        parts.append(tr("review.detail.open"))
    else:
        parts.append(tr("review.detail.closes", until=format_moment(review.closes_at, locale())))
    return " · ".join(parts)


def _prechecks(review: NominationReview) -> None:
    heading.show(tr("review.detail.prechecks"))
    failed = {failure.check: failure for failure in review.failures}
    lines = [tr("review.detail.check_failed", reason=Markup(failed[check].message(locale()))) if check in failed
             else tr("review.detail.check_passed", check=tr(f"eligibility.check.{check.value}")) for check in Check]
    (st.warning if failed else st.success)("  \n".join(lines))
    if review.reopened_until is not None:
        st.info(tr("review.detail.reopened", until=format_moment(review.reopened_until, locale()),
                   reason=review.reopen_reason), icon=":material/lock_open:")


def _texts(review: NominationReview) -> None:
    heading.show(tr("review.detail.summary"))
    st.markdown(plain_block(review.summary) if review.summary else tr("review.detail.no_text"))
    heading.show(tr("review.detail.answers"))
    for question, text in review.answers:
        heading.label(tr(f"questions.{question.value}.title"))
        st.caption(tr(f"questions.{question.value}.question"))
        st.markdown(plain_block(text) if text.strip() else tr("review.detail.no_text"))
    goals = ", ".join(f"{number} {name_da if locale() == 'da' else name_en}"
                      for number, name_da, name_en in review.goals)
    st.markdown(tr("review.detail.goals", goals=goals) if goals else tr("review.detail.no_goals"))


def _links_and_material(review: NominationReview) -> None:
    heading.show(tr("review.detail.links"))
    for name, url in (("website", review.website_url), ("video", review.video_url)):
        if url:
            st.markdown(tr(f"review.detail.{name}", link=web_link(url)))
    heading.show(tr("review.detail.attachments"))
    lines = [tr("review.detail.attachment", name=line.filename, kind=line.content_type,
                size=format_size(line.size_bytes, locale())) for line in review.attachments]
    st.markdown("\n".join(f"- {line}" for line in lines) if lines else tr("review.detail.no_attachments"))


def web_link(url: str) -> Markup:
    """``url`` as a Markdown link when it is an http or https address, else as plain
    text that says it is not one. The shown text is escaped; the target is
    percent-encoded, so it cannot close the link or start another."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return tr("review.detail.not_a_web_link", url=url)
    return Markup(f"[{plain(url)}]({quote(url, safe=_URL_SAFE)})")
