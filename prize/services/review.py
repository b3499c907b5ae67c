"""The secretariat checks the year's nominations: the list with completeness and
the eligibility pre-checks, one nomination in full, marking it eligible or
ineligible with a reason, and reopening one nomination after its deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.completeness import NominationContent, missing_parts, unanswered_questions
from prize.deadlines import DANISH_TIME
from prize.eligibility import EligibilityFacts, Failure, PastWinner, failed_checks, quarantine_years_of
from prize.errors import InvalidInput, NotFound
from prize.models import CandidateKind, Nomination, PrizeYear
from prize.models.base import utcnow
from prize.models.nomination import REASON_MAX
from prize.permissions import Action, can, require
from prize.phases import NOMINATION_MOVES, NominationStatus, Phase
from prize.queries import review as review_queries
from prize.queries.nominations import sort_by_name
from prize.questions import GUIDING_QUESTIONS, GuidingQuestion
from prize.services.audit import record_change
from prize.services.reach import closing_moment, require_on_nomination, target_of
from prize.services.reference import region_municipality_codes
from prize.validation import clean_text

LIST_COLUMNS = ["id", "name", "villages", "kind", "municipality", "nominating_body", "contact_name", "status",
                "complete", "missing", "unanswered", "attachments", "attachment_bytes", "submitted_at",
                "eligibility_reason", "precheck", "reopened_until"]
# The two marks the secretariat gives after checking a nomination.
MARKS = (NominationStatus.ELIGIBLE, NominationStatus.INELIGIBLE)
# Stands for a written answer where only whether a question is answered matters.
_ANSWERED = "\N{CHECK MARK}"


def eligibility_marks(status: NominationStatus) -> tuple[NominationStatus, ...]:
    """The marks a nomination in ``status`` may be given (``prize.phases.NOMINATION_MOVES``)."""
    return tuple(mark for mark in MARKS if mark in NOMINATION_MOVES[NominationStatus(status)])


# --- The list -------------------------------------------------------------------------------

def nominations_review(session: Session, *, actor: Actor, year_id: int, quarantine_years: int) -> pd.DataFrame:
    """Every nomination of the year, one row each (``LIST_COLUMNS``), in Danish
    order of the candidate's name: who, where, status, completeness, attachments
    and the failed pre-checks (a tuple of ``Failure``). The secretariat's alone."""
    require(actor, Action.VIEW_ALL_NOMINATIONS, phase=None)
    return review_frame(session, year_id=year_id, quarantine_years=quarantine_years)


def review_frame(session: Session, *, year_id: int, quarantine_years: int) -> pd.DataFrame:
    """``nominations_review`` without the permission check, for an exporter that has checked it."""
    year = session.get(PrizeYear, year_id)
    if year is None:
        raise NotFound()
    checks = _PreChecks.of(session, year=year, quarantine_years=quarantine_years)
    villages = review_queries.villages_of_year(session, year_id=year_id)
    answered = review_queries.answered_questions(session, year_id=year_id)
    records = [_list_row(row, villages=villages.get(row.id, ()), answered=answered.get(row.id, frozenset()),
                         checks=checks)
               for row in review_queries.review_rows(session, year_id=year_id).itertuples(index=False)]
    return sort_by_name(pd.DataFrame(records, columns=LIST_COLUMNS))


def _list_row(row, *, villages: tuple[str, ...], answered: frozenset[str], checks: _PreChecks) -> dict:
    """One row of the list from one row of ``review_queries.review_rows``."""
    content = NominationContent(
        name=row.name, villages=villages, municipality_id=row.municipality_id, contact_name=row.contact_name,
        contact_email=row.contact_email, summary=row.summary, answers=dict.fromkeys(answered, _ANSWERED),
        video_url=row.video_url, attachment_count=int(row.attachments))
    missing = tuple(missing_parts(content))
    failures = checks.failed(EligibilityFacts(
        name=row.name, villages=villages, municipality=row.municipality,
        municipality_code=int(row.municipality_code), missing_parts=missing, body=row.nominating_body,
        body_nominations=checks.body_nominations(row.nominating_body_id), body_limit=int(row.body_limit)))
    return {"id": int(row.id), "name": row.name, "villages": ", ".join(villages), "kind": row.kind,
            "municipality": row.municipality, "nominating_body": row.nominating_body,
            "contact_name": row.contact_name, "status": NominationStatus(row.status), "complete": not missing,
            "missing": missing, "unanswered": tuple(unanswered_questions(content)),
            "attachments": int(row.attachments), "attachment_bytes": int(row.attachment_bytes),
            "submitted_at": row.submitted_at, "eligibility_reason": row.eligibility_reason, "precheck": failures,
            "reopened_until": row.reopened_until}


@dataclass(frozen=True)
class _PreChecks:
    """What the pre-checks need to know about the year beyond one nomination: the
    earlier winners within the quarantine and each body's number of nominations."""

    year: int
    quarantine_years: int
    winners: tuple[PastWinner, ...]
    body_counts: dict[int, int]

    @classmethod
    def of(cls, session: Session, *, year: PrizeYear, quarantine_years: int) -> _PreChecks:
        winners = review_queries.past_winners(session, years=quarantine_years_of(year.year, quarantine_years))
        return cls(year=year.year, quarantine_years=quarantine_years, winners=tuple(winners),
                   body_counts=review_queries.body_nomination_counts(session, year_id=year.id))

    def body_nominations(self, body_id: int) -> int:
        return self.body_counts.get(body_id, 0)

    def failed(self, facts: EligibilityFacts) -> tuple[Failure, ...]:
        return failed_checks(facts, year=self.year, quarantine_years=self.quarantine_years,
                             region=region_municipality_codes(), winners=self.winners)


# --- One nomination -------------------------------------------------------------------------

@dataclass(frozen=True)
class AttachmentLine:
    filename: str
    content_type: str
    size_bytes: int


@dataclass(frozen=True)
class NominationReview:
    """One nomination as the secretariat checks it: plain values for the page.
    ``answers`` holds every guiding question in form order ("" when unanswered);
    ``goals`` the goals as (number, Danish name, English name); ``open_for_edits``
    whether its nominator may change it now, until ``closes_at`` (None: no
    deadline applies); ``marks`` the marks it may be given now and
    ``may_reopen`` whether it may be reopened now."""

    id: int
    name: str
    kind: CandidateKind
    villages: tuple[str, ...]
    municipality: str
    nominating_body: str
    contact_name: str
    contact_email: str
    contact_phone: str
    summary: str
    answers: tuple[tuple[GuidingQuestion, str], ...]
    goals: tuple[tuple[int, str, str], ...]
    website_url: str
    video_url: str
    status: NominationStatus
    phase: Phase
    submitted_at: datetime | None
    updated_at: datetime | None
    eligibility_reason: str
    reopened_until: datetime | None
    reopen_reason: str
    open_for_edits: bool
    closes_at: datetime | None
    attachments: tuple[AttachmentLine, ...]
    missing: tuple[str, ...]
    failures: tuple[Failure, ...]
    marks: tuple[NominationStatus, ...]
    may_reopen: bool


def nomination_review(session: Session, *, actor: Actor, nomination_id: int,
                      quarantine_years: int, now: datetime | None = None) -> NominationReview:
    """Nomination ``nomination_id`` in full, with its pre-checks, for the secretariat."""
    require(actor, Action.VIEW_ALL_NOMINATIONS, phase=None)
    now = now or utcnow()
    reach = require_on_nomination(session, actor=actor, action=Action.VIEW_NOMINATION,
                                  nomination_id=nomination_id, now=now)
    nomination = review_queries.nomination_for_review(session, nomination_id)
    attachments = tuple(AttachmentLine(*line) for line in review_queries.attachments_of(session, nomination_id))
    answers = {answer.question: answer.text for answer in nomination.answers}
    villages = tuple(village.name for village in nomination.villages)
    missing = tuple(missing_parts(NominationContent(
        name=nomination.name, villages=villages, municipality_id=nomination.municipality_id,
        contact_name=nomination.contact_name, contact_email=nomination.contact_email, summary=nomination.summary,
        answers=answers, video_url=nomination.video_url, attachment_count=len(attachments))))
    checks = _PreChecks.of(session, year=session.get(PrizeYear, nomination.year_id),
                           quarantine_years=quarantine_years)
    failures = checks.failed(EligibilityFacts(
        name=nomination.name, villages=villages, municipality=nomination.municipality.name,
        municipality_code=nomination.municipality.code, missing_parts=missing,
        body=nomination.nominating_body.name, body_nominations=checks.body_nominations(nomination.nominating_body_id),
        body_limit=nomination.nominating_body.nomination_limit))
    target = target_of(reach, now=now)
    return NominationReview(
        id=nomination.id, name=nomination.name, kind=CandidateKind(nomination.kind), villages=villages,
        municipality=nomination.municipality.name, nominating_body=nomination.nominating_body.name,
        contact_name=nomination.contact_name, contact_email=nomination.contact_email,
        contact_phone=nomination.contact_phone, summary=nomination.summary,
        answers=tuple((question, answers.get(question.value, "")) for question in GUIDING_QUESTIONS),
        goals=tuple((goal.number, goal.name_da, goal.name_en) for goal in nomination.sdgs),
        website_url=nomination.website_url, video_url=nomination.video_url, status=reach.status,
        phase=reach.phase, submitted_at=nomination.submitted_at, updated_at=nomination.updated_at,
        eligibility_reason=nomination.eligibility_reason, reopened_until=nomination.reopened_until,
        reopen_reason=nomination.reopen_reason, open_for_edits=target.open_for_edits,
        closes_at=closing_moment(reach), attachments=attachments, missing=missing, failures=failures,
        marks=eligibility_marks(reach.status) if can(actor, Action.MARK_ELIGIBILITY, phase=reach.phase,
                                                     target=target) else (),
        may_reopen=reach.status != NominationStatus.WITHDRAWN and can(
            actor, Action.REOPEN_NOMINATION, phase=reach.phase, target=target))


# --- Changes --------------------------------------------------------------------------------

def mark_eligibility(session: Session, *, actor: Actor, nomination_id: int, eligible: bool,
                     reason: str) -> NominationStatus:
    """Mark the nomination eligible or ineligible with the secretariat's written
    reason; audited with the old and new status and the reason. A submitted
    nomination may get either mark, a marked one the other; a draft or a
    withdrawn one neither. A failed pre-check does not stop the mark: the
    reason says why."""
    reach = require_on_nomination(session, actor=actor, action=Action.MARK_ELIGIBILITY,
                                  nomination_id=nomination_id, lock=True)
    mark = NominationStatus.ELIGIBLE if eligible else NominationStatus.INELIGIBLE
    if mark not in eligibility_marks(reach.status):
        key = "review.errors.draft_not_marked" if reach.status == NominationStatus.DRAFT else "review.errors.not_marked"
        raise InvalidInput(key, status=reach.status, mark=mark)
    reason = clean_text(reason, field="fields.reason", max_length=REASON_MAX, required=True, multiline=True)
    nomination = session.get(Nomination, nomination_id)
    old = {"status": reach.status.value, "reason": nomination.eligibility_reason}
    nomination.status, nomination.eligibility_reason = mark, reason
    record_change(session, actor=actor, action="nomination.eligibility_marked", entity="nomination",
                  entity_id=nomination_id, old=old, new={"status": mark.value, "reason": reason})
    session.flush()
    return mark


def reopen_nomination(session: Session, *, actor: Actor, nomination_id: int, until: datetime, reason: str,
                      now: datetime | None = None) -> datetime:
    """Let the nomination take changes again until ``until`` (a moment in the
    future; a naive one is read as Danish time), with the secretariat's reason;
    audited. Its status stays: a submitted nomination stays submitted, and the
    form audits each change made to it."""
    now = now or utcnow()
    reach = require_on_nomination(session, actor=actor, action=Action.REOPEN_NOMINATION,
                                  nomination_id=nomination_id, now=now, lock=True)
    if reach.status == NominationStatus.WITHDRAWN:
        raise InvalidInput("review.errors.withdrawn_not_reopened")
    until = until if until.tzinfo is not None else until.replace(tzinfo=DANISH_TIME)
    if until <= now:
        raise InvalidInput("review.errors.reopen_in_the_past", until=until)
    reason = clean_text(reason, field="fields.reason", max_length=REASON_MAX, required=True, multiline=True)
    nomination = session.get(Nomination, nomination_id)
    old = {"reopened_until": nomination.reopened_until, "reason": nomination.reopen_reason}
    nomination.reopened_until, nomination.reopen_reason = until, reason
    record_change(session, actor=actor, action="nomination.reopened", entity="nomination",
                  entity_id=nomination_id, old=old, new={"reopened_until": until, "reason": reason})
    session.flush()
    return until
